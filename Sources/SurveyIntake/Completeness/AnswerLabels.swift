import SurveyModel

/// The labels of coded answers, from the vocabularies (their one source): a condition met by
/// the answer `partly` is quoted «Delvist» in Danish and "Partly" in English, never by its code.
///
///     let labels = AnswerLabels(vocabularies: vocabularies, dictionaries: catalog.dictionaries)
///     labels.labels(of: "partly", field: "challenges[2].resolved")   // ("Delvist", "Partly")
///     labels.conditionField(of: "challenges[2].mitigation", format: "statusreport-2")   // "challenges[N].resolved"
public struct AnswerLabels: Sendable {
    public let vocabularies: Vocabularies
    /// Each format's data dictionary, by format id: where a `RequiredWhen` says which answer it
    /// depends on.
    public let dictionaries: [String: DataDictionary]

    public init(vocabularies: Vocabularies, dictionaries: [String: DataDictionary] = [:]) {
        self.vocabularies = vocabularies
        self.dictionaries = dictionaries
    }

    /// The Danish and English labels of `written` as the answer to `field` (`challenges[2].resolved`
    /// or its template `challenges[N].resolved`) when that field takes a vocabulary's codes (the
    /// canonical fields of both formats; format 2's form names each one's vocabulary) and
    /// `written` is one of them, or one of their labels (`delvist` in format 1); nil for a text
    /// or a value the vocabulary lacks, which is quoted as written.
    public func labels(of written: String, field: String) -> (danish: String, english: String)? {
        guard let name = StatusreportV2Form.codes[Self.template(field)]?.vocabulary,
              let vocabulary = StatusreportV2Form.vocabulary(name, in: vocabularies) else { return nil }
        let folded = written.lowercased()
        let entry = vocabulary.entry(code: written)
            ?? vocabulary.categories.first { $0.danishLabel.lowercased() == folded || $0.englishLabel.lowercased() == folded }
        return entry.map { ($0.danishLabel, $0.englishLabel) }
    }

    /// The field (a template) whose answer makes `field` required in `format`; nil when its
    /// question has no `RequiredWhen` or the format's dictionary is not known.
    public func conditionField(of field: String, format: String) -> String? {
        let template = Self.template(field)
        guard let question = dictionaries[format]?.questions.first(where: { $0.field == template }),
              case .requiredWhen(let condition, _) = question.requirement else { return nil }
        return condition
    }

    /// `challenges[2].resolved` → `challenges[N].resolved`.
    static func template(_ field: String) -> String {
        guard let open = field.firstIndex(of: "["), let close = field[open...].firstIndex(of: "]") else { return field }
        return String(field[...open]) + "N" + String(field[close...])
    }
}
