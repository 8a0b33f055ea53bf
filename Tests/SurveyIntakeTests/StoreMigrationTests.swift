import Foundation
import GRDB
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

/// `Fixtures/v1-dataset/intake.sqlite` was written by survey-intake at d837451 (store schema v1),
/// ingesting samples/2021/SP-2020-001.xml, samples/2022/SP-2020-004.xml, its revision and
/// samples/invalid/01-unclosed-element.xml.
@Suite("store migrations: a v1 dataset opens and keeps every row")
struct StoreMigrationTests {
    static let tables = ["submissions", "challenges", "mitigations", "flags", "rejections", "rejection_errors", "ingest_runs"]

    private func v1Dataset() throws -> URL {
        let directory = try TestSupport.temporaryDirectory()
        try FileManager.default.copyItem(
            at: TestSupport.packageRoot.appendingPathComponent("Tests/SurveyIntakeTests/Fixtures/v1-dataset/intake.sqlite"),
            to: directory.appendingPathComponent("intake.sqlite"))
        return directory
    }

    private func counts(_ directory: URL) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("intake.sqlite").path)
        return try queue.read { db in
            try Dictionary(uniqueKeysWithValues: Self.tables.map { ($0, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1) })
        }
    }

    @Test("every row of every table is kept; canonical_json is gone; stamps are forgotten so files are read once more")
    func migratesKeepingRows() throws {
        let directory = try v1Dataset()
        let before = try counts(directory)
        #expect(before == ["submissions": 3, "challenges": 12, "mitigations": 7, "flags": 1, "rejections": 1,
                           "rejection_errors": 1, "ingest_runs": 1])
        let store = try IntakeStore(directory: directory)
        #expect(try store.integrityCheck() == "ok")
        #expect(try counts(directory) == before)
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("intake.sqlite").path)
        let columns = try queue.read { db in try db.columns(in: "submissions").map(\.name) }
        #expect(!columns.contains("canonical_json"))
        #expect(columns.contains("origin_kind"))
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM source_files") } == 0)
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM originals") } == 0)
        // The migrated store reads like any other.
        let superseded = try queue.read { db in
            try String.fetchOne(db, sql: "SELECT submission_id FROM submissions WHERE status = 'superseded'")
        }
        let id = try #require(superseded)
        let item = try #require(try store.lookUp(id))
        #expect(item.projectId == "SP-2020-004")
        #expect(item.history.map(\.status) == ["superseded", "current"])
        #expect(item.hasOriginal == false)
    }

    @Test("the first ingest after the upgrade keeps the originals of the content it already knows, and adds nothing")
    func ingestBackfillsOriginals() throws {
        let directory = try v1Dataset()
        let files = ["2021/SP-2020-001.xml", "2022/SP-2020-004.xml", "2022/SP-2020-004-revideret.xml",
                     "invalid/01-unclosed-element.xml"].map { TestSupport.samplesDirectory.appendingPathComponent($0).path }
        let runner = IngestRunner(pipeline: try TestSupport.pipeline(), options: .init(output: directory, jobs: 2),
                                  toolVersion: "test")
        let summary = try runner.run(files: files)
        #expect(summary.new.isEmpty)
        #expect(summary.unchanged == 4)
        #expect(summary.stillRejected == [files[3]])
        let store = try IntakeStore(readingFrom: directory)
        for file in files {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            #expect(try store.original(sha256: SHA256.hex(of: bytes)) == bytes, "\(file)")
        }
    }

    @Test("v7: a v5 dataset opens with every row, review and log line kept, withdrawn allowed and the references intact")
    func v5DatasetMigratesToV7() throws {
        let directory = try v1Dataset()
        let path = directory.appendingPathComponent("intake.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(queue, upTo: "v5: review states and the audit log")
            try queue.write { db in
                let id = try #require(try String.fetchOne(db, sql: "SELECT submission_id FROM submissions WHERE status = 'current' LIMIT 1"))
                try db.execute(sql: "INSERT INTO reviews (submission_id, state, analyst, at) VALUES (?, 'approved', 'Karen', 't1')",
                               arguments: [id])
                try db.execute(sql: "INSERT INTO audit_log (at, actor, action, subject) VALUES ('t1', 'Karen', 'review approved', ?)",
                               arguments: [id])
            }
        }
        let tables = Self.tables + ["reviews", "audit_log"]
        func counts() throws -> [String: Int] {
            let queue = try DatabaseQueue(path: path)
            return try queue.read { db in
                try Dictionary(uniqueKeysWithValues: tables.map { ($0, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1) })
            }
        }
        func rows(_ sql: String) throws -> [String] {
            try DatabaseQueue(path: path).read { db in try Row.fetchAll(db, sql: sql).map(\.description) }
        }
        let before = try counts()
        let submissions = try rows("SELECT * FROM submissions ORDER BY submission_id")
        #expect(before["submissions"] == 3 && before["challenges"] == 12 && before["reviews"] == 1)

        let store = try IntakeStore(directory: directory)
        #expect(try store.integrityCheck() == "ok")
        #expect(try counts() == before)
        #expect(try rows("SELECT * FROM submissions ORDER BY submission_id") == submissions)
        let queue = try DatabaseQueue(path: path)
        try queue.read { db in
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            for table in ["challenges", "mitigations", "flags"] {
                let references = try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(table))")
                #expect(references.map { $0["table"] as String } == ["submissions"], "\(table)")
                #expect(references.map { $0["on_delete"] as String } == ["CASCADE"], "\(table)")
            }
            #expect(try db.indexes(on: "submissions").map(\.name).contains("submissions_by_identity"))
            #expect(try db.tableExists("corrections") && db.tableExists("withdrawals"))
        }
        // The widened status, and a withdrawal on the migrated store.
        let superseded = try #require(try queue.read { db in
            try String.fetchOne(db, sql: "SELECT submission_id FROM submissions WHERE status = 'superseded'")
        })
        let current = try #require(try store.lookUp(superseded)?.history.last?.submissionId)
        #expect(try store.withdraw(current, reason: "test", analyst: "Karen", at: "t2") == superseded)
        #expect(try store.lookUp(current)?.status == "withdrawn")
        let reviewed = try #require(try queue.read { db in try String.fetchOne(db, sql: "SELECT submission_id FROM reviews") })
        #expect(try store.reviews(of: reviewed).map(\.state) == [.approved])
        #expect(try store.auditLog().map(\.action) == ["review approved", "withdraw"])

        // A label correction reaches the challenges stored before v7 (their labels folded as they are read).
        let label = try #require(try queue.read { db in
            try String.fetchOne(db, sql: "SELECT label FROM challenges WHERE label IS NOT NULL AND category_source = 'label' LIMIT 1")
        })
        let matching = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT label FROM challenges WHERE label IS NOT NULL AND category_source <> 'coded'")
        }.filter { TextFolding.fold($0) == TextFolding.fold(label) }.count
        let (_, applied) = try store.correct(.label(key: TextFolding.fold(label.uppercased() + " "), label: label.uppercased()),
                                             category: "finance", subcategory: nil, note: nil, analyst: "Karen", at: "t3",
                                             fold: TextFolding.fold)
        #expect(applied == matching)
        #expect(applied >= 1)
        #expect(try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM challenges WHERE category_source = 'analyst' AND category = 'finance'")
        } == matching)
    }

    @Test("a dataset from before v6 (flag states) opens and keeps every row, its reviews and its audit log; its flags are open")
    func migratesToFlagStates() throws {
        let directory = try v1Dataset()
        let path = directory.appendingPathComponent("intake.sqlite").path
        // The dataset as survey-intake left it with schema v5: reviewed, and the review logged.
        let before = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(before, upTo: "v5: review states and the audit log")
        let reviewed = try before.write { db -> String in
            let id = try #require(try String.fetchOne(db, sql: "SELECT submission_id FROM submissions WHERE status = 'current' LIMIT 1"))
            try db.execute(sql: "INSERT INTO reviews (submission_id, state, comment, analyst, at) VALUES (?, 'approved', 'ok', 'Karen', ?)",
                           arguments: [id, "2026-10-01T09:00:00Z"])
            try db.execute(sql: "INSERT INTO audit_log (at, actor, action, subject, note) VALUES (?, 'Karen', 'review approved', ?, 'ok')",
                           arguments: ["2026-10-01T09:00:00Z", id])
            return id
        }
        let tables = Self.tables + ["reviews", "audit_log", "originals", "rounds", "roster", "links", "receipts", "drafts"]
        func counts(_ queue: DatabaseQueue) throws -> [String: Int] {
            try queue.read { db in
                try Dictionary(uniqueKeysWithValues: tables.map { ($0, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1) })
            }
        }
        let rowsBefore = try counts(before)
        try before.close()

        let store = try IntakeStore(directory: directory)
        #expect(try store.integrityCheck() == "ok")
        let after = try DatabaseQueue(path: path)
        #expect(try counts(after) == rowsBefore)
        #expect(try after.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM flag_states") } == 0)
        #expect(try store.reviews(of: reviewed).map(\.state) == [.approved])
        #expect(try store.auditLog().map(\.action) == ["review approved"])
        // The one flag of the dataset is the superseded SP-2020-004's, which its revision answered.
        let flags = try store.openFindings(OpenFindingsFilter(states: [])).flatMap(\.submissions).flatMap(\.findings)
        #expect(flags.map(\.field) == ["operationsPlan"])
        #expect(flags.first?.state == .answered)
        #expect(flags.first?.answered?.submissionId == "e4e51b55-fc23-4b98-97d1-38eef0f07a83")
        #expect(try store.openFindings().isEmpty)
    }

    @Test("v9: a v8 dataset opens with every rejection and error kept; what they name is not known (NULL)")
    func migratesRejectionsToV9() throws {
        let directory = try v1Dataset()
        let path = directory.appendingPathComponent("intake.sqlite").path
        let before = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(before, upTo: "v8: analyst accounts")
        let rowsBefore = try counts(directory)
        let errorSQL = "SELECT rejection_id, position, line, column, message, detail, element FROM rejection_errors ORDER BY rejection_id, position"
        let errorsBefore = try before.read { db in try Row.fetchAll(db, sql: errorSQL) }
        try before.close()

        let store = try IntakeStore(directory: directory)
        #expect(try store.integrityCheck() == "ok")
        #expect(try counts(directory) == rowsBefore)
        let after = try DatabaseQueue(path: path)
        try after.read { db in
            let rejections = try Row.fetchAll(db, sql: "SELECT project_id, round, lead_name, lead_email FROM rejections")
            #expect(rejections.count == 1)
            #expect(rejections.allSatisfy { row in row.columnNames.allSatisfy { row[$0] == nil } })
            #expect(try Row.fetchAll(db, sql: errorSQL) == errorsBefore)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rejection_errors WHERE message_da IS NOT NULL") == 0)
        }
        // The file that did not parse names nothing: no letter can be written for it.
        #expect(try store.unresolvedRejections().isEmpty)
    }

    @Test("rebuild reads rejected originals again: a rejection stored before v9 gets the project, round and lead its file names")
    func rebuildFillsRejections() throws {
        let directory = try TestSupport.temporaryDirectory()
        let file = TestSupport.samplesDirectory.appendingPathComponent("invalid/12-elements-out-of-order.xml").path
        _ = try IntakeRunner.ingest([file], into: directory)
        let path = directory.appendingPathComponent("intake.sqlite").path
        // The row as a store before v9 left it: nothing named.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "UPDATE rejections SET project_id = NULL, round = NULL, lead_name = NULL, lead_email = NULL")
        }
        try queue.close()
        #expect(try IntakeStore(directory: directory).unresolvedRejections().isEmpty)

        let summary = try Rebuild(pipeline: try TestSupport.pipeline(), output: directory, jobs: 2).run()
        #expect(summary.rejectionsReread == 1)
        let open = try IntakeStore(directory: directory).unresolvedRejections()
        #expect(open.map(\.claimed) == [ClaimedIdentity(projectId: "SP-2021-032", round: 2022, leadName: "Peter Dyhr Laursen",
                                                          leadEmail: "peter.laursen@svendborg.dk")])
        #expect(open.first?.errors.map(\.line) == [9])
    }
}

/// An ingest of `files` into `directory`, as the CLI runs it.
enum IntakeRunner {
    static func ingest(_ files: [String], into directory: URL) throws -> IngestSummary {
        let runner = IngestRunner(pipeline: try TestSupport.pipeline(), options: .init(output: directory, jobs: 1), toolVersion: "test")
        return try runner.run(files: files)
    }
}
