/// Text from outside — file names, answers, messages quoting them — made safe to print on a
/// terminal. A submission can carry `ESC[2J` (clear the screen), `ESC]0;…BEL` (retitle the
/// window), a lone carriage return (`&#13;`, overwrite the line), the 8-bit CSI U+009B, or a
/// bidi override U+202E that makes `gpj.exe` read as `exe.jpg`; printed raw they act instead of
/// showing. Here each such character is shown by its code, `\u{1B}`, `\u{9B}`, `\u{202E}`.
/// Only output is escaped; the store, the CSV and JSON files keep the text exactly.
public enum TerminalText {
    /// `text` with every control character (C0 but tab, DEL, C1) and every bidi control
    /// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) as `\u{HEX}`. Line breaks
    /// (`\n`, `\r\n`) are kept when `keepingLineBreaks`, for text of several lines; one line
    /// (a finding, a value) escapes them too.
    public static func escaped(_ text: String, keepingLineBreaks: Bool = true) -> String {
        guard needsEscaping(text, keepingLineBreaks: keepingLineBreaks) else { return text }
        var output = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if keepingLineBreaks {
                if scalar == "\n" { output.append(scalar); continue }
                if scalar == "\r", index < scalars.count, scalars[index] == "\n" {
                    output.append(scalar)
                    output.append(scalars[index])
                    index += 1
                    continue
                }
            }
            if isUnsafe(scalar) {
                output.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// JSON text made safe the same way without changing what it says: DEL, C1 and bidi
    /// controls (which JSON allows raw inside strings) as `\u00XX` / `\uXXXX` escapes. The
    /// encoder already escapes C0 inside strings; the line breaks between tokens stay.
    public static func escapedJSON(_ json: String) -> String {
        guard needsEscaping(json, keepingLineBreaks: true) else { return json }
        var output = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if isUnsafe(scalar), scalar.value >= 0x7F {
                let hex = String(scalar.value, radix: 16)
                output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Whether a terminal would act on `scalar` instead of showing it (tab and line breaks
    /// aside, which the callers decide about).
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// A quick look at the bytes: printable ASCII with tabs (and line feeds, when kept) needs nothing.
    private static func needsEscaping(_ text: String, keepingLineBreaks: Bool) -> Bool {
        text.utf8.contains { byte in
            byte < 0x20 ? byte != 0x09 && (byte != 0x0A || !keepingLineBreaks) : byte >= 0x7F
        }
    }
}
