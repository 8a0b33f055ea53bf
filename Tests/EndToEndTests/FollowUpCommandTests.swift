import Foundation
import Testing

@Suite("survey-intake flags and report, end to end", .serialized)
struct FollowUpCommandTests {
    /// The samples ingested into a fresh dataset, from the package root so paths read `samples/…`.
    private func dataset() throws -> URL {
        let output = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let ingest = try CommandRunner.run(["ingest", "samples", "--out", output.path, "--quiet"], in: CommandRunner.packageRoot)
        try #require(ingest.status == 1, "samples/invalid is rejected on purpose")
        return output
    }

    @Test("flags --rule missing on the samples: every blank required answer, by lead, exit 0")
    func missingAnswers() throws {
        let result = try CommandRunner.run(["flags", "--out", try dataset().path, "--rule", "missing"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            == Helle Dahl Kristoffersen <hedk@viborg.dk>: 1 finding in 1 project
            -- SP-2020-016, round 2022: Forudsigelse af faldrisiko hos borgere i hjemmeplejen (Viborg Kommune)
            samples/2022/SP-2020-016.xml:8:5: warning: [missing] project.domain: "Domain" is not answered. (open)

            == Jakob Ravn Thygesen <jakob.thygesen.regsj.dk>: 1 finding in 1 project
            -- SP-2021-030, round 2022: Prædiktion af udeblivelser fra ambulante aftaler (Region Sjælland)
            samples/2022/SP-2021-030.xml:17:5: warning: [missing] challenges[1].severity: Challenge 1: "Severity" is not answered. (open)

            == Lars Birk Thomsen <lars.birk@esbjerg>: 1 finding in 1 project
            -- SP-2020-008, round 2021: Match mellem ledige og job med kunstig intelligens (Esbjerg Kommune)
            samples/2021/SP-2020-008.xml:27:5: warning: [missing] challenges[2].severity: Challenge 2: "Severity (1-5)" is \
            not answered. (open)

            == Lone Bundgaard Frandsen <lone.frandsen@fredericia.dk>: 1 finding in 1 project
            -- SP-2021-033, round 2021: Energioptimering af gadebelysning (Fredericia Kommune)
            samples/2021/SP-2021-033.xml:35:7: warning: [missing] challenges[3].description: Challenge 3: "Description of \
            the challenge" is not answered. (open)

            == Sofie Rahbek Mortensen <sofrah@kk.dk>: 2 findings in 1 project
            -- SP-2020-005, round 2021: Københavns Kommune
            samples/2021/SP-2020-005.xml:7:5: warning: [missing] project.title: "Project title" is not answered. (open)
            samples/2021/SP-2020-005.xml:12:5: warning: [missing] project.domain: "Policy area" is not answered. (open)

            6 findings (6 open) in 5 submissions of 5 projects, 5 project leads.

            """)
    }

    @Test("flags --letters: a .eml per lead, the two invalid addresses warned about on stderr")
    func letters() throws {
        let data = try dataset()
        let folder = try CommandRunner.temporaryDirectory().appendingPathComponent("letters")
        let result = try CommandRunner.run(
            ["flags", "--out", data.path, "--rule", "missing", "--rule", "placeholder", "--rule", "invalid-format",
             "--letters", folder.path, "--from", "Signaturprojekterne <opfoelgning@example.org>", "--reply-by", "2023-01-15"],
            environment: ["SOURCE_DATE_EPOCH": "1669885200"])
        #expect(result.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["hedk@viborg.dk.eml", "ida.sommer.berg@regionh.dk.eml", "jakob.thygesen.regsj.dk.eml",
                          "lars.birk@esbjerg.eml", "lone.frandsen@fredericia.dk.eml", "morten.skytte.larsen@randers.dk.eml",
                          "obch@holb.dk.eml", "sofrah@kk.dk.eml"])
        #expect(result.stdout.hasSuffix("8 letters written to \(folder.path)/.\n"))
        #expect(result.stdout.contains("\(folder.path)/obch@holb.dk.eml: Ole Bjerre Christiansen, 4 findings in 1 report\n"))
        #expect(result.stderr.components(separatedBy: "\n").filter { $0.contains("warning: no valid e-mail address") }.count == 2)
        let letter = try String(contentsOf: folder.appendingPathComponent("sofrah@kk.dk.eml"), encoding: .utf8)
        #expect(letter.hasPrefix("Date: Thu, 01 Dec 2022 09:00:00 +0000\r\nFrom: Signaturprojekterne <opfoelgning@example.org>\r\n"
            + "To: Sofie Rahbek Mortensen <sofrah@kk.dk>\r\n"))
        #expect(letter.contains("1. «Projektets titel» er ikke besvaret.\r\n2. «Område» er ikke besvaret.\r\n"))
        // The English letter after the Danish one's signature; --reply-by's day in each language.
        #expect(letter.contains("\r\nMed venlig hilsen\r\n\r\nSignaturprojekterne\r\n\r\n-- \r\n\r\nDear Sofie Rahbek Mortensen\r\n"))
        #expect(letter.contains("1. “Project title” has not been answered.\r\n2. “Policy area” has not been answered.\r\n"))
        let prose = letter.replacingOccurrences(of: "\r\n", with: " ")
        #expect(prose.contains("at få den rettede rapport senest 15. januar 2023."))
        #expect(prose.contains("We would appreciate the corrected report by 15 January 2023."))
        #expect(letter.hasSuffix("\r\nKind regards\r\n\r\nSignaturprojekterne\r\n"))
    }

    @Test("flags --format csv and json")
    func machineFormats() throws {
        let data = try dataset()
        let csv = try CommandRunner.run(["flags", "--out", data.path, "--rule", "missing", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.components(separatedBy: "\r\n").count == 8, "header, 6 findings, and the end")
        let json = try CommandRunner.run(["flags", "--out", data.path, "--round", "2022", "--rule", "missing", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["finding_count"] as? Int == 2)
    }

    @Test("report: Markdown to standard output, HTML to a file; both exit 0")
    func report() throws {
        let data = try dataset()
        let markdown = try CommandRunner.run(["report", "--out", data.path])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.hasPrefix("# Follow-up report: status reports of the AI signature projects\n"))
        #expect(markdown.stdout.contains("\n| 2022 | 29 | 28 | 1 | 3 |\n"))
        #expect(markdown.stdout.contains("\n## Challenges by project phase\n"))
        let page = try CommandRunner.temporaryDirectory().appendingPathComponent("report.html")
        let html = try CommandRunner.run(["report", "--out", data.path, "--format", "html", "--output", page.path])
        #expect(html.status == 0)
        #expect(html.stdout == "Report written to \(page.path).\n")
        let text = try String(contentsOf: page, encoding: .utf8)
        #expect(text.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""))
        #expect(text.components(separatedBy: "<svg ").count - 1 == 9)
    }

    @Test("no dataset: exit 2 with a clear message, for both commands")
    func noDataset() throws {
        let empty = try CommandRunner.temporaryDirectory()
        for command in ["flags", "report"] {
            let result = try CommandRunner.run([command, "--out", "nothing"], in: empty)
            #expect(result.status == 2)
            #expect(result.stdout == "")
            #expect(result.stderr == "survey-intake: error: no dataset in nothing: nothing/intake.sqlite does not exist; "
                + "run survey-intake ingest PATH… --out nothing first\n")
        }
        #expect(!FileManager.default.fileExists(atPath: empty.appendingPathComponent("nothing").path))
    }

    @Test("usage errors exit 2: a sender that is not a mailbox, a --reply-by that is not a day, an unknown rule")
    func usage() throws {
        let letters = try CommandRunner.run(["flags", "--letters", "x", "--from", "nobody"])
        #expect(letters.status == 2)
        #expect(letters.stderr.contains("--from: 'nobody' is not a mailbox"))
        let replyBy = try CommandRunner.run(["flags", "--letters", "x", "--reply-by", "på fredag"])
        #expect(replyBy.status == 2)
        #expect(replyBy.stderr.contains("--reply-by: 'på fredag' is not a day; write it as 2023-01-15 or '15. januar 2023'"))
        let rule = try CommandRunner.run(["flags", "--rule", "typo"])
        #expect(rule.status == 2)
    }
}
