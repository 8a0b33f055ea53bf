import Foundation
import Testing

/// Issue 17, item 8, on the built binary: `report` follows the conversation (review states, each
/// project across rounds), in English and, with `--language da`, in Danish.
@Suite("report: review states and each project across rounds, in English and Danish, end to end", .serialized)
struct ReportRoundsCommandTests {
    /// samples/2022/SP-2020-001.xml
    static let reviewed = "e57225f4-c206-45c0-a256-19f53edfeaa7"

    /// The samples ingested, and one 2022 submission approved.
    private func dataset() throws -> URL {
        let output = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let ingest = try CommandRunner.run(["ingest", "samples", "--out", output.path, "--quiet"], in: CommandRunner.packageRoot)
        try #require(ingest.status == 1, "samples/invalid is rejected on purpose")
        let review = try CommandRunner.run(["review", Self.reviewed, "--state", "approved", "--analyst", "Karen", "--out", output.path])
        try #require(review.status == 0, "\(review.stderr)")
        return output
    }

    /// The lines of `markdown` from the heading `heading` to the next `## ` heading.
    private func section(_ markdown: String, _ heading: String) throws -> [String] {
        let lines = markdown.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: heading))
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("## ") } ?? lines.count
        return Array(lines[start..<end])
    }

    @Test("report --format md --language da: the two sections in Danish, the approved submission counted, exit 0")
    func danishMarkdown() throws {
        let data = try dataset()
        let result = try CommandRunner.run(["report", "--out", data.path, "--format", "md", "--language", "da"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let reviews = try section(result.stdout, "## Gennemgangsstatus pr. runde")
        #expect(reviews.contains("| Runde | Modtaget | Har mangler | Godkendt | Afvist | I alt |"))
        // 28 current submissions in 2022 (see FollowUpCommandTests), one of them approved.
        #expect(reviews.contains("| 2022 | 27 | 0 | 1 | 0 | 28 |"))
        let across = try section(result.stdout, "## Projekterne på tværs af runder")
        #expect(across.contains("| Projekt | Titel | Runder | Fortsat | Løst | Ny |"))
        #expect(across.contains("### Pr. kategori"))
        #expect(across.contains("| Kategori | Fortsat | Løst | Ny |"))
        let rows = across.filter { $0.hasPrefix("| SP-") }
        #expect(rows.count == 28, "the 28 projects with a current submission in both 2021 and 2022 (ls samples/2021 samples/2022)")
        #expect(rows.allSatisfy { $0.contains(" | 2021 → 2022 | ") })
        // 2021: data (no), ethics (partly), legal (no); 2022: data, legal, other.
        #expect(rows.contains("| SP-2021-028 | Forudsigelse af frafald på ungdomsuddannelserne | 2021 → 2022 | Data, Jura | Etik | Andet |"))
        // 2021: data (yes), operations (partly); 2022 says there were no challenges.
        #expect(rows.contains("| SP-2020-020 | Forudsigelse af varmebehov i fjernvarmenettet | 2021 → 2022 | – | Data, Drift | – |"))
        #expect(!result.stdout.contains("## Each project across rounds"))
        #expect(!result.stdout.contains("## Review states per round"))
    }

    @Test("report in English by default, the HTML page's two sections marked lang=da under --language da")
    func englishAndDanishHTML() throws {
        let data = try dataset()
        let english = try CommandRunner.run(["report", "--out", data.path])
        #expect(english.status == 0)
        #expect(try section(english.stdout, "## Review states per round").contains("| 2022 | 27 | 0 | 1 | 0 | 28 |"))
        #expect(english.stdout.contains("\n## Each project across rounds\n"))
        #expect(!english.stdout.contains("Projekterne på tværs af runder"))
        let page = try CommandRunner.temporaryDirectory().appendingPathComponent("rapport.html")
        let html = try CommandRunner.run(["report", "--out", data.path, "--format", "html", "--language", "da", "--output", page.path])
        #expect(html.status == 0)
        #expect(html.stdout == "Rapporten er skrevet til \(page.path).\n")
        let text = try String(contentsOf: page, encoding: .utf8)
        // The whole page is Danish now: the language is the page's, not the sections'.
        #expect(text.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"da\" xml:lang=\"da\">"))
        #expect(text.contains("<section id=\"reviews\">\n<h2>Gennemgangsstatus pr. runde</h2>"))
        #expect(text.contains("<section id=\"across-rounds\">\n<h2>Projekterne på tværs af runder</h2>"))
    }

    @Test("report --language xx: a usage error, exit 2")
    func unknownLanguage() throws {
        let result = try CommandRunner.run(["report", "--language", "xx"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--language"))
    }
}
