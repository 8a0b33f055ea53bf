import Foundation
import GRDB

/// The store of record, `DIR/intake.sqlite`: every submission (current and superseded), its
/// challenges, mitigations and flags, every rejection with all its errors, and every input
/// file seen. Changed only in transactions, one per batch of files, so a run killed at any
/// moment leaves it as it was after the last whole batch.
///
/// One writer at a time (see `IngestLock`); the object itself is used from one thread.
public final class IntakeStore {
    let queue: DatabaseQueue
    public let url: URL

    /// Opens (creating when absent) `intake.sqlite` in `directory` and brings its schema up to date.
    public init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        url = directory.appendingPathComponent("intake.sqlite")
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            // 16 MiB of page cache instead of SQLite's 2 MB: the indexes of a growing store
            // (sha256, submission ids, the flags' keys) are updated all over; with 2 MB most of
            // those pages were read back from disk (300,000 reads at 10,000 files, now 150,000).
            try db.execute(sql: "PRAGMA cache_size = -16384")
        }
        queue = try DatabaseQueue(path: url.path, configuration: configuration)
        try StoreSchema.migrator.migrate(queue)
    }

    /// Opens the dataset in `directory` for reading only, as `flags` and `report` do: never
    /// creates, migrates or changes anything.
    ///
    /// - Throws: `StoreReadError.noDataset` when `directory/intake.sqlite` does not exist,
    ///   `.unknownSchema` when it was not written by (this version of) survey-intake.
    public init(readingFrom directory: URL) throws {
        url = directory.appendingPathComponent("intake.sqlite")
        // Errors name the folder as it was given (`relativePath`), not as resolved.
        guard FileManager.default.fileExists(atPath: url.path) else { throw StoreReadError.noDataset(directory.relativePath) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        do {
            queue = try DatabaseQueue(path: url.path, configuration: configuration)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreReadError.unknownSchema(url.relativePath)
        }
        try StoreReadError.checkSchema(of: queue, at: url.relativePath)
    }

    /// Starts an ingest run and returns its id.
    func beginRun(at time: String, toolVersion: String) throws -> Int64 {
        try queue.write { db in
            try db.execute(sql: "INSERT INTO ingest_runs (started_at, tool_version) VALUES (?, ?)", arguments: [time, toolVersion])
            return db.lastInsertedRowID
        }
    }

    func finishRun(_ run: Int64, at time: String, summary: IngestSummary) throws {
        try queue.write { db in
            try db.execute(sql: """
                UPDATE ingest_runs SET finished_at = ?, files_seen = ?, new = ?, unchanged = ?, superseded = ?, rejected = ?
                WHERE id = ?
                """, arguments: [time, summary.filesSeen, summary.new.count, summary.unchanged, summary.superseded.count,
                                 summary.rejected.count, run])
        }
    }

    /// The stamp each known input file had when it was last taken in.
    func knownStamps() throws -> [String: FileStamp] {
        try queue.read { db in
            var stamps: [String: FileStamp] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT path, size, mtime_ns FROM source_files")
            while let row = try rows.next() {
                stamps[row[0]] = FileStamp(size: row[1], modified: row[2])
            }
            return stamps
        }
    }

    /// `data_version` and `exported_version` from `meta`.
    func versions() throws -> (data: Int, exported: Int) {
        try queue.read { db in
            let data = try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'data_version'") ?? 0
            let exported = try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'exported_version'") ?? -1
            return (data, exported)
        }
    }

    func markExported(version: Int) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'exported_version'", arguments: [String(version)])
        }
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    public func integrityCheck() throws -> String {
        try queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }
}
