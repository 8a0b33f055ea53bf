import SurveyModel
import SurveyIntake
import SurveyStore

/// Builds XHTML-compatible markup: every element closed, every attribute quoted, text and
/// attribute values escaped, so the HTML report parses as XML as well as HTML.
package enum Markup {
    /// `&`, `<`, `>`, `"` and `'` as character references; control characters (invalid in XML) dropped.
    package static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `<name a="1" b="2">content</name>`, or `<name a="1"/>` when `content` is nil.
    package static func element(_ name: String, _ attributes: [(String, String)] = [], _ content: String? = nil) -> String {
        let attributeText = attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
        guard let content else { return "<\(name)\(attributeText)/>" }
        return "<\(name)\(attributeText)>\(content)</\(name)>"
    }

    /// The size of the charts' text in user units (the style sheet's `svg text`), and the
    /// smallest it may be drawn at in CSS pixels when a narrow page shrinks the chart.
    static let chartText = 12.0
    static let smallestText = 11.0

    /// The root `<svg>` of a chart: `width` × `height` user units, labelled by the chart's
    /// `ID-title` and `ID-desc` elements, holding `parts` one per line. It shrinks with the page
    /// (the style sheet's `max-width: 100%`) but never below the width at which its text would be
    /// smaller than `smallestText` (`min-width`); below that its box scrolls (`.chart-wrap`).
    static func svg(class chartClass: String, width: Double, height: Double, id: String, _ parts: [String]) -> String {
        let narrowest = (width * smallestText / chartText).rounded(.up)
        return element("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart \(chartClass)"), ("role", "img"),
            ("viewBox", "0 0 \(number(width)) \(number(height))"),
            ("width", number(width)), ("height", number(height)), ("style", "min-width: \(number(narrowest))px"),
            ("aria-labelledby", "\(id)-title \(id)-desc"),
        ], "\n" + parts.joined(separator: "\n") + "\n")
    }

    /// A value for a `data-value` attribute: at most four decimals, no trailing zeros.
    static func value(_ value: Double) -> String {
        var text = String((value * 10_000).rounded() / 10_000)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// A number for an SVG attribute: at most one decimal, no trailing ".0".
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// An HTML table with a caption, column headers, a header cell per row, an optional total row,
/// and numbers right-aligned.
struct HTMLTable {
    var caption: String
    var header: [String]
    /// Each row's first cell is its header (`<th scope="row">`).
    var rows: [[String]]
    var footer: [String]? = nil
    /// Columns from this index on hold numbers…
    var numericFrom: Int
    /// …unless the numeric columns are named here.
    var numericColumns: Set<Int>? = nil
    var className: String? = nil

    private func isNumeric(_ column: Int) -> Bool {
        numericColumns.map { $0.contains(column) } ?? (column >= numericFrom)
    }

    func html() -> String {
        func cells(_ row: [String], rowHeader: Bool) -> String {
            row.enumerated().map { index, text in
                let numeric = isNumeric(index) ? [("class", "n")] : []
                if index == 0 && rowHeader { return Markup.element("th", [("scope", "row")] + numeric, Markup.escape(text)) }
                return Markup.element("td", numeric, Markup.escape(text))
            }.joined()
        }
        let head = header.enumerated().map { index, text in
            Markup.element("th", [("scope", "col")] + (isNumeric(index) ? [("class", "n")] : []), Markup.escape(text))
        }.joined()
        var parts = [Markup.element("caption", [], Markup.escape(caption)),
                     Markup.element("thead", [], Markup.element("tr", [], head)),
                     Markup.element("tbody", [], rows.map { "\n" + Markup.element("tr", [], cells($0, rowHeader: true)) }.joined() + "\n")]
        if let footer { parts.append(Markup.element("tfoot", [], Markup.element("tr", [], cells(footer, rowHeader: true)))) }
        let table = Markup.element("table", className.map { [("class", $0)] } ?? [], parts.joined(separator: "\n"))
        return Markup.element("div", [("class", "table-wrap")], table)
    }
}
