import Foundation
import Testing

/// Issue 14, item 11, on the built binary: `report --language da` writes the whole report in
/// Danish, Markdown and HTML, and no heading, caption or chart title of the English one is left.
@Suite("report --language da: the whole report in Danish, end to end", .serialized)
struct ReportDanishCommandTests {
    private func dataset() throws -> URL {
        let output = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let ingest = try CommandRunner.run(["ingest", "samples", "--out", output.path, "--quiet"], in: CommandRunner.packageRoot)
        try #require(ingest.status == 1, "samples/invalid is rejected on purpose")
        return output
    }

    /// The text of every `<name …>…</name>` in `html` (names without attributes, or with `prefix`).
    private func texts(_ html: String, _ names: [String]) throws -> Set<String> {
        var found = Set<String>()
        for name in names {
            let pattern = try NSRegularExpression(pattern: "<\(name)(?: [^>]*)?>([^<]+)</\(name)>")
            for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                if let range = Range(match.range(at: 1), in: html) { found.insert(String(html[range])) }
            }
        }
        return found
    }

    @Test("Markdown: Danish headings, none of the English report's headings, Danish numbers; exit 0")
    func markdown() throws {
        let data = try dataset()
        let english = try CommandRunner.run(["report", "--out", data.path])
        let danish = try CommandRunner.run(["report", "--out", data.path, "--language", "da"],
                                           environment: ["SOURCE_DATE_EPOCH": "1669885200"])
        #expect(english.status == 0)
        #expect(danish.status == 0)
        #expect(danish.stderr == "")
        let englishHeadings = english.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("#") }
        #expect(englishHeadings.count == 21)
        let danishLines = Set(danish.stdout.components(separatedBy: "\n"))
        for heading in englishHeadings { #expect(!danishLines.contains(heading), "English heading left: \(heading)") }
        for heading in ["# Opfølgningsrapport: statusrapporter fra AI-signaturprojekterne", "## Indberetninger pr. runde",
                        "### Afviste filer", "## Gennemgangsstatus pr. runde", "## Fuldstændighed", "### Pr. runde",
                        "### Pr. myndighedstype", "## Udfordringer efter projektfase", "## Udfordringer pr. runde",
                        "## Alvorlighed og løsning pr. kategori", "### Alvorlighed", "### Løsning",
                        "## Projekterne på tværs af runder", "## Anvendte tiltag", "### Andre og ikke placerede tiltag",
                        "## Ikke placerede betegnelser", "### Udfordringernes betegnelser og svar", "### Generelle tiltag",
                        "## Projekter med flest åbne markeringer", "## Markeringer spurgt, besvaret og frafaldet"] {
            #expect(danishLines.contains(heading), "\(heading)")
        }
        #expect(danish.stdout.contains("\nUdarbejdet 1. december 2022 kl. 09.00 UTC. Alle runder.\n"))
        #expect(danish.stdout.contains("\n**40** projekter · **68** aktuelle indberetninger · **228** udfordringer · "))
        #expect(danish.stdout.contains("\n| Runde | Indberetninger | Gns. fuldstændighed | Uden markeringer | Åbne markeringer |\n"))
        #expect(danish.stdout.contains("\n| 2021 | 40 | 98,6 % | 34 | 15 |\n"))
        #expect(danish.stdout.contains("\n| Kategori | Forberedelse | Udvikling | Afprøvning | Implementering | I drift | Afsluttet "
            + "| Stoppet | Ikke angivet | I alt |\n"))
        #expect(danish.stdout.range(of: "[0-9]%", options: .regularExpression) == nil, "every percentage as 98,6 %")
    }

    @Test("HTML: lang=\"da\", and no heading, caption, chart title or description of the English page left")
    func html() throws {
        let data = try dataset()
        let folder = try CommandRunner.temporaryDirectory()
        let englishPage = folder.appendingPathComponent("report.html")
        let danishPage = folder.appendingPathComponent("rapport.html")
        let english = try CommandRunner.run(["report", "--out", data.path, "--format", "html", "--output", englishPage.path])
        let danish = try CommandRunner.run(["report", "--out", data.path, "--format", "html", "--language", "da",
                                            "--output", danishPage.path])
        #expect(english.status == 0)
        #expect(danish.status == 0)
        #expect(danish.stdout == "Rapporten er skrevet til \(danishPage.path).\n")
        let englishHTML = try String(contentsOf: englishPage, encoding: .utf8)
        let danishHTML = try String(contentsOf: danishPage, encoding: .utf8)
        #expect(englishHTML.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">"))
        #expect(danishHTML.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"da\" xml:lang=\"da\">"))
        #expect(!danishHTML.contains("lang=\"en\""))
        let names = ["title", "h1", "h2", "h3", "caption", "figcaption", "desc", "a", "p"]
        let englishTexts = try texts(englishHTML, names)
        let danishTexts = try texts(danishHTML, names)
        #expect(englishTexts.count > 80)
        // Project ids and titles, and the codes of rejection reasons, are the same in both.
        let left = englishTexts.intersection(danishTexts).filter { !$0.hasPrefix("SP-") }
        #expect(left.isEmpty, "English left in the Danish page: \(left.sorted())")
        for text in ["Fuldstændighedens spredning pr. runde", "Udfordringernes kategorier efter projektfase",
                     "Andre og ikke placerede tiltag", "Generelle tiltag, der ikke kunne placeres"] {
            #expect(danishTexts.contains(text), "\(text)")
        }
        #expect(danishHTML.contains("aria-label=\"Indhold\""))
        #expect(danishHTML.contains(">Farve: cellens andel af fasens udfordringer</text>"))
        let body = try #require(danishHTML.components(separatedBy: "</style>").last)
        #expect(body.range(of: "[0-9]%", options: .regularExpression) == nil, "every percentage as 98,6 %")
        #expect(body.contains(">98,6 %</td>"))
    }
}
