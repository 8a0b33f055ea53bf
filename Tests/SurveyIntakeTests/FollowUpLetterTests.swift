import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("flags --letters: one draft e-mail per lead")
struct FollowUpLetterTests {
    /// Thu, 01 Dec 2022 09:00:00 UTC.
    static let date = Date(timeIntervalSince1970: 1_669_885_200)
    static let goldenFolder = TestSupport.packageRoot.appendingPathComponent("Tests/SurveyIntakeTests/Fixtures/letters")

    private func letters() throws -> (written: [FollowUpLetters.Written], folder: URL) {
        let (store, _) = try FollowUpFixture.store()
        let folder = try TestSupport.temporaryDirectory().appendingPathComponent("letters")
        let composer = FollowUpLetterComposer(date: Self.date, replyBy: "15. januar 2023", vocabularies: try TestSupport.vocabularies())
        return (try FollowUpLetters(composer: composer).write(try store.openFindings(), into: folder), folder)
    }

    @Test("one file per lead, named by address (or no-email- and the name), in listing order")
    func fileNames() throws {
        let (written, folder) = try letters()
        #expect(written.map(\.fileName) == ["anne.testesen@testrup.dk.eml", "bo.orsted.region.dk.eml", "bo.orsted@region.dk.eml",
                                            "no-email-carl-uden-mail.eml"])
        #expect(written.map(\.isAddressed) == [true, false, true, false])
        #expect(written.map(\.findingCount) == [7, 1, 1, 3])
        #expect(written.map(\.submissionCount) == [3, 1, 1, 1])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == written.map(\.fileName).sorted())
    }

    /// Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change, then read the diff.
    @Test("every letter is byte-for-byte its golden file (Fixtures/letters)")
    func golden() throws {
        let (written, folder) = try letters()
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
            for letter in written {
                let target = Self.goldenFolder.appendingPathComponent(letter.fileName)
                if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
                try FileManager.default.copyItem(at: folder.appendingPathComponent(letter.fileName), to: target)
            }
        }
        for letter in written {
            let actual = try String(contentsOf: folder.appendingPathComponent(letter.fileName), encoding: .utf8)
            let expected = try String(contentsOf: Self.goldenFolder.appendingPathComponent(letter.fileName), encoding: .utf8)
            #expect(actual == expected, "\(letter.fileName) differs from its golden file")
        }
    }

    @Test("headers: Date, From, To, Subject (RFC 2047), MIME, 8bit, X-Unsent; CRLF; lines within limits")
    func headers() throws {
        let (_, folder) = try letters()
        let text = try String(contentsOf: folder.appendingPathComponent("anne.testesen@testrup.dk.eml"), encoding: .utf8)
        let header = try #require(text.components(separatedBy: "\r\n\r\n").first)
        #expect(header == """
            Date: Thu, 01 Dec 2022 09:00:00 +0000\r
            From: =?UTF-8?Q?Opf=C3=B8lgning_p=C3=A5_signaturprojekterne?=\r
             <opfoelgning@signaturprojekter.example>\r
            To: Anne Testesen <anne.testesen@testrup.dk>\r
            Subject: =?UTF-8?Q?Opf=C3=B8lgning_p=C3=A5_statusrapporterne_for_SP-2020-0?=\r
             =?UTF-8?Q?01_og_SP-2021-003=3A_7_svar_mangler_eller_skal_rettes?=\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=UTF-8\r
            Content-Transfer-Encoding: 8bit\r
            X-Unsent: 1
            """)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends with CRLF")
        for line in header.components(separatedBy: "\r\n") { #expect(line.count <= 76, "\(line)") }
        let subject = header.components(separatedBy: "\r\n").filter { $0.hasPrefix("Subject:") || $0.hasPrefix(" =?") }
        #expect(RFC2047.decode(subject.joined(separator: "\r\n").replacingOccurrences(of: "Subject: ", with: ""))
            == "Opfølgning på statusrapporterne for SP-2020-001 og SP-2021-003: 7 svar mangler eller skal rettes")
    }

    @Test("a lead without a valid address: an empty To group and a warning header")
    func unaddressed() throws {
        let (_, folder) = try letters()
        let carl = try String(contentsOf: folder.appendingPathComponent("no-email-carl-uden-mail.eml"), encoding: .utf8)
        #expect(carl.contains("\r\nTo: Carl Uden Mail:;\r\n"))
        #expect(carl.contains("\r\nX-Survey-Intake-Warning: the project lead's e-mail address is missing or not\r\n"
            + " valid; fill in To before sending\r\n"))
        let bo = try String(contentsOf: folder.appendingPathComponent("bo.orsted.region.dk.eml"), encoding: .utf8)
        #expect(bo.contains("\r\nTo: =?UTF-8?Q?Bo_=C3=98rsted?= :;\r\n"))
        #expect(bo.contains("(\"bo.orsted.region.dk\")"))
    }

    @Test("the body: greeting, each finding quoting the Danish label and what was written, how to resubmit per format")
    func body() throws {
        let (store, _) = try FollowUpFixture.store()
        let anne = try #require(try store.openFindings().first)
        let letter = FollowUpLetterComposer(date: Self.date, vocabularies: try TestSupport.vocabularies()).body(for: anne)
        // The Danish letter; the English one after `-- ` is FollowUpLetterEnglishTests'.
        let parts = letter.components(separatedBy: "\n\n-- \n\n")
        try #require(parts.count == 2)
        let body = parts[0]
        #expect(body.hasPrefix("Kære Anne Testesen\n\nTak for jeres statusrapporter om signaturprojekterne SP-2020-001 og\nSP-2021-003. "))
        #expect(body.contains("\nSP-2020-001 – statusrapport for 2021\nIndsendt 12. november 2021, filen SP-2020-001.xml\n\n"
            + "1. «Projektets titel» er ikke besvaret.\n"))
        #expect(body.contains("2. Udfordring 2: «Hvilke tiltag har I iværksat?» er ikke besvaret. Det\n"
            + "   skal det være, fordi «Er udfordringen løst?» er besvaret med\n   «delvist».\n"))
        #expect(body.contains("3. Udfordring 3: «Kategori»: kategorien «Corona» kan vi ikke placere\n"))
        #expect(body.contains("2. Generelt tiltag 1: «Generelle tiltag» er udfyldt med «xx», som vi\n   læser"))
        #expect(body.contains("Rapportens kategorier for udfordringer er: data, infrastruktur\n(infrastructure), jura (legal)"))
        #expect(body.contains("\n- Rapporterne for 2021: sæt «Indsendt» til det tidspunkt, hvor I retter\n  filen"))
        #expect(body.contains("\n- Rapporten for 2022: giv filen et nyt submissionId (en ny UUID), og sæt\n"))
        #expect(!body.contains("senest"), "no deadline unless asked for")
        #expect(body.hasSuffix("Med venlig hilsen\n\nOpfølgning på signaturprojekterne"))
        #expect(parts[1].hasPrefix("Dear Anne Testesen\n\n"))
        for line in letter.split(separator: "\n") { #expect(line.count <= 72, "\(line)") }
    }

    @Test("each rule's sentence")
    func sentences() {
        func finding(_ rule: CompletenessRule, _ field: String, value: String? = nil,
                     condition: FindingCondition? = nil) -> OpenFinding {
            // The message is not the source of anything: the letter words the condition itself.
            OpenFinding(position: 1, field: field, rule: rule, label: "", labelDanish: "Spørgsmål", message: "",
                        messageDanish: "unused, fordi «Andet» er besvaret med «andet».", value: value, line: 1, column: 1,
                        condition: condition)
        }
        let sentence = { FollowUpLetterComposer.sentence(for: $0, danish: true) }
        #expect(sentence(finding(.missing, "project.phase")) == "«Spørgsmål» er ikke besvaret.")
        #expect(sentence(finding(.placeholder, "challenges[4].description", value: "  TBD \n"))
            == "Udfordring 4: «Spørgsmål» er udfyldt med «TBD», som vi læser som en pladsholder og ikke som et svar.")
        #expect(sentence(finding(.conditional, "operationsPlan",
                                  condition: FindingCondition(labelDanish: "Fase", labelEnglish: "Phase", written: "operation")))
            == "«Spørgsmål» er ikke besvaret. Det skal det være, fordi «Fase» er besvaret med «operation».")
        #expect(sentence(finding(.conditional, "operationsPlan"))
            == "«Spørgsmål» skal besvares ud fra jeres øvrige svar, men er ikke besvaret.")
        #expect(sentence(finding(.invalidFormat, "lead.email", value: "a.b")) == "«Spørgsmål» er ikke en gyldig e-mailadresse: «a.b».")
        #expect(sentence(finding(.unmapped, "project.domain", value: "Kultur"))
            == "«Spørgsmål»: svaret «Kultur» kan vi ikke genkende. Brug gerne en af spørgeskemaets svarmuligheder, eller "
                + "forklar kort, hvad I mener.")
        #expect(sentence(finding(.noChallenges, "challenges")).hasPrefix("«Spørgsmål»: der er ikke angivet nogen udfordringer."))
        #expect(sentence(finding(.missing, "mitigations[2].text")) == "Generelt tiltag 2: «Spørgsmål» er ikke besvaret.")
    }

    @Test("--from reads 'Name <address>' and 'address'; anything else is refused")
    func sender() {
        #expect(FollowUpLetterComposer.sender(from: "Signaturprojekterne <opf@digst.dk>")
            == MailAddress(name: "Signaturprojekterne", address: "opf@digst.dk"))
        #expect(FollowUpLetterComposer.sender(from: "\"Opfølgning, DIGST\" <opf@digst.dk>")
            == MailAddress(name: "Opfølgning, DIGST", address: "opf@digst.dk"))
        #expect(FollowUpLetterComposer.sender(from: "opf@digst.dk") == MailAddress(name: nil, address: "opf@digst.dk"))
        #expect(FollowUpLetterComposer.sender(from: "Opfølgning") == nil)
    }
}

/// Decodes RFC 2047 Q-encoded words, to check what a mail program will show.
enum RFC2047 {
    static func decode(_ text: String) -> String {
        var bytes: [UInt8] = []
        // "\r\n" is one Character: split on any white space.
        for word in text.split(whereSeparator: \.isWhitespace) {
            guard word.hasPrefix("=?UTF-8?Q?"), word.hasSuffix("?=") else { continue }
            let encoded = Array(word.dropFirst(10).dropLast(2).utf8)
            var index = 0
            while index < encoded.count {
                switch encoded[index] {
                case UInt8(ascii: "_"): bytes.append(0x20); index += 1
                case UInt8(ascii: "="):
                    bytes.append(UInt8(String(decoding: encoded[index + 1...index + 2], as: UTF8.self), radix: 16) ?? 0)
                    index += 3
                default: bytes.append(encoded[index]); index += 1
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
