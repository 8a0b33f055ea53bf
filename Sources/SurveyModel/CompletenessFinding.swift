/// The completeness rules: the `rule` column of `flags.csv`.
public enum CompletenessRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// A required answer is absent or blank.
    case missing
    /// An answer holds a placeholder ("TBD", "-", "ved ikke" …) instead of an answer.
    case placeholder
    /// An answer required by another answer (resolved yes → mitigation) is absent or blank.
    case conditional
    /// An answer is there but malformed (an e-mail address).
    case invalidFormat = "invalid-format"
    /// A label or value could not be placed (taxonomy, phase, domain …); kept verbatim.
    case unmapped
    /// No challenge is reported, and no "no challenges" either.
    case noChallenges = "no-challenges"
    /// The file declares Latin-1 or windows-1252 but holds UTF-8, so its letters are stored
    /// garbled ("HolbÃ¦k"): one flag per submission, at the first such text.
    case encoding
}

/// One incomplete answer of an accepted submission, for follow-up with the project lead.
public struct CompletenessFinding: Sendable, Hashable, Codable {
    /// The concrete field path: `lead.email`, `challenges[2].severity`.
    public var field: String
    public var rule: CompletenessRule
    public var messageDanish: String
    public var messageEnglish: String
    /// The question's label as the lead saw it.
    public var labelDanish: String
    public var labelEnglish: String
    /// What was written, when anything was.
    public var value: String?
    /// The element's start tag, or the nearest enclosing one when the element is absent.
    public var position: SourcePosition
    /// For a conditional question: the answer that made it required.
    public var condition: FindingCondition?

    /// As a `Finding` for the diagnostic printer: `warning: [rule] field: message`.
    public func finding(file: String, danish: Bool = false) -> Finding {
        Finding(severity: .warning, file: file, line: position.line, column: position.column,
                message: "[\(rule.rawValue)] \(field): \(danish ? messageDanish : messageEnglish)",
                field: field, rule: .completeness(rule))
    }

    /// As a receipt tells it: the plain message in English and in Danish, the field and the rule
    /// as values (no `[rule] field:` prefix; the page names the question by its label).
    public func receiptFinding(file: String) -> Finding {
        Finding(severity: .warning, file: file, line: position.line, column: position.column, message: messageEnglish,
                field: field, rule: .completeness(rule), messageDanish: messageDanish)
    }

    public init(field: String, rule: CompletenessRule, messageDanish: String, messageEnglish: String, labelDanish: String, labelEnglish: String, value: String? = nil, position: SourcePosition,
                condition: FindingCondition? = nil) {
        self.condition = condition
        self.field = field
        self.rule = rule
        self.messageDanish = messageDanish
        self.messageEnglish = messageEnglish
        self.labelDanish = labelDanish
        self.labelEnglish = labelEnglish
        self.value = value
        self.position = position
    }
}

/// What the completeness check found for one submission.
public struct CompletenessReport: Sendable, Hashable, Codable {
    public var findings: [CompletenessFinding]
    /// Questions that had to be answered (conditional ones only when their condition held).
    public var requiredCount: Int
    /// Of those, how many have a real answer (not blank, not a placeholder).
    public var answeredCount: Int

    /// answered / required, 1 when nothing was required.
    public var score: Double {
        requiredCount == 0 ? 1 : Double(answeredCount) / Double(requiredCount)
    }

    public init(findings: [CompletenessFinding], requiredCount: Int, answeredCount: Int) {
        self.findings = findings
        self.requiredCount = requiredCount
        self.answeredCount = answeredCount
    }
}

/// The answer that made a conditional question required: "«Er udfordringen løst?» er besvaret
/// med «ja»", as values, so that each output words it itself.
public struct FindingCondition: Sendable, Hashable, Codable {
    /// The label of the question whose answer decided, as the lead saw it.
    public var labelDanish: String
    public var labelEnglish: String
    /// What the lead wrote there ("ja", "partly", "Implementering").
    public var written: String
    /// When that answer is a code: its label from the vocabulary ("Delvist", "Partly"), which
    /// messages quote instead of the code.
    public var writtenLabelDanish: String?
    public var writtenLabelEnglish: String?

    public init(labelDanish: String, labelEnglish: String, written: String,
                writtenLabelDanish: String? = nil, writtenLabelEnglish: String? = nil) {
        self.labelDanish = labelDanish
        self.labelEnglish = labelEnglish
        self.written = written
        self.writtenLabelDanish = writtenLabelDanish
        self.writtenLabelEnglish = writtenLabelEnglish
    }

    /// The answer as a message quotes it: its label in that language, else what was written.
    public func answer(danish: Bool) -> String {
        (danish ? writtenLabelDanish : writtenLabelEnglish) ?? written
    }
}
