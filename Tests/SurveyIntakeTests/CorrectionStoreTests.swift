import Foundation
import GRDB
import Testing
@testable import SurveyModel
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyService

/// Corrections and withdrawals in the store (issue 17, items 3 and 4).
@Suite("store: corrections that stick, withdrawals")
struct CorrectionStoreTests {
    /// samples/2021/SP-2021-033.xml: one of its challenges is labelled "Corona".
    static let corona = "2021/SP-2021-033.xml"

    private func ingest(_ files: [String], into directory: URL) throws {
        let runner = IngestRunner(pipeline: try TestSupport.pipeline(), options: .init(output: directory, jobs: 2), toolVersion: "test")
        _ = try runner.run(files: files.map { TestSupport.samplesDirectory.appendingPathComponent($0).path })
    }

    private func rebuild(_ directory: URL) throws {
        _ = try Rebuild(pipeline: try TestSupport.pipeline(), output: directory, jobs: 2).run()
    }

    private func challenges(_ store: IntakeStore, source: String) throws -> [Row] {
        try store.queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.* FROM challenges c JOIN submissions s USING (submission_id) WHERE s.source_file LIKE ? ORDER BY position
                """, arguments: ["%" + source])
        }
    }

    /// The stored challenge labelled "Corona".
    private func corona(_ store: IntakeStore) throws -> Row {
        try #require(try challenges(store, source: Self.corona).first { $0["label"] == "Corona" })
    }

    private func submissionID(_ store: IntakeStore, source: String) throws -> String {
        let id = try store.queue.read { db in
            try String.fetchOne(db, sql: "SELECT submission_id FROM submissions WHERE source_file LIKE ?", arguments: ["%" + source])
        }
        return try #require(id)
    }

    @Test("a label correction wins over the classifier at once, in every submission with the label, and survives rebuild")
    func labelCorrection() throws {
        let directory = try TestSupport.temporaryDirectory()
        try ingest([Self.corona, "2021/SP-2020-001.xml"], into: directory)
        let store = try IntakeStore(directory: directory)
        let before = try corona(store)
        #expect(before["raw_category"] == "Corona")
        #expect(before["category"] != "project-management")

        let (correction, applied) = try store.correct(.label(key: TextFolding.fold(" CORONA!"), label: "CORONA!"),
                                                      category: "project-management", subcategory: "project-management.resources",
                                                      note: "Hjemsendt personale", analyst: "Karen", at: "2026-12-01T10:00:00Z",
                                                      fold: TextFolding.fold)
        #expect(applied == 1)
        let after = try corona(store)
        #expect(after["category"] == "project-management")
        #expect(after["subcategory"] == "project-management.resources")
        #expect(after["category_source"] == "analyst")
        #expect(after["classified_category"] == before["category"] as String?)
        #expect(after["classified_source"] == before["category_source"] as String?)
        // The other challenges keep the classifier's placement.
        #expect(try challenges(store, source: Self.corona).filter { $0["category_source"] == "analyst" }.count == 1)

        try rebuild(directory)
        let rebuilt = try corona(store)
        #expect(rebuilt["category_source"] == "analyst")
        #expect(rebuilt["subcategory"] == "project-management.resources")

        // Removed: the classifier's placement is back at once.
        _ = try store.removeCorrection(correction.id, note: nil, analyst: "Karen", at: "2026-12-01T11:00:00Z", fold: TextFolding.fold)
        let restored = try corona(store)
        #expect(restored["category"] == before["category"] as String?)
        #expect(restored["category_source"] == before["category_source"] as String?)
        #expect(restored["classified_source"] as String? == nil)
        #expect(try store.auditLog().map(\.action) == ["correct project-management.resources", "correct removed"])
    }

    @Test("a challenge correction wins over a label correction; a new ingest of the label is corrected as it is stored")
    func challengeWinsOverLabel() throws {
        let directory = try TestSupport.temporaryDirectory()
        try ingest([Self.corona], into: directory)
        let store = try IntakeStore(directory: directory)
        let id = try submissionID(store, source: Self.corona)
        try store.correct(.label(key: "corona", label: "Corona"), category: "project-management", subcategory: nil, note: nil,
                          analyst: "Karen", at: "t1", fold: TextFolding.fold)
        let position: Int = try corona(store)["position"]
        try store.correct(.challenge(submissionId: id, position: position), category: "organisation", subcategory: "organisation.change",
                          note: "Forandring", analyst: "Ole", at: "t2", fold: TextFolding.fold)
        #expect(try corona(store)["category"] == "organisation")
        try rebuild(directory)
        #expect(try corona(store)["subcategory"] == "organisation.change")
        #expect(try store.corrections(of: id, fold: TextFolding.fold).map(\.correction.category) == ["organisation"])

        // Unknown submission, or a challenge it does not have: nothing recorded.
        #expect(throws: UnknownSubmissions(ids: ["nope"])) {
            try store.correct(.challenge(submissionId: "nope", position: 1), category: "data", subcategory: nil, note: nil,
                              analyst: "Karen", at: "t3", fold: TextFolding.fold)
        }
        let count = try challenges(store, source: Self.corona).count
        #expect(throws: CorrectionRefusal.noSuchChallenge(submissionId: id, position: count + 1, count: count)) {
            try store.correct(.challenge(submissionId: id, position: count + 1), category: "data", subcategory: nil, note: nil,
                              analyst: "Karen", at: "t3", fold: TextFolding.fold)
        }
        #expect(try store.corrections().count == 2)
    }

    @Test("a correction made before the submission arrives applies when it is ingested")
    func correctionBeforeIngest() throws {
        let directory = try TestSupport.temporaryDirectory()
        try ingest(["2021/SP-2020-001.xml"], into: directory)
        let store = try IntakeStore(directory: directory)
        let (_, applied) = try store.correct(.label(key: "corona", label: "Corona"), category: "finance", subcategory: nil, note: nil,
                                             analyst: "Karen", at: "t1", fold: TextFolding.fold)
        #expect(applied == 0)
        try ingest([Self.corona], into: directory)
        let row = try corona(store)
        #expect(row["category"] == "finance")
        #expect(row["subcategory"] as String? == nil)
        #expect(row["category_source"] == "analyst")
        #expect(row["classified_source"] as String? != nil)
        // Its "could not be placed" flag is waived as it is stored, in the name of the analyst whose
        // correction placed it: no letter asks the lead about it.
        let id: String = try #require(row["submission_id"])
        let position: Int = try #require(row["position"])
        let unplaced = try store.flags(ofSubmission: id).filter { $0.rule == .unmapped && $0.field.hasPrefix("challenges[\(position)].") }
        #expect(!unplaced.isEmpty)
        #expect(unplaced.allSatisfy { $0.state == .waived && $0.waiver?.analyst == "Karen" })
    }

    @Test("withdrawing the revision makes the earlier one current; undo makes the revision current again")
    func withdrawal() throws {
        let directory = try TestSupport.temporaryDirectory()
        try ingest(["2022/SP-2020-004.xml", "2022/SP-2020-004-revideret.xml"], into: directory)
        let store = try IntakeStore(directory: directory)
        let first = try submissionID(store, source: "SP-2020-004.xml")
        let revision = try submissionID(store, source: "SP-2020-004-revideret.xml")
        func statuses() throws -> [String] {
            try store.queue.read { db in
                try String.fetchAll(db, sql: "SELECT status FROM submissions WHERE submission_id IN (?, ?) ORDER BY submission_id = ? DESC",
                                    arguments: [first, revision, first])
            }
        }
        #expect(try statuses() == ["superseded", "current"])
        #expect(try store.withdraw(revision, reason: "Forkert projekt", analyst: "Karen", at: "t1") == first)
        #expect(try statuses() == ["current", "withdrawn"])
        #expect(try store.withdrawal(of: revision) == Withdrawal(submissionId: revision, reason: "Forkert projekt", analyst: "Karen", at: "t1"))
        #expect(throws: WithdrawalRefusal.alreadyWithdrawn(Withdrawal(submissionId: revision, reason: "Forkert projekt",
                                                                          analyst: "Karen", at: "t1"))) {
            try store.withdraw(revision, reason: "igen", analyst: "Karen", at: "t2")
        }
        // Kept across a re-ingest of both files and a rebuild.
        try ingest(["2022/SP-2020-004.xml", "2022/SP-2020-004-revideret.xml"], into: directory)
        try rebuild(directory)
        #expect(try statuses() == ["current", "withdrawn"])
        #expect(try store.lookUp(revision)?.status == "withdrawn")
        #expect(try store.openFindings(OpenFindingsFilter()).flatMap(\.submissions).allSatisfy { $0.submissionId != revision })

        #expect(try store.withdraw(revision, undo: true, reason: "Alligevel rigtigt", analyst: "Ole", at: "t3") == revision)
        #expect(try statuses() == ["superseded", "current"])
        #expect(try store.withdrawal(of: revision) == nil)
        #expect(throws: WithdrawalRefusal.notWithdrawn(revision)) {
            try store.withdraw(revision, undo: true, reason: "igen", analyst: "Ole", at: "t4")
        }
        #expect(try store.auditLog().map(\.action) == ["withdraw", "withdraw undone"])
        #expect(try store.auditLog().map(\.note) == ["Forkert projekt", "Alligevel rigtigt"])

        // Withdrawing the only submission leaves its project and round with none current.
        #expect(try store.withdraw(first, reason: "Test", analyst: "Ole", at: "t5") == revision)
        #expect(try store.withdraw(revision, reason: "Test", analyst: "Ole", at: "t6") == nil)
    }
}
