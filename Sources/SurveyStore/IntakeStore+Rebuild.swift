import Foundation
import GRDB
import SurveyModel

/// One stored submission as `rebuild` derives it again: its identity and its original.
public struct StoredSubmission: Sendable {
    public var submissionId: String
    public var sha256: String
    public var source: String
    /// Nil when the store does not hold the original (a dataset from before v2 whose file was
    /// not ingested again since).
    public var original: [UInt8]?
}

extension IntakeStore {
    /// The stored submissions in submission_id order, `limit` at a time after `after`.
    public func storedSubmissions(after: String?, limit: Int) throws -> [StoredSubmission] {
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.submission_id, s.sha256, s.source_file, o.size, o.encoding, o.bytes
                FROM submissions s LEFT JOIN originals o ON o.sha256 = s.sha256
                WHERE s.submission_id > ? ORDER BY s.submission_id LIMIT ?
                """, arguments: [after ?? "", limit])
        }
        return try rows.map { row in
            var original: [UInt8]?
            if let data = row["bytes"] as Data? {
                let stored = StoredOriginal(encoding: StoredOriginal.Encoding(rawValue: row["encoding"]) ?? .identity,
                                            stored: [UInt8](data), size: row["size"])
                guard let bytes = stored.bytes() else { throw StoreReadError.damagedOriginal(row["sha256"]) }
                original = bytes
            }
            return StoredSubmission(submissionId: row["submission_id"], sha256: row["sha256"], source: row["source_file"],
                                    original: original)
        }
    }

    /// Replaces what was derived for each submission (answers, challenges, mitigations, flags,
    /// completeness) in one transaction. Identity stays: the submission id, project, round,
    /// submission time, status, source, and when and in which run it was ingested.
    ///
    /// - Returns: how many submissions' derived rows changed.
    @discardableResult
    public func replaceDerived(_ items: [(submission: Submission, report: CompletenessReport)]) throws -> Int {
        var changed = 0
        try queue.inTransaction(.immediate) { db in
            changed = 0
            for (submission, report) in items {
                let id = submission.submissionId
                let before = try Self.derivedFingerprint(of: id, in: db)
                let project = submission.project
                try db.execute(sql: """
                    UPDATE submissions SET format_version = ?, title = ?, authority = ?, authority_type = ?,
                        authority_type_raw = ?, authority_code = ?, domain = ?, domain_raw = ?, phase = ?, phase_raw = ?,
                        project_status = ?, lead_name = ?, lead_email = ?, operations_plan = ?,
                        uses_state_it_project_model = ?, comments = ?, declared_no_challenges = ?, completeness = ?,
                        required_count = ?, answered_count = ?, flag_count = ?
                    WHERE submission_id = ?
                    """, arguments: [
                        submission.formatVersion, project.title.value, project.authority.value, project.authorityType.value,
                        project.authorityType.raw.flatMap(trimmed), project.authorityCode.value, project.domain.value,
                        project.domain.raw.flatMap(trimmed), project.phase.value, project.phase.raw.flatMap(trimmed),
                        project.status.value, submission.lead.name.value, submission.lead.email.value,
                        submission.operationsPlan.value, submission.usesStateITProjectModel.value, submission.comments.value,
                        submission.declaredNoChallenges, report.score, report.requiredCount, report.answeredCount,
                        report.findings.count, id,
                    ])
                for table in ["challenges", "mitigations", "flags"] {
                    try db.execute(sql: "DELETE FROM \(table) WHERE submission_id = ?", arguments: [id])
                }
                try insertDetails(submission, report: report, in: db)
                if try Self.derivedFingerprint(of: id, in: db) != before { changed += 1 }
            }
            if changed > 0 {
                try Self.dataChanged(db)
            }
            return .commit
        }
        return changed
    }

    /// Everything derived for one submission, as one text, to tell whether a rebuild changed it.
    private static func derivedFingerprint(of id: String, in db: Database) throws -> String {
        var parts: [String] = []
        for sql in [
            "SELECT * FROM submissions WHERE submission_id = ?",
            "SELECT * FROM challenges WHERE submission_id = ? ORDER BY position",
            "SELECT * FROM mitigations WHERE submission_id = ? ORDER BY position",
            "SELECT * FROM flags WHERE submission_id = ? ORDER BY position",
        ] {
            for row in try Row.fetchAll(db, sql: sql, arguments: [id]) { parts.append(row.description) }
        }
        return parts.joined(separator: "\n")
    }
}

/// One stored rejection as `rebuild` reads it again: what its file says about itself.
public struct StoredRejection: Sendable {
    public var id: Int64
    public var source: String
    public var original: [UInt8]
}

/// What reading a rejected file's original again gave: the project, round and lead it names,
/// and its errors as the validator words them now (for their Danish messages).
public struct RereadRejection: Sendable {
    public var id: Int64
    public var claimed: ClaimedIdentity?
    public var errors: [Finding]

    public init(id: Int64, claimed: ClaimedIdentity?, errors: [Finding]) {
        self.id = id
        self.claimed = claimed
        self.errors = errors
    }
}

extension IntakeStore {
    /// The rejections whose original the store holds, in id order, `limit` at a time after `after`.
    public func storedRejections(after: Int64, limit: Int) throws -> [StoredRejection] {
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.id, r.source_file, o.sha256, o.size, o.encoding, o.bytes
                FROM rejections r JOIN originals o ON o.sha256 = r.sha256
                WHERE r.id > ? ORDER BY r.id LIMIT ?
                """, arguments: [after, limit])
        }
        return try rows.map { row in
            let stored = StoredOriginal(encoding: StoredOriginal.Encoding(rawValue: row["encoding"]) ?? .identity,
                                        stored: [UInt8](row["bytes"] as Data), size: row["size"])
            guard let bytes = stored.bytes() else { throw StoreReadError.damagedOriginal(row["sha256"]) }
            return StoredRejection(id: row["id"], source: row["source_file"], original: bytes)
        }
    }

    /// Records what each rejected file names and the Danish words of each of its errors that is
    /// still the same error (same position, line, column and English message); the reason and
    /// the errors themselves stay as they were. One transaction; returns how many rows changed.
    @discardableResult
    public func replaceReread(_ items: [RereadRejection]) throws -> Int {
        var changed = 0
        try queue.inTransaction(.immediate) { db in
            changed = 0
            for item in items {
                try db.execute(sql: """
                    UPDATE rejections SET project_id = ?, round = ?, lead_name = ?, lead_email = ?
                    WHERE id = ? AND (project_id IS NOT ? OR round IS NOT ? OR lead_name IS NOT ? OR lead_email IS NOT ?)
                    """, arguments: [item.claimed?.projectId, item.claimed?.round, item.claimed?.leadName, item.claimed?.leadEmail,
                                     item.id, item.claimed?.projectId, item.claimed?.round, item.claimed?.leadName,
                                     item.claimed?.leadEmail])
                changed += db.changesCount
                for (index, error) in item.errors.enumerated() {
                    try db.execute(sql: """
                        UPDATE rejection_errors SET message_da = ?
                        WHERE rejection_id = ? AND position = ? AND line = ? AND column = ? AND message = ?
                            AND message_da IS NOT ?
                        """, arguments: [error.messageDanish, item.id, index + 1, error.line, error.column, error.message,
                                         error.messageDanish])
                    changed += db.changesCount
                }
            }
            if changed > 0 { try Self.dataChanged(db) }
            return .commit
        }
        return changed
    }
}
