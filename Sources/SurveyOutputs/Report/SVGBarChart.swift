import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore

/// A horizontal bar chart as inline SVG: one row per item, with one bar per series (grouped)
/// or the series laid end to end (stacked). Every bar carries a `<title>` (a tooltip and what a
/// screen reader says) and `data-row`, `data-series` and `data-value`, so tests and scripts can
/// read the chart back.
struct SVGBarChart {
    enum Layout { case grouped, stacked }

    struct Series {
        var name: String
        var colour: String
        var values: [Double]
        /// The text beside (grouped) or inside (stacked) each bar.
        var labels: [String]
    }

    /// `id` prefix for the title and description elements; must be unique in the page.
    var id: String
    var title: String
    var description: String
    /// Row labels, top to bottom.
    var rows: [String]
    var series: [Series]
    var layout: Layout
    /// The value of a full-width bar; the largest value (or stacked total) when nil.
    var maximum: Double? = nil

    /// Narrow enough that at 11 px text it fits a 700 px wide page (see `Markup.svg`).
    private let width = 640.0
    private let labelWidth = 180.0
    private let valueRoom = 90.0
    private let barHeight = 14.0
    private let rowGap = 10.0

    func svg() -> String {
        let (legendMarkup, legendHeight) = legend()
        let rowHeight = (layout == .grouped ? Double(series.count) * barHeight : barHeight + 4) + rowGap
        let height = legendHeight + Double(rows.count) * rowHeight + 6
        let totals = rows.indices.map { r in series.reduce(0) { $0 + $1.values[r] } }
        let largest = layout == .stacked ? (totals.max() ?? 0) : (series.flatMap(\.values).max() ?? 0)
        let scale = (width - labelWidth - valueRoom) / max(maximum ?? largest, 1e-9)
        var parts = [
            Markup.element("title", [("id", "\(id)-title")], Markup.escape(title)),
            Markup.element("desc", [("id", "\(id)-desc")], Markup.escape(description)),
        ]
        if let legendMarkup { parts.append(legendMarkup) }
        for (r, row) in rows.enumerated() {
            let top = legendHeight + Double(r) * rowHeight
            let rowMiddle = top + (rowHeight - rowGap) / 2
            parts.append(Markup.element("text", [("x", Markup.number(labelWidth - 8)), ("y", Markup.number(rowMiddle + 4)),
                                                 ("text-anchor", "end")], Markup.escape(row)))
            var x = labelWidth
            for (s, item) in series.enumerated() {
                let value = item.values[r]
                let barWidth = value * scale
                let y = layout == .grouped ? top + Double(s) * barHeight : top + 2
                let tooltip = series.count > 1 ? "\(row), \(item.name): \(item.labels[r])" : "\(row): \(item.labels[r])"
                parts.append(Markup.element("rect", [
                    ("class", "bar"), ("x", Markup.number(x)), ("y", Markup.number(y)),
                    ("width", Markup.number(barWidth)), ("height", Markup.number(barHeight - 2)), ("fill", item.colour),
                    ("data-row", row), ("data-series", item.name), ("data-value", Markup.value(value)),
                ], Markup.element("title", [], Markup.escape(tooltip))))
                switch layout {
                case .grouped:
                    parts.append(Markup.element("text", [("x", Markup.number(x + barWidth + 4)), ("y", Markup.number(y + barHeight - 4)),
                                                         ("class", "value")], Markup.escape(item.labels[r])))
                case .stacked:
                    if barWidth >= 22 {
                        parts.append(Markup.element("text", [
                            ("x", Markup.number(x + barWidth / 2)), ("y", Markup.number(y + barHeight - 4)),
                            ("text-anchor", "middle"), ("class", Self.isDark(item.colour) ? "inside on-dark" : "inside on-light"),
                        ], Markup.escape(item.labels[r])))
                    }
                    x += barWidth
                }
            }
            if layout == .stacked {
                parts.append(Markup.element("text", [("x", Markup.number(x + 4)), ("y", Markup.number(top + barHeight - 2)),
                                                     ("class", "value")], Markup.escape(Markup.number(totals[r]))))
            }
        }
        return Markup.svg(class: "bar-chart", width: width, height: height, id: id, parts)
    }

    /// A swatch and name per series above the bars, wrapping to more lines when needed; nil
    /// (and a small gap) for a single series.
    private func legend() -> (String?, Double) {
        guard series.count > 1 else { return (nil, 4) }
        var x = labelWidth
        var y = 6.0
        var items: [String] = []
        for item in series {
            let itemWidth = 28 + Double(item.name.count) * 7
            if x + itemWidth > width, x > labelWidth {
                x = labelWidth
                y += 18
            }
            items.append(Markup.element("rect", [("x", Markup.number(x)), ("y", Markup.number(y)), ("width", "12"),
                                                 ("height", "12"), ("fill", item.colour)]))
            items.append(Markup.element("text", [("x", Markup.number(x + 16)), ("y", Markup.number(y + 10))],
                                        Markup.escape(item.name)))
            x += itemWidth
        }
        return (Markup.element("g", [("class", "legend")], items.joined()), y + 20)
    }

    /// Whether white text reads better than black on `colour` (`#rrggbb`), by relative luminance.
    static func isDark(_ colour: String) -> Bool {
        let digits = Array(colour.dropFirst())
        guard digits.count == 6 else { return true }
        let channels = stride(from: 0, to: 6, by: 2).map { index -> Double in
            let value = Double(Int(String(digits[index...index + 1]), radix: 16) ?? 0) / 255
            return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
        // Below this, white text has more contrast (1.05 / (L + 0.05)) than black ((L + 0.05) / 0.05).
        return luminance < 0.179
    }
}
