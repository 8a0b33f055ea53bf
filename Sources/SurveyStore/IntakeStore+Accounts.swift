import Foundation
import GRDB
import SurveyModel

/// Why an account could not be added or changed (nothing was).
public enum AccountError: Error, LocalizedError, Equatable {
    case exists(String)
    case unknown(String)

    public var errorDescription: String? { description(danish: false) }

    /// In English, or in Danish.
    public func description(danish: Bool) -> String {
        switch (self, danish) {
        case (.exists(let name), false):
            "an account named '\(name)' exists already; `survey-intake analyst password \(name)` sets a new password"
        case (.exists(let name), true):
            "der findes allerede en konto med navnet '\(name)'; `survey-intake analyst password \(name)` sætter en ny adgangskode"
        case (.unknown(let name), false):
            "no account named '\(name)' in this dataset (`survey-intake analyst list` lists them)"
        case (.unknown(let name), true):
            "der er ingen konto med navnet '\(name)' i dette datasæt (`survey-intake analyst list` viser dem)"
        }
    }
}

extension IntakeStore {
    /// Adds an account with the password's hash (never the password), audited as done by `actor`.
    public func addAnalyst(_ name: String, role: AnalystRole, passwordHash: String, actor: String, at time: String) throws {
        try queue.inTransaction(.immediate) { db in
            if let row = try Row.fetchOne(db, sql: "SELECT removed_at FROM analysts WHERE name = ?", arguments: [name]) {
                // A removed account's name may be given again: the row is reused, the history kept.
                guard (row["removed_at"] as String?) != nil else { throw AccountError.exists(name) }
                try db.execute(sql: """
                    UPDATE analysts SET role = ?, password_hash = ?, password_set_at = ?, removed_at = NULL WHERE name = ?
                    """, arguments: [role.rawValue, passwordHash, time, name])
            } else {
                try db.execute(sql: """
                    INSERT INTO analysts (name, role, password_hash, created_at, password_set_at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [name, role.rawValue, passwordHash, time, time])
            }
            try Self.audit(db, at: time, actor: actor, action: "account add \(role.rawValue)", subject: name)
            return .commit
        }
    }

    /// Sets a new password hash and, when given, a new role.
    public func updateAnalyst(_ name: String, passwordHash: String?, role: AnalystRole?, actor: String, at time: String) throws {
        try queue.inTransaction(.immediate) { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM analysts WHERE name = ? AND removed_at IS NULL)",
                                    arguments: [name]) == true else { throw AccountError.unknown(name) }
            if let passwordHash {
                try db.execute(sql: "UPDATE analysts SET password_hash = ?, password_set_at = ? WHERE name = ?",
                               arguments: [passwordHash, time, name])
                try Self.audit(db, at: time, actor: actor, action: "account password", subject: name)
            }
            if let role {
                try db.execute(sql: "UPDATE analysts SET role = ? WHERE name = ?", arguments: [role.rawValue, name])
                try Self.audit(db, at: time, actor: actor, action: "account role \(role.rawValue)", subject: name)
            }
            return .commit
        }
    }

    /// Ends an account: it can no longer log in; its name stays on what it signed.
    public func removeAnalyst(_ name: String, actor: String, at time: String) throws {
        try queue.inTransaction(.immediate) { db in
            try db.execute(sql: "UPDATE analysts SET removed_at = ? WHERE name = ? AND removed_at IS NULL", arguments: [time, name])
            guard db.changesCount == 1 else { throw AccountError.unknown(name) }
            try Self.audit(db, at: time, actor: actor, action: "account remove", subject: name)
            return .commit
        }
    }

    /// The accounts that can log in, by name.
    public func analysts() throws -> [AnalystAccount] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM analysts WHERE removed_at IS NULL ORDER BY name").map(Self.account)
        }
    }

    /// The account named `name` (any case) with its password hash, for a login; nil when there is none.
    public func analystCredentials(_ name: String) throws -> (account: AnalystAccount, passwordHash: String)? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM analysts WHERE name = ? AND removed_at IS NULL", arguments: [name])
                .map { (Self.account($0), $0["password_hash"]) }
        }
    }

    /// Whether any account can log in.
    public func hasAnalystAccounts() throws -> Bool {
        try queue.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM analysts WHERE removed_at IS NULL)") ?? false
        }
    }

    private static func account(_ row: Row) -> AnalystAccount {
        AnalystAccount(name: row["name"], role: AnalystRole(rawValue: row["role"]) ?? .viewer,
                       createdAt: row["created_at"], passwordSetAt: row["password_set_at"])
    }

    /// Records an analyst's action that changes nothing else in the store (letters written, say).
    public func recordAction(actor: String, action: String, subject: String, note: String?, at time: String) throws {
        try queue.write { db in try Self.audit(db, at: time, actor: actor, action: action, subject: subject, note: note) }
    }

    /// Counts a change the exports show, in the caller's transaction: they are rewritten next
    /// (`DatasetExports.refresh`, serve within seconds, the next ingest).
    static func dataChanged(_ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'").execute()
    }

    /// One line of the audit log, in the caller's transaction.
    static func audit(_ db: Database, at time: String, actor: String, action: String, subject: String, note: String? = nil) throws {
        try db.execute(sql: "INSERT INTO audit_log (at, actor, action, subject, note) VALUES (?, ?, ?, ?, ?)",
                       arguments: [time, actor, action, subject, note])
    }
}
