import Foundation
import GRDB
import SurveyModel

/// Why a withdrawal could not be made or undone (nothing was recorded).
public enum WithdrawalRefusal: Error, Equatable {
    /// The submission is withdrawn already: by whom, when and why.
    case alreadyWithdrawn(Withdrawal)
    /// `--undo` of a submission that is not withdrawn.
    case notWithdrawn(String)
}

extension IntakeStore {
    /// Withdraws submission `id` (`undo`: takes its withdrawal back), with the audit log's line,
    /// in one transaction. A withdrawn submission keeps its original and every derived row but
    /// is never current: the latest submission of its (project, round) that is not withdrawn
    /// becomes current; undone, the latest is current again.
    ///
    /// - Returns: the submission of its (project, round) that is current now; nil when none is.
    /// - Throws: `UnknownSubmissions` or `WithdrawalRefusal` when nothing was recorded.
    @discardableResult
    public func withdraw(_ id: String, undo: Bool = false, reason: String, analyst: String, at time: String) throws -> String? {
        try immediateTransaction { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT project_id, round FROM submissions WHERE submission_id = ?",
                                             arguments: [id]) else { throw UnknownSubmissions(ids: [id]) }
            let active = try Self.withdrawal(of: id, in: db)
            if undo {
                guard active != nil else { throw WithdrawalRefusal.notWithdrawn(id) }
            } else if let active {
                throw WithdrawalRefusal.alreadyWithdrawn(active)
            }
            try db.execute(sql: "INSERT INTO withdrawals (submission_id, action, reason, analyst, at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, undo ? "undo" : "withdraw", reason, analyst, time])
            try audit(undo ? "withdraw undone" : "withdraw", subject: id, note: reason, analyst: analyst, at: time, in: db)
            let key = IdentityKey(projectID: row["project_id"], round: row["round"])
            _ = try recomputeCurrent(key, in: db)
            let current = try String.fetchOne(db, sql: """
                SELECT submission_id FROM submissions WHERE project_id = ? AND round = ? AND status = 'current'
                """, arguments: [key.projectID, key.round])
            return current
        }
    }

    /// The withdrawal in force of submission `id`; nil when it is not withdrawn.
    public func withdrawal(of id: String) throws -> Withdrawal? {
        try queue.read { db in try Self.withdrawal(of: id, in: db) }
    }

    static func withdrawal(of id: String, in db: Database) throws -> Withdrawal? {
        let latest = try Row.fetchOne(db, sql: "SELECT * FROM withdrawals WHERE submission_id = ? ORDER BY id DESC LIMIT 1",
                                      arguments: [id])
        guard let latest, latest["action"] == "withdraw" else { return nil }
        return Withdrawal(submissionId: id, reason: latest["reason"], analyst: latest["analyst"], at: latest["at"])
    }
}
