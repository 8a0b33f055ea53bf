import Foundation
import GRDB
import SurveyModel

/// One stored submission or rejected file as `survey-intake show` tells it.
public struct StoredItem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case submission, rejection
    }

    public var kind: Kind
    /// The submission id (submissions) or nil (rejections).
    public var submissionId: String?
    public var sha256: String?
    public var origin: Origin
    /// `current` / `superseded` for submissions; the rejection reason for rejections.
    public var status: String
    public var projectId: String?
    public var round: Int?
    public var submittedAt: String?
    public var ingestedAt: String
    public var completeness: Double?
    /// The findings: flags (warnings) of a submission, errors of a rejection.
    public var findings: [Finding]
    /// Every submission of the same (project, round), oldest first, this one included.
    public var history: [HistoryEntry]
    /// Whether the original bytes are in the store (datasets from before v2 lack some).
    public var hasOriginal: Bool

    public struct HistoryEntry: Sendable, Hashable {
        public var submissionId: String
        public var submittedAt: String
        public var status: String
        public var source: String
    }
}

extension IntakeStore {
    /// The original bytes of the submission or file with content `sha256`, exactly as received;
    /// nil when the store does not hold them.
    ///
    /// - Throws: `StoreReadError.damagedOriginal` when the stored bytes do not decompress.
    public func original(sha256: String) throws -> [UInt8]? {
        let row = try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT size, encoding, bytes FROM originals WHERE sha256 = ?", arguments: [sha256])
        }
        guard let row else { return nil }
        let encoding = StoredOriginal.Encoding(rawValue: row["encoding"]) ?? .identity
        let stored = StoredOriginal(encoding: encoding, stored: [UInt8](row["bytes"] as Data), size: row["size"])
        guard let bytes = stored.bytes() else { throw StoreReadError.damagedOriginal(sha256) }
        return bytes
    }

    /// The submission with `id` as its submission_id, or the submission or rejected file whose
    /// content has `id` as its SHA-256 (a prefix of 8 or more hex digits will do when it is unique).
    public func lookUp(_ id: String) throws -> StoredItem? {
        try queue.read { db in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM submissions WHERE submission_id = ?", arguments: [id]) {
                return try Self.submission(row, in: db)
            }
            let pattern = id.lowercased()
            guard pattern.count >= 8, pattern.allSatisfy(\.isHexDigit) else { return nil }
            let matches = try Row.fetchAll(db, sql: "SELECT * FROM submissions WHERE sha256 LIKE ? || '%' LIMIT 2",
                                           arguments: [pattern])
            if matches.count == 1 { return try Self.submission(matches[0], in: db) }
            guard matches.isEmpty else { return nil }
            let rejections = try Row.fetchAll(db, sql: "SELECT * FROM rejections WHERE sha256 LIKE ? || '%' ORDER BY id LIMIT 2",
                                              arguments: [pattern])
            guard rejections.count == 1 else { return nil }
            return try Self.rejection(rejections[0], in: db)
        }
    }

    private static func submission(_ row: Row, in db: Database) throws -> StoredItem {
        let id: String = row["submission_id"]
        let source: String = row["source_file"]
        let flags = try Row.fetchAll(db, sql: """
            SELECT field, rule, message, message_da, line, column FROM flags WHERE submission_id = ? ORDER BY position
            """, arguments: [id]).map { flag in
            Finding(severity: .warning, file: source, line: flag["line"], column: flag["column"],
                    message: "[\(flag["rule"] as String)] \(flag["field"] as String): \(flag["message"] as String)",
                    field: flag["field"], rule: WarningRule(rawValue: flag["rule"]),
                    messageDanish: "[\(flag["rule"] as String)] \(flag["field"] as String): \(flag["message_da"] as String)")
        }
        let history = try Row.fetchAll(db, sql: """
            SELECT submission_id, submitted_at, status, source_file FROM submissions WHERE project_id = ? AND round = ?
            ORDER BY submitted_at_utc, rowid
            """, arguments: [row["project_id"], row["round"]]).map {
            StoredItem.HistoryEntry(submissionId: $0["submission_id"], submittedAt: $0["submitted_at"], status: $0["status"],
                                    source: $0["source_file"])
        }
        let sha256: String = row["sha256"]
        return StoredItem(
            kind: .submission, submissionId: id, sha256: sha256,
            origin: Origin(kind: Origin.Kind(rawValue: row["origin_kind"]) ?? .file, name: source, link: row["origin_link"]),
            status: row["status"], projectId: row["project_id"], round: row["round"], submittedAt: row["submitted_at"],
            ingestedAt: row["ingested_at"], completeness: row["completeness"], findings: flags, history: history,
            hasOriginal: try hasOriginal(sha256, in: db))
    }

    private static func rejection(_ row: Row, in db: Database) throws -> StoredItem {
        let source: String = row["source_file"]
        let reason: String = row["reason"]
        let errors = try Row.fetchAll(db, sql: """
            SELECT line, column, message, detail, element, message_da FROM rejection_errors WHERE rejection_id = ? ORDER BY position
            """, arguments: [row["id"]]).map { error in
            Finding(severity: .error, file: source, line: error["line"], column: error["column"], message: error["message"],
                    reason: RejectionReason(rawValue: reason), element: error["element"], detail: error["detail"],
                    messageDanish: error["message_da"])
        }
        let sha256: String? = row["sha256"]
        return StoredItem(
            kind: .rejection, submissionId: nil, sha256: sha256,
            origin: Origin(kind: Origin.Kind(rawValue: row["origin_kind"]) ?? .file, name: source, link: row["origin_link"]),
            status: reason, projectId: nil, round: nil, submittedAt: nil, ingestedAt: row["ingested_at"], completeness: nil,
            findings: errors, history: [], hasOriginal: try sha256.map { try hasOriginal($0, in: db) } ?? false)
    }

    private static func hasOriginal(_ sha256: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM originals WHERE sha256 = ?)", arguments: [sha256]) ?? false
    }
}
