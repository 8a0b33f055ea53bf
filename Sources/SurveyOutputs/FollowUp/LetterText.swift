import SurveyModel
import SurveyIntake
import SurveyStore

/// Small pieces of prose for the letters to leads, in Danish or English: lists, dates,
/// quotation marks, wrapping, and lead-written text made safe for the body.
enum LetterText {
    /// "A", "A og B", "A, B og C" (in English "A, B and C").
    static func list(_ items: [String], danish: Bool = true) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (danish ? " og " : " and ") + last
    }

    private static let danishMonths = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
                                       "oktober", "november", "december"]
    private static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                        "October", "November", "December"]

    /// The date part of an xs:dateTime as written, in Danish or English: `2021-11-12T10:00:00+01:00`
    /// → "12. november 2021" or "12 November 2021". Nil when it does not start with a date.
    static func date(_ dateTime: String, danish: Bool = true) -> String? {
        let parts = dateTime.prefix(10).split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        return danish ? "\(day). \(danishMonths[month - 1]) \(year)" : "\(day) \(englishMonths[month - 1]) \(year)"
    }

    /// A day written as `2023-01-15`, `15. januar 2023` or `15 January 2023` (any case), as
    /// `2023-01-15`; nil for anything else.
    static func day(_ text: String) -> String? {
        let words = text.split(whereSeparator: \.isWhitespace).map { String($0).lowercased() }
        if words.count == 1, date(words[0]) != nil, words[0].count == 10 { return words[0] }
        guard words.count == 3, let day = Int(words[0].hasSuffix(".") ? String(words[0].dropLast()) : words[0]),
              (1...31).contains(day), let year = Int(words[2]), words[2].count == 4 else { return nil }
        let month = (danishMonths.firstIndex(of: words[1]) ?? englishMonths.firstIndex { $0.lowercased() == words[1] })
        return month.map { "\(year)-\($0 < 9 ? "0" : "")\($0 + 1)-\(day < 10 ? "0" : "")\(day)" }
    }

    /// `text` between quotation marks: «Danish», “English”.
    static func quote(_ text: String, danish: Bool) -> String {
        danish ? "«\(text)»" : "“\(text)”"
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

    /// The Danish letter, its signature, `-- ` and the English letter: every letter to a lead has
    /// this shape. `part` writes the lines of one language, signature included.
    static func bilingual(_ part: (_ danish: Bool) -> [String]) -> String {
        (part(true) + ["", "-- ", ""] + part(false)).joined(separator: "\n") + "\n"
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
