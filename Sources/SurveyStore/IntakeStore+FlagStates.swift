import Foundation
import GRDB
import SurveyModel

/// Why a flag could not be chosen to waive: the submission or its flag is not in the dataset
/// (nothing was recorded).
public enum FlagSelectionError: Error, LocalizedError, Equatable {
    case unknownSubmission(String)
    /// The submission has no flag on `field` (by `rule`, when given); `flags` lists those it has.
    case noSuchFlag(submissionId: String, field: String, rule: CompletenessRule?, flags: [String])

    public var errorDescription: String? { description(danish: false) }

    /// The error in plain words, in Danish or English.
    public func description(danish: Bool) -> String {
        switch self {
        case .unknownSubmission(let id):
            return danish
                ? "ingen indsendelse med id'et '\(id)' i dette datasæt; intet er registreret "
                    + "(survey-intake show ID slår en op; flags og submissions.csv viser dem)"
                : "no submission with the id '\(id)' in this dataset; nothing was recorded "
                    + "(survey-intake show ID looks one up; flags and submissions.csv list them)"
        case .noSuchFlag(let id, let field, let rule, let flags):
            let which = rule.map { " [\($0.rawValue)]" } ?? ""
            let has = flags.isEmpty ? (danish ? "den har ingen markeringer" : "it has no flags")
                : (danish ? "dens markeringer: " : "its flags: ") + flags.joined(separator: ", ")
            return danish
                ? "--field: indsendelsen '\(id)' har ingen markering af '\(field)'\(which); \(has); intet er registreret"
                : "--field: submission '\(id)' has no flag on '\(field)'\(which); \(has); nothing was recorded"
        }
    }
}

extension IntakeStore {
    /// The keys of the flags of submission `id` on `field` (by `rule`, or by any rule), whether
    /// the submission is current or superseded.
    ///
    /// - Throws: `FlagSelectionError` when the store holds no such submission, or it has no such flag.
    public func flagKeys(of id: String, field: String, rule: CompletenessRule?) throws -> [FlagKey] {
        try queue.read { db in
            guard let submission = try Row.fetchOne(db, sql: "SELECT project_id, round FROM submissions WHERE submission_id = ?",
                                                    arguments: [id]) else {
                throw FlagSelectionError.unknownSubmission(id)
            }
            let flags = try Row.fetchAll(db, sql: "SELECT field, rule FROM flags WHERE submission_id = ? ORDER BY position",
                                         arguments: [id])
            let keys = flags.compactMap { row -> FlagKey? in
                guard let found = CompletenessRule(rawValue: row["rule"]), (row["field"] as String) == field, rule.map({ $0 == found }) ?? true
                else { return nil }
                return FlagKey(projectId: submission["project_id"], round: submission["round"], field: field, rule: found)
            }
            guard !keys.isEmpty else {
                throw FlagSelectionError.noSuchFlag(submissionId: id, field: field, rule: rule,
                                                    flags: flags.map { "\($0["field"] as String) [\($0["rule"] as String)]" })
            }
            return keys
        }
    }

    /// Records that `keys` were put to the lead (`by` a letter or a receipt) at `time`, with the
    /// audit log's line `audit` when given; a flag asked before keeps the first time.
    public func markAsked(_ keys: [FlagKey], by: FlagAskedBy, at time: String, audit: AuditEntry? = nil) throws {
        guard !keys.isEmpty || audit != nil else { return }
        try queue.inTransaction(.immediate) { db in
            if let audit {
                try Self.audit(db, at: audit.at, actor: audit.actor, action: audit.action, subject: audit.subject, note: audit.note)
            }
            let before = db.totalChangesCount
            for key in keys {
                try db.execute(sql: """
                    INSERT INTO flag_states (project_id, round, field, rule, first_asked_at, first_asked_by) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (project_id, round, field, rule) DO UPDATE SET
                        first_asked_at = excluded.first_asked_at, first_asked_by = excluded.first_asked_by
                    WHERE flag_states.first_asked_at IS NULL
                    """, arguments: [key.projectId, key.round, key.field, key.rule.rawValue, time, by.rawValue])
            }
            if db.totalChangesCount != before { try Self.dataChanged(db) }
            return .commit
        }
    }

    /// Marks every flag of the submission a receipt accepted (or found unchanged) as asked by
    /// the receipt, in the transaction that keeps the receipt: the receipt listed them all.
    static func markAsked(by receipt: Receipt, at time: String, in db: Database) throws {
        guard receipt.status != .rejected, let id = receipt.submissionId else { return }
        // Prepared once per connection: this runs for every submission through the front door.
        try db.cachedStatement(sql: """
            INSERT INTO flag_states (project_id, round, field, rule, first_asked_at, first_asked_by)
            SELECT s.project_id, s.round, f.field, f.rule, ?, 'receipt'
            FROM flags f JOIN submissions s ON s.submission_id = f.submission_id WHERE f.submission_id = ?
            ON CONFLICT (project_id, round, field, rule) DO UPDATE SET
                first_asked_at = excluded.first_asked_at, first_asked_by = excluded.first_asked_by
            WHERE flag_states.first_asked_at IS NULL
            """).execute(arguments: [time, id])
        if db.changesCount > 0 { try dataChanged(db) }
    }


    /// Waives `keys` with `reason`, each with the audit log's line, in one transaction; a
    /// flag waived before gets the new reason.
    public func waive(_ keys: [FlagKey], reason: String, analyst: String, at time: String) throws {
        try queue.inTransaction(.immediate) { db in
            for key in keys {
                try db.execute(sql: """
                    INSERT INTO flag_states (project_id, round, field, rule, waived_at, waived_by, waive_reason) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (project_id, round, field, rule) DO UPDATE SET
                        waived_at = excluded.waived_at, waived_by = excluded.waived_by, waive_reason = excluded.waive_reason
                    """, arguments: [key.projectId, key.round, key.field, key.rule.rawValue, time, analyst, reason])
                try Self.audit(key, action: "waive", note: reason, analyst: analyst, at: time, in: db)
            }
            if !keys.isEmpty { try Self.dataChanged(db) }
            return .commit
        }
    }

    /// Takes back the waivers of `keys` (a flag not waived is left as it is), each with the audit
    /// log's line; the flag is open, asked or answered again.
    ///
    /// - Returns: how many waivers were taken back.
    @discardableResult
    public func unwaive(_ keys: [FlagKey], note: String?, analyst: String, at time: String) throws -> Int {
        var taken = 0
        try queue.inTransaction(.immediate) { db in
            taken = 0
            for key in keys {
                try db.execute(sql: """
                    UPDATE flag_states SET waived_at = NULL, waived_by = NULL, waive_reason = NULL
                    WHERE project_id = ? AND round = ? AND field = ? AND rule = ? AND waived_at IS NOT NULL
                    """, arguments: [key.projectId, key.round, key.field, key.rule.rawValue])
                guard db.changesCount > 0 else { continue }
                taken += 1
                try Self.audit(key, action: "waive undone", note: note, analyst: analyst, at: time, in: db)
            }
            if taken > 0 { try Self.dataChanged(db) }
            return .commit
        }
        return taken
    }

    private static func audit(_ key: FlagKey, action: String, note: String?, analyst: String, at time: String, in db: Database) throws {
        try audit(db, at: time, actor: analyst, action: action, subject: "\(key.projectId) \(key.round) \(key.field) [\(key.rule.rawValue)]", note: note)
    }

    /// A flag's life as the row of `flag_states` joined to it says (`first_asked_at` … columns).
    static func life(_ row: Row, answered: FlagAnswer? = nil) -> FlagLife {
        let asked = (row["first_asked_at"] as String?).map {
            FlagAsking(at: $0, by: FlagAskedBy(rawValue: row["first_asked_by"] ?? "") ?? .letter)
        }
        let waiver = (row["waived_at"] as String?).map {
            FlagWaiver(at: $0, analyst: row["waived_by"] ?? "", reason: row["waive_reason"] ?? "")
        }
        return FlagLife(firstAsked: asked, answered: answered, waiver: waiver)
    }

    /// The `flag_states` columns `life(_:)` reads, for a query that joins the table as `fs`.
    static let lifeColumns = "fs.first_asked_at, fs.first_asked_by, fs.waived_at, fs.waived_by, fs.waive_reason"
    /// Joins `flag_states` as `fs` to flags `f` of submissions `s`.
    static let lifeJoin = """
        LEFT JOIN flag_states fs ON fs.project_id = s.project_id AND fs.round = s.round AND fs.field = f.field AND fs.rule = f.rule
        """
}
