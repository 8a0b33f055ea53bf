import SurveyModel
import SurveyIntake
import SurveyStore

/// The listing as one CSV table (RFC 4180, UTF-8, header row), one row per finding, in the
/// same order as the text: lead, project, round, questionnaire order.
public struct OpenFindingsCSVWriter: OpenFindingsWriter {
    public static let identifier = "csv"
    public var dialect: CSVDialect

    /// The columns, in order.
    public static let columns = [
        "lead_email", "lead_name", "project_id", "round", "submission_id", "source_file", "position", "field", "rule",
        "label", "label_da", "value", "message", "message_da", "line", "column", "state", "first_asked_at", "first_asked_by",
        "answered_by", "answered_at", "waived_at", "waived_by", "waive_reason",
    ]

    /// A writer in `dialect` (RFC 4180 unless asked otherwise).
    public init(dialect: CSVDialect = .rfc4180) {
        self.dialect = dialect
    }

    public func write(_ leads: [LeadFindings]) -> String {
        var writer = CSVWriter(dialect: dialect, header: Self.columns)
        for group in leads {
            for submission in group.submissions {
                for finding in submission.findings {
                    writer.write([
                        .optionalText(group.lead.email), .optionalText(group.lead.name), .text(submission.projectId),
                        .integer(submission.round), .text(submission.submissionId), .text(submission.sourceFile),
                        .integer(finding.position), .text(finding.field), .text(finding.rule.rawValue), .text(finding.label),
                        .text(finding.labelDanish), .optionalText(finding.value), .text(finding.message),
                        .text(finding.messageDanish), .integer(finding.line), .integer(finding.column),
                        .text(finding.state.rawValue), .optionalText(finding.firstAsked?.at),
                        .optionalText(finding.firstAsked?.by.rawValue), .optionalText(finding.answered?.submissionId),
                        .optionalText(finding.answered?.at), .optionalText(finding.waiver?.at),
                        .optionalText(finding.waiver?.analyst), .optionalText(finding.waiver?.reason),
                    ])
                }
            }
        }
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
