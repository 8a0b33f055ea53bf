import Foundation
import GRDB
import SurveyModel

/// The dataset at a glance (`survey-intake status`), and what it holds, for the commands whose
/// filters name a round or a project (`flags --round`, `report --round`): read queries only.
public struct DatasetStatus: Sendable, Hashable, Codable {
    public struct Round: Sendable, Hashable, Codable {
        public var round: Int
        public var current: Int
        public var superseded: Int
        public var openFindings: Int

        enum CodingKeys: String, CodingKey {
            case round, current, superseded
            case openFindings = "open_findings"
        }
    }

    public struct Run: Sendable, Hashable, Codable {
        public var id: Int64
        public var kind: String
        public var startedAt: String
        public var finishedAt: String?
        public var interrupted: Bool
        public var filesSeen: Int
        public var new: Int
        public var unchanged: Int
        public var superseded: Int
        public var rejected: Int

        enum CodingKeys: String, CodingKey {
            case id, kind, interrupted, new, unchanged, superseded, rejected
            case startedAt = "started_at"
            case finishedAt = "finished_at"
            case filesSeen = "files_seen"
        }
    }

    public var rounds: [Round]
    /// Input files whose last reading was rejected (not since replaced by an accepted reading).
    public var rejectedUnresolved: Int
    /// Every rejection stored, resolved or not.
    public var rejectedStored: Int
    /// The newest runs first.
    public var lastRuns: [Run]

    public var current: Int { rounds.reduce(0) { $0 + $1.current } }
    public var superseded: Int { rounds.reduce(0) { $0 + $1.superseded } }
    public var openFindings: Int { rounds.reduce(0) { $0 + $1.openFindings } }

    enum CodingKeys: String, CodingKey {
        case rounds
        case rejectedUnresolved = "rejected_unresolved"
        case rejectedStored = "rejected_stored"
        case lastRuns = "last_runs"
    }
}

extension IntakeStore {
    /// The rounds and the project ids (upper case) of the stored submissions, current or
    /// superseded, sorted.
    public func roundsAndProjects() throws -> (rounds: [Int], projects: [String]) {
        try queue.read { db in
            let rounds = try Int.fetchAll(db, sql: "SELECT DISTINCT round FROM submissions ORDER BY round")
            let projects = try String.fetchAll(db, sql: "SELECT DISTINCT upper(project_id) FROM submissions ORDER BY 1")
            return (rounds, projects)
        }
    }

    /// The dataset at a glance, with the `runs` newest runs.
    public func status(runs: Int = 5) throws -> DatasetStatus {
        try queue.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.round,
                    SUM(s.status = 'current') AS current,
                    SUM(s.status = 'superseded') AS superseded,
                    SUM(CASE WHEN s.status = 'current' THEN s.flag_count ELSE 0 END) AS open_findings
                FROM submissions s GROUP BY s.round ORDER BY s.round
                """)
            let rounds = rows.map { row in
                DatasetStatus.Round(round: row["round"], current: row["current"], superseded: row["superseded"],
                                    openFindings: row["open_findings"])
            }
            let unresolved = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM source_files WHERE outcome = 'rejected'") ?? 0
            let stored = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rejections") ?? 0
            let runRows = try Row.fetchAll(db, sql: """
                SELECT id, kind, started_at, finished_at, interrupted, files_seen, new, unchanged, superseded, rejected
                FROM ingest_runs ORDER BY id DESC LIMIT ?
                """, arguments: [runs])
            let lastRuns = runRows.map { row in
                DatasetStatus.Run(id: row["id"], kind: row["kind"], startedAt: row["started_at"], finishedAt: row["finished_at"],
                                  interrupted: row["interrupted"], filesSeen: row["files_seen"], new: row["new"],
                                  unchanged: row["unchanged"], superseded: row["superseded"], rejected: row["rejected"])
            }
            return DatasetStatus(rounds: rounds, rejectedUnresolved: unresolved, rejectedStored: stored, lastRuns: lastRuns)
        }
    }
}

extension IntakeStore {
    /// Writes a consistent copy of the store to `file` (`VACUUM INTO`), changing nothing in it:
    /// what `ingest --dry-run` works on, so that it sees what is stored without writing there.
    public func snapshot(to file: URL) throws {
        try queue.inDatabase { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [file.path])
        }
    }
}
