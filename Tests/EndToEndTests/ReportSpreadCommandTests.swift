import Foundation
import Testing

/// Issue 14, item 12, on the built binary and the samples: the completeness spread, the heat
/// map's n per phase, measures outside the kinds counted apart, and unplaced challenge labels
/// listed before the general measures.
@Suite("report worth looking at: spread, n per phase, unplaced apart (end to end)", .serialized)
struct ReportSpreadCommandTests {
    private func dataset() throws -> URL {
        let output = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let ingest = try CommandRunner.run(["ingest", "samples", "--out", output.path, "--quiet"], in: CommandRunner.packageRoot)
        try #require(ingest.status == 1, "samples/invalid is rejected on purpose")
        return output
    }

    @Test("Markdown: submissions per completeness band, measures outside the kinds, two lists of unplaced texts")
    func markdown() throws {
        let result = try CommandRunner.run(["report", "--out", try dataset().path])
        #expect(result.status == 0)
        let text = result.stdout
        #expect(text.contains("""
            | Round | 100% | 90–99% | 75–89% | 50–74% | < 50% | Total |
            |---|---:|---:|---:|---:|---:|---:|
            | 2021 | 34 | 3 | 3 | 0 | 0 | 40 |
            | 2022 | 23 | 4 | 1 | 0 | 0 | 28 |
            """))
        #expect(text.contains("""
            | Measure | 2021 | 2022 | Total |
            |---|---:|---:|---:|
            | Marked Other by the lead | 0 | 6 | 6 |
            | Text could not be placed | 26 | 0 | 26 |
            """))
        let labels = try #require(text.range(of: "### Challenge labels and answers"))
        let measures = try #require(text.range(of: "### General measures"))
        #expect(labels.lowerBound < measures.lowerBound)
        let challengeList = text[labels.upperBound..<measures.lowerBound]
        #expect(challengeList.contains("| Challenge category | Corona | 1 | SP-2021-033 |"))
        #expect(!challengeList.contains("| General measure |"))
    }

    @Test("HTML: each phase's n under its column, the small phases marked, lang set")
    func heatMap() throws {
        let page = try CommandRunner.temporaryDirectory().appendingPathComponent("report.html")
        let result = try CommandRunner.run(["report", "--out", try dataset().path, "--format", "html", "--output", page.path])
        #expect(result.status == 0)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\""))
        for (phase, n) in [("preparation", 13), ("development", 68), ("pilot", 93), ("implementation", 28), ("operation", 17)] {
            #expect(html.contains("class=\"column-n\" data-column=\"\(phase)\">n = \(n)</text>"), "n of \(phase)")
        }
        // Under 10 challenges: marked as few (shaded grey), whatever their share.
        for (phase, n) in [("completed", 0), ("stopped", 5), ("not-stated", 4)] {
            #expect(html.contains("class=\"column-n few\" data-column=\"\(phase)\">n = \(n)</text>"), "n of \(phase)")
        }
    }
}
