import Foundation
import Testing

/// Issue 13, item 14, on the built binary: `flags --letters` with an address that would add a
/// recipient, and with 300-character addresses and names.
@Suite("flags --letters with hostile leads, end to end")
struct HostileLettersCommandTests {
    /// Ingests format-1 files with these (project id, lead name, lead e-mail as XML text) into `root/data`.
    private func dataset(_ leads: [(String, String, String)]) throws -> URL {
        let root = try CommandRunner.temporaryDirectory()
        let fixture = try CommandRunner.fixture("format1-complete.xml")
        for (index, (project, name, email)) in leads.enumerated() {
            try fixture.replacingOccurrences(of: "SP-2020-901", with: project)
                .replacingOccurrences(of: "<Navn>Anne Testesen</Navn>", with: "<Navn>\(name)</Navn>")
                .replacingOccurrences(of: "anne.testesen@testrup.dk", with: email)
                .write(to: root.appendingPathComponent("\(index).xml"), atomically: true, encoding: .utf8)
        }
        let ingest = try CommandRunner.run(["ingest", ".", "--out", "data", "--quiet"], in: root)
        try #require(ingest.status == 0, "\(ingest.stdout)\(ingest.stderr)")
        return root
    }

    @Test("`carl&gt;,Spy&lt;spy3@evil.example`: the letter has no recipient, says so, and the command warns")
    func secondRecipient() throws {
        let root = try dataset([("SP-2020-901", "Carl", "carl&gt;,Spy&lt;spy3@evil.example")])
        let result = try CommandRunner.run(["flags", "--out", "data", "--letters", "letters"], in: root,
                                           environment: ["SOURCE_DATE_EPOCH": "1669885200"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            letters/carl-spy-spy3@evil.example.eml: Carl, 1 finding in 1 report
            1 letter written to letters/.

            """)
        #expect(result.stderr == "survey-intake: warning: the letters' sender is the placeholder opfoelgning@signaturprojekter.example; "
            + "give the real one with --from 'Name <address>' before sending them\n"
            + "letters/carl-spy-spy3@evil.example.eml: warning: no valid e-mail address for Carl "
            + "(\"carl>,Spy<spy3@evil.example\"); fill in To before sending\n")
        let letter = try String(contentsOf: root.appendingPathComponent("letters/carl-spy-spy3@evil.example.eml"), encoding: .utf8)
        #expect(letter.contains("\r\nTo: Carl:;\r\n"))
        #expect(!letter.contains("spy3@evil.example>"))
        let danish = try CommandRunner.run(["flags", "--out", "data", "--letters", "letters", "--language", "da", "--quiet"], in: root)
        #expect(danish.stderr == "survey-intake: warning: brevenes afsender er pladsholderen opfoelgning@signaturprojekter.example; "
            + "angiv den rigtige med --from 'Navn <adresse>', før brevene sendes\n"
            + "letters/carl-spy-spy3@evil.example.eml: warning: ingen gyldig e-mailadresse for Carl "
            + "(\"carl>,Spy<spy3@evil.example\"); udfyld Til, før brevet sendes\n")
    }

    @Test("300-character addresses and a 2,000-character name: every letter written, exit 0, lines within limits")
    func longLeads() throws {
        let long = String(repeating: "x", count: 300)
        let root = try dataset([
            ("SP-2020-901", "A", long + "@kk.dk"), ("SP-2020-902", "B", long + "b@kk.dk"),
            ("SP-2020-903", String(repeating: "Navn", count: 500), "navn@kk"), ("SP-2020-904", "Anne", "anne@kk.dk.invalid-"),
        ])
        let result = try CommandRunner.run(["flags", "--out", "data", "--letters", "letters", "--quiet"], in: root)
        #expect(result.status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("letters").path).sorted()
        #expect(names.count == 4)
        #expect(names.allSatisfy { $0.utf8.count <= 104 })
        for name in names {
            let text = try String(contentsOf: root.appendingPathComponent("letters/\(name)"), encoding: .utf8)
            let header = text.components(separatedBy: "\r\n\r\n")[0]
            for line in header.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "\(name): \(line.prefix(50))") }
        }
    }
}
