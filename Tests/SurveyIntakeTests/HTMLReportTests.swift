import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("report: the HTML page parses as XML and holds its charts; the Markdown matches its golden file")
struct HTMLReportTests {
    static let goldenMarkdown = TestSupport.packageRoot.appendingPathComponent("Tests/SurveyIntakeTests/Fixtures/report.md")

    /// Parses the page with the project's own XML parser. The parser refuses every DOCTYPE by
    /// design, so the `<!DOCTYPE html>` line (which keeps browsers in standards mode) is
    /// checked and removed first.
    static func parse(_ html: String) throws -> XMLElementNode {
        let doctype = "<!DOCTYPE html>\n"
        try #require(html.hasPrefix(doctype))
        return try XMLDocument.parse(Array(html.dropFirst(doctype.count).utf8)).root
    }

    private func html() throws -> (String, XMLElementNode) {
        let text = HTMLReportWriter().write(try FollowUpReportTests.report())
        return (text, try Self.parse(text))
    }

    @Test("well-formed XHTML: html root in the XHTML namespace, a title, sections in order")
    func wellFormed() throws {
        let (_, root) = try html()
        #expect(root.name == "html")
        #expect(root.namespace == "http://www.w3.org/1999/xhtml")
        #expect(root.descendant("head", "title")?.text == "Follow-up report: status reports of the AI signature projects")
        let sections = root.all("section").compactMap { $0.attribute("id") }
        #expect(sections == ["submissions", "reviews", "completeness", "phases", "rounds", "outcomes", "across-rounds", "mitigations",
                             "unmapped", "findings", "flag-states"])
    }

    @Test("self-contained: no script, no link, no external source, nothing but namespaces refers to http")
    func selfContained() throws {
        let (text, root) = try html()
        #expect(root.all("script").isEmpty)
        #expect(root.all("link").isEmpty)
        #expect(root.all("img").isEmpty)
        #expect(root.descendant("head", "style") != nil)
        for forbidden in ["src=", "@import", "url(", "@font-face"] { #expect(!text.contains(forbidden), "\(forbidden)") }
        let references = text.components(separatedBy: "http").count - 1
        #expect(references == 10, "the XHTML namespace once and the SVG namespace on each of the 9 charts")
    }

    @Test("accessible: every table has a caption and column headers; every chart a title and description it names")
    func accessible() throws {
        let (_, root) = try html()
        let tables = root.all("table")
        // 15, and the two spreads of completeness, the other and unplaced measures, and the
        // unplaced measures listed apart from the challenge labels.
        #expect(tables.count == 19)
        for table in tables {
            #expect(table.child("caption") != nil)
            #expect(table.all("th").contains { $0.attribute("scope") == "col" })
        }
        let charts = root.all("svg")
        #expect(charts.count == 9)
        for chart in charts {
            #expect(chart.namespace == "http://www.w3.org/2000/svg")
            #expect(chart.attribute("role") == "img")
            let ids = (chart.attribute("aria-labelledby") ?? "").split(separator: " ").map(String.init)
            #expect(ids == [chart.child("title")?.attribute("id"), chart.child("desc")?.attribute("id")].compactMap { $0 })
            #expect(ids.count == 2)
        }
    }

    @Test("the heat map: a cell per category × phase with its count, shaded, each with a title")
    func heatMap() throws {
        let (_, root) = try html()
        let map = try #require(root.all("svg").first { $0.attribute("class")?.contains("heat-map") == true })
        let cells = map.all("rect").filter { $0.attribute("class")?.hasPrefix("cell") == true }
        #expect(cells.count == 11 * 8)
        func cell(_ row: String, _ column: String) -> XMLElementNode? {
            cells.first { $0.attribute("data-row") == row && $0.attribute("data-column") == column }
        }
        #expect(cell("data", "implementation")?.attribute("data-value") == "1")
        #expect(cell("legal", "stopped")?.attribute("data-value") == "1")
        #expect(cell("data", "not-stated")?.attribute("data-value") == "1")
        #expect(cell("ethics", "pilot")?.attribute("data-value") == "0")
        #expect(cell("ethics", "pilot")?.attribute("fill") == "#f2f2f2")
        #expect(cell("data", "implementation")?.child("title")?.text == "Data in phase Implementation: 1 challenge (33% of the phase)")
        // Every phase of the fixture has fewer than 10 challenges: all grey, none compared.
        #expect(cell("legal", "preparation")?.attribute("data-share") == "1")
        #expect(cell("legal", "preparation")?.attribute("fill") == SVGHeatMap.grey)
        #expect(cell("legal", "preparation")?.attribute("class") == "cell few")
        let totals = map.all("text").filter { $0.attribute("class")?.hasPrefix("column-n") == true }.map(\.text)
        #expect(totals == ["n = 1", "n = 3", "n = 0", "n = 3", "n = 2", "n = 0", "n = 2", "n = 3"])
    }

    @Test("the bar charts: a bar per category and round, per project and rule, with values")
    func barCharts() throws {
        let (_, root) = try html()
        func chart(_ id: String) throws -> [XMLElementNode] {
            let svg = try #require(root.all("svg").first { $0.child("title")?.attribute("id") == "\(id)-title" })
            return svg.all("rect").filter { $0.attribute("class") == "bar" }
        }
        let rounds = try chart("chart-rounds")
        #expect(rounds.count == 11 * 2)
        let data2021 = rounds.first { $0.attribute("data-row") == "Data" && $0.attribute("data-series") == "2021" }
        #expect(data2021?.attribute("data-value") == "0.2857")
        #expect(data2021?.child("title")?.text == "Data, 2021: 29% (2)")
        let findings = try chart("chart-findings")
        #expect(findings.count == 6 * 4)
        let missing = findings.first { $0.attribute("data-row") == "SP-2020-001" && $0.attribute("data-series") == "Missing" }
        #expect(missing?.attribute("data-value") == "2")
        let resolution = try chart("chart-resolution")
        #expect(resolution.filter { $0.attribute("data-row") == "Legal" }.map { $0.attribute("data-value") } == ["0", "1", "2", "0"])
        #expect(try chart("chart-mitigations").count == 6 * 2, "the six kinds but Other, in two rounds")
        // The spread, by band from 100% down: 2021 0.8, 1.0, 0.9, 0.7; 2022 0.9, 1.0, 1.0.
        let spread = try chart("chart-completeness-round")
        #expect(spread.map { $0.attribute("data-series") } == Array(repeating: ["100%", "90–99%", "75–89%", "50–74%", "< 50%"], count: 2).flatMap { $0 })
        #expect(spread.map { $0.attribute("data-value") } == ["1", "1", "1", "1", "0", "2", "1", "0", "0", "0"])
    }

    @Test("tables show the report's numbers: mitigations' footer counts the current submissions per round")
    func tables() throws {
        let (_, root) = try html()
        let table = try #require(root.all("table").first { $0.child("caption")?.text == "Submissions listing each kind of measure" })
        let footer = try #require(table.descendant("tfoot", "tr"))
        #expect(footer.children.map(\.text) == ["Current submissions", "4", "3", "7"])
    }

    /// Set UPDATE_GOLDEN=1 to rewrite the golden file after a deliberate change, then read the diff.
    @Test("the Markdown report is byte-for-byte Fixtures/report.md")
    func markdownGolden() throws {
        let markdown = MarkdownReportWriter().write(try FollowUpReportTests.report())
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try markdown.write(to: Self.goldenMarkdown, atomically: true, encoding: .utf8)
        }
        #expect(markdown == (try String(contentsOf: Self.goldenMarkdown, encoding: .utf8)))
    }

    @Test("Markdown escapes what the leads wrote: pipes and Markdown punctuation in table cells")
    func markdownEscaping() throws {
        var report = try FollowUpReportTests.report()
        report.unmappedLabels = [.init(field: "challenges[N].category", written: "Data | *IT*", occurrences: 1, projects: ["SP-1"])]
        #expect(MarkdownReportWriter().write(report).contains("| Challenge category | Data \\| \\*IT\\* | 1 | SP-1 |"))
    }
}

extension XMLElementNode {
    /// Every element called `name` below this one, in document order.
    func all(_ name: String) -> [XMLElementNode] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) }
    }
}
