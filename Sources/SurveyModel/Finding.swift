/// Why a file was rejected: the `reason` column of `rejected.csv`.
public enum RejectionReason: String, Sendable, Hashable, Codable, CaseIterable {
    case notWellFormed = "not-well-formed"
    case forbiddenDTD = "forbidden-dtd"
    case schemaInvalid = "schema-invalid"
    case unknownQuestionnaire = "unknown-questionnaire"
    case conflict
    case tooLarge = "too-large"
    case unreadable
    /// Sent through the front door with a link of another project or round (HTTP 403; not stored).
    case notThisLink = "not-this-link"
}

/// One thing to tell the user about a file: an error that rejects it, or a warning.
///
/// Findings are values, not thrown errors: they flow to the printer, the JSON output and the
/// dataset. Printed like a compiler's diagnostic:
///
///     samples/invalid/07-alvorlighed-7.xml:24:7: error: <Alvorlighed> has the value "7"; expected …
public struct Finding: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    /// The file, as the user named it (or as found below a folder they named).
    public var file: String
    /// 1-based; 0 when the finding is about the whole file.
    public var line: Int
    /// 1-based; 0 when the finding is about the whole file.
    public var column: Int
    /// Plain language for the person who wrote the file.
    public var message: String
    /// For errors: the rejection reason.
    public var reason: RejectionReason?
    /// The element (or attribute) concerned, e.g. `/Statusrapport/Projekt/ProjektID`.
    public var element: String?
    /// The underlying tool's own words (libxml2's message), when they differ from `message`; for an
    /// encoding warning, the text concerned (cut to a readable length).
    public var detail: String?
    /// For completeness warnings: the canonical field path, e.g. `challenges[2].severity`.
    public var field: String?
    /// For warnings: which rule, typed (`placeholder`, `encoding` …); written as its name.
    public var rule: WarningRule?
    /// `message` in Danish, for the findings that have it (`localized(danish:)` chooses).
    public var messageDanish: String?

    public init(
        severity: Severity, file: String, line: Int, column: Int, message: String,
        reason: RejectionReason? = nil, element: String? = nil, detail: String? = nil,
        field: String? = nil, rule: WarningRule? = nil, messageDanish: String? = nil
    ) {
        self.messageDanish = messageDanish
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.reason = reason
        self.element = element
        self.detail = detail
        self.field = field
        self.rule = rule
    }

    /// This finding with its Danish words as `message` when `danish` and it has them.
    public func localized(danish: Bool) -> Finding {
        guard danish, let messageDanish else { return self }
        var copy = self
        copy.message = messageDanish
        return copy
    }

    /// `file:line:column: severity: message`, the form editors and CI logs understand.
    public var formatted: String {
        "\(file):\(max(line, 1)):\(max(column, 1)): \(severity.rawValue): \(message)"
    }
}

/// Why a valid file gets a warning: a completeness rule of its data dictionary, or what the
/// validator noticed about its encoding. Encoded as the rule's name (`placeholder`, `encoding`),
/// as the JSON output and the dataset write it.
public enum WarningRule: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
    case completeness(CompletenessRule)
    /// Latin-1 or windows-1252 declared, UTF-8 written (mojibake).
    case encoding

    public init?(rawValue: String) {
        if rawValue == "encoding" {
            self = .encoding
        } else if let rule = CompletenessRule(rawValue: rawValue) {
            self = .completeness(rule)
        } else {
            return nil
        }
    }

    public var rawValue: String {
        switch self {
        case .completeness(let rule): return rule.rawValue
        case .encoding: return "encoding"
        }
    }

    public var description: String { rawValue }
}
