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

    /// A flags row as the finding it records.
    static func openFinding(_ row: Row) -> OpenFinding {
        OpenFinding(position: row["position"], field: row["field"], rule: CompletenessRule(rawValue: row["rule"]) ?? .missing,
                    label: row["label"], labelDanish: row["label_da"], message: row["message"], messageDanish: row["message_da"],
                    value: row["value"], line: row["line"], column: row["column"], condition: condition(row))
    }
}
