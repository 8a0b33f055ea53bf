import Foundation
import GRDB
import SurveyModel

/// One challenge of a stored submission, as its page shows it.
public struct StoredChallenge: Sendable, Hashable {
    public var position: Int
    public var category: String
    public var subcategory: String?
    /// `coded`, `label`, `description`, `unmapped` or `analyst`.
    public var categorySource: String
    /// The category as the lead wrote it (coded formats), or nil.
    public var rawCategory: String?
    public var label: String?
    public var description: String?
}

extension IntakeStore {
    /// The challenges stored for one submission, in questionnaire order.
    public func challenges(ofSubmission id: String) throws -> [StoredChallenge] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT position, category, subcategory, category_source, raw_category, label, description
                FROM challenges WHERE submission_id = ? ORDER BY position
                """, arguments: [id]).map { row in
                StoredChallenge(position: row["position"], category: row["category"], subcategory: row["subcategory"],
                                categorySource: row["category_source"], rawCategory: row["raw_category"],
                                label: row["label"], description: row["description"])
            }
        }
    }

    /// The flags stored for one submission (current or superseded), in questionnaire order.
    /// With each flag's life as `flag_states` has it (asked, waived; answered is for the revision
    /// that no longer has a flag, so it is not among these).
    public func flags(ofSubmission id: String) throws -> [OpenFinding] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT f.*, \(Self.lifeColumns) FROM flags f JOIN submissions s ON s.submission_id = f.submission_id
                \(Self.lifeJoin)
                WHERE f.submission_id = ? ORDER BY f.position
                """, arguments: [id]).map { row in
                var finding = Self.openFinding(row)
                finding.life = Self.life(row)
                return finding
            }
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

    /// A flags row as the finding it records (open; callers set its life). The one place a
    /// flags row becomes an `OpenFinding`: `flags`, the letters and a submission's page read it.
    static func openFinding(_ row: Row) -> OpenFinding {
        OpenFinding(position: row["position"], field: row["field"], rule: CompletenessRule(rawValue: row["rule"]) ?? .missing,
                    label: row["label"], labelDanish: row["label_da"], message: row["message"], messageDanish: row["message_da"],
                    value: row["value"], line: row["line"], column: row["column"], condition: condition(row))
    }
}
