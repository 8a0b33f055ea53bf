import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyIntake

/// The web form of statusreport-2: answers → document → pipeline, and back.
@Suite struct FormTests {
    static let projectId = "SP-2020-007"
    static let submissionId = "3f2b8c1e-5d4a-4e6b-9c7d-2a1b0c9d8e7f"
    static let submittedAt = "2022-11-15T14:30:00Z"

    static func form() throws -> QuestionnaireForm {
        let pipeline = try TestSupport.pipeline()
        let format = try #require(pipeline.registry.format(id: "statusreport-2"))
        let dictionary = try #require(pipeline.completeness.checker(for: "statusreport-2")).dictionary
        return try #require(QuestionnaireForm(format: format, dictionary: dictionary, vocabularies: try TestSupport.vocabularies()))
    }

    static func document(_ answers: FormAnswers, form: QuestionnaireForm) throws -> [UInt8] {
        try form.document(answers, projectId: projectId, round: 2022, submissionId: submissionId, submittedAt: submittedAt)
    }

    /// The FormError `document` throws for `answers`, or nil when it writes a document.
    static func formError(_ answers: FormAnswers, form: QuestionnaireForm) -> FormError? {
        do {
            _ = try form.document(answers, projectId: projectId, round: 2022, submissionId: submissionId, submittedAt: submittedAt)
            return nil
        } catch {
            return error
        }
    }

    static func process(_ bytes: [UInt8]) throws -> IntakeResult {
        let pipeline = try TestSupport.pipeline()
        return bytes.withUnsafeBytes { pipeline.process(bytes: $0, path: "form.xml") }
    }

    /// Every question answered, two challenges and one general measure.
    static let full: [(name: String, value: String)] = [
        ("project.title", "Tidlig opsporing af sepsis"),
        ("project.authority", "Region Syddanmark"),
        ("project.authorityType", "region"),
        ("project.authorityCode", "1083"),
        ("project.domain", "health"),
        ("project.phase", "implementation"),
        ("project.status", "on-track"),
        ("lead.name", "Søren Østergård"),
        ("lead.email", "soren@rsyd.dk"),
        ("challenges[1].code", "data"),
        ("challenges[1].description", "Adgang til data fra patientjournalen tog et halvt år."),
        ("challenges[1].severity", "high"),
        ("challenges[1].resolved", "yes"),
        ("challenges[1].mitigation", "Aftale med dataansvarlig om tidlig adgang."),
        ("challenges[2].code", "other"),
        ("challenges[2].label", "Samarbejde med leverandøren"),
        ("challenges[2].description", "Leverandøren leverede modellen for sent."),
        ("challenges[2].severity", "medium"),
        ("challenges[2].resolved", "no"),
        ("mitigations[1].code", "early-data-access"),
        ("mitigations[1].text", "Dataadgang aftales før projektstart."),
        ("operationsPlan", "Overdrages til regionens it-drift i 2023."),
        ("usesStateITProjectModel", "true"),
        ("comments", "Ingen yderligere."),
    ]

    @Test func fullyAnsweredFormIsAcceptedCompleteAndRoundTrips() throws {
        let form = try Self.form()
        let answers = FormAnswers(fields: Self.full)
        #expect(answers.values.count == 24)
        #expect(answers.challengeCount == 2)
        #expect(answers.mitigationCount == 1)
        let result = try Self.process(try Self.document(answers, form: form))
        #expect(result.isValid)
        #expect(result.validation.findings.isEmpty)
        let outcome = result.outcome(origin: Origin(kind: .form, name: "form"))
        guard case .accepted(let submission, let report) = outcome.verdict else {
            Issue.record("not accepted: \(outcome.verdict)")
            return
        }
        #expect(report.findings.map(\.field) == [])
        #expect(report.score == 1.0)
        #expect(submission.projectId == Self.projectId)
        #expect(submission.round == 2022)
        #expect(submission.submissionId == Self.submissionId)
        #expect(form.answers(from: submission) == answers)
        #expect(form.projectFacts(from: submission).values.keys.sorted() == [
            "lead.email", "lead.name", "project.authority", "project.authorityCode", "project.authorityType",
            "project.domain", "project.phase", "project.status", "project.title",
        ])
        #expect(form.projectFacts(from: submission).challengeCount == 0)
    }

    @Test func blankRequiredAnswersAreCompletenessFindingsNotRejections() throws {
        let form = try Self.form()
        let fields = Self.full.filter { $0.name != "lead.email" } + [("challenges[1].description", "")]
        let result = try Self.process(try Self.document(FormAnswers(fields: fields), form: form))
        #expect(result.isValid)
        let report = try #require(result.completeness)
        #expect(report.findings.map(\.field).sorted() == ["challenges[1].description", "lead.email"])
        #expect(report.findings.allSatisfy { $0.rule == .missing })
    }

    @Test func hostileTextRoundTripsVerbatim() throws {
        let form = try Self.form()
        let hostile = [
            "<script>alert(1)</script>", "]]>", "&amp;", "=HYPERLINK(\"x\")", "'single' \"double\"",
            "æøå ÆØÅ 🤖", "line one\nline two\r\nline three\ttabbed", "  spaced  ",
        ]
        for text in hostile {
            var fields = Self.full
            fields.append(("project.title", text))
            fields.append(("challenges[2].label", text))
            fields.append(("mitigations[1].text", text))
            fields.append(("comments", text))
            let answers = FormAnswers(fields: fields)
            let bytes = try Self.document(answers, form: form)
            let result = try Self.process(bytes)
            #expect(result.isValid, "\(text)")
            let submission = try #require(result.submission)
            #expect(submission.project.title.raw == text)
            #expect(submission.challenges[1].label.raw == text)
            #expect(submission.mitigations[0].text.raw == text)
            #expect(form.answers(from: submission) == answers, "\(text)")
        }
    }

    @Test func newlinesAndTabsInAttributesAreCharacterReferences() throws {
        var xml = XMLText()
        xml.attribute("a", "x\ny\r\tz\"<&>")
        #expect(String(decoding: xml.bytes, as: UTF8.self) == " a=\"x&#10;y&#13;&#9;z&quot;&lt;&amp;&gt;\"")
    }

    @Test func controlCharacterIsAFormErrorNamingTheField() throws {
        let form = try Self.form()
        let answers = FormAnswers(fields: Self.full + [("challenges[2].description", "bad \u{1} byte")])
        let error = try #require(Self.formError(answers, form: form))
        #expect(error.field == "challenges[2].description")
        #expect(error.messageEnglish == "Description (item 2): contains a character that cannot be stored (U+0001); remove it.")
        #expect(error.messageDanish == "Beskrivelse (nr. 2): indeholder et tegn, der ikke kan gemmes (U+0001); fjern det.")
    }

    @Test func unknownCodeIsAFormErrorNamingTheField() throws {
        let form = try Self.form()
        let answers = FormAnswers(fields: Self.full + [("project.domain", "helth")])
        let error = try #require(Self.formError(answers, form: form))
        #expect(error.field == "project.domain")
        #expect(error.messageEnglish == "Domain: \"helth\" is not one of the choices.")
    }

    @Test func itemNumbersAboveTheBoundAreIgnored() throws {
        let answers = FormAnswers(fields: [
            ("challenges[10000].description", "far"), ("challenges[51].code", "data"), ("challenges[0].code", "data"),
            ("challenges[50].severity", "low"), ("mitigations[99999999999999999999].code", "other"),
            ("unknown", "x"), ("challenges[1].unknown", "x"),
        ])
        #expect(answers.values == ["challenges[50].severity": "low"])
        #expect(answers.challengeCount == 50)
        #expect(answers.mitigationCount == 0)
    }

    @Test func repeatedNamesLastWins() {
        let answers = FormAnswers(fields: [("lead.name", "A"), ("lead.name", "B"), ("comments", "x"), ("comments", "")])
        #expect(answers.values == ["lead.name": "B"])
    }

    @Test func noChallengesIsWrittenAsNoChallenges() throws {
        let form = try Self.form()
        let fields = Self.full.filter { !$0.name.hasPrefix("challenges") } + [("noChallenges", "on")]
        let answers = FormAnswers(fields: fields)
        #expect(answers.noChallenges)
        let bytes = try Self.document(answers, form: form)
        #expect(String(decoding: bytes, as: UTF8.self).contains("<Challenges><NoChallenges/></Challenges>"))
        let result = try Self.process(bytes)
        let submission = try #require(result.submission)
        #expect(submission.declaredNoChallenges)
        #expect(result.completeness?.findings.map(\.field) == [])
        #expect(form.answers(from: submission) == answers)
    }

    @Test func noChallengesBesideAChallengeIsAFormError() throws {
        let form = try Self.form()
        let error = try #require(Self.formError(FormAnswers(fields: Self.full + [("noChallenges", "")]), form: form))
        #expect(error.field == "noChallenges")
    }

    @Test func addAndRemoveBlocks() {
        let answers = FormAnswers(fields: [("challenges[1].code", "data"), ("challenges[2].code", "legal"),
                                           ("challenges[3].code", "ethics")])
        #expect(answers.addingChallenge().challengeCount == 4)
        #expect(answers.addingMitigation().mitigationCount == 1)
        let removed = answers.removingChallenge(at: 2)
        #expect(removed.challengeCount == 2)
        #expect(removed.values == ["challenges[1].code": "data", "challenges[2].code": "ethics"])
    }

    @Test func sectionsListEveryQuestionButDerivedOnesWithDanishLabels() throws {
        let form = try Self.form()
        let dictionary = try #require(try TestSupport.pipeline().completeness.checker(for: "statusreport-2")).dictionary
        let expected = dictionary.questions.filter { $0.kind != .list && $0.kind != .category }
        let questions = form.sections.flatMap(\.questions).filter { $0.field != "noChallenges" }
        #expect(questions.map(\.field) == expected.map(\.field))
        #expect(questions.map(\.labelDanish) == expected.map(\.labelDanish))
        #expect(form.sections.map(\.id) == ["project", "lead", "challenges", "mitigations", "other"])
        #expect(form.sections.map(\.collection) == [nil, nil, "challenges", "mitigations", nil])
        #expect(form.sections[2].questions.first?.input == .checkbox)
        let severity = try #require(questions.first { $0.field == "challenges[N].severity" })
        #expect(severity.input == .select([
            FormOption(code: "low", labelDanish: "Lav", labelEnglish: "Low"),
            FormOption(code: "medium", labelDanish: "Middel", labelEnglish: "Medium"),
            FormOption(code: "high", labelDanish: "Høj", labelEnglish: "High"),
        ]))
        #expect(questions.first { $0.field == "usesStateITProjectModel" }?.input == .yesNo)
        #expect(questions.first { $0.field == "lead.email" }?.input == .email)
        #expect(questions.first { $0.field == "comments" }?.input == .longText)
        #expect(questions.first { $0.field == "project.authorityCode" }?.hintEnglish == "the authority code of 3-4 digits, e.g. 461")
    }

    /// Each coded field's options are its vocabulary's top-level codes, labelled from the entries.
    @Test func optionCodesAreTheVocabularyCodes() throws {
        let form = try Self.form()
        let vocabularies = try TestSupport.vocabularies()
        let pairs: [(String, Vocabulary)] = [
            ("project.authorityType", vocabularies.authorityTypes), ("project.domain", vocabularies.domains),
            ("project.phase", vocabularies.phases), ("challenges[N].code", vocabularies.challenges),
            ("challenges[N].severity", vocabularies.severity), ("challenges[N].resolved", vocabularies.resolved),
            ("mitigations[N].code", vocabularies.mitigations),
        ]
        for (field, vocabulary) in pairs {
            let options = try #require(form.options[field])
            #expect(Set(options.map(\.code)) == Set(vocabulary.codes), "\(field)")
            for option in options {
                #expect(option.labelDanish == vocabulary.entry(code: option.code)?.danishLabel, "\(field) \(option.code)")
            }
        }
        #expect(form.options["project.status"]?.map(\.labelDanish) == ["Følger planen", "Forsinket", "Sat på pause", "Stoppet"])
    }

    @Test func statusrapport1HasNoForm() throws {
        let pipeline = try TestSupport.pipeline()
        let format = try #require(pipeline.registry.format(id: "statusrapport-1"))
        let dictionary = try #require(pipeline.completeness.checker(for: "statusrapport-1")).dictionary
        #expect(QuestionnaireForm(format: format, dictionary: dictionary, vocabularies: try TestSupport.vocabularies()) == nil)
    }

    @Test func tooLargeIsAFormError() throws {
        let form = try Self.form()
        var fields = Self.full
        for index in 1...20 { fields.append(("challenges[\(index)].description", String(repeating: "x", count: 900_000))) }
        let error = try #require(Self.formError(FormAnswers(fields: fields), form: form))
        #expect(error.field == nil)
        #expect(error.messageEnglish == "The answers are too long: the report may be at most 16 MB.")
    }
}
