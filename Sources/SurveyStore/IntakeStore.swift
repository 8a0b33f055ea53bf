import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif
import SurveyModel

/// The store of record, `DIR/intake.sqlite`: every submission (current and superseded), its
/// challenges, mitigations and flags, every rejection with all its errors, and every input
/// file seen. Changed only in transactions, one per batch of files, so a run killed at any
/// moment leaves it as it was after the last whole batch.
///
/// One ingest at a time (see `IngestLock`); its queue serialises every access, so one object
/// may be shared (the HTTP front door reads and writes through one).
public final class IntakeStore: Sendable {
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
            // 16 KiB pages for a new store (an existing one keeps its own): rows of a challenge's
            // texts or an original's zlib stream run to 1–2 KB, and 4 KiB pages left a quarter of
            // every page unused (dbstat at 10,000 files).
            try db.execute(sql: "PRAGMA page_size = 16384")
            // 8 MiB of page cache instead of SQLite's 2 MB: the indexes of a growing store
            // (sha256, submission ids, the flags' keys) are updated all over; with 2 MB most of
            // those pages were read back from disk (300,000 reads at 10,000 files, 150,000 with
            // 16 MiB). 16 MiB was no faster than 8 in ingests of 10,000 and 100,000 files
            // (BENCHMARKS.md, 2026-12-04) and cost 8 MB of the 80 MB an ingest may use.
            try db.execute(sql: "PRAGMA cache_size = -8192")
        }
        queue = try DatabaseQueue(path: url.path, configuration: configuration)
        try StoreSchema.migrator.migrate(queue)
    }

    /// A store that lives in memory only, with the same schema: for tests and dry runs.
    public init(inMemory name: String = "intake") throws {
        url = URL(fileURLWithPath: "/dev/null")
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        queue = try DatabaseQueue(named: name, configuration: configuration)
        try StoreSchema.migrator.migrate(queue)
    }

    /// Opens the dataset in `directory` for writing (bringing its schema up to date), as
    /// `rebuild` does: never creates one.
    ///
    /// - Throws: `StoreReadError.noDataset` when `directory/intake.sqlite` does not exist.
    public convenience init(existingIn directory: URL) throws {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("intake.sqlite").path) else {
            throw StoreReadError.noDataset(directory.relativePath)
        }
        try self.init(directory: directory)
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
        do {
            do {
                queue = try Self.openReadOnly(path: url.path)
            } catch let error as DatabaseError
                where [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode) && !Self.folderIsWritable(directory) {
                guard !Self.hasWriteAheadLog(directory) else { throw StoreReadError.unreadableLog(directory.relativePath) }
                queue = try Self.openReadOnly(path: url.path, immutable: true)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreReadError.unknownSchema(url.relativePath)
        }
        try StoreReadError.checkSchema(of: queue, at: url.relativePath)
    }

    /// Opens `path` read-only; with `immutable`, as a file that nothing can change (SQLite's
    /// `immutable=1` URI parameter: no locks, no `-shm`, no `-wal`).
    ///
    /// A read-only open of a WAL-mode store still needs the `-shm` file beside it, and creates it
    /// when it is missing: in a folder that cannot be written (a read-only mount, a folder the
    /// analyst may only read) that fails with "unable to open database file". `immutable=1`
    /// needs no `-shm`. GRDB opens without `SQLITE_OPEN_URI`, so the URI is understood only by an
    /// SQLite built with `SQLITE_USE_URI` (Debian's and Ubuntu's are); any other SQLite takes it as
    /// a file name that does not exist, and the open fails as before, never reading another file.
    static func openReadOnly(path: String, immutable: Bool = false) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        guard immutable else { return try DatabaseQueue(path: path, configuration: configuration) }
        var components = URLComponents()
        components.scheme = "file"
        components.path = path
        components.queryItems = [URLQueryItem(name: "immutable", value: "1")]
        // `?` and `#` in the path are percent-encoded by URLComponents, as SQLite expects.
        guard let uri = components.string else { throw DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "no URI for \(path)") }
        return try DatabaseQueue(path: uri, configuration: configuration)
    }

    /// Whether the store in `directory` may be read as immutable, when an ordinary read-only
    /// open failed: only when this process cannot write the folder (so it cannot create the
    /// `-shm` file), and only when no `-wal` file with content lies beside the store.
    ///
    /// Why that is safe: an immutable connection reads the main file only and takes no locks.
    /// Every transaction a WAL-mode store has committed is in the main file once no `-wal` with
    /// content is left (SQLite checkpoints and removes it when the last connection closes); a
    /// `-wal` with content (a writer at work, or one that was killed) holds commits the main file
    /// lacks, and is refused here rather than silently read past. Nothing can change the file
    /// while it is read on a read-only mount. A folder that is read-only only for this user is
    /// the one case left: an ingest run by another user holds a `-shm` and a `-wal` file, with
    /// which the ordinary open succeeds, so the immutable open is taken only when no ingest was
    /// running as the reader started; one that starts and checkpoints during the read (which
    /// `flags`, `report` and `show` finish in a moment) could make it see a mix of old and new
    /// pages, or SQLITE_CORRUPT. `init(readingFrom:)` applies the two checks (the second as a
    /// clear refusal, `StoreReadError.unreadableLog`).
    static func mayOpenImmutable(_ directory: URL) -> Bool {
        !folderIsWritable(directory) && !hasWriteAheadLog(directory)
    }

    /// Whether this process may create files in `directory` (`access(2)`: a read-only mount
    /// says no even to root).
    static func folderIsWritable(_ directory: URL) -> Bool {
        access(directory.path, W_OK) == 0
    }

    /// Whether `intake.sqlite-wal` lies in `directory` and is not empty (or cannot be examined).
    static func hasWriteAheadLog(_ directory: URL) -> Bool {
        var status = stat()
        guard stat(directory.appendingPathComponent("intake.sqlite-wal").path, &status) == 0 else { return errno != ENOENT }
        return status.st_size > 0
    }

    /// Starts an ingest run and returns its id.
    public func beginRun(at time: String, toolVersion: String) throws -> Int64 {
        try queue.write { db in
            try db.execute(sql: "INSERT INTO ingest_runs (started_at, tool_version) VALUES (?, ?)", arguments: [time, toolVersion])
            return db.lastInsertedRowID
        }
    }

    public func finishRun(_ run: Int64, at time: String, summary: IngestSummary, interrupted: Bool) throws {
        try queue.write { db in
            try db.execute(sql: """
                UPDATE ingest_runs SET finished_at = ?, files_seen = ?, new = ?, unchanged = ?, superseded = ?, rejected = ?,
                    interrupted = ?
                WHERE id = ?
                """, arguments: [time, summary.filesSeen, summary.new.count, summary.unchanged, summary.superseded.count,
                                 summary.rejected.count, interrupted, run])
        }
    }

    /// Splits `files` into those whose size and modification time are the stamp stored when
    /// they were last taken in (`unchanged`: skipped unread) and the rest, with their stamps.
    ///
    /// A path is matched the way a `[String: FileStamp]` of every stored path would match it
    /// (Swift string equality, canonical equivalence), but without loading every stored path
    /// when that is not needed: when the store holds only ASCII paths, an ASCII path can only
    /// equal a stored path byte for byte, and is looked up by the primary key. Any other case
    /// loads the dictionary, once.
    ///
    /// `stillRejected` counts the unchanged files whose content was rejected when last read.
    public func partitionByStamp(
        _ files: [(path: String, stamp: FileStamp?)]
    ) throws -> (unchanged: Int, stillRejected: [String], pending: [(path: String, stamp: FileStamp?)]) {
        try queue.read { db in
            let storeIsASCII = try Bool.fetchOne(db, sql: """
                SELECT NOT EXISTS (SELECT 1 FROM source_files WHERE length(path) != length(CAST(path AS BLOB)))
                """) ?? false
            let lookup = try db.makeStatement(sql: "SELECT size, mtime_ns, outcome = 'rejected' FROM source_files WHERE path = ?")
            var everyStamp: [String: KnownStamp]?
            var unchanged = 0
            var stillRejected: [String] = []
            var pending: [(path: String, stamp: FileStamp?)] = []
            for (path, stamp) in files {
                guard let stamp else {
                    pending.append((path, nil))
                    continue
                }
                let known: KnownStamp?
                if storeIsASCII, path.utf8.allSatisfy({ $0 < 0x80 }) {
                    known = try Self.stamp(of: path, using: lookup, in: db)
                } else {
                    if everyStamp == nil { everyStamp = try Self.everyStamp(db) }
                    known = everyStamp?[path]
                }
                if let known, known.stamp == stamp {
                    unchanged += 1
                    if known.rejected { stillRejected.append(path) }
                } else {
                    pending.append((path, stamp))
                }
            }
            return (unchanged, stillRejected, pending)
        }
    }

    /// The stamp each known input file had when it was last taken in.
    private static func everyStamp(_ db: Database) throws -> [String: KnownStamp] {
        var stamps: [String: KnownStamp] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT path, size, mtime_ns, outcome = 'rejected' FROM source_files")
        while let row = try rows.next() {
            stamps[row[0]] = KnownStamp(stamp: FileStamp(size: row[1], modified: row[2]), rejected: row[3])
        }
        return stamps
    }

    /// The stored stamp of exactly `path` (by the primary key), stepped with the C API.
    private static func stamp(of path: String, using statement: Statement, in db: Database) throws -> KnownStamp? {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        let code: CInt = path.withCString { text in
            sqlite3_bind_text(handle, 1, text, -1, nil)  // SQLITE_STATIC: stepped while `text` lives
            return sqlite3_step(handle)
        }
        switch code {
        case SQLITE_ROW:
            return KnownStamp(stamp: FileStamp(size: sqlite3_column_int64(handle, 0), modified: sqlite3_column_int64(handle, 1)),
                              rejected: sqlite3_column_int64(handle, 2) != 0)
        case SQLITE_DONE:
            return nil
        default:
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }

    /// `data_version` and `exported_version` from `meta`.
    public func versions() throws -> (data: Int, exported: Int) {
        try queue.read { db in
            let data = try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'data_version'") ?? 0
            let exported = try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'exported_version'") ?? -1
            return (data, exported)
        }
    }

    public func markExported(version: Int) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'exported_version'", arguments: [String(version)])
        }
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    public func integrityCheck() throws -> String {
        try queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }
}

/// A file's stamp when last taken in, and whether its content was rejected then.
private struct KnownStamp {
    var stamp: FileStamp
    var rejected: Bool
}
