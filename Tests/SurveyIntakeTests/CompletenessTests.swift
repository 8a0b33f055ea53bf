import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// A fully answered canonical submission in either format, to be broken one answer at a time.
enum TestSubmissions {
    static func text(_ raw: String?, line: Int = 5) -> Answer {
        Answer.text(raw, at: SourcePosition(line: line, column: 3))
    }

    static func code(_ raw: String?, _ value: String?, line: Int = 6) -> Answer {
        Answer(raw: raw, value: value, position: SourcePosition(line: line, column: 3))
    }

    static func challenge(_ position: Int, resolved: (String, String) = ("nej", "no"), mitigation: String? = nil) -> Submission.Challenge {
        let line = 20 + position * 10
        return Submission.Challenge(
            position: position, location: SourcePosition(line: line, column: 5),
            category: code("Jura", "legal", line: line + 1), label: text("Jura", line: line + 1), code: .absent,
            subcategory: nil, categorySource: "label",
            description: text("Uklar hjemmel.", line: line + 2), severity: code("4", "high", line: line + 3),
            resolved: code(resolved.0, resolved.1, line: line + 4), mitigation: text(mitigation, line: line + 5))
    }

    static func complete(format: String = "statusrapport-1") -> Submission {
        Submission(
            submissionId: "id", format: format, formatVersion: "1.0", round: 2021, projectId: "SP-2020-001",
            submittedAt: "2021-11-15T14:30:00+01:00", location: SourcePosition(line: 2, column: 1),
            project: .init(
                title: text("Titel"), authority: text("Odense Kommune"), authorityType: code("kommune", "municipality"),
                authorityCode: .absent, domain: code("Sundhed", "health"), phase: code("Afprøvning", "pilot"),
                status: .absent),
            lead: .init(name: text("Anne"), email: text("anne@odense.dk")),
            challenges: [challenge(1), challenge(2, resolved: ("ja", "yes"), mitigation: "Jurister inddraget.")],
            declaredNoChallenges: false, challengesAnswered: true, mitigations: [],
            operationsPlan: .absent, usesStateITProjectModel: .absent, comments: .absent)
    }
}

@Suite("Completeness rules")
struct CompletenessTests {
    private func checker(_ format: String = "statusrapport-1") throws -> CompletenessChecker {
        let catalog = try CompletenessCatalog.load(for: TestSupport.registry())
        return try #require(catalog.checker(for: format))
    }

    @Test("a fully answered submission has no findings and a score of 1")
    func complete() throws {
        for format in ["statusrapport-1", "statusreport-2"] {
            let report = try checker(format).check(TestSubmissions.complete(format: format))
            #expect(report.findings == [])
            #expect(report.score == 1)
        }
    }

    @Test("a blank and an absent required answer are both `missing`, quoting the label")
    func missing() throws {
        var submission = TestSubmissions.complete()
        submission.project.title = TestSubmissions.text("   ", line: 7)
        submission.lead.name = .absent
        let report = try checker().check(submission)
        #expect(report.findings.map(\.field) == ["project.title", "lead.name"])
        #expect(report.findings.map(\.rule) == [.missing, .missing])
        #expect(report.findings[0].messageDanish == "«Projektets titel» er ikke besvaret.")
        #expect(report.findings[0].messageEnglish == "\"Project title\" is not answered.")
        #expect(report.findings[0].position == SourcePosition(line: 7, column: 3))
        // An absent element is placed at the submission's root.
        #expect(report.findings[1].position == SourcePosition(line: 2, column: 1))
    }

    @Test("placeholders in several spellings", arguments: [
        "TBD", "tbd", " T B D ", "-", "?", "…", "...", "xx", "XXX", "N/A", "n/a", "Ved ikke", "VED  IKKE",
        "udfyldes senere", "Udfyldes senere.", "Følger", "kommer senere", "--", "???",
    ])
    func placeholder(text: String) throws {
        var submission = TestSubmissions.complete()
        submission.project.phase = TestSubmissions.code(text, nil)
        let report = try checker().check(submission)
        #expect(report.findings.map(\.rule) == [.placeholder])
        #expect(report.findings.first?.field == "project.phase")
        #expect(report.findings.first?.messageEnglish == "\"Project phase\" holds the placeholder \"\(text)\" instead of an answer.")
    }

    @Test("real answers are not placeholders", arguments: ["Nej", "Ja", "I drift", "x-ray", "Test", "AI"])
    func notPlaceholder(text: String) throws {
        #expect(!PlaceholderList(["TBD", "ved ikke", "xx"]).matches(text))
    }

    @Test("resolved yes/partly without a mitigation is `conditional`, naming the condition")
    func conditional() throws {
        var submission = TestSubmissions.complete()
        submission.challenges[1].mitigation = .absent
        let report = try checker().check(submission)
        #expect(report.findings.map(\.field) == ["challenges[2].mitigation"])
        #expect(report.findings.map(\.rule) == [.conditional])
        #expect(report.findings[0].messageDanish
            == "Udfordring 2: «Hvilke tiltag har I iværksat?» skal besvares, fordi «Er udfordringen løst?» er besvaret med «ja».")
        #expect(report.findings[0].messageEnglish
            == "Challenge 2: \"What measures did you take?\" must be answered because \"Has the challenge been resolved?\" is answered \"ja\".")
        // Placed at the challenge when the answer is absent.
        #expect(report.findings[0].position == SourcePosition(line: 40, column: 5))
    }

    @Test("resolved no: a missing mitigation is legitimately skipped, not flagged nor counted")
    func legitimatelySkipped() throws {
        let submission = TestSubmissions.complete()
        #expect(submission.challenges[0].mitigation.raw == nil)
        let report = try checker().check(submission)
        #expect(report.findings == [])
        // 7 project/lead answers + the challenge list + 4 per challenge × 2 + 1 mitigation (challenge 2).
        #expect(report.requiredCount == 7 + 1 + 8 + 1)
    }

    @Test("format 2: phase implementation or operation needs the operations plan")
    func operationsPlan() throws {
        for (phase, flagged) in [("implementation", true), ("operation", true), ("pilot", false)] {
            var submission = TestSubmissions.complete(format: "statusreport-2")
            submission.project.phase = TestSubmissions.code(phase, phase)
            let report = try checker("statusreport-2").check(submission)
            #expect(report.findings.map(\.field) == (flagged ? ["operationsPlan"] : []))
            #expect(report.findings.map(\.rule) == (flagged ? [.conditional] : []))
        }
    }

    @Test("format 2: category other needs OtherCategory; mitigation code other needs text")
    func otherNeedsText() throws {
        var submission = TestSubmissions.complete(format: "statusreport-2")
        submission.challenges[0].code = TestSubmissions.code("other", "other")
        submission.challenges[0].label = .absent
        submission.mitigations = [Submission.Mitigation(
            position: 1, code: TestSubmissions.code("other", "other", line: 60), codeSource: "coded",
            text: TestSubmissions.text("", line: 60))]
        let report = try checker("statusreport-2").check(submission)
        #expect(report.findings.map(\.field) == ["challenges[1].label", "mitigations[1].text"])
        #expect(report.findings.map(\.rule) == [.conditional, .conditional])
        #expect(report.findings[1].messageEnglish
            == "General measure 1: \"General measure (description)\" must be answered because \"Kind of measure\" is answered \"other\".")
    }

    @Test("a malformed e-mail is `invalid-format`", arguments: [
        "lars.birk@esbjerg", "jens.aarhus.dk", "anne @odense.dk", "@odense.dk", "anne@odense.", "anne@@odense.dk",
    ])
    func invalidEmail(email: String) throws {
        var submission = TestSubmissions.complete()
        submission.lead.email = TestSubmissions.text(email)
        let report = try checker().check(submission)
        #expect(report.findings.map(\.rule) == [.invalidFormat])
        #expect(report.findings.first?.field == "lead.email")
    }

    @Test("plausible e-mails pass", arguments: ["anne@odense.dk", "Anne.Holm-Berg@regionh.dk", " obch@holb.dk "])
    func validEmail(email: String) {
        #expect(EmailAddress.isPlausible(email))
    }

    @Test("an unplaced challenge label is `unmapped`; an unknown phase text is `unmapped`")
    func unmapped() throws {
        var submission = TestSubmissions.complete()
        submission.challenges[0].category = TestSubmissions.code("Corona", "other")
        submission.challenges[0].categorySource = "unmapped"
        submission.project.phase = TestSubmissions.code("Fase 3b", nil)
        let report = try checker().check(submission)
        #expect(report.findings.map(\.field) == ["project.phase", "challenges[1].category"])
        #expect(report.findings.map(\.rule) == [.unmapped, .unmapped])
        #expect(report.findings[1].messageEnglish
            == "Challenge 1: \"Category\": \"Corona\" could not be placed in the taxonomy; it is kept as other.")
        // Unmapped answers are answered: the score stays 1.
        #expect(report.score == 1)
    }

    @Test("no challenges: flagged, unless format 2 declares NoChallenges")
    func noChallenges() throws {
        var format1 = TestSubmissions.complete()
        format1.challenges = []
        let report = try checker().check(format1)
        #expect(report.findings.map(\.rule) == [.noChallenges])
        #expect(report.findings.first?.field == "challenges")

        var format2 = TestSubmissions.complete(format: "statusreport-2")
        format2.challenges = []
        format2.declaredNoChallenges = true
        #expect(try checker("statusreport-2").check(format2).findings == [])
    }

    @Test("the score is answered / required; placeholders do not count as answered")
    func score() throws {
        var submission = TestSubmissions.complete()
        submission.project.title = .absent
        submission.project.domain = TestSubmissions.code("TBD", nil)
        let report = try checker().check(submission)
        #expect(report.requiredCount == 17)
        #expect(report.answeredCount == 15)
        #expect(abs(report.score - 15.0 / 17.0) < 1e-12)
    }

    @Test("the dictionaries cover every question of both formats")
    func dictionariesCoverTheFormats() throws {
        let catalog = try CompletenessCatalog.load(for: TestSupport.registry())
        let format1 = try #require(catalog.checker(for: "statusrapport-1")).dictionary.questions.map(\.source)
        #expect(format1 == [
            "Projekt/Titel", "Projekt/Myndighed/Navn", "Projekt/Myndighed/Type", "Projekt/Omraade", "Projekt/Fase",
            "Projektleder/Navn", "Projektleder/Email", "Udfordringer", "Udfordringer/Udfordring/Kategori",
            "Udfordringer/Udfordring/Beskrivelse", "Udfordringer/Udfordring/Alvorlighed", "Udfordringer/Udfordring/Loest",
            "Udfordringer/Udfordring/Tiltag", "GenerelleTiltag/Tiltag", "Bemaerkninger",
        ])
        let format2 = try #require(catalog.checker(for: "statusreport-2")).dictionary.questions.map(\.field)
        #expect(format2 == [
            "project.title", "project.authority", "project.authorityType", "project.authorityCode", "project.domain",
            "project.phase", "project.status", "lead.name", "lead.email", "challenges", "challenges[N].code", "challenges[N].category",
            "challenges[N].label", "challenges[N].description", "challenges[N].severity", "challenges[N].resolved",
            "challenges[N].mitigation", "mitigations[N].code", "mitigations[N].text", "operationsPlan", "usesStateITProjectModel", "comments",
        ])
    }

    @Test("a broken dictionary is refused with file, line and column")
    func brokenDictionary() throws {
        let folder = try TestSupport.temporaryDirectory()
        let schema = try DataFile.schema(TestSupport.schemasDirectory.appendingPathComponent("dictionary.xsd").path)
        let file = folder.appendingPathComponent("dictionary.xml")
        try """
        <DataDictionary xmlns="urn:survey-intake:dictionary:1" format="x">
          <Question field="project.title" source="T" kind="txt">
            <Label lang="da">Titel</Label><Label lang="en">Title</Label>
          </Question>
        </DataDictionary>
        """.write(to: file, atomically: true, encoding: .utf8)
        let failure = try #require(throws: DataFile.Failure.self) { try DataDictionary.load(from: file, schema: schema) }
        #expect(failure.findings.first?.line == 2)
        #expect(failure.findings.first?.column == 3)
        #expect(failure.findings.first?.message.contains("\"txt\"") == true)
    }
}
