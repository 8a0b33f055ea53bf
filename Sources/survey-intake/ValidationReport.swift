import Foundation
import SurveyIntake

/// Prints validation outcomes as they arrive (text) or at the end (JSON), and the summary.
struct ValidationReport {
    let format: OutputFormat
    let quiet: Bool
    private var files: [FileEntry] = []
    private var checked = 0
    private var invalid = 0
    private var reasons: [RejectionReason: Int] = [:]
    private var folderProblems: [Finding] = []

    init(format: OutputFormat, quiet: Bool) {
        self.format = format
        self.quiet = quiet
    }

    var allValid: Bool { invalid == 0 && folderProblems.isEmpty }

    /// Folders that could not be listed.
    mutating func add(problems: [Finding]) {
        folderProblems += problems
        if format == .text { problems.forEach { Console.out($0.formatted) } }
    }

    mutating func add(_ outcome: ValidationOutcome) {
        checked += 1
        if let reason = outcome.rejection {
            invalid += 1
            reasons[reason, default: 0] += 1
        }
        switch format {
        case .text:
            outcome.findings.forEach { Console.out($0.formatted) }
        case .json:
            files.append(FileEntry(
                path: outcome.path, format: outcome.format,
                status: outcome.isValid ? "valid" : "invalid",
                reason: outcome.rejection?.rawValue, findings: outcome.findings))
        }
    }

    func finish() {
        switch format {
        case .text:
            guard !quiet else { return }
            Console.out(summary)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let entries = folderProblems.map {
                FileEntry(path: $0.file, format: nil, status: "invalid", reason: $0.reason?.rawValue, findings: [$0])
            } + files
            let data = (try? encoder.encode(entries)) ?? Data("[]".utf8)
            Console.out(String(decoding: data, as: UTF8.self))
        }
    }

    var summary: String {
        let noun = checked == 1 ? "file" : "files"
        guard invalid > 0 else { return "\(checked) \(noun) checked: all valid." }
        let breakdown = RejectionReason.allCases.compactMap { reason in
            reasons[reason].map { "\($0) \(reason.rawValue)" }
        }.joined(separator: ", ")
        return "\(checked) \(noun) checked: \(checked - invalid) valid, \(invalid) invalid (\(breakdown))."
    }

    /// One file in `--format json`.
    struct FileEntry: Encodable {
        var path: String
        var format: String?
        var status: String
        var reason: String?
        var findings: [Finding]

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(path, forKey: .path)
            try container.encode(format, forKey: .format)
            try container.encode(status, forKey: .status)
            try container.encode(reason, forKey: .reason)
            try container.encode(findings, forKey: .findings)
        }

        enum CodingKeys: String, CodingKey {
            case path, format, status, reason, findings
        }
    }
}
