import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// Issue 13, item 14: one recipient per letter, checked strictly; names encoded and headers
/// folded within RFC 5322's limits; bounded file names, so that every letter is written.
@Suite("Letters from hostile answers: one recipient, bounded headers and file names")
struct LetterHardeningTests {
    private func group(email: String?, name: String?, project: String = "SP-2020-001") -> LeadFindings {
        let lead = ProjectLead(email: email, name: name)
        let finding = OpenFinding(position: 1, field: "project.title", rule: .missing, label: "Project title",
                                  labelDanish: "Projektets titel", message: "m", messageDanish: "m", value: nil, line: 7, column: 5)
        let submission = SubmissionFindings(submissionId: "s-\(project)", projectId: project, round: 2021, format: "statusrapport-1",
                                            sourceFile: "a.xml", submittedAt: "2021-11-15T14:30:00+01:00", title: nil,
                                            authority: nil, lead: lead, findings: [finding])
        return LeadFindings(lead: lead, projects: [ProjectFindings(projectId: project, title: nil, authority: nil,
                                                                   submissions: [submission])])
    }

    private func headers(_ message: MailMessage) -> [String] {
        (message.encoded().components(separatedBy: "\r\n\r\n").first ?? "").components(separatedBy: "\r\n")
    }

    private var composer: FollowUpLetterComposer {
        get throws { FollowUpLetterComposer(date: FollowUpLetterTests.date, vocabularies: try TestSupport.vocabularies()) }
    }

    @Test("strict addresses: one addr-spec, nothing that could add a recipient", arguments: [
        ("carl>,Spy<spy3@evil.example", false), ("a@b.dk,c@d.dk", false), ("\"carl\"@kk.dk", false), ("carl(x)@kk.dk", false),
        ("carl@kk.dk\r\nBcc: x@evil.example", false), ("car l@kk.dk", false), ("carl@kk..dk", false), ("carl@-kk.dk", false),
        (".carl@kk.dk", false), ("carl@[127.0.0.1]", false), ("carl;x@kk.dk", false), ("carl@kk.dk>", false),
        (String(repeating: "a", count: 65) + "@kk.dk", false), ("a@" + String(repeating: "b", count: 64) + ".dk", false),
        ("anne@odense.dk", true), ("Anne.Holm-Berg@regionh.dk", true), (" obch@holb.dk ", true), ("søren@ærø.dk", true),
        ("a+tag@kk.dk", true),
    ])
    func strictAddresses(address: String, valid: Bool) {
        #expect(EmailAddress.isPlausible(address) == valid)
    }

    @Test("`carl>,Spy<spy3@evil.example` becomes no recipient at all, and the letter says so")
    func secondRecipient() throws {
        let lines = headers(try composer.letter(for: group(email: "carl>,Spy<spy3@evil.example", name: "Carl")))
        #expect(lines.filter { $0.hasPrefix("To:") } == ["To: Carl:;"])
        #expect(!lines.contains { $0.contains("spy3@evil.example>") || $0.contains("<carl>") })
        #expect(lines.joined(separator: "\n").contains("X-Survey-Intake-Warning: the project lead's e-mail address is missing or not\n"
            + " valid (\"carl>,Spy<spy3@evil.example\"); fill in To before sending"))
    }

    @Test("a name with CR LF cannot start a header of its own; specials in a name are encoded or quoted")
    func headerInjection() throws {
        let lines = headers(try composer.letter(for: group(email: "carl@kk.dk", name: "Carl\r\nBcc: spy@evil.example")))
        #expect(!lines.contains { $0.hasPrefix("Bcc:") })
        #expect(lines.contains("To: \"Carl Bcc: spy@evil.example\" <carl@kk.dk>"))
        let bidi = headers(try composer.letter(for: group(email: "carl@kk.dk", name: "Carl\u{202E}<spy@evil.example>,")))
        #expect(bidi.contains("To: \"Carl<spy@evil.example>,\" <carl@kk.dk>"))
    }

    @Test("a 2,000-character name: encoded words, every header line within 78 characters")
    func longName() throws {
        let name = String(repeating: "Abcdefghij", count: 200)
        let message = try composer.letter(for: group(email: "carl@kk.dk", name: name))
        let lines = headers(message)
        for line in lines { #expect(line.utf8.count <= 78, "\(line.prefix(40))… is \(line.utf8.count) long") }
        let to = lines.drop { !$0.hasPrefix("To:") }.prefix { $0.hasPrefix("To:") || $0.hasPrefix(" ") }
        #expect(to.count > 20)
        #expect(to.last?.hasSuffix("<carl@kk.dk>") == true)
        #expect(RFC2047.decode(to.joined(separator: "\r\n").replacingOccurrences(of: "To:", with: "")) == name)
        // The greeting keeps the name; the body's long line goes out quoted-printable.
        #expect(message.encoded().contains("Content-Transfer-Encoding: quoted-printable"))
    }

    @Test("a value, a title and a file name with control and bidi characters: escaped in the body, Danish and English")
    func bodyEscapes() throws {
        let lead = ProjectLead(email: "carl@kk.dk", name: "Carl")
        let finding = OpenFinding(position: 1, field: "project.domain", rule: .unmapped, label: "Domain", labelDanish: "Område",
                                  message: "m", messageDanish: "m", value: "Kultur\u{202E}moc\u{1B}[2J", line: 7, column: 5)
        let submission = SubmissionFindings(submissionId: "s", projectId: "SP-2020-001", round: 2021, format: "statusrapport-1",
                                            sourceFile: "in/a\u{202E}lmx.xml", submittedAt: "2021-11-15T14:30:00+01:00",
                                            title: "Titel\u{2066}x", lead: lead, findings: [finding])
        let body = try composer.body(for: LeadFindings(lead: lead, projects: [
            ProjectFindings(projectId: "SP-2020-001", submissions: [submission])]))
        #expect(!body.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x2066 })
        #expect(body.contains("SP-2020-001 «Titel\\u{2066}x» – statusrapport for 2021\n"))
        #expect(body.contains("filen a\\u{202E}lmx.xml\n"))
        #expect(body.contains("«Område»: svaret «Kultur\\u{202E}moc\\u{1B}[2J» kan vi ikke genkende."))
        // The English letter after `-- ` quotes the same escaped text.
        let english = try #require(body.components(separatedBy: "\n-- \n").last)
        #expect(english.contains("SP-2020-001 “Titel\\u{2066}x” – status report for 2021\n"))
        #expect(english.contains("file a\\u{202E}lmx.xml\n"))
        #expect(english.replacingOccurrences(of: "\n   ", with: " ")
            .contains("“Domain”: we do not recognise the answer “Kultur\\u{202E}moc\\u{1B}[2J”."))
    }

    @Test("300-character addresses and names: every letter written, file names bounded and distinct")
    func longFileNames() throws {
        let long = String(repeating: "x", count: 290)
        let leads = [
            group(email: long + "a@kk.dk", name: "A", project: "SP-2020-001"),
            group(email: long + "b@kk.dk", name: "B", project: "SP-2020-002"),
            group(email: nil, name: String(repeating: "Navn ", count: 60), project: "SP-2020-003"),
            group(email: "anne@kk.dk", name: "Anne", project: "SP-2020-004"),
        ]
        let folder = try TestSupport.temporaryDirectory()
        let written = try FollowUpLetters(composer: try composer).write(leads, into: folder)
        #expect(written.count == 4)
        #expect(written.allSatisfy { $0.fileName.utf8.count <= 104 })
        #expect(Set(written.map(\.fileName)).count == 4)
        #expect(written[3].fileName == "anne@kk.dk.eml")
        #expect(written[0].fileName.hasPrefix(String(repeating: "x", count: 87) + "-"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 4)
        #expect(written.map(\.isAddressed) == [false, false, false, true])
    }
}
