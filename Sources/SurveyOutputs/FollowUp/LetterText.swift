import SurveyModel
import SurveyIntake
import SurveyStore

/// Small pieces of Danish prose for the follow-up letters: lists, dates, wrapping, and
/// lead-written text made safe for the body.
enum LetterText {
    /// "A", "A og B", "A, B og C".
    static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " og " + last
    }

    private static let months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
                                 "oktober", "november", "december"]

    /// The date part of an xs:dateTime as written, in Danish: `2021-11-12T10:00:00+01:00` →
    /// "12. november 2021". Nil when it does not start with a date.
    static func date(_ dateTime: String) -> String? {
        let parts = dateTime.prefix(10).split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        return "\(day). \(months[month - 1]) \(year)"
    }

    /// What a lead wrote, for quoting: white space collapsed, at most 100 characters, control and
    /// bidi characters shown as escapes (`plain`).
    static func quoted(_ value: String?) -> String {
        let collapsed = (value ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return plain(collapsed.count > 100 ? String(collapsed.prefix(99)) + "…" : collapsed)
    }

    /// A lead's or the validator's text for the letter's body: control and bidi characters
    /// shown as escapes (nothing in the body may steer how it is displayed), white space collapsed.
    static func plain(_ text: String) -> String {
        TerminalText.escaped(text, keepingLineBreaks: false).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `text` with its first letter capitalised: an instruction that ends one sentence and starts the next.
    static func capitalised(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    /// Wraps `text` at spaces to lines of at most `width` characters (a longer word stands on a
    /// line of its own); the first line starts with `first`, the others with `rest`.
    static func wrap(_ text: String, width: Int = 72, first: String = "", rest: String = "") -> [String] {
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for word in text.split(separator: " ") {
            if lineHasWord, line.count + 1 + word.count > width {
                lines.append(line)
                line = rest
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines
    }
}
