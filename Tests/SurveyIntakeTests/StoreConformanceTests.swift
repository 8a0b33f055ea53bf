import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService
@testable import SurveyStore
@testable import SurveyService

/// What every `SubmissionStore` must do, asked through the contract only (no SQL): run for each
/// implementation and configuration in `StoreKind`.
@Suite("store conformance: the SubmissionStore contract")
struct StoreConformanceTests {
    enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
        case sqliteFile, sqliteMemory

        var testDescription: String { rawValue }

        func make() throws -> any SubmissionStore {
            switch self {
            case .sqliteFile: return try IntakeStore(directory: try TestSupport.temporaryDirectory())
            case .sqliteMemory: return try IntakeStore(inMemory: UUID().uuidString)
            }
        }
    }

    private func record(_ path: String, bytes: [UInt8]? = nil) throws -> (IntakeRecord, [UInt8]) {
        let url = TestSupport.samplesDirectory.appendingPathComponent(path)
        let content = try bytes ?? Array(Data(contentsOf: url))
        return (IntakeService.prepare(content, from: .file(path), pipeline: try TestSupport.pipeline()), content)
    }

    private func store(_ records: [IntakeRecord], in store: any SubmissionStore,
                       summary: inout IngestSummary) throws -> [RecordedOutcome] {
        let run = try store.beginRun(at: "2022-12-01T09:00:00Z", toolVersion: "test")
        let outcomes = try store.record(records, run: run, at: "2022-12-01T09:00:00Z", into: &summary)
        try store.finishRun(run, at: "2022-12-01T09:00:01Z", summary: summary, interrupted: false)
        return outcomes
    }

    @Test("accept: a new submission is current, looked up by id and by SHA-256 prefix, its original kept", arguments: StoreKind.allCases)
    func accept(kind: StoreKind) throws {
        let store = try kind.make()
        let (item, bytes) = try record("2021/SP-2020-001.xml")
        var summary = IngestSummary()
        let outcomes = try self.store([item], in: store, summary: &summary)
        let id = try #require(item.outcome.submission?.submissionId)
        #expect(outcomes == [.accepted(submissionID: id)])
        #expect(summary.new == ["2021/SP-2020-001.xml"])
        let found = try #require(try store.lookUp(id))
        #expect(found.kind == .submission)
        #expect(found.status == "current")
        #expect(found.projectId == "SP-2020-001")
        #expect(found.round == 2021)
        #expect(found.origin == .file("2021/SP-2020-001.xml"))
        #expect(found.hasOriginal)
        let sha256 = try #require(item.outcome.sha256)
        #expect(try store.lookUp(String(sha256.prefix(10)))?.submissionId == id)
        #expect(try store.original(sha256: sha256) == bytes)
        #expect(try store.lookUp("nothing-like-it") == nil)
    }

    @Test("the same content again is unchanged and changes nothing", arguments: StoreKind.allCases)
    func unchanged(kind: StoreKind) throws {
        let store = try kind.make()
        let (item, _) = try record("2021/SP-2020-002.xml")
        var summary = IngestSummary()
        _ = try self.store([item], in: store, summary: &summary)
        let before = try store.versions().data
        var again = IngestSummary()
        let outcomes = try self.store([item], in: store, summary: &again)
        #expect(outcomes == [.unchanged(submissionID: item.outcome.submission?.submissionId)])
        #expect(again.unchanged == 1)
        #expect(again.new.isEmpty)
        #expect(try store.versions().data == before)
    }

    @Test("supersede: the latest submitted_at is current whatever the order of arrival; both kept", arguments: StoreKind.allCases)
    func supersede(kind: StoreKind) throws {
        let store = try kind.make()
        let (first, _) = try record("2022/SP-2020-004.xml")
        let (revision, _) = try record("2022/SP-2020-004-revideret.xml")
        var summary = IngestSummary()
        _ = try self.store([revision], in: store, summary: &summary)
        _ = try self.store([first], in: store, summary: &summary)
        let firstID = try #require(first.outcome.submission?.submissionId)
        let revisionID = try #require(revision.outcome.submission?.submissionId)
        #expect(try store.lookUp(firstID)?.status == "superseded")
        let current = try #require(try store.lookUp(revisionID))
        #expect(current.status == "current")
        #expect(current.history.map(\.submissionId) == [firstID, revisionID])
    }

    @Test("reject: errors kept with the original; the same bytes again are still rejected", arguments: StoreKind.allCases)
    func reject(kind: StoreKind) throws {
        let store = try kind.make()
        let (item, bytes) = try record("invalid/09-alvorlighed-as-text.xml")
        var summary = IngestSummary()
        let outcomes = try self.store([item], in: store, summary: &summary)
        guard case .rejected(.schemaInvalid, let errors) = try #require(outcomes.first) else {
            Issue.record("expected a schema-invalid rejection, got \(outcomes)")
            return
        }
        #expect(errors.first?.line == 23)
        #expect(summary.rejected.map(\.reason) == ["schema-invalid"])
        let sha256 = try #require(item.outcome.sha256)
        let found = try #require(try store.lookUp(sha256))
        #expect(found.kind == .rejection)
        #expect(found.status == "schema-invalid")
        #expect(found.findings.map(\.line) == errors.map(\.line))
        #expect(try store.original(sha256: sha256) == bytes)

        var again = IngestSummary()
        #expect(try self.store([item], in: store, summary: &again) == [.unchanged(submissionID: nil)])
        #expect(again.stillRejected == ["invalid/09-alvorlighed-as-text.xml"])
    }

    @Test("conflict: a format-2 submissionId again with other content is rejected; the stored one stays", arguments: StoreKind.allCases)
    func conflict(kind: StoreKind) throws {
        let store = try kind.make()
        let (original, bytes) = try record("2022/SP-2020-004.xml")
        let changed = Array(String(decoding: bytes, as: UTF8.self)
            .replacingOccurrences(of: "<Title>", with: "<Title>Ændret: ").utf8)
        let (conflicting, _) = try record("2022/SP-2020-004.xml", bytes: changed)
        #expect(conflicting.outcome.submission?.submissionId == original.outcome.submission?.submissionId)
        var summary = IngestSummary()
        _ = try self.store([original], in: store, summary: &summary)
        let outcomes = try self.store([conflicting], in: store, summary: &summary)
        guard case .rejected(.conflict, let errors) = try #require(outcomes.first) else {
            Issue.record("expected a conflict, got \(outcomes)")
            return
        }
        #expect(errors.first?.message.hasPrefix("submissionId 87043a8e-5851-41c0-8591-624e7df5829f was already ingested") == true)
        let id = try #require(original.outcome.submission?.submissionId)
        #expect(try store.lookUp(id)?.sha256 == original.outcome.sha256)
        #expect(try store.lookUp(try #require(conflicting.outcome.sha256))?.status == "conflict")
        // The revision names what the stored submission names: its lead is asked for a new submissionId.
        let unresolved = try store.unresolvedRejections(OpenFindingsFilter())
        #expect(unresolved.map(\.reason) == [.conflict])
        #expect(unresolved.first?.claimed.projectId == original.outcome.submission?.projectId)
        #expect(unresolved.first?.claimed.round == 2022)
        #expect(unresolved.first?.lead.email == original.outcome.submission?.lead.email.value)
        #expect(unresolved.first?.errors.first?.messageDanish?.hasPrefix("submissionId 87043a8e-5851-41c0-8591-624e7df5829f er allerede modtaget") == true)
    }

    @Test("unresolved rejections: the latest of a project and round, earlier ones counted, none once a later file is accepted",
          arguments: StoreKind.allCases)
    func unresolvedRejections(kind: StoreKind) throws {
        let store = try kind.make()
        let (invalid, bytes) = try record("invalid/12-elements-out-of-order.xml")
        let again = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "<Round>", with: " <Round>").utf8)
        let (second, _) = try record("invalid/12-elements-out-of-order.xml", bytes: again)
        var summary = IngestSummary()
        _ = try self.store([invalid], in: store, summary: &summary)
        _ = try self.store([second], in: store, summary: &summary)
        let open = try store.unresolvedRejections(OpenFindingsFilter())
        #expect(open.map(\.claimed) == [ClaimedIdentity(projectId: "SP-2021-032", round: 2022, leadName: "Peter Dyhr Laursen",
                                                          leadEmail: "peter.laursen@svendborg.dk")])
        #expect(open.first?.earlier == 1)
        #expect(open.first?.errors.map(\.line) == [9])
        #expect(try store.unresolvedRejections(OpenFindingsFilter(rounds: [2021])).isEmpty)
        #expect(try store.unresolvedRejections(OpenFindingsFilter(projects: ["sp-2021-032"])).count == 1)

        let (corrected, _) = try record("2022/SP-2021-032.xml")
        _ = try self.store([corrected], in: store, summary: &summary)
        #expect(try store.unresolvedRejections(OpenFindingsFilter()).isEmpty)
    }

    @Test("stamps: only content that was judged is skipped unread; unchanged rejected files are still rejected", arguments: StoreKind.allCases)
    func stamps(kind: StoreKind) throws {
        let store = try kind.make()
        var (accepted, _) = try record("2021/SP-2020-003.xml")
        var (rejected, _) = try record("invalid/01-unclosed-element.xml")
        accepted.stamp = FileStamp(size: 10, modified: 1)
        rejected.stamp = FileStamp(size: 20, modified: 2)
        let unread = IntakeRecord(outcome: IntakeOutcome(origin: .file("locked.xml"), sha256: nil, size: nil, format: nil,
                                                         verdict: .rejected(.unreadable, [])),
                                  original: nil, stamp: FileStamp(size: 30, modified: 3))
        var summary = IngestSummary()
        _ = try self.store([accepted, rejected, unread], in: store, summary: &summary)
        let split = try store.partitionByStamp([
            ("2021/SP-2020-003.xml", FileStamp(size: 10, modified: 1)),
            ("invalid/01-unclosed-element.xml", FileStamp(size: 20, modified: 2)),
            ("locked.xml", FileStamp(size: 30, modified: 3)),
            ("2021/SP-2020-003.xml", FileStamp(size: 10, modified: 9)),
        ])
        #expect(split.unchanged == 2)
        #expect(split.stillRejected == ["invalid/01-unclosed-element.xml"])
        #expect(split.pending.map(\.path) == ["locked.xml", "2021/SP-2020-003.xml"])
    }

    @Test("replaceDerived: new derived values, identity kept; an identical derivation changes nothing", arguments: StoreKind.allCases)
    func replaceDerived(kind: StoreKind) throws {
        let store = try kind.make()
        let (item, _) = try record("2021/SP-2020-005.xml")
        var summary = IngestSummary()
        _ = try self.store([item], in: store, summary: &summary)
        var submission = try #require(item.outcome.submission)
        let report = try #require(item.outcome.completeness)
        #expect(try store.replaceDerived([(submission, report)]) == 0)
        submission.challenges[0].category = Answer(raw: submission.challenges[0].category.raw, value: "ethics", position: nil)
        submission.challenges[0].categorySource = "label"
        #expect(try store.replaceDerived([(submission, report)]) == 1)
        var categories: [String] = []
        try store.exportRows(of: .challenges, columns: ["submission_id", "position", "category"]) { cell in
            if case .text(let bytes) = cell(2) { categories.append(String(decoding: bytes, as: UTF8.self)) }
        }
        #expect(categories.first == "ethics")
        let found = try #require(try store.lookUp(submission.submissionId))
        #expect(found.status == "current")
        #expect(found.origin == .file("2021/SP-2020-005.xml"))
        #expect(try store.storedSubmissions(after: nil, limit: 10).map(\.submissionId) == [submission.submissionId])
    }

    @Test("exportRows: the columns asked for, in that order; challenges of current submissions only", arguments: StoreKind.allCases)
    func exportRows(kind: StoreKind) throws {
        let store = try kind.make()
        let (first, _) = try record("2022/SP-2020-004.xml")
        let (revision, _) = try record("2022/SP-2020-004-revideret.xml")
        var summary = IngestSummary()
        _ = try self.store([first, revision], in: store, summary: &summary)
        var rows: [[String]] = []
        try store.exportRows(of: .challenges, columns: ["submission_id", "position", "round"]) { cell in
            rows.append((0..<3).map { index in
                switch cell(index) {
                case .text(let bytes): return String(decoding: bytes, as: UTF8.self)
                case .integer(let number): return String(number)
                default: return "?"
                }
            })
        }
        let revisionID = try #require(revision.outcome.submission?.submissionId)
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0[0] == revisionID && $0[2] == "2022" })
        #expect(rows.map { $0[1] } == (1...rows.count).map(String.init))
    }
}
