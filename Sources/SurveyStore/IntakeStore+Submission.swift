import Foundation
import GRDB
import SurveyModel

extension IntakeStore {
    /// The flags stored for one submission (current or superseded), in questionnaire order.
    public func flags(ofSubmission id: String) throws -> [OpenFinding] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM flags WHERE submission_id = ? ORDER BY position", arguments: [id])
                .map(Self.openFinding)
        }
    }

    /// The questionnaire format (its id) of a stored submission; nil for an unknown id.
    public func format(ofSubmission id: String) throws -> String? {
        try queue.read { db in
            try String.fetchOne(db, sql: "SELECT format FROM submissions WHERE submission_id = ?", arguments: [id])
        }
    }

    /// The ids of the current submissions of `round` (nil: every round) and of `projects`
    /// (empty: every project; ids compared ignoring case), by project and round.
    public func currentSubmissionIds(round: Int?, projects: [String]) throws -> [String] {
        let wanted = Set(projects.map { $0.uppercased() })
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT submission_id, project_id, round FROM submissions WHERE status = 'current' ORDER BY project_id, round")
                .filter { row in
                    (round == nil || row["round"] == round) && (wanted.isEmpty || wanted.contains((row["project_id"] as String).uppercased()))
                }
                .map { $0["submission_id"] }
        }
    }

    /// A flags row as the finding it records.
    static func openFinding(_ row: Row) -> OpenFinding {
        OpenFinding(position: row["position"], field: row["field"], rule: CompletenessRule(rawValue: row["rule"]) ?? .missing,
                    label: row["label"], labelDanish: row["label_da"], message: row["message"], messageDanish: row["message_da"],
                    value: row["value"], line: row["line"], column: row["column"], condition: condition(row))
    }
}
