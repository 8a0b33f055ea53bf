import Foundation
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// A small dataset written straight into a fresh store, so the follow-up outputs are tested on
/// numbers known by heart and independent of the taxonomy classifier:
///
/// | sub | project / round       | status     | lead                          | phase          | authority    | completeness | flags |
/// |-----|-----------------------|------------|-------------------------------|----------------|--------------|--------------|-------|
/// | A   | SP-2020-001 / 2021    | current    | Anne Testesen                 | development    | municipality | 0.8          | 3     |
/// | B   | SP-2020-002 / 2021    | current    | Bo Ørsted (bo.orsted@…)       | (not stated)   | region       | 1.0          | 1     |
/// | C   | SP-2021-003 / 2021    | current    | Anne (address in other case)  | preparation    | municipality | 0.9          | 2     |
/// | D   | SP-2021-004 / 2021    | current    | Carl Uden Mail (no address)   | (not stated)   | (not stated) | 0.7          | 3     |
/// | E   | SP-2020-001 / 2022    | superseded | Anne Testesen                 | pilot          | municipality | 0.9          | 1     |
/// | F   | SP-2020-001 / 2022    | current    | Anne Testesen                 | implementation | municipality | 0.9          | 2     |
/// | G   | SP-2020-002 / 2022    | current    | Bo Ørsted (bo.orsted.region…) | operation      | region       | 1.0          | 1     |
/// | H   | SP-2021-005 / 2022    | current    | Dorte Åkjær                   | stopped        | municipality | 1.0          | 0     |
///
/// Plus three rejected files. The expected numbers are spelled out in the tests.
enum FollowUpFixture {
    struct Challenge {
        var category: String
        var source = "coded"
        var raw: String? = nil
        var severity: String?
        var resolved: String?
    }

    struct Flag {
        var position: Int
        var field: String
        var rule: String
        var labelDanish: String
        var label: String
        var messageDanish: String
        var message: String
        var value: String? = nil
        var line: Int
        /// (Danish label, English label, written) of the answer that made the question required.
        var condition: (String, String, String)? = nil
    }

    struct Submission {
        var letter: String
        var project: String
        var round: Int
        var status = "current"
        var submittedAt: String
        var title: String?
        var authority: String?
        var authorityType: String?
        var phase: String?
        var leadName: String?
        var leadEmail: String?
        var completeness: Double
        var challenges: [Challenge] = []
        /// (code, source, raw text)
        var mitigations: [(String, String, String?)] = []
        var flags: [Flag] = []
        var declaredNoChallenges = false

        var id: String { "00000000-0000-4000-8000-00000000000\(letter.lowercased())" }
        var format: String { round == 2021 ? "statusrapport-1" : "statusreport-2" }
        var sourceFile: String { "inbox/\(round)/\(project)\(status == "superseded" ? "-first" : "").xml" }
    }

    static let submissions: [Submission] = [
        Submission(
            letter: "A", project: "SP-2020-001", round: 2021, submittedAt: "2021-11-12T10:00:00+01:00", title: nil,
            authority: "Testrup Kommune", authorityType: "municipality", phase: "development", leadName: "Anne Testesen",
            leadEmail: "anne.testesen@testrup.dk", completeness: 0.8,
            challenges: [
                Challenge(category: "data", source: "label", raw: "Adgang til data", severity: "high", resolved: "no"),
                Challenge(category: "legal", source: "label", raw: "Jura", severity: "medium", resolved: "partly"),
                Challenge(category: "other", source: "unmapped", raw: "Corona", severity: "low", resolved: "yes"),
            ],
            mitigations: [("early-data-access", "text", "Tidlig dialog om data."), ("other", "unmapped", "Workshop med borgerne")],
            flags: [
                // Inserted out of order on purpose: the listing orders by position.
                Flag(position: 10, field: "challenges[3].category", rule: "unmapped", labelDanish: "Kategori", label: "Category",
                     messageDanish: "Udfordring 3: «Kategori»: «Corona» kan ikke placeres i kategorierne og registreres som «andet».",
                     message: "Challenge 3: \"Category\": \"Corona\" could not be placed in the taxonomy; it is kept as other.",
                     value: "Corona", line: 40),
                Flag(position: 1, field: "project.title", rule: "missing", labelDanish: "Projektets titel", label: "Project title",
                     messageDanish: "«Projektets titel» er ikke besvaret.", message: "\"Project title\" is not answered.", line: 7),
                Flag(position: 9, field: "challenges[2].mitigation", rule: "conditional",
                     labelDanish: "Hvilke tiltag har I iværksat?", label: "What measures did you take?",
                     messageDanish: "Udfordring 2: «Hvilke tiltag har I iværksat?» skal besvares, fordi «Er udfordringen løst?» "
                        + "er besvaret med «delvist».",
                     message: "Challenge 2: \"What measures did you take?\" must be answered because \"Has the challenge been "
                        + "resolved?\" is answered \"delvist\".", line: 31,
                     condition: ("Er udfordringen løst?", "Has the challenge been resolved?", "delvist")),
            ]),
        Submission(
            letter: "B", project: "SP-2020-002", round: 2021, submittedAt: "2021-11-15T09:30:00+01:00",
            title: "Energioptimering med maskinlæring", authority: "Region Testland", authorityType: "region", phase: nil,
            leadName: "Bo Ørsted", leadEmail: "bo.orsted@region.dk", completeness: 1.0,
            challenges: [
                Challenge(category: "infrastructure", source: "label", raw: "IT-infrastruktur", severity: "medium", resolved: "yes"),
                Challenge(category: "data", source: "label", raw: "Datakvalitet", severity: nil, resolved: "yes"),
                Challenge(category: "other", source: "unmapped", raw: "corona ", severity: "low", resolved: "no"),
            ],
            mitigations: [("anonymisation", "text", "Data blev anonymiseret.")],
            flags: [
                Flag(position: 12, field: "challenges[3].category", rule: "unmapped", labelDanish: "Kategori", label: "Category",
                     messageDanish: "Udfordring 3: «Kategori»: «corona » kan ikke placeres i kategorierne og registreres som «andet».",
                     message: "Challenge 3: \"Category\": \"corona \" could not be placed in the taxonomy; it is kept as other.",
                     value: "corona ", line: 38),
            ]),
        Submission(
            letter: "C", project: "SP-2021-003", round: 2021, submittedAt: "2021-11-20T14:00:00+01:00",
            title: "Chatbot i Borgerservice", authority: "Testrup Kommune", authorityType: "municipality", phase: "preparation",
            leadName: "Anne Testesen", leadEmail: "Anne.Testesen@Testrup.dk", completeness: 0.9,
            challenges: [Challenge(category: "legal", source: "label", raw: "Hjemmel", severity: "high", resolved: "no")],
            mitigations: [("other", "unmapped", "xx")],
            flags: [
                Flag(position: 6, field: "challenges[1].description", rule: "placeholder",
                     labelDanish: "Beskrivelse af udfordringen", label: "Description of the challenge",
                     messageDanish: "Udfordring 1: «Beskrivelse af udfordringen» er udfyldt med pladsholderen «Udfyldes senere» "
                        + "i stedet for et svar.",
                     message: "Challenge 1: \"Description of the challenge\" holds the placeholder \"Udfyldes senere\" instead "
                        + "of an answer.", value: "Udfyldes senere", line: 25),
                Flag(position: 9, field: "mitigations[1].text", rule: "placeholder", labelDanish: "Generelle tiltag",
                     label: "General measures",
                     messageDanish: "Generelt tiltag 1: «Generelle tiltag» er udfyldt med pladsholderen « xx » i stedet for et svar.",
                     message: "General measure 1: \"General measures\" holds the placeholder \" xx \" instead of an answer.",
                     value: " xx ", line: 33),
            ]),
        Submission(
            letter: "D", project: "SP-2021-004", round: 2021, submittedAt: "2021-11-30T23:59:00+01:00",
            title: "Prognoser for hjemmeplejen", authority: "Testrup Kommune", authorityType: nil, phase: nil,
            leadName: "Carl Uden Mail", leadEmail: nil, completeness: 0.7,
            flags: [
                Flag(position: 3, field: "project.phase", rule: "unmapped", labelDanish: "Projektets fase", label: "Project phase",
                     messageDanish: "«Projektets fase»: «Opstart» svarer ikke til en kendt værdi og gemmes som skrevet.",
                     message: "\"Project phase\": \"Opstart\" does not match a known value; it is kept as written.",
                     value: "Opstart", line: 13),
                Flag(position: 5, field: "lead.email", rule: "missing", labelDanish: "Projektlederens e-mail",
                     label: "Project lead's e-mail", messageDanish: "«Projektlederens e-mail» er ikke besvaret.",
                     message: "\"Project lead's e-mail\" is not answered.", line: 16),
                Flag(position: 6, field: "challenges", rule: "no-challenges", labelDanish: "Udfordringer i projektet",
                     label: "Challenges in the project",
                     messageDanish: "«Udfordringer i projektet»: ingen udfordringer er angivet. Angiv mindst én, eller angiv at "
                        + "der ingen var.",
                     message: "\"Challenges in the project\": no challenge is reported; report at least one, or state that "
                        + "there were none.", line: 2),
            ]),
        Submission(
            letter: "E", project: "SP-2020-001", round: 2022, status: "superseded", submittedAt: "2022-11-14T10:00:00+01:00",
            title: "Tidlig opsporing af tryksår", authority: "Testrup Kommune", authorityType: "municipality", phase: "pilot",
            leadName: "Anne Testesen", leadEmail: "anne.testesen@testrup.dk", completeness: 0.9,
            challenges: [Challenge(category: "data", severity: "high", resolved: "no")],
            mitigations: [("it-project-model", "coded", "Statens it-projektmodel.")],
            flags: [
                Flag(position: 3, field: "operationsPlan", rule: "conditional", labelDanish: "Plan for overgang til drift",
                     label: "Plan for the transition to operation",
                     messageDanish: "«Plan for overgang til drift» skal besvares, fordi «Fase» er besvaret med «implementation».",
                     message: "\"Plan for the transition to operation\" must be answered because \"Phase\" is answered "
                        + "\"implementation\".", line: 30, condition: ("Fase", "Phase", "implementation")),
            ]),
        Submission(
            letter: "F", project: "SP-2020-001", round: 2022, submittedAt: "2022-11-18T09:05:31+01:00",
            title: "Tidlig opsporing af tryksår", authority: "Testrup Kommune", authorityType: "municipality",
            phase: "implementation", leadName: "Anne Testesen", leadEmail: "anne.testesen@testrup.dk", completeness: 0.9,
            challenges: [
                Challenge(category: "operations", severity: "high", resolved: "partly"),
                Challenge(category: "competencies", severity: "medium", resolved: "no"),
                Challenge(category: "data", severity: "low", resolved: "yes"),
            ],
            mitigations: [("competence-building", "coded", "Kursus."), ("transparency", "coded", "Åbenhed."),
                          ("competence-building", "coded", "Sidemandsoplæring.")],
            flags: [
                Flag(position: 7, field: "challenges[1].mitigation", rule: "placeholder", labelDanish: "Hvad blev der gjort?",
                     label: "What was done about it?",
                     messageDanish: "Udfordring 1: «Hvad blev der gjort?» er udfyldt med pladsholderen «Følger» i stedet for et "
                        + "svar. Spørgsmålet skal besvares, fordi «Løst?» er besvaret med «partly».",
                     message: "Challenge 1: \"What was done about it?\" holds the placeholder \"Følger\" instead of an answer. "
                        + "It must be answered because \"Resolved?\" is answered \"partly\".", value: "Følger", line: 19,
                     condition: ("Løst?", "Resolved?", "partly")),
                Flag(position: 2, field: "project.domain", rule: "missing", labelDanish: "Område", label: "Domain",
                     messageDanish: "«Område» er ikke besvaret.", message: "\"Domain\" is not answered.", line: 8),
            ]),
        Submission(
            letter: "G", project: "SP-2020-002", round: 2022, submittedAt: "2022-11-16T11:00:00+01:00",
            title: "Energioptimering med maskinlæring", authority: "Region Testland", authorityType: "region",
            phase: "operation", leadName: "Bo Ørsted", leadEmail: "bo.orsted.region.dk", completeness: 1.0,
            challenges: [
                Challenge(category: "organisation", severity: "medium", resolved: "partly"),
                Challenge(category: "vendor-management", severity: "high", resolved: "no"),
            ],
            mitigations: [("vendor-governance", "coded", "Styregruppe med leverandøren.")],
            flags: [
                Flag(position: 4, field: "lead.email", rule: "invalid-format", labelDanish: "Projektleders e-mail",
                     label: "Project lead's e-mail",
                     messageDanish: "«Projektleders e-mail» er ikke en gyldig e-mailadresse: «bo.orsted.region.dk».",
                     message: "\"Project lead's e-mail\" is not a valid e-mail address: \"bo.orsted.region.dk\".",
                     value: "bo.orsted.region.dk", line: 14),
            ]),
        Submission(
            letter: "H", project: "SP-2021-005", round: 2022, submittedAt: "2022-11-10T08:00:00+01:00",
            title: "Visitering med sprogmodel", authority: "Testrup Kommune", authorityType: "municipality", phase: "stopped",
            leadName: "Dorte Åkjær", leadEmail: "dorte@aakjaer.dk", completeness: 1.0,
            challenges: [
                Challenge(category: "legal", severity: "high", resolved: "no"),
                Challenge(category: "finance", severity: "medium", resolved: nil),
            ]),
    ]

    /// A store in a fresh folder holding the fixture, written through the store contract
    /// (`SubmissionStore.record`), as an ingest would: the store itself decides which
    /// submission is current.
    static func store() throws -> (IntakeStore, URL) {
        let directory = try TestSupport.temporaryDirectory()
        let store = try IntakeStore(directory: directory)
        let rejections: [(reason: RejectionReason, format: String?)] = [
            (.notWellFormed, nil), (.schemaInvalid, "statusrapport-1"), (.schemaInvalid, "statusreport-2"),
        ]
        let records = submissions.map(record) + rejections.enumerated().map { index, rejection in
            IntakeRecord(outcome: IntakeOutcome(origin: .file("inbox/bad-\(index + 1).xml"),
                                                sha256: String(repeating: "f", count: 63) + String(index), size: 100,
                                                format: rejection.format, verdict: .rejected(rejection.reason, [])),
                         original: nil)
        }
        var summary = IngestSummary()
        let run = try store.beginRun(at: "2022-12-01T09:00:00Z", toolVersion: "test")
        try store.record(records, run: run, at: "2022-12-01T09:00:00Z", into: &summary)
        try store.finishRun(run, at: "2022-12-01T09:00:00Z", summary: summary, interrupted: false)
        return (store, directory)
    }

    /// One fixture submission as the pipeline would hand it to the store.
    static func record(_ fixture: Submission) -> IntakeRecord {
        func answer(_ text: String?) -> SurveyModel.Answer { Answer(raw: text, value: text, position: nil) }
        let challenges = fixture.challenges.enumerated().map { index, challenge in
            SurveyModel.Submission.Challenge(
                position: index + 1, location: SourcePosition(line: 20 + index * 6, column: 5),
                category: Answer(raw: challenge.raw ?? challenge.category, value: challenge.category, position: nil),
                label: .absent, code: .absent, categorySource: challenge.source, description: .absent,
                severity: answer(challenge.severity), resolved: answer(challenge.resolved), mitigation: .absent)
        }
        let mitigations = fixture.mitigations.enumerated().map { index, mitigation in
            SurveyModel.Submission.Mitigation(position: index + 1, code: answer(mitigation.0), codeSource: mitigation.1,
                                              text: answer(mitigation.2))
        }
        let submission = SurveyModel.Submission(
            submissionId: fixture.id, format: fixture.format, formatVersion: "1.0", round: fixture.round,
            projectId: fixture.project, submittedAt: fixture.submittedAt, location: SourcePosition(line: 2, column: 1),
            project: .init(title: answer(fixture.title), authority: answer(fixture.authority),
                           authorityType: answer(fixture.authorityType), authorityCode: .absent, domain: .absent,
                           phase: answer(fixture.phase), status: .absent),
            lead: .init(name: answer(fixture.leadName), email: answer(fixture.leadEmail)),
            challenges: challenges, declaredNoChallenges: fixture.declaredNoChallenges, challengesAnswered: true, mitigations: mitigations,
            operationsPlan: .absent, usesStateITProjectModel: .absent, comments: .absent)
        // The flags in questionnaire order, as the completeness check gives them.
        let findings = fixture.flags.sorted { $0.position < $1.position }.map { flag in
            CompletenessFinding(
                field: flag.field, rule: CompletenessRule(rawValue: flag.rule)!, messageDanish: flag.messageDanish,
                messageEnglish: flag.message, labelDanish: flag.labelDanish, labelEnglish: flag.label, value: flag.value,
                position: SourcePosition(line: flag.line, column: 5),
                condition: flag.condition.map { FindingCondition(labelDanish: $0.0, labelEnglish: $0.1, written: $0.2) })
        }
        let report = CompletenessReport(findings: findings, requiredCount: 10,
                                        answeredCount: Int((fixture.completeness * 10).rounded()))
        return IntakeRecord(outcome: IntakeOutcome(origin: .file(fixture.sourceFile),
                                                   sha256: String(repeating: fixture.letter.lowercased(), count: 64),
                                                   size: 1000, format: fixture.format,
                                                   verdict: .accepted(submission, report)),
                            original: nil)
    }
}
