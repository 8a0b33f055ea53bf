import Foundation
import SurveyIntake
import SurveyModel
import SurveyStore
import SurveyOutputs
import SurveyService

/// What `validate` reports about one file.
struct FileReport: Sendable {
    var path: String
    var format: String?
    var rejection: RejectionReason?
    var findings: [Finding]
    var completeness: Double?

    init(_ outcome: ValidationOutcome, danish: Bool) {
        path = outcome.path
        format = outcome.format
        rejection = outcome.rejection
        findings = outcome.findings.map { $0.localized(danish: danish) }
    }

    init(_ result: IntakeResult, danish: Bool) {
        path = result.path
        format = result.validation.format
        rejection = result.validation.rejection
        findings = result.findings(danish: danish)
        completeness = result.completeness?.score
    }
}

/// Prints validation outcomes as they arrive (text) or at the end (JSON), and the summary.
struct ValidationReport {
    let format: OutputFormat
    let quiet: Bool
    let danish: Bool
    private var files: [FileEntry] = []
    private var checked = 0
    private var invalid = 0
    private var reasons: [RejectionReason: Int] = [:]
    private var warnings = 0
    private var filesWithWarnings = 0
    private var folderProblems: [Finding] = []

    init(format: OutputFormat, quiet: Bool, danish: Bool) {
        self.format = format
        self.quiet = quiet
        self.danish = danish
    }

    var allValid: Bool { invalid == 0 && !folderProblems.contains { $0.severity == .error } }

    /// Folders that could not be listed (errors), symbolic-link loops skipped (warnings).
    mutating func add(problems: [Finding]) {
        folderProblems += problems
        if format == .text { problems.forEach { Console.line($0.formatted) } }
    }

    mutating func add(_ file: FileReport) {
        checked += 1
        if let reason = file.rejection {
            invalid += 1
            reasons[reason, default: 0] += 1
        }
        let fileWarnings = file.findings.filter { $0.severity == .warning }.count
        warnings += fileWarnings
        if fileWarnings > 0 { filesWithWarnings += 1 }
        switch format {
        case .text:
            file.findings.forEach { Console.line($0.formatted) }
        case .json:
            files.append(FileEntry(
                path: file.path, format: file.format,
                status: file.rejection == nil ? "valid" : "invalid",
                reason: file.rejection?.rawValue, completeness: file.completeness, findings: file.findings))
        }
    }

    func finish() {
        switch format {
        case .text:
            guard !quiet else { return }
            Console.out(summary)
        case .json:
            let encoder = JSONEncoder()
        // snake_case, as the CSV files (a finding's messageDanish is message_danish).
        encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let entries = folderProblems.map {
                FileEntry(path: $0.file, format: nil, status: $0.severity == .error ? "invalid" : "skipped", reason: $0.reason?.rawValue, completeness: nil, findings: [$0])
            } + files
            let data = (try? encoder.encode(entries)) ?? Data("[]".utf8)
            Console.json(String(decoding: data, as: UTF8.self))
        }
    }

    var summary: String { danish ? summaryDanish : summaryEnglish }

    private var breakdown: String {
        RejectionReason.allCases.compactMap { reason in reasons[reason].map { "\($0) \(reason.rawValue)" } }.joined(separator: ", ")
    }

    /// "84 filer kontrolleret: 80 gyldige, 4 ugyldige (2 schema-invalid, …)."; the reasons stay codes.
    private var summaryDanish: String {
        let noun = checked == 1 ? "fil" : "filer"
        var summary = invalid == 0
            ? "\(checked) \(noun) kontrolleret: alle gyldige."
            : "\(checked) \(noun) kontrolleret: \(checked - invalid) \(checked - invalid == 1 ? "gyldig" : "gyldige"), "
                + "\(invalid) \(invalid == 1 ? "ugyldig" : "ugyldige") (\(breakdown))."
        if warnings > 0 {
            summary += " \(warnings) \(warnings == 1 ? "advarsel" : "advarsler") om ufuldstændige svar i \(filesWithWarnings) \(filesWithWarnings == 1 ? "fil" : "filer")."
        }
        return summary
    }

    private var summaryEnglish: String {
        let noun = checked == 1 ? "file" : "files"
        var summary: String
        if invalid == 0 {
            summary = "\(checked) \(noun) checked: all valid."
        } else {
            summary = "\(checked) \(noun) checked: \(checked - invalid) valid, \(invalid) invalid (\(breakdown))."
        }
        if warnings > 0 {
            summary += " \(warnings) \(warnings == 1 ? "warning" : "warnings") about incomplete answers in \(filesWithWarnings) \(filesWithWarnings == 1 ? "file" : "files")."
        }
        return summary
    }

    /// One file in `--format json`.
    struct FileEntry: Encodable {
        var path: String
        var format: String?
        var status: String
        var reason: String?
        var completeness: Double?
        var findings: [Finding]

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(path, forKey: .path)
            try container.encode(format, forKey: .format)
            try container.encode(status, forKey: .status)
            try container.encode(reason, forKey: .reason)
            try container.encode(completeness, forKey: .completeness)
            try container.encode(findings, forKey: .findings)
        }

        enum CodingKeys: String, CodingKey {
            case path, format, status, reason, completeness, findings
        }
    }
}
