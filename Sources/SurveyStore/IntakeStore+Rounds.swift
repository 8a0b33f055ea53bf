import Foundation
import GRDB
import SurveyModel

/// Why a round could not be opened or its links issued: the caller's input, not the store.
public enum RoundError: Error, LocalizedError, Equatable {
    case alreadyOpen(Int)
    case unknownRound(Int, known: [Int])

    public var errorDescription: String? {
        switch self {
        case .alreadyOpen(let year):
            return "round \(year) is already open; give --update to replace its roster (links of projects that leave it are revoked)"
        case .unknownRound(let year, let known):
            return "no round \(year) in this dataset" + (known.isEmpty
                ? "; open it first with survey-intake round open \(year) …"
                : "; it has \(known.map(String.init).joined(separator: ", "))")
        }
    }
}

extension IntakeStore {
    /// Records `round` with its roster in one transaction. An open round is refused unless
    /// `replace`; then its roster is replaced and the links of projects no longer on it are revoked.
    public func open(_ round: Round, roster: [RosterEntry], replace: Bool, actor: String? = nil) throws {
        try queue.inTransaction(.immediate) { db in
            let exists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM rounds WHERE year = ?)", arguments: [round.year]) ?? false
            if exists, !replace { throw RoundError.alreadyOpen(round.year) }
            if let actor {
                try Self.audit(db, at: round.openedAt, actor: actor, action: exists ? "round update" : "round open", subject: "round \(round.year)",
                               note: "format \(round.format), deadline \(round.deadline), \(roster.count) projects")
            }
            try db.execute(sql: """
                INSERT INTO rounds (year, format, deadline, opened_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(year) DO UPDATE SET format = excluded.format, deadline = excluded.deadline, opened_at = excluded.opened_at
                """, arguments: [round.year, round.format, round.deadline, round.openedAt])
            let kept = Set(roster.map(\.projectId))
            let before = try String.fetchAll(db, sql: "SELECT project_id FROM roster WHERE round = ? AND active = 1",
                                             arguments: [round.year])
            for gone in before where !kept.contains(gone) {
                try db.execute(sql: "UPDATE links SET revoked_at = ? WHERE round = ? AND project_id = ? AND revoked_at IS NULL",
                               arguments: [round.openedAt, round.year, gone])
                try db.execute(sql: "UPDATE roster SET active = 0 WHERE round = ? AND project_id = ?", arguments: [round.year, gone])
            }
            for entry in roster {
                try db.execute(sql: """
                    INSERT INTO roster (round, project_id, title, authority, authority_type, lead_name, lead_email, active)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 1)
                    ON CONFLICT(round, project_id) DO UPDATE SET title = excluded.title, authority = excluded.authority,
                        authority_type = excluded.authority_type, lead_name = excluded.lead_name,
                        lead_email = excluded.lead_email, active = 1
                    """, arguments: [round.year, entry.projectId, entry.title, entry.authority, entry.authorityType,
                                     entry.leadName, entry.leadEmail])
            }
            return .commit
        }
    }

    /// The rounds, oldest first.
    public func rounds() throws -> [Round] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT year, format, deadline, opened_at FROM rounds ORDER BY year").map {
                Round(year: $0["year"], format: $0["format"], deadline: $0["deadline"], openedAt: $0["opened_at"])
            }
        }
    }

    /// A round's roster, by project id.
    public func roster(of year: Int) throws -> [RosterEntry] {
        try queue.read { db in
            try Self.requireRound(year, in: db)
            return try Row.fetchAll(db, sql: """
                SELECT * FROM roster WHERE round = ? AND active = 1 ORDER BY project_id
                """, arguments: [year]).map {
                RosterEntry(projectId: $0["project_id"], title: $0["title"], authority: $0["authority"],
                            authorityType: $0["authority_type"], leadName: $0["lead_name"], leadEmail: $0["lead_email"])
            }
        }
    }

    /// The links of a round that are neither revoked nor expired at `time`.
    public func activeLinks(round year: Int, at time: String) throws -> [SubmissionLink] {
        try queue.read { db in
            try Self.requireRound(year, in: db)
            return try Row.fetchAll(db, sql: """
                SELECT * FROM links WHERE round = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY project_id, id
                """, arguments: [year, time]).map(Self.link)
        }
    }

    /// Stores new links (their token hashes), first revoking every earlier link of the same
    /// projects in that round when `revokingEarlier`; one transaction. Returns their ids.
    public func issue(_ links: [(projectId: String, tokenSHA256: String)], round year: Int, at time: String,
                      expiresAt: String, revokingEarlier: Bool, actor: String? = nil) throws -> [Int64] {
        var ids: [Int64] = []
        try queue.inTransaction(.immediate) { db in
            ids = []
            try Self.requireRound(year, in: db)
            if let actor, !links.isEmpty {
                try Self.audit(db, at: time, actor: actor, action: revokingEarlier ? "links reissue" : "links issue", subject: "round \(year)",
                               note: "\(links.count) until \(expiresAt): \(links.map(\.projectId).joined(separator: ", "))")
            }
            for link in links {
                if revokingEarlier {
                    try db.execute(sql: "UPDATE links SET revoked_at = ? WHERE round = ? AND project_id = ? AND revoked_at IS NULL",
                                   arguments: [time, year, link.projectId])
                }
                try db.execute(sql: """
                    INSERT INTO links (round, project_id, token_sha256, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [year, link.projectId, link.tokenSHA256, time, expiresAt])
                ids.append(db.lastInsertedRowID)
            }
            return .commit
        }
        return ids
    }

    /// The link whose token has this SHA-256, whatever its state.
    public func link(tokenSHA256: String) throws -> SubmissionLink? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM links WHERE token_sha256 = ?", arguments: [tokenSHA256]).map(Self.link)
        }
    }

    /// The link with this id, whatever its state.
    public func link(id: Int64) throws -> SubmissionLink? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM links WHERE id = ?", arguments: [id]).map(Self.link)
        }
    }

    /// Records one use of a link.
    public func recordUse(of link: Int64, at time: String, action: String) throws {
        try queue.write { db in
            try db.execute(sql: "INSERT INTO link_uses (link_id, used_at, action) VALUES (?, ?, ?)", arguments: [link, time, action])
        }
    }

    /// The uses recorded of a link (`opened`, `submitted-api` …), oldest first.
    public func uses(ofLink id: Int64) throws -> [(at: String, action: String)] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT used_at, action FROM link_uses WHERE link_id = ? ORDER BY rowid", arguments: [id])
                .map { ($0["used_at"], $0["action"]) }
        }
    }

    static func link(_ row: Row) -> SubmissionLink {
        SubmissionLink(id: row["id"], round: row["round"], projectId: row["project_id"], tokenSHA256: row["token_sha256"],
                       createdAt: row["created_at"], expiresAt: row["expires_at"], revokedAt: row["revoked_at"])
    }

    private static func requireRound(_ year: Int, in db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM rounds WHERE year = ?)", arguments: [year]) ?? false else {
            throw RoundError.unknownRound(year, known: try Int.fetchAll(db, sql: "SELECT year FROM rounds ORDER BY year"))
        }
    }
}
