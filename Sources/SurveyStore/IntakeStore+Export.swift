import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif
import SurveyModel

/// The store's side of the exports: the rows of each exported table, stepped straight from
/// SQLite so that the memory needed does not grow with the dataset. Which columns, their
/// order, types and descriptions are the exporter's (SurveyOutputs); the rows and their order
/// are the store's.
public enum ExportSource: String, Sendable, CaseIterable {
    case submissions, challenges, mitigations, flags, rejected

    /// Every column a table may export, by name.
    var rows: String {
        switch self {
        case .submissions:
            return """
                SELECT s.*, COALESCE((SELECT r.state FROM reviews r WHERE r.submission_id = s.submission_id ORDER BY r.id DESC LIMIT 1),
                    'received') AS review_state,
                    CASE WHEN s.status = 'withdrawn' THEN (SELECT w.reason FROM withdrawals w WHERE w.submission_id = s.submission_id
                        ORDER BY w.id DESC LIMIT 1) END AS withdrawal_reason
                FROM submissions s
                """
        case .challenges:
            return """
                SELECT c.*, c.evidence AS category_evidence, s.project_id, s.round, s.phase FROM challenges c
                JOIN submissions s ON s.submission_id = c.submission_id WHERE s.status = 'current'
                """
        case .mitigations:
            return """
                SELECT m.*, m.evidence AS code_evidence, s.project_id, s.round FROM mitigations m
                JOIN submissions s ON s.submission_id = m.submission_id WHERE s.status = 'current'
                """
        case .flags:
            return """
                SELECT f.*, s.project_id, s.round, s.lead_email, s.source_file,
                    -- FlagLife.state's precedence; a current submission's flag is never answered.
                    CASE WHEN fs.waived_at IS NOT NULL THEN 'waived' WHEN fs.first_asked_at IS NOT NULL THEN 'asked'
                        ELSE 'open' END AS state, \(IntakeStore.lifeColumns)
                FROM flags f JOIN submissions s ON s.submission_id = f.submission_id \(IntakeStore.lifeJoin)
                WHERE s.status = 'current'
                """
        case .rejected:
            return """
                SELECT r.source_file, r.sha256, r.reason, r.format, r.origin_kind, e.line, e.column, e.message, e.position,
                    e.detail, e.element, r.id AS rejection_id, r.project_id, r.round, r.lead_name, r.lead_email, e.message_da
                FROM rejections r JOIN rejection_errors e ON e.rejection_id = r.id
                """
        }
    }

    /// A stable order of rows.
    var order: String {
        switch self {
        case .submissions: return "project_id, round, submitted_at_utc, submission_id"
        case .challenges, .mitigations, .flags: return "project_id, round, submission_id, position"
        case .rejected: return "source_file, rejection_id, position"
        }
    }
}

/// One value of an exported row, borrowed from SQLite while the row is visited.
public enum ExportCell {
    case null
    case integer(Int64)
    case real(Double)
    /// UTF-8, up to its first NUL.
    case text(UnsafeBufferPointer<UInt8>)
    case blob([UInt8])
}

extension IntakeStore {
    /// Calls `visit` with each row of `source`, `columns` in that order (column names of the
    /// store's tables: letters, digits and `_`).
    public func exportRows(
        of source: ExportSource, columns: [String], _ visit: (_ cell: (Int) -> ExportCell) throws -> Void
    ) throws {
        precondition(columns.allSatisfy { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }, "column names only")
        let sql = "SELECT \(columns.map { "\"\($0)\"" }.joined(separator: ", ")) FROM (\(source.rows)) ORDER BY \(source.order)"
        try queue.read { db in
            let statement = try db.makeStatement(sql: sql)
            let handle = statement.sqliteStatement
            func cell(_ index: Int) -> ExportCell {
                let column = Int32(index)
                switch sqlite3_column_type(handle, column) {
                case SQLITE_NULL:
                    return .null
                case SQLITE_INTEGER:
                    return .integer(sqlite3_column_int64(handle, column))
                case SQLITE_FLOAT:
                    return .real(sqlite3_column_double(handle, column))
                case SQLITE_TEXT:
                    let text = sqlite3_column_text(handle, column)!
                    return .text(UnsafeBufferPointer(start: text, count: strlen(text)))
                default:
                    let count = Int(sqlite3_column_bytes(handle, column))
                    return .blob(sqlite3_column_blob(handle, column).map {
                        Array(UnsafeBufferPointer(start: $0.assumingMemoryBound(to: UInt8.self), count: count))
                    } ?? [])
                }
            }
            while true {
                let code = sqlite3_step(handle)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                        message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
                }
                try visit(cell)
            }
        }
    }
}
