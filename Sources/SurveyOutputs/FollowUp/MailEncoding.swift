import SurveyModel
import SurveyIntake
import SurveyStore

/// Header text as RFC 5322 and RFC 2047 want it: ASCII words as they are, anything else as
/// `=?UTF-8?Q?…?=` encoded words of at most 75 characters, never splitting a character.
enum HeaderText {
    /// A display name: atoms as they are, a quoted string when it has specials, encoded words
    /// when it is not ASCII.
    ///
    /// `used` is how much of the first line the header's name already takes: a line holding
    /// an encoded word may be at most 76 characters long (RFC 2047 §2).
    ///
    /// The text is `cleaned` first (no control character reaches a header, so no CR LF can start
    /// a header of its own), and a word too long to fold (a 2,000-character name) is written as
    /// encoded words too, so every line stays within RFC 5322's 78 characters.
    static func phrase(_ text: String, used: Int) -> [String] {
        let text = cleaned(text)
        let words = text.split(separator: " ").map(String.init)
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return encodedWords(text, used: used) }
        if words.allSatisfy({ $0.utf8.count <= longestWord && $0.utf8.allSatisfy(isAtomText) }) { return words }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        guard escaped.utf8.count + 2 <= longestWord else { return encodedWords(text, used: used) }
        return ["\"\(escaped)\""]
    }

    /// Unstructured text (Subject): words, or encoded words when any character is not ASCII
    /// or a word is too long to fold; `cleaned` first.
    static func unstructured(_ text: String, used: Int) -> [String] {
        let text = cleaned(text, collapsingSpaces: false)
        let words = text.split(separator: " ").map(String.init)
        return text.utf8.allSatisfy { $0 < 0x80 } && words.allSatisfy({ $0.utf8.count <= longestWord })
            ? words : encodedWords(text, used: used)
    }

    /// The longest word written as it is: with the header's name and a space it fits in 78.
    private static let longestWord = 60

    /// Text for a header: control characters (C0, DEL, C1) as spaces, bidi controls dropped,
    /// and (for names) runs of white space as one space, none at the ends.
    static func cleaned(_ text: String, collapsingSpaces: Bool = true) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F: scalars.append(" ")
            case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: continue
            default: scalars.append(scalar)
            }
        }
        guard collapsingSpaces else { return String(scalars) }
        return String(scalars).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Encoded words in the Q encoding, restricted to the characters RFC 2047 allows in a phrase
    /// (so the same words serve in Subject and in display names). White space between encoded
    /// words is dropped by readers, so spaces are encoded inside them as `_`.
    /// The first word fits on the first line after `used` characters and a space; the others
    /// on lines of their own, after the folding space.
    static func encodedWords(_ text: String, used: Int) -> [String] {
        let prefix = "=?UTF-8?Q?"
        let wrapping = prefix.count + 2
        var room = min(75, 76 - used - 1) - wrapping
        if room < 12 { room = 75 - wrapping }
        var words: [String] = []
        var current = ""
        for character in text {
            let encoded = String(character).utf8.map(qEncoded).joined()
            if current.count + encoded.count > room, !current.isEmpty {
                room = 75 - wrapping
                words.append(prefix + current + "?=")
                current = ""
            }
            current += encoded
        }
        if !current.isEmpty || words.isEmpty { words.append(prefix + current + "?=") }
        return words
    }

    private static func qEncoded(_ byte: UInt8) -> String {
        if byte == 0x20 { return "_" }
        let literal = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || "!*+-/".utf8.contains(byte)
        return literal ? String(UnicodeScalar(byte)) : "=" + hex(byte)
    }

    /// RFC 5322 `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    private static func isAtomText(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

/// Quoted-printable (RFC 2045 §6.7) for one line of a body: lines of at most 76 characters with
/// soft breaks (`=` at the end), `=` and bytes outside printable ASCII as `=XX`, and white space
/// at the end of a line encoded so that no mail server strips it.
enum QuotedPrintable {
    static func encode(line: Substring) -> String {
        let bytes = Array(line.utf8)
        var output: [String] = []
        var current = ""
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let piece: String
            if byte == 0x3D || byte >= 0x7F || (byte < 0x20 && byte != 0x09) || ((byte == 0x20 || byte == 0x09) && isLast) {
                piece = "=" + HeaderText.hex(byte)
            } else {
                piece = String(UnicodeScalar(byte))
            }
            if current.count + piece.count > 75 {
                output.append(current + "=")
                current = ""
            }
            current += piece
        }
        output.append(current)
        return output.joined(separator: "\r\n")
    }
}
