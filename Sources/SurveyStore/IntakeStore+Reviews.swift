import Foundation
import GRDB
import SurveyModel

/// Why reviews could not be recorded: ids the store does not hold (nothing was recorded).
public struct UnknownSubmissions: Error, LocalizedError, Equatable {
    public var ids: [String]

    public var errorDescription: String? {
        "no submission with the id \(ids.map { "'\($0)'" }.joined(separator: ", ")) in this dataset; nothing was recorded "
            + "(survey-intake show ID looks one up; flags and submissions.csv list them)"
    }
}

extension IntakeStore {
    /// Gives every submission of `ids` the review state `state`, with the audit log's line for
    /// each, in one transaction: an unknown id records nothing.
    public func review(_ ids: [String], state: ReviewState, comment: String?, analyst: String, at time: String) throws {
        try queue.inTransaction(.immediate) { db in
            var unknown: [String] = []
            for id in ids where try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM submissions WHERE submission_id = ?)",
                                                    arguments: [id]) ?? false) {
                unknown.append(id)
            }
            guard unknown.isEmpty else { throw UnknownSubmissions(ids: unknown) }
            for id in ids {
                try db.execute(sql: "INSERT INTO reviews (submission_id, state, comment, analyst, at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, state.rawValue, comment, analyst, time])
                try Self.audit(db, at: time, actor: analyst, action: "review \(state.rawValue)", subject: id, note: comment)
            }
            // submissions.csv shows review_state: the exports are behind until rewritten.
            try Self.dataChanged(db)
            return .commit
        }
    }

    /// The review states a submission was given, oldest first.
    public func reviews(of id: String) throws -> [Review] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM reviews WHERE submission_id = ? ORDER BY id", arguments: [id]).map {
                Review(submissionId: $0["submission_id"], state: ReviewState(rawValue: $0["state"]) ?? .received,
                       comment: $0["comment"], analyst: $0["analyst"], at: $0["at"])
            }
        }
    }

    /// The audit log, oldest first.
    public func auditLog() throws -> [AuditEntry] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id").map {
                AuditEntry(at: $0["at"], actor: $0["actor"], action: $0["action"], subject: $0["subject"], note: $0["note"])
            }
        }
    }
}
