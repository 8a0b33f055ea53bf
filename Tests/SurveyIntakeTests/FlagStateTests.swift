import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// Flags with a life (issue 17, item 2) in the store: open, asked, answered, waived, keyed by
/// (project, round, field, rule) across revisions. On `FollowUpFixture`: submission E
/// (SP-2020-001, 2022, superseded) has the flag operationsPlan [conditional], which the current
/// revision F no longer has; F has project.domain [missing] and challenges[1].mitigation [placeholder].
@Suite("flag states: open, asked, answered, waived")
struct FlagStateTests {
    static let e = "00000000-0000-4000-8000-00000000000e"
    static let f = "00000000-0000-4000-8000-00000000000f"
    static let domain = FlagKey(projectId: "SP-2020-001", round: 2022, field: "project.domain", rule: .missing)
    static let operationsPlan = FlagKey(projectId: "SP-2020-001", round: 2022, field: "operationsPlan", rule: .conditional)

    private func flags(_ store: IntakeStore, _ states: Set<FlagState>) throws -> [(submission: String, finding: OpenFinding)] {
        try store.openFindings(OpenFindingsFilter(states: states)).flatMap(\.submissions).flatMap { submission in
            submission.findings.map { (submission.submissionId, $0) }
        }
    }

    private func finding(_ store: IntakeStore, _ key: FlagKey, _ states: Set<FlagState> = []) throws -> OpenFinding? {
        try store.openFindings(OpenFindingsFilter(rounds: [key.round], projects: [key.projectId], rules: [key.rule], states: states))
            .flatMap(\.submissions).flatMap(\.findings).first { $0.field == key.field }
    }

    @Test("every current flag starts open; the default lists open and asked only")
    func startsOpen() throws {
        let (store, _) = try FollowUpFixture.store()
        let listed = try flags(store, FlagState.pending)
        #expect(listed.count == 12)
        #expect(listed.allSatisfy { $0.finding.state == .open && $0.finding.life == FlagLife() })
        #expect(try store.openFindings().flatMap(\.submissions).flatMap(\.findings).count == 12)
    }

    @Test("a flag the current revision no longer has is answered, listed with the last revision that had it, naming the one after")
    func answeredByRevision() throws {
        let (store, _) = try FollowUpFixture.store()
        let answered = try flags(store, [.answered])
        #expect(answered.count == 1)
        let (submission, flag) = try #require(answered.first)
        #expect(submission == Self.e)
        #expect(flag.field == "operationsPlan")
        #expect(flag.state == .answered)
        #expect(flag.answered == FlagAnswer(submissionId: Self.f, at: "2022-12-01T09:00:00Z"))
        // Not in the default listing, and every state at once is the current flags and the answered one.
        #expect(try !flags(store, FlagState.pending).contains { $0.finding.field == "operationsPlan" })
        #expect(try flags(store, Set(FlagState.allCases)).count == 13)
        #expect(try flags(store, []).count == 13)
    }

    @Test("asked keeps its first time and how; a later ask does not move it")
    func askedKeepsFirstTime() throws {
        let (store, _) = try FollowUpFixture.store()
        try store.markAsked([Self.domain], by: .letter, at: "2026-11-02T10:00:00Z")
        try store.markAsked([Self.domain], by: .receipt, at: "2026-11-20T10:00:00Z")
        let flag = try #require(try finding(store, Self.domain))
        #expect(flag.state == .asked)
        #expect(flag.firstAsked == FlagAsking(at: "2026-11-02T10:00:00Z", by: .letter))
        #expect(try flags(store, [.open]).count == 11)
        #expect(try flags(store, [.asked]).map(\.finding.field) == ["project.domain"])
    }

    @Test("waived wins over asked and answered; taking it back restores them; both are audited")
    func waiverPrecedence() throws {
        let (store, _) = try FollowUpFixture.store()
        try store.markAsked([Self.domain], by: .letter, at: "2026-11-02T10:00:00Z")
        try store.waive([Self.domain, Self.operationsPlan], reason: "Tværgående projekt", analyst: "Karen",
                        at: "2026-11-03T08:00:00Z")
        let waived = try flags(store, [.waived])
        #expect(waived.map(\.submission) == [Self.e, Self.f])
        #expect(waived.map(\.finding.field) == ["operationsPlan", "project.domain"])
        let domain = try #require(try finding(store, Self.domain))
        #expect(domain.state == .waived)
        #expect(domain.waiver == FlagWaiver(at: "2026-11-03T08:00:00Z", analyst: "Karen", reason: "Tværgående projekt"))
        #expect(domain.firstAsked?.at == "2026-11-02T10:00:00Z")
        #expect(try flags(store, FlagState.pending).count == 11)
        #expect(try flags(store, [.answered]).isEmpty)

        #expect(try store.unwaive([Self.domain, Self.operationsPlan], note: "Fejl", analyst: "Karen", at: "2026-11-04T08:00:00Z") == 2)
        #expect(try store.unwaive([Self.domain], note: nil, analyst: "Karen", at: "2026-11-04T08:01:00Z") == 0)
        #expect(try finding(store, Self.domain)?.state == .asked)
        #expect(try finding(store, Self.operationsPlan)?.state == .answered)
        let log = try store.auditLog()
        #expect(log.map(\.action) == ["waive", "waive", "waive undone", "waive undone"])
        #expect(log.first == AuditEntry(at: "2026-11-03T08:00:00Z", actor: "Karen", action: "waive",
                                        subject: "SP-2020-001 2022 project.domain [missing]", note: "Tværgående projekt"))
    }

    @Test("choosing one flag: by submission and field (and rule); an unknown id or field names it")
    func flagSelection() throws {
        let (store, _) = try FollowUpFixture.store()
        #expect(try store.flagKeys(of: Self.f, field: "project.domain", rule: nil) == [Self.domain])
        #expect(try store.flagKeys(of: Self.e, field: "operationsPlan", rule: .conditional) == [Self.operationsPlan])
        #expect(throws: FlagSelectionError.unknownSubmission("nope")) { try store.flagKeys(of: "nope", field: "x", rule: nil) }
        let wrongRule = #expect(throws: FlagSelectionError.self) { try store.flagKeys(of: Self.f, field: "project.domain", rule: .placeholder) }
        #expect(wrongRule?.errorDescription == "--field: submission '\(Self.f)' has no flag on 'project.domain' [placeholder]; "
            + "its flags: project.domain [missing], challenges[1].mitigation [placeholder]; nothing was recorded")
        #expect(wrongRule?.description(danish: true).hasPrefix("--field: indsendelsen '\(Self.f)' har ingen markering af 'project.domain'") == true)
    }

    @Test("a receipt of an accepted submission asks all its flags, in the receipt's transaction; a rejection asks nothing")
    func receiptAsks() throws {
        let (store, _) = try FollowUpFixture.store()
        let accepted = Receipt(receiptId: "r1", status: .accepted, submissionId: Self.f, sha256: nil, projectId: "SP-2020-001",
                               round: 2022, reason: nil, completeness: 0.9, findings: [])
        let rejected = Receipt(receiptId: "r2", status: .rejected, submissionId: nil, sha256: nil, projectId: "SP-2020-002",
                               round: 2022, reason: .schemaInvalid, completeness: nil, findings: [])
        let before = try store.versions().data
        try store.save(rejected, round: 2022, projectId: "SP-2020-002", via: .api, linkId: nil, at: "2026-11-01T09:00:00Z")
        #expect(try store.versions().data == before)
        try store.save(accepted, round: 2022, projectId: "SP-2020-001", via: .form, linkId: nil, at: "2026-11-01T10:00:00Z")
        #expect(try store.versions().data == before + 1)
        let asked = try flags(store, [.asked])
        #expect(asked.map(\.finding.field) == ["project.domain", "challenges[1].mitigation"])
        #expect(asked.allSatisfy { $0.submission == Self.f && $0.finding.firstAsked == FlagAsking(at: "2026-11-01T10:00:00Z", by: .receipt) })
    }

    @Test("the same question in the next revision is the same flag: still asked from the first time; one it drops is answered")
    func keyedAcrossRevisions() throws {
        let directory = try TestSupport.temporaryDirectory()
        let first = TestSupport.samplesDirectory.appendingPathComponent("2022/SP-2020-004.xml").path
        let revision = TestSupport.samplesDirectory.appendingPathComponent("2022/SP-2020-004-revideret.xml").path
        let runner = IngestRunner(pipeline: try TestSupport.pipeline(), options: .init(output: directory, jobs: 1), toolVersion: "test")
        _ = try runner.run(files: [first])
        let store = try IntakeStore(directory: directory)
        let before = try flags(store, [.open])
        let keys = before.map { $0.finding.key(projectId: "SP-2020-004", round: 2022) }
        try #require(keys.contains { $0.field == "operationsPlan" })
        try store.markAsked(keys, by: .letter, at: "2026-11-02T10:00:00Z")

        // A copy of the first file with a new id and time: the same questions, so the same flags.
        let copy = directory.appendingPathComponent("SP-2020-004-igen.xml")
        let text = try String(contentsOfFile: first, encoding: .utf8)
            .replacingOccurrences(of: "87043a8e-5851-41c0-8591-624e7df5829f", with: "11111111-5851-41c0-8591-624e7df5829f")
            .replacingOccurrences(of: "2022-11-14T10:12:00+01:00", with: "2022-11-15T10:12:00+01:00")
        try text.write(to: copy, atomically: true, encoding: .utf8)
        _ = try runner.run(files: [copy.path])
        let again = try flags(store, [.asked])
        #expect(again.map(\.finding.field) == before.map(\.finding.field))
        #expect(again.allSatisfy { $0.submission == "11111111-5851-41c0-8591-624e7df5829f" })
        #expect(again.allSatisfy { $0.finding.firstAsked == FlagAsking(at: "2026-11-02T10:00:00Z", by: .letter) })

        // The revision answers the operations plan: answered by it, listed with the copy (the last that had it).
        _ = try runner.run(files: [revision])
        let answered = try flags(store, [.answered])
        let plan = try #require(answered.first { $0.finding.field == "operationsPlan" })
        #expect(plan.submission == "11111111-5851-41c0-8591-624e7df5829f")
        #expect(plan.finding.answered?.submissionId == "e4e51b55-fc23-4b98-97d1-38eef0f07a83")
        #expect(plan.finding.firstAsked?.at == "2026-11-02T10:00:00Z")
        #expect(!(try flags(store, FlagState.pending)).contains { $0.finding.field == "operationsPlan" })
    }

    @Test("days to an answer: from first asked to the answering revision; the median per round")
    func daysToAnswer() throws {
        func life(asked: String?, answered: String?) -> FlagLife {
            FlagLife(firstAsked: asked.map { FlagAsking(at: $0, by: .letter) },
                     answered: answered.map { FlagAnswer(submissionId: "x", at: $0) })
        }
        #expect(life(asked: "2026-11-02T10:00:00Z", answered: "2026-11-05T22:00:00Z").daysToAnswer == 3.5)
        #expect(life(asked: nil, answered: "2026-11-05T22:00:00Z").daysToAnswer == nil)
        // Answered before it was asked (the revision came first): not an answer to the asking.
        #expect(life(asked: "2026-11-06T10:00:00Z", answered: "2026-11-05T22:00:00Z").daysToAnswer == nil)
        let rounds = FlagRoundStates.tally([
            (2022, life(asked: "2026-11-01T00:00:00Z", answered: "2026-11-02T00:00:00Z")),
            (2022, life(asked: "2026-11-01T00:00:00Z", answered: "2026-11-05T00:00:00Z")),
            (2022, life(asked: "2026-11-01T00:00:00Z", answered: nil)),
            (2022, FlagLife(waiver: FlagWaiver(at: "2026-11-01T00:00:00Z", analyst: "K", reason: "r"))),
            (2021, FlagLife()),
        ])
        #expect(rounds == [
            FlagRoundStates(round: 2021, byState: [.open: 1], medianDaysToAnswer: nil, answeredAfterAsking: 0),
            FlagRoundStates(round: 2022, byState: [.answered: 2, .asked: 1, .waived: 1], medianDaysToAnswer: 2.5,
                            answeredAfterAsking: 2),
        ])
    }

    @Test("the report counts each round's flags by state, in Markdown and HTML")
    func report() throws {
        let (store, _) = try FollowUpFixture.store()
        try store.markAsked([Self.domain, Self.operationsPlan], by: .letter, at: "2022-11-30T09:00:00Z")
        try store.waive([FlagKey(projectId: "SP-2020-002", round: 2022, field: "lead.email", rule: .invalidFormat)],
                        reason: "r", analyst: "K", at: "2022-12-02T09:00:00Z")
        let report = try FollowUpReport(store: store, order: try TestSupport.reportOrder(), generatedAt: "2022-12-03T00:00:00Z")
        let byRound = Dictionary(uniqueKeysWithValues: report.flagStatesByRound.map { ($0.round, $0) })
        #expect(byRound[2021] == FlagRoundStates(round: 2021, byState: [.open: 9], medianDaysToAnswer: nil, answeredAfterAsking: 0))
        // operationsPlan: asked 2022-11-30T09:00Z, answered by F, ingested 2022-12-01T09:00Z: one day.
        #expect(byRound[2022] == FlagRoundStates(round: 2022, byState: [.open: 1, .asked: 1, .answered: 1, .waived: 1],
                                                 medianDaysToAnswer: 1, answeredAfterAsking: 1))
        let markdown = MarkdownReportWriter().write(report)
        #expect(markdown.contains("""
            | Round | Open | Asked | Answered | Waived | Median days to answer |
            |---|---:|---:|---:|---:|---:|
            | 2021 | 9 | 0 | 0 | 0 | – |
            | 2022 | 1 | 1 | 1 | 1 | 1.0 (1 flag) |
            """))
        let html = HTMLReportWriter().write(report)
        #expect(html.contains("<section id=\"flag-states\">"))
        #expect(html.contains("<td class=\"n\">1.0 (1 flag)</td>"))
    }
}
