import SurveyModel
import SurveyIntake
import SurveyStore

/// A heat map of a `CrossTable` as inline SVG: one cell per row × column holding the count,
/// shaded by the cell's share of its column (so columns of different sizes compare: which
/// categories dominate each phase). Each column's n stands in its header; a column with fewer
/// than `fewest` counts is shaded in pale grey instead, so that its shares, resting on a handful
/// of challenges, cannot look as strong as those of a full column. Every cell carries a
/// `<title>` and `data-row`, `data-column`, `data-value` and `data-share`.
struct SVGHeatMap {
    var id: String
    var title: String
    var description: String
    var table: CrossTable
    /// Code → label for the rows and columns.
    var labels: [String: String]
    var words: ReportWording
    /// How a cell is described in its tooltip: (row label, column label, count, share) → text.
    var describe: (String, String, Int, String) -> String

    /// Columns with fewer counts than this are shaded grey: too few to compare their shares.
    static let fewest = 10

    private let labelWidth = 150.0
    private let cellWidth = 60.0
    private let cellHeight = 26.0
    /// Column labels are written at 45° upwards; sin 45° of their estimated length is the room they need.
    private let slope = 0.7071

    func svg() -> String {
        let totals = table.columnTotals
        let shares = table.counts.map { row in
            row.enumerated().map { c, count in totals[c] == 0 ? 0 : Double(count) / Double(totals[c]) }
        }
        let compared = table.columns.indices.filter { totals[$0] >= Self.fewest }
        let strongest = shares.flatMap { row in compared.map { row[$0] } }.max() ?? 0
        // Bold 12 px text: about 7.5 px a character; the header holds the slanted label, its
        // letters' height above it, and the n line below.
        let longest = table.columns.map { Double(words.label($0, labels).count) * 7.5 }.max() ?? 0
        let headerHeight = longest * slope + 44
        let width = labelWidth + Double(table.columns.count) * cellWidth + longest * slope
        let gridBottom = headerHeight + Double(table.rows.count) * cellHeight
        var parts = [
            Markup.element("title", [("id", "\(id)-title")], Markup.escape(title)),
            Markup.element("desc", [("id", "\(id)-desc")], Markup.escape(description)),
        ]
        for (c, column) in table.columns.enumerated() {
            let x = labelWidth + (Double(c) + 0.5) * cellWidth
            let few = totals[c] < Self.fewest
            let labelY = headerHeight - 24
            parts.append(Markup.element("text", [
                ("x", Markup.number(x - 4)), ("y", Markup.number(labelY)), ("class", "column-label"),
                ("transform", "rotate(-45 \(Markup.number(x - 4)) \(Markup.number(labelY)))"),
            ], Markup.escape(words.label(column, labels))))
            parts.append(Markup.element("text", [
                ("x", Markup.number(x)), ("y", Markup.number(headerHeight - 6)), ("text-anchor", "middle"),
                ("class", few ? "column-n few" : "column-n"), ("data-column", column),
            ], Markup.escape("n = \(totals[c])")))
        }
        for (r, row) in table.rows.enumerated() {
            let y = headerHeight + Double(r) * cellHeight
            parts.append(Markup.element("text", [("x", Markup.number(labelWidth - 8)), ("y", Markup.number(y + cellHeight / 2 + 4)),
                                                 ("text-anchor", "end")], Markup.escape(words.label(row, labels))))
            for (c, column) in table.columns.enumerated() {
                let count = table.counts[r][c]
                let few = totals[c] < Self.fewest
                let intensity = strongest == 0 ? 0 : min(shares[r][c] / strongest, 1)
                let x = labelWidth + Double(c) * cellWidth
                let share = words.share(count, of: totals[c])
                let tooltip = describe(words.label(row, labels), words.label(column, labels), count, share)
                let fill = count == 0 ? Self.empty : few ? Self.grey : Self.colour(intensity)
                parts.append(Markup.element("rect", [
                    ("class", few ? "cell few" : "cell"), ("x", Markup.number(x + 1)), ("y", Markup.number(y + 1)),
                    ("width", Markup.number(cellWidth - 2)), ("height", Markup.number(cellHeight - 2)), ("fill", fill),
                    ("data-row", row), ("data-column", column), ("data-value", String(count)),
                    ("data-share", Markup.value(shares[r][c])),
                ], Markup.element("title", [], Markup.escape(tooltip))))
                if count > 0 {
                    parts.append(Markup.element("text", [
                        ("x", Markup.number(x + cellWidth / 2)), ("y", Markup.number(y + cellHeight / 2 + 4)),
                        ("text-anchor", "middle"), ("class", !few && intensity > 0.55 ? "on-dark" : "on-light"),
                    ], Markup.escape(String(count))))
                }
            }
        }
        let (legend, legendHeight) = legend(y: gridBottom + 14, strongest: strongest, anyFew: compared.count < table.columns.count)
        parts.append(legend)
        return Markup.svg(class: "heat-map", width: width, height: gridBottom + 14 + legendHeight, id: id, parts)
    }

    /// The legend's title, five swatches from none to the strongest share among the compared
    /// columns, and the grey swatch of the columns with few counts when there are any.
    private func legend(y: Double, strongest: Double, anyFew: Bool) -> (String, Double) {
        var items = [Markup.element("text", [("x", "4"), ("y", Markup.number(y + 12))],
                                    Markup.escape(words.words("Farve: cellens andel af fasens udfordringer",
                                                              "Colour: the cell's share of the phase's challenges")))]
        let swatches = y + 22
        for step in 0...4 {
            let fraction = Double(step) / 4
            let x = 4 + Double(step) * 68
            items.append(Markup.element("rect", [("x", Markup.number(x)), ("y", Markup.number(swatches)), ("width", "20"),
                                                 ("height", "18"), ("fill", step == 0 ? Self.empty : Self.colour(fraction))]))
            items.append(Markup.element("text", [("x", Markup.number(x + 24)), ("y", Markup.number(swatches + 13))],
                                        Markup.escape(words.percentSign(String(Int((fraction * strongest * 100).rounded()))))))
        }
        guard anyFew else { return (Markup.element("g", [("class", "legend")], items.joined()), 48) }
        let few = swatches + 28
        items.append(Markup.element("rect", [("x", "4"), ("y", Markup.number(few)), ("width", "20"), ("height", "18"),
                                             ("fill", Self.grey)]))
        items.append(Markup.element("text", [("x", "28"), ("y", Markup.number(few + 13))], Markup.escape(
            words.words("Fase med under \(Self.fewest) udfordringer: for få til at sammenligne andele",
                        "Phase with fewer than \(Self.fewest) challenges: too few to compare shares"))))
        return (Markup.element("g", [("class", "legend")], items.joined()), 76)
    }

    /// A cell with nothing in it.
    static let empty = "#f2f2f2"
    /// Every counted cell of a column with fewer than `fewest` counts, whatever its share.
    static let grey = "#d9d9d9"

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
