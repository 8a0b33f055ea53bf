import Foundation
import GRDB
import Testing
@testable import SurveyStore

/// Issue 13, item 11: `flags`, `report` and `show` read a dataset they may not write. A read-only
/// open of a WAL-mode store needs a `-shm` file it can create; where the folder cannot be written
/// the reader opens the store as immutable, and only when no write-ahead log holds commits.
/// The read-only mount itself is reproduced end to end (`ReadOnlyMountCommandTests`), where
/// this sandbox allows a mount namespace; these tests take the fallback path directly.
@Suite("read-only datasets: the immutable fallback")
struct ReadOnlyDatasetTests {
    private func path(_ directory: URL, _ suffix: String = "") -> String {
        directory.appendingPathComponent("intake.sqlite" + suffix).path
    }

    @Test("an immutable open reads every row an ordinary one reads, and creates no -shm file")
    func immutableOpenReads() throws {
        let (writer, directory) = try FollowUpFixture.store()
        let expected = try writer.openFindings().count
        _ = consume writer  // closing the last connection checkpoints and removes the -wal file
        #expect(!FileManager.default.fileExists(atPath: path(directory, "-wal")))
        #expect(!FileManager.default.fileExists(atPath: path(directory, "-shm")))
        #expect(!IntakeStore.hasWriteAheadLog(directory))

        let immutable = try IntakeStore.openReadOnly(path: path(directory), immutable: true)
        let submissions = try immutable.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM submissions") }
        #expect(submissions == 8)
        #expect(!FileManager.default.fileExists(atPath: path(directory, "-shm")), "immutable=1 must not need the -shm file")
        #expect(throws: DatabaseError.self) {
            try immutable.writeWithoutTransaction { db in try db.execute(sql: "DELETE FROM flags") }
        }

        // The ordinary read-only open, by contrast, creates the -shm file it needs.
        let ordinary = try IntakeStore.openReadOnly(path: path(directory))
        let same = try ordinary.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM submissions") }
        #expect(same == 8)
        #expect(FileManager.default.fileExists(atPath: path(directory, "-shm")))
        #expect(expected == 4)
    }

    @Test("a folder that can be written is never opened as immutable")
    func writableFolderIsNotImmutable() throws {
        let (_, directory) = try FollowUpFixture.store()
        #expect(IntakeStore.folderIsWritable(directory))
        #expect(!IntakeStore.mayOpenImmutable(directory))
    }

    @Test("a write-ahead log with commits forbids the immutable open, which would miss them")
    func writeAheadLogForbidsImmutable() throws {
        let (writer, directory) = try FollowUpFixture.store()
        // Everything so far into the main file, then one commit that stays in the log.
        try writer.queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try writer.queue.write { db in
            try db.execute(sql: "UPDATE meta SET value = '77' WHERE key = 'data_version'")
        }
        // The writer is still open: its commits are in intake.sqlite-wal, not yet in the main file.
        #expect(IntakeStore.hasWriteAheadLog(directory))
        #expect(!IntakeStore.mayOpenImmutable(directory))
        let ordinary = try IntakeStore(readingFrom: directory)
        #expect(try ordinary.versions().data == 77)
        // Why the guard is needed: immutable=1 reads the main file only.
        let immutable = try IntakeStore.openReadOnly(path: path(directory), immutable: true)
        let seen = try immutable.read { db in try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'data_version'") }
        #expect(seen != 77)
        #expect(try writer.versions().data == 77)
    }

    @Test("a path with URI metacharacters is opened as that file")
    func uriMetacharacters() throws {
        let parent = try TestSupport.temporaryDirectory()
        let directory = parent.appendingPathComponent("data?mode=rwc#x %41")
        let writer = try IntakeStore(directory: directory)
        try writer.queue.write { db in try db.execute(sql: "UPDATE meta SET value = '5' WHERE key = 'data_version'") }
        _ = consume writer
        let immutable = try IntakeStore.openReadOnly(path: path(directory), immutable: true)
        let seen = try immutable.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'data_version'") }
        #expect(seen == "5")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["data?mode=rwc#x %41"])
    }
}
