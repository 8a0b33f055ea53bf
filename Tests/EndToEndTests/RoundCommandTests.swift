import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyStore
@testable import SurveyIntake

/// `round open` and `links` on the built binary (issue 16, items 1 and 2).
@Suite("round open and links, end to end", .serialized)
struct RoundCommandTests {
    static let header = "project_id,title,authority,authority_type,lead_name,lead_email\n"

    private func roster(_ rows: [String]) throws -> URL {
        let file = try CommandRunner.temporaryDirectory().appendingPathComponent("roster.csv")
        try (Self.header + rows.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    private let anne = "SP-2020-001,Tryksår,Testrup Kommune,kommune,Anne Testesen,anne@testrup.dk"
    private let bo = "SP-2020-002,\"Energi, optimeret\",Region Testland,region,Bo Ørsted,bo@region.dk"
    private let carl = "SP-2021-003,Chatbot,Testrup Kommune,municipality,Carl,carl@testrup.dk"

    private func open(_ year: Int, _ rows: [String], in dataset: URL, deadline: String = "2099-11-30",
                      update: Bool = false) throws -> CommandResult {
        try CommandRunner.run(["round", "open", String(year), "--format", "statusreport-2", "--deadline", deadline,
                               "--roster", try roster(rows).path, "--out", dataset.path] + (update ? ["--update"] : []))
    }

    @Test("a roster is recorded whole; each round keeps its own roster when the next one changes it")
    func openRounds() throws {
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let first = try open(2024, [anne, bo], in: dataset)
        #expect(first.status == 0)
        #expect(first.stdout == "round 2024 opened: format statusreport-2, deadline 2099-11-30, 2 projects on the roster. Dataset: \(dataset.path)/\n")
        #expect(try open(2025, [bo, carl], in: dataset).status == 0)
        let store = try IntakeStore(readingFrom: dataset)
        #expect(try store.rounds().map(\.year) == [2024, 2025])
        #expect(try store.roster(of: 2024).map(\.projectId) == ["SP-2020-001", "SP-2020-002"])
        #expect(try store.roster(of: 2025).map(\.projectId) == ["SP-2020-002", "SP-2021-003"])
        let bo2024 = try #require(try store.roster(of: 2024).last)
        #expect(bo2024 == RosterEntry(projectId: "SP-2020-002", title: "Energi, optimeret", authority: "Region Testland",
                                      authorityType: "region", leadName: "Bo Ørsted", leadEmail: "bo@region.dk"))
        #expect(try store.roster(of: 2024).first?.authorityType == "municipality", "kommune is municipality")

        let again = try open(2024, [anne], in: dataset)
        #expect(again.status == 2)
        #expect(again.stderr.contains("round 2024 is already open; give --update to replace its roster"))
    }

    @Test("missing: the roster projects without a current submission, as text, CSV (formula-safe) and JSON")
    func missing() throws {
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let formula = "SP-2021-004,=HYPERLINK(\"x\"),Testrup Kommune,municipality,Dorte,dorte@testrup.dk"
        #expect(try open(2022, [anne, bo, formula], in: dataset).status == 0)
        let samples = CommandRunner.packageRoot.appendingPathComponent("samples/2022/SP-2020-001.xml").path
        #expect(try CommandRunner.run(["ingest", samples, "--out", dataset.path, "--quiet"]).status == 0)

        let text = try CommandRunner.run(["missing", "--round", "2022", "--out", dataset.path])
        #expect(text.status == 0)
        #expect(text.stdout.split(separator: "\n").map { String($0.prefix(11)) } == ["SP-2020-002", "SP-2021-004"])
        #expect(text.stderr.contains("2 of 3 projects of round 2022 have no submission."))
        let csv = try CommandRunner.run(["missing", "--round", "2022", "--out", dataset.path, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("project_id,title,authority,lead_name,lead_email\r\n"))
        #expect(csv.stdout.contains("\"'=HYPERLINK(\"\"x\"\")\""))
        let json = try CommandRunner.run(["missing", "--round", "2022", "--out", dataset.path, "--format", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(entries.compactMap { $0["project_id"] as? String } == ["SP-2020-002", "SP-2021-004"])
        #expect(try CommandRunner.run(["missing", "--round", "1999", "--out", dataset.path]).status == 2)
    }

    @Test("every bad row is named with its line, and nothing is imported")
    func badRoster() throws {
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let rows = [anne, "SP-20-1,x,y,kommune,z,z@testrup.dk", "SP-2020-002,x,y,amt,z,z@testrup.dk",
                    "SP-2021-003,x,y,,z,\"carl>,spy<spy@evil.example\"", anne, "SP-2021-004,too,many,fields,here,a@b.dk,extra"]
        let result = try open(2024, rows, in: dataset)
        let file = try #require(result.stderr.split(separator: ":").first.map(String.init))
        #expect(result.status == 2)
        #expect(result.stderr == """
            \(file):3:1: error: project_id is "SP-20-1"; expected a project id such as SP-2020-007
            \(file):4:1: error: authority_type is "amt"; expected municipality or region (or kommune), or empty
            \(file):5:1: error: lead_email "carl>,spy<spy@evil.example" is not one valid e-mail address
            \(file):6:1: error: SP-2020-001 is listed twice (also on line 2)
            \(file):7:1: error: the row has 7 fields; the header has 6
            survey-intake: error: the roster \(file) has 5 problems; nothing was imported

            """)
        #expect(!FileManager.default.fileExists(atPath: dataset.appendingPathComponent("intake.sqlite").path))
        #expect(try open(2024, [anne], in: dataset, deadline: "2024-02-30").status == 2)
    }

    @Test("links: one per roster project, only its hash stored; a rerun issues none; --reissue revokes and issues anew")
    func links() throws {
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        #expect(try open(2024, [anne, bo], in: dataset).status == 0)
        let arguments = ["links", "--round", "2024", "--out", dataset.path, "--base-url", "https://indberetning.example.dk/"]
        let first = try CommandRunner.run(arguments)
        #expect(first.status == 0)
        let lines = first.stdout.components(separatedBy: "\r\n")
        #expect(lines.first == "project_id,lead_email,url,expires_at")
        #expect(lines.count == 4 && lines[3] == "")
        var tokens: [String] = []
        for (line, project) in zip(lines[1...2], ["SP-2020-001,anne@testrup.dk", "SP-2020-002,bo@region.dk"]) {
            let fields = line.split(separator: ",").map(String.init)
            #expect(fields.count == 4)
            #expect(fields[0] + "," + fields[1] == project)
            #expect(fields[2].hasPrefix("https://indberetning.example.dk/r/"))
            #expect(fields[3] == "2099-12-14T23:59:59Z", "deadline + 14 days, end of day")
            let token = String(fields[2].dropFirst("https://indberetning.example.dk/r/".count))
            #expect(token.count == 43 && token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            tokens.append(token)
        }
        #expect(Set(tokens).count == 2)
        // Only the hash is stored: the store's bytes hold no token.
        var stored = try Data(contentsOf: dataset.appendingPathComponent("intake.sqlite"))
        let wal = dataset.appendingPathComponent("intake.sqlite-wal")
        if FileManager.default.fileExists(atPath: wal.path) { stored += try Data(contentsOf: wal) }
        for token in tokens { #expect(stored.range(of: Data(token.utf8)) == nil) }
        let store = try IntakeStore(readingFrom: dataset)
        for token in tokens {
            let link = try #require(try store.link(tokenSHA256: SHA256Hex.of(token)))
            #expect(link.revokedAt == nil)
        }

        let again = try CommandRunner.run(arguments)
        #expect(again.status == 0)
        #expect(again.stdout == "project_id,lead_email,url,expires_at\r\n")
        #expect(again.stderr.contains("survey-intake: SP-2020-001 already has an active link"))

        let reissued = try CommandRunner.run(arguments + ["--reissue", "--format", "json"])
        #expect(reissued.status == 0)
        #expect(reissued.stdout.contains("\"project_id\" : \"SP-2020-001\""))
        for token in tokens { #expect(try store.link(tokenSHA256: SHA256Hex.of(token))?.revokedAt != nil) }
        #expect(try store.activeLinks(round: 2024, at: "2030-01-01T00:00:00Z").count == 2)

        let unknown = try CommandRunner.run(["links", "--round", "2023", "--out", dataset.path, "--base-url", "https://x.example"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no round 2023 in this dataset; it has 2024"))
    }

    @Test("links --letters: one draft invitation per lead with an address, holding that lead's link; a warning for the rest")
    func invitations() throws {
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        #expect(try open(2024, [anne, "SP-2021-004,Uden adresse,Testrup Kommune,kommune,Dorte,"], in: dataset).status == 0)
        let letters = try CommandRunner.temporaryDirectory().appendingPathComponent("letters")
        let result = try CommandRunner.run(["links", "--round", "2024", "--out", dataset.path, "--base-url", "https://x.example",
                                            "--letters", letters.path, "--from", "Signaturprojekterne <opf@digst.dk>"],
                                           environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(result.status == 0)
        #expect(result.stderr == "survey-intake: warning: SP-2021-004 has no valid lead_email on the roster; no letter written, "
            + "hand its link over another way\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: letters.path) == ["SP-2020-001.eml"])
        let url = try #require(result.stdout.components(separatedBy: "\r\n")[1].split(separator: ",").map(String.init).dropFirst(2).first)
        let letter = try String(contentsOf: letters.appendingPathComponent("SP-2020-001.eml"), encoding: .utf8)
        #expect(letter.hasPrefix("Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"))
        #expect(letter.contains("\r\nTo: Anne Testesen <anne@testrup.dk>\r\n"))
        #expect(letter.contains("\r\nFrom: Signaturprojekterne <opf@digst.dk>\r\n"))
        #expect(letter.contains("\r\nX-Unsent: 1\r\n"))
        #expect(letter.contains("\r\n  \(url)\r\n"))
        #expect(letter.contains("Fristen er 30. november 2099."))
    }

    @Test("missing --letters: a reminder per missing lead, with a new link that revokes the old one; round, links and letters audited")
    func reminders() throws {
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        let clock = ["SOURCE_DATE_EPOCH": "1669000000", "USER": "karen"]  // 2022-11-21, after the deadline
        let dorte = "SP-2021-004,Uden adresse,Testrup Kommune,kommune,Dorte,"
        #expect(try CommandRunner.run(["round", "open", "2022", "--format", "statusreport-2", "--deadline", "2022-11-01",
                                       "--roster", try roster([anne, bo, dorte]).path, "--out", dataset.path], environment: clock).status == 0)
        let invited = try CommandRunner.run(["links", "--round", "2022", "--out", dataset.path, "--base-url", "https://x.example",
                                             "--grace-days", "30"], environment: clock)
        #expect(invited.status == 0, "\(invited.stderr)")
        let sample = CommandRunner.packageRoot.appendingPathComponent("samples/2022/SP-2020-001.xml").path
        #expect(try CommandRunner.run(["ingest", sample, "--out", dataset.path, "--quiet"]).status == 0)

        let letters = try CommandRunner.temporaryDirectory().appendingPathComponent("reminders")
        let result = try CommandRunner.run(["missing", "--round", "2022", "--out", dataset.path, "--letters", letters.path,
                                            "--base-url", "https://x.example", "--from", "Signaturprojekterne <opf@digst.dk>"],
                                           environment: clock)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("SP-2021-004 has no valid lead_email on the roster; no reminder written and no link issued"))
        #expect(result.stderr.contains("1 reminder written to \(letters.path), each with a new link."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: letters.path) == ["SP-2020-002.eml"])
        let letter = try String(contentsOf: letters.appendingPathComponent("SP-2020-002.eml"), encoding: .utf8)
        #expect(letter.contains("\r\nTo: Bo Ørsted <bo@region.dk>\r\n") || letter.contains("<bo@region.dk>"))
        let words = letter.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("Fristen var 1. november 2022."))
        #expect(words.contains("the deadline was 2022-11-01"))
        let url = try #require(letter.components(separatedBy: "\r\n").first { $0.hasPrefix("  https://x.example/r/") })
        let token = String(url.dropFirst("  https://x.example/r/".count))

        let store = try IntakeStore(readingFrom: dataset)
        // Bo's invitation link is revoked, the reminder's is the one that works; Anne's is untouched.
        let bos = try store.activeLinks(round: 2022, at: "2022-11-21T00:00:00Z").filter { $0.projectId == "SP-2020-002" }
        #expect(bos.count == 1)
        #expect(try store.link(tokenSHA256: SHA256.hex(of: Array(token.utf8)))?.projectId == "SP-2020-002")
        #expect(try store.activeLinks(round: 2022, at: "2022-11-21T00:00:00Z").contains { $0.projectId == "SP-2020-001" })
        let actions = try store.auditLog().map(\.action)
        #expect(actions == ["round open", "links issue", "links reissue", "reminders"])
        #expect(try store.auditLog().allSatisfy { $0.actor == "karen" })
    }

    @Test("links that would already have expired are refused; an updated roster revokes the links of projects that left it")
    func expiryAndUpdate() throws {
        let dataset = try CommandRunner.temporaryDirectory().appendingPathComponent("data")
        #expect(try open(2021, [anne, bo], in: dataset, deadline: "2021-11-30").status == 0)
        let expired = try CommandRunner.run(["links", "--round", "2021", "--out", dataset.path, "--base-url", "https://x.example"])
        #expect(expired.status == 2)
        #expect(expired.stderr.contains("links for round 2021 would expire at 2021-12-14T23:59:59Z, which has passed"))

        #expect(try open(2024, [anne, bo], in: dataset).status == 0)
        let issued = try CommandRunner.run(["links", "--round", "2024", "--out", dataset.path, "--base-url", "https://x.example"])
        let boToken = try #require(issued.stdout.components(separatedBy: "\r\n")[2].split(separator: "/").last.map(String.init))
        #expect(try open(2024, [anne, carl], in: dataset, update: true).status == 0)
        let store = try IntakeStore(readingFrom: dataset)
        #expect(try store.roster(of: 2024).map(\.projectId) == ["SP-2020-001", "SP-2021-003"])
        #expect(try store.link(tokenSHA256: SHA256Hex.of(String(boToken.split(separator: ",")[0])))?.revokedAt != nil)
    }
}

/// SHA-256 in hex, as the store keeps a link's token.
enum SHA256Hex {
    static func of(_ text: String) -> String {
        SurveyIntake.SHA256.hex(of: Array(text.utf8))
    }
}
