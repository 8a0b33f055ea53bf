import SurveyModel
import SurveyIntake
import SurveyStore

/// The tables of the consolidated dataset, defined once: the CSV exporter writes them and the
/// Data Package describes them from the same definitions, so the two never disagree.
/// The first columns of each are the interface contract's, in its order.
struct ExportTable: Sendable {
    let name: String
    let title: String
    let columns: [ExportColumn]
    let primaryKey: [String]
    let foreignKeys: [ForeignKey]

    /// Where the store finds the rows.
    var source: ExportSource { ExportSource(rawValue: name)! }

    struct ForeignKey: Sendable {
        var fields: [String]
        var resource: String
        var reference: [String]
    }
}

struct ExportColumn: Sendable {
    enum Kind: String, Sendable {
        case string, integer, number
    }

    let name: String
    let kind: Kind
    let description: String
    var required = false
    var values: [String]? = nil
    var minimum: Double? = nil
    var maximum: Double? = nil

    static func text(_ name: String, _ description: String, required: Bool = false, values: [String]? = nil) -> ExportColumn {
        ExportColumn(name: name, kind: .string, description: description, required: required, values: values)
    }

    static func integer(_ name: String, _ description: String, required: Bool = false, minimum: Double? = nil) -> ExportColumn {
        ExportColumn(name: name, kind: .integer, description: description, required: required, minimum: minimum)
    }
}

/// The codes each coded column may hold, from the loaded vocabularies: a code added to a copy
/// of the vocabularies is a valid value of the exports' enums like any other.
struct ExportCodes: Sendable {
    static let status = ["current", "superseded", "withdrawn"]
    static let categorySources = ["coded", "label", "description", "unmapped", "analyst"]
    static let mitigationSources = ["coded", "text", "unmapped"]
    static let rules = CompletenessRule.allCases.map(\.rawValue)
    static let reasons = RejectionReason.allCases.map(\.rawValue)

    var authorityTypes: [String]
    var domains: [String]
    var phases: [String]
    var categories: [String]
    var severities: [String]
    var resolved: [String]
    var mitigations: [String]

    init(_ vocabularies: Vocabularies) {
        authorityTypes = vocabularies.authorityTypes.codes
        domains = vocabularies.domains.codes
        phases = vocabularies.phases.codes
        categories = vocabularies.challenges.codes
        severities = vocabularies.severity.codes
        resolved = vocabularies.resolved.codes
        mitigations = vocabularies.mitigations.codes
    }
}

extension ExportTable {
    static func all(_ codes: ExportCodes) -> [ExportTable] {
        [submissions(codes), challenges(codes), mitigations(codes), flags, rejected]
    }

    static func submissions(_ codes: ExportCodes) -> ExportTable { ExportTable(
        name: "submissions", title: "Every accepted submission, current and superseded",
        columns: [
            .text("submission_id", "format 2's submissionId; for format 1 derived from the file's SHA-256", required: true),
            .text("project_id", "the signature project, e.g. SP-2020-007", required: true),
            .integer("round", "the reporting round (year)", required: true),
            .text("format_version", "the questionnaire format's version", required: true),
            .text("source_file", "the file as it was named to ingest", required: true),
            .text("sha256", "SHA-256 of the file's bytes", required: true),
            .text("submitted_at", "when the lead submitted, as written (xs:dateTime)", required: true),
            .text("status", "current: the latest submission of its project and round that is not withdrawn; withdrawn: an analyst took it out (withdrawal_reason)",
                  required: true, values: ExportCodes.status),
            .text("title", "project title"),
            .text("authority", "the municipality or region"),
            .text("authority_type", "municipality or region", values: codes.authorityTypes),
            .text("domain", "policy domain", values: codes.domains),
            .text("phase", "project phase", values: codes.phases),
            .text("lead_name", "project lead"),
            .text("lead_email", "project lead's e-mail"),
            ExportColumn(name: "completeness", kind: .number, description: "answered required questions / required questions",
                         required: true, minimum: 0, maximum: 1),
            .integer("flag_count", "incomplete answers flagged", required: true, minimum: 0),
            .text("format", "questionnaire format id", required: true),
            .text("phase_raw", "the phase as the lead wrote it"),
            .text("domain_raw", "the domain as the lead wrote it"),
            .text("project_status", "format 2: on-track, delayed, paused or stopped"),
            .text("submitted_at_utc", "submitted_at in UTC", required: true),
            .text("review_state", "the analysts' latest review state (received until one is given)", required: true,
                  values: ReviewState.allCases.map(\.rawValue)),
            .text("withdrawal_reason", "why an analyst withdrew it (status withdrawn)"),
        ],
        primaryKey: ["submission_id"], foreignKeys: []) }

    static func challenges(_ codes: ExportCodes) -> ExportTable { ExportTable(
        name: "challenges", title: "The challenges of the current submissions, normalised",
        columns: [
            .text("submission_id", "the submission", required: true),
            .text("project_id", "the signature project", required: true),
            .integer("round", "the reporting round", required: true),
            .text("phase", "the project's phase in that submission", values: codes.phases),
            .integer("position", "1-based, in questionnaire order", required: true, minimum: 1),
            .text("category", "top-level challenge category", required: true, values: codes.categories),
            .text("subcategory", "finer category, e.g. legal.gdpr"),
            .text("category_source", "how the category was found (analyst: an analyst's correction)", required: true, values: ExportCodes.categorySources),
            .text("raw_category", "the label or code the lead gave"),
            .text("severity", "low, medium or high", values: codes.severities),
            .text("resolved", "yes, no or partly", values: codes.resolved),
            .text("description", "what happened"),
            .text("mitigation", "what was done about it"),
            .text("severity_raw", "severity as written (format 1: 1-5)"),
            .text("resolved_raw", "resolved as written (format 1: ja, nej, delvist)"),
            .text("category_evidence", "the words of the label or description that decided the category (label and description placements)"),
        ],
        primaryKey: ["submission_id", "position"],
        foreignKeys: [.init(fields: ["submission_id"], resource: "submissions", reference: ["submission_id"])]) }

    static func mitigations(_ codes: ExportCodes) -> ExportTable { ExportTable(
        name: "mitigations", title: "The general measures of the current submissions",
        columns: [
            .text("submission_id", "the submission", required: true),
            .text("project_id", "the signature project", required: true),
            .integer("round", "the reporting round", required: true),
            .text("code", "mitigation code", required: true, values: codes.mitigations),
            .text("code_source", "coded (format 2), text (classified from free text) or unmapped", required: true,
                  values: ExportCodes.mitigationSources),
            .text("raw_text", "the measure as written"),
            .integer("position", "1-based, in questionnaire order", required: true, minimum: 1),
            .text("code_evidence", "the words of the measure that decided the code (text placements)"),
        ],
        primaryKey: ["submission_id", "position"],
        foreignKeys: [.init(fields: ["submission_id"], resource: "submissions", reference: ["submission_id"])]) }

    static let flags = ExportTable(
        name: "flags", title: "Incomplete answers of the current submissions, for follow-up",
        columns: [
            .text("submission_id", "the submission", required: true),
            .text("project_id", "the signature project", required: true),
            .integer("round", "the reporting round", required: true),
            .text("lead_email", "whom to ask"),
            .text("field", "the question's field path, e.g. challenges[2].severity", required: true),
            .text("rule", "why it is flagged", required: true, values: ExportCodes.rules),
            .text("message", "plain-language explanation (English)", required: true),
            .text("state", "open, asked (a letter or receipt listed it) or waived (an analyst decided it does not matter); "
                  + "answered flags are those a current submission no longer has (survey-intake flags --state answered)",
                  required: true, values: FlagState.allCases.map(\.rawValue)),
            .integer("position", "1-based order of the flag within its submission", required: true, minimum: 1),
            .text("label", "the question as the lead saw it (English)", required: true),
            .text("message_da", "plain-language explanation (Danish)", required: true),
            .text("label_da", "the question as the lead saw it (Danish)", required: true),
            .text("value", "what was written, if anything"),
            .text("source_file", "the file", required: true),
            .integer("line", "line of the answer (or its section) in the file", required: true),
            .integer("column", "column of the answer (or its section) in the file", required: true),
            .text("first_asked_at", "when a letter or receipt first listed it to the lead (UTC)"),
            .text("first_asked_by", "letter or receipt", values: FlagAskedBy.allCases.map(\.rawValue)),
            .text("waived_at", "when an analyst waived it (UTC)"),
            .text("waived_by", "the analyst who waived it"),
            .text("waive_reason", "why it does not matter"),
        ],
        primaryKey: ["submission_id", "position"],
        foreignKeys: [.init(fields: ["submission_id"], resource: "submissions", reference: ["submission_id"])])

    static let rejected = ExportTable(
        name: "rejected", title: "Every rejected file with all its errors",
        columns: [
            .text("source_file", "the file as it was named to ingest", required: true),
            .text("sha256", "SHA-256 of the file's bytes (empty when it was not read)"),
            .text("reason", "why it was rejected", required: true, values: ExportCodes.reasons),
            .integer("line", "line of the error (0: the whole file)", required: true, minimum: 0),
            .integer("column", "column of the error (0: the whole file)", required: true, minimum: 0),
            .text("message", "what is wrong, in plain language", required: true),
            .integer("position", "1-based order of the error within its rejection", required: true, minimum: 1),
            .text("detail", "libxml2's own words"),
            .text("element", "the element concerned"),
            .integer("rejection_id", "the rejection this error belongs to", required: true, minimum: 1),
            .text("project_id", "the project the file names, when it was read far enough to tell (not validated)"),
            .integer("round", "the round (year) the file names, when it was read far enough to tell", minimum: 1900),
            .text("lead_name", "the project lead the file names, when it was read far enough to tell"),
            .text("lead_email", "the lead's e-mail address as the file gives it (not validated)"),
            .text("message_da", "what is wrong, in Danish, when the validator words it in Danish"),
        ],
        primaryKey: ["rejection_id", "position"], foreignKeys: [])
}
