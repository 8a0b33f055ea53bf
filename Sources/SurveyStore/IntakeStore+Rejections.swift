import GRDB
import SurveyModel

extension IntakeStore {
    /// The rejected files whose project and round (as the file names them) have had no accepted
    /// submission stored in the same run or a later one, in the rounds and projects of `filter`
    /// (its rules and states do not apply): the latest of each project and round, with how many
    /// earlier ones there are, sorted by project and round.
    public func unresolvedRejections(_ filter: OpenFindingsFilter = OpenFindingsFilter()) throws -> [UnresolvedRejection] {
        try queue.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.id, r.source_file, r.origin_kind, r.ingested_at, r.reason, r.format, r.project_id, r.round,
                    r.lead_name, r.lead_email,
                    ro.lead_name AS roster_name, ro.lead_email AS roster_email,
                    (SELECT s.lead_name FROM submissions s WHERE s.project_id = r.project_id
                        ORDER BY s.round DESC, s.submitted_at_utc DESC LIMIT 1) AS latest_name,
                    (SELECT s.lead_email FROM submissions s WHERE s.project_id = r.project_id
                        ORDER BY s.round DESC, s.submitted_at_utc DESC LIMIT 1) AS latest_email
                FROM rejections r
                LEFT JOIN roster ro ON ro.round = r.round AND ro.project_id = r.project_id
                WHERE r.project_id IS NOT NULL AND r.round IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.project_id = r.project_id AND s.round = r.round
                                    AND s.ingest_run >= r.ingest_run)
                ORDER BY r.project_id, r.round, r.ingest_run DESC, r.id DESC
                """)
            var latest: [UnresolvedRejection] = []
            for row in rows {
                let projectId: String = row["project_id"]
                let round: Int = row["round"]
                guard filter.rounds.isEmpty || filter.rounds.contains(round),
                      filter.projects.isEmpty || filter.projects.contains(projectId.uppercased()) else { continue }
                if let last = latest.last, last.claimed.projectId == projectId, last.claimed.round == round {
                    latest[latest.count - 1].earlier += 1
                    continue
                }
                let claimed = ClaimedIdentity(projectId: projectId, round: round, leadName: row["lead_name"], leadEmail: row["lead_email"])
                let candidates = [
                    ProjectLead(email: claimed.leadEmail, name: claimed.leadName),
                    ProjectLead(email: row["roster_email"], name: row["roster_name"]),
                    ProjectLead(email: row["latest_email"], name: row["latest_name"]),
                ]
                let id: Int64 = row["id"]
                let errors = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT line, column, message, message_da FROM rejection_errors WHERE rejection_id = ? ORDER BY position
                    """), arguments: [id]).map { error in
                    Finding(severity: .error, file: row["source_file"], line: error["line"], column: error["column"],
                            message: error["message"], messageDanish: error["message_da"])
                }
                latest.append(UnresolvedRejection(
                    rejectionId: id, source: row["source_file"], originKind: Origin.Kind(rawValue: row["origin_kind"]) ?? .file,
                    receivedAt: row["ingested_at"], reason: RejectionReason(rawValue: row["reason"]) ?? .schemaInvalid,
                    format: row["format"], claimed: claimed,
                    lead: candidates.first(where: \.hasPlausibleEmail) ?? candidates.first { $0.name != nil } ?? candidates[0],
                    errors: errors, earlier: 0))
            }
            return latest
        }
    }
}
