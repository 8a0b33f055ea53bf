import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif
import SurveyModel

/// One execution of a cached INSERT through the SQLite C API: values are bound in order, then
/// the statement is stepped once and reset. It stores what `Statement.execute(arguments:)`
/// stores (text up to its first NUL, booleans as 0/1, nil as NULL) without building and
/// boxing an argument array for each row; an ingest writes some twenty rows per file.
///
///     var row = RowInsert(try db.cachedStatement(sql: "INSERT INTO t (a, b) VALUES (?, ?)"))
///     row.text("x"); row.integer(2)
///     try row.run(in: db)
struct RowInsert {
    private let statement: Statement
    private let handle: SQLiteStatement
    private var index: CInt = 0

    init(_ statement: Statement) {
        self.statement = statement
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
    }

    mutating func text(_ value: String?) {
        index += 1
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        _ = value.withCString { sqlite3_bind_text(handle, index, $0, -1, transient) }
    }

    /// UTF-8 bytes bound as text as they are, without a `String` made of them first (the
    /// receipt's JSON, which has no NUL).
    mutating func text(utf8 bytes: [UInt8]) {
        guard !bytes.isEmpty else { return text("") }
        index += 1
        _ = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { sqlite3_bind_text(handle, index, $0.baseAddress, CInt($0.count), transient) }
        }
    }

    mutating func integer(_ value: Int?) {
        integer(value.map(Int64.init))
    }

    mutating func integer(_ value: Int64?) {
        index += 1
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        sqlite3_bind_int64(handle, index, value)
    }

    mutating func bool(_ value: Bool) {
        integer(value ? 1 : 0)
    }

    mutating func real(_ value: Double) {
        index += 1
        sqlite3_bind_double(handle, index, value)
    }

    /// Steps the statement; a failure is thrown as GRDB would throw it.
    func run(in db: Database) throws {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
    }
}

/// SQLite copies the bound text (SQLITE_TRANSIENT).
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
