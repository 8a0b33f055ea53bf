import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// Issue 14, item 12: a report worth looking at. The spread of completeness instead of near-full
/// means, a heat map whose small columns read as small, the measures and labels that could not be
/// placed apart from those that could; and item 11's Danish numbers.
@Suite("report: completeness spread, heat map n, unplaced measures and labels apart, Danish numbers")
struct ReportSpreadTests {
    typealias Band = FollowUpReport.CompletenessBand

    @Test("completeness bands: each boundary in the band it starts, ranges as whole percentages")
    func bands() {
        let cases: [(Double, Band)] = [
            (1.0, .complete), (0.9999, .from90), (0.9, .from90), (0.8999, .from75), (0.75, .from75),
            (0.7499, .from50), (0.5, .from50), (0.4999, .below50), (0, .below50),
            (27.0 / 30.0, .from90), (3.0 / 4.0, .from75),
        ]
        for (value, band) in cases { #expect(Band(value) == band, "\(value)") }
        #expect(Band.allCases.map(\.range) == ["100", "90–99", "75–89", "50–74", "< 50"])
        #expect(Band.tally([1, 1, 0.95, 0.2]) == [.complete: 2, .from90: 1, .from75: 0, .from50: 0, .below50: 1])
    }

    @Test("the fixture's spread: exact band counts per round and per authority type")
    func fixtureSpread() throws {
        let report = try FollowUpReportTests.report()
        // 2021: A 0.8, B 1.0, C 0.9, D 0.7; 2022 (current): F 0.9, G 1.0, H 1.0 (E 0.9 is superseded).
        #expect(report.completenessByRound.map(\.bands) == [
            [.complete: 1, .from90: 1, .from75: 1, .from50: 1, .below50: 0],
            [.complete: 2, .from90: 1, .from75: 0, .from50: 0, .below50: 0],
        ])
        // Municipality: A 0.8, C 0.9, F 0.9, H 1.0; region: B 1.0, G 1.0; not stated: D 0.7.
        #expect(report.completenessByAuthorityType.map(\.bands) == [
            [.complete: 1, .from90: 2, .from75: 1, .from50: 0, .below50: 0],
            [.complete: 2, .from90: 0, .from75: 0, .from50: 0, .below50: 0],
            [.complete: 0, .from90: 0, .from75: 0, .from50: 1, .below50: 0],
        ])
        let markdown = MarkdownReportWriter().write(report)
        #expect(markdown.contains("""
            | Round | 100% | 90–99% | 75–89% | 50–74% | < 50% | Total |
            |---|---:|---:|---:|---:|---:|---:|
            | 2021 | 1 | 1 | 1 | 1 | 0 | 4 |
            | 2022 | 2 | 1 | 0 | 0 | 0 | 3 |
            """))
        #expect(markdown.contains("| Not stated | 0 | 0 | 0 | 1 | 0 | 1 |"))
    }

    /// A report of the fixture whose phase table is a pilot column of 93 challenges and a
    /// stopped column of 5.
    private func skewed() throws -> FollowUpReport {
        var report = try FollowUpReportTests.report()
        report.categoriesByPhase = CrossTable(rows: ["data", "legal", "ethics"], columns: ["pilot", "stopped"],
                                              counts: [[60, 4], [33, 1], [0, 0]])
        return report
    }

    @Test("the heat map: n in each column's header, a column of n = 5 grey and never as dark as one of n = 93")
    func heatMapShading() throws {
        let root = try HTMLReportTests.parse(HTMLReportWriter().write(try skewed()))
        let map = try #require(root.all("svg").first { $0.attribute("class")?.contains("heat-map") == true })
        let header = map.all("text").filter { $0.attribute("class")?.hasPrefix("column-n") == true }
        #expect(header.map(\.text) == ["n = 93", "n = 5"])
        #expect(header.map { $0.attribute("class") } == ["column-n", "column-n few"])
        // In the header: above the first row of cells.
        let firstRow = try #require(map.all("rect").first { $0.attribute("class")?.hasPrefix("cell") == true })
        for text in header { #expect(Double(text.attribute("y") ?? "") ?? .infinity < Double(firstRow.attribute("y") ?? "") ?? 0) }
        func cell(_ row: String, _ column: String) -> XMLElementNode? {
            map.all("rect").first { $0.attribute("data-row") == row && $0.attribute("data-column") == column }
        }
        // Pilot: data is the largest share compared (60/93), so the darkest blue; legal 33/93 of it.
        #expect(cell("data", "pilot")?.attribute("fill") == SVGHeatMap.colour(1))
        #expect(cell("legal", "pilot")?.attribute("fill") == SVGHeatMap.colour(33.0 / 60.0))
        // Stopped: data's share (4/5 = 80%) is larger than any pilot share, yet the cell is pale grey.
        #expect(cell("data", "stopped")?.attribute("data-share") == "0.8")
        #expect(cell("data", "stopped")?.attribute("fill") == SVGHeatMap.grey)
        #expect(cell("legal", "stopped")?.attribute("fill") == SVGHeatMap.grey)
        #expect(cell("ethics", "stopped")?.attribute("fill") == SVGHeatMap.empty)
        let counts = map.all("text").filter { $0.attribute("class") == "on-light" || $0.attribute("class") == "on-dark" }.map(\.text)
        #expect(counts == ["60", "4", "33", "1"], "every cell shows its count")
        // The legend ends at the largest share compared (65%), and names the grey.
        let legend = map.all("g").first { $0.attribute("class") == "legend" }
        let words = legend?.all("text").map(\.text) ?? []
        #expect(words.contains("65%"))
        #expect(words.contains("Phase with fewer than 10 challenges: too few to compare shares"))
        let caption = try #require(root.all("figure").first { $0.all("svg").first?.attribute("class")?.contains("heat-map") == true }?
            .child("figcaption")?.text)
        #expect(caption.contains("A phase with fewer than 10 challenges is shown in light grey whatever the share"))
    }

    @Test("mitigations: Other is no bar of the chart nor row of the table; it and the unplaced have their own table")
    func measuresApart() throws {
        let report = try FollowUpReportTests.report()
        let markdown = MarkdownReportWriter().write(report)
        #expect(!markdown.contains("\n| Other | 2 | 0 | 2 |\n"))
        #expect(markdown.contains("""
            ### Other and unplaced measures

            Current submissions listing a general measure outside the kinds above, per round. Placeholders ("xx") are not \
            counted. The texts that could not be placed are listed under Unmapped labels.

            | Measure | 2021 | 2022 | Total |
            |---|---:|---:|---:|
            | Marked Other by the lead | 0 | 0 | 0 |
            | Text could not be placed | 1 | 0 | 1 |

            In all, 1 measure could not be placed.
            """))
        let root = try HTMLReportTests.parse(HTMLReportWriter().write(report))
        let chart = try #require(root.all("svg").first { $0.child("title")?.attribute("id") == "chart-mitigations-title" })
        #expect(!chart.all("rect").contains { $0.attribute("data-row") == "Other" })
        let table = try #require(root.all("table").first { $0.child("caption")?.text == "Other and unplaced measures" })
        #expect(table.all("tr").map { $0.children.map(\.text) } == [
            ["Measure", "2021", "2022", "Total"], ["Marked Other by the lead", "0", "0", "0"], ["Text could not be placed", "1", "0", "1"],
        ])
    }

    @Test("unmapped labels: challenge labels and answers in one list, first; general measures in another")
    func labelsApart() throws {
        let markdown = MarkdownReportWriter().write(try FollowUpReportTests.report())
        let start = try #require(markdown.range(of: "## Unmapped labels\n"))
        let end = try #require(markdown.range(of: "\n## Projects with the most open findings"))
        let section = markdown[start.upperBound..<end.lowerBound].components(separatedBy: "\n")
        let answers = try #require(section.firstIndex(of: "### Challenge labels and answers"))
        let measures = try #require(section.firstIndex(of: "### General measures"))
        #expect(answers < measures)
        let rows = section.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Question") }
        #expect(rows == ["| Challenge category | Corona | 2 | SP-2020-001, SP-2020-002 |", "| Project phase | Opstart | 1 | SP-2021-004 |",
                         "| General measure | Workshop med borgerne | 1 | SP-2020-001 |"])
        #expect(section.firstIndex(of: rows[2])! > measures)
        #expect(section.firstIndex(of: rows[1])! < measures)
        // With nothing unplaced among the measures, their list says so.
        var report = try FollowUpReportTests.report()
        report.unmappedLabels.removeAll { $0.field == "mitigations[N]" }
        #expect(MarkdownReportWriter().write(report).contains("### General measures\n\nEvery general measure was placed.\n"))
    }

    @Test("Danish: numbers with a decimal comma and a space before %, the date in words, lang=\"da\"")
    func danishNumbers() throws {
        let report = try FollowUpReportTests.report()
        let markdown = MarkdownReportWriter(language: .da).write(report)
        #expect(markdown.hasPrefix("# Opfølgningsrapport: statusrapporter fra AI-signaturprojekterne\n\n"
            + "Udarbejdet 1. december 2022 kl. 09.00 UTC. Alle runder.\n"))
        #expect(markdown.contains("| 2021 | 4 | 85,0 % | 0 | 9 |"))
        #expect(markdown.contains("| 2022 | 3 | 96,7 % | 1 | 3 |"))
        #expect(markdown.contains("| Data | 0 | 1 (33 %) | 0 | 1 (33 %) | 0 | 0 | 0 | 1 (33 %) | 3 |"))
        #expect(markdown.contains("| Runde | 100 % | 90–99 % | 75–89 % | 50–74 % | < 50 % | I alt |"))
        #expect(markdown.contains("| Ikke angivet | 1 | 70,0 % | 0 | 3 |"))
        #expect(markdown.contains("| SP-2020-001 | Tidlig opsporing af tryksår | Anne Testesen | 2021, 2022 | 5 | "
            + "ubesvaret: 2, pladsholder: 1, betinget: 1, ikke placeret: 1 |"))
        #expect(markdown.contains("| ikke velformet XML (not-well-formed) | ikke genkendt | 1 |"))
        #expect(markdown.range(of: "[0-9]%", options: .regularExpression) == nil, "no English percentage left")
        let html = HTMLReportWriter(language: .da).write(report)
        let root = try HTMLReportTests.parse(html)
        #expect(root.attribute("lang") == "da")
        #expect(root.descendant("head", "title")?.text == "Opfølgningsrapport: statusrapporter fra AI-signaturprojekterne")
        #expect(try HTMLReportTests.parse(HTMLReportWriter().write(report)).attribute("lang") == "en")
    }
}
