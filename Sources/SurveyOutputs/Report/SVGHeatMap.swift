import SurveyModel
import SurveyIntake
import SurveyStore

/// A heat map of a `CrossTable` as inline SVG: one cell per row × column holding the count,
/// shaded by the cell's share of its column (so columns of different sizes compare: which
/// categories dominate each phase), with the column totals underneath and a legend. Every cell
/// carries a `<title>` and `data-row`, `data-column` and `data-value`.
struct SVGHeatMap {
    var id: String
    var title: String
    var description: String
    var table: CrossTable
    /// Code → label for the rows and columns.
    var labels: [String: String]
    /// How a cell is described in its tooltip: (row label, column label, count, share) → text.
    var describe: (String, String, Int, String) -> String

    private let labelWidth = 160.0
    private let cellWidth = 104.0
    private let cellHeight = 28.0
    private let headerHeight = 30.0

    func svg() -> String {
        let totals = table.columnTotals
        let shares = table.counts.map { row in
            row.enumerated().map { c, count in totals[c] == 0 ? 0 : Double(count) / Double(totals[c]) }
        }
        let strongest = shares.flatMap { $0 }.max() ?? 0
        let width = labelWidth + Double(table.columns.count) * cellWidth + 4
        let gridBottom = headerHeight + Double(table.rows.count) * cellHeight
        let height = gridBottom + 28 + 40
        var parts = [
            Markup.element("title", [("id", "\(id)-title")], Markup.escape(title)),
            Markup.element("desc", [("id", "\(id)-desc")], Markup.escape(description)),
        ]
        for (c, column) in table.columns.enumerated() {
            parts.append(Markup.element("text", [
                ("x", Markup.number(labelWidth + (Double(c) + 0.5) * cellWidth)), ("y", "20"), ("text-anchor", "middle"),
                ("class", "column-label"),
            ], Markup.escape(ReportWording.label(column, labels))))
        }
        for (r, row) in table.rows.enumerated() {
            let y = headerHeight + Double(r) * cellHeight
            parts.append(Markup.element("text", [("x", Markup.number(labelWidth - 8)), ("y", Markup.number(y + cellHeight / 2 + 4)),
                                                 ("text-anchor", "end")], Markup.escape(ReportWording.label(row, labels))))
            for (c, column) in table.columns.enumerated() {
                let count = table.counts[r][c]
                let intensity = strongest == 0 ? 0 : shares[r][c] / strongest
                let x = labelWidth + Double(c) * cellWidth
                let share = ReportWording.share(count, of: totals[c])
                let tooltip = describe(ReportWording.label(row, labels), ReportWording.label(column, labels), count, share)
                parts.append(Markup.element("rect", [
                    ("class", "cell"), ("x", Markup.number(x + 1)), ("y", Markup.number(y + 1)),
                    ("width", Markup.number(cellWidth - 2)), ("height", Markup.number(cellHeight - 2)),
                    ("fill", count == 0 ? "#f2f2f2" : Self.colour(intensity)),
                    ("data-row", row), ("data-column", column), ("data-value", String(count)),
                ], Markup.element("title", [], Markup.escape(tooltip))))
                if count > 0 {
                    parts.append(Markup.element("text", [
                        ("x", Markup.number(x + cellWidth / 2)), ("y", Markup.number(y + cellHeight / 2 + 4)),
                        ("text-anchor", "middle"), ("class", intensity > 0.55 ? "on-dark" : "on-light"),
                    ], Markup.escape(String(count))))
                }
            }
        }
        for (c, total) in totals.enumerated() {
            parts.append(Markup.element("text", [
                ("x", Markup.number(labelWidth + (Double(c) + 0.5) * cellWidth)), ("y", Markup.number(gridBottom + 18)),
                ("text-anchor", "middle"), ("class", "total"),
            ], Markup.escape("n = \(total)")))
        }
        parts.append(legend(y: gridBottom + 34, strongest: strongest))
        return Markup.svg(class: "heat-map", width: width, height: height, id: id, parts)
    }

    /// Five swatches from none to the strongest share in the map.
    private func legend(y: Double, strongest: Double) -> String {
        var items = [Markup.element("text", [("x", Markup.number(labelWidth - 8)), ("y", Markup.number(y + 13)),
                                             ("text-anchor", "end")], "Share of the column")]
        for step in 0...4 {
            let fraction = Double(step) / 4
            let x = labelWidth + Double(step) * 64
            items.append(Markup.element("rect", [("x", Markup.number(x)), ("y", Markup.number(y)), ("width", "20"),
                                                 ("height", "18"), ("fill", step == 0 ? "#f2f2f2" : Self.colour(fraction))]))
            let percent = Int((fraction * strongest * 100).rounded())
            items.append(Markup.element("text", [("x", Markup.number(x + 24)), ("y", Markup.number(y + 13))], "\(percent)%"))
        }
        return Markup.element("g", [("class", "legend")], items.joined())
    }

    /// From a pale to a deep blue, by `intensity` 0…1.
    static func colour(_ intensity: Double) -> String {
        let pale = (222.0, 235.0, 247.0)
        let deep = (8.0, 48.0, 107.0)
        let t = min(max(intensity, 0), 1)
        let channel = { (a: Double, b: Double) in Int((a + (b - a) * t).rounded()) }
        let rgb = [channel(pale.0, deep.0), channel(pale.1, deep.1), channel(pale.2, deep.2)]
        return "#" + rgb.map { HeaderText.hex(UInt8($0)) }.joined()
    }
}
