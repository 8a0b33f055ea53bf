import SurveyModel
import SurveyXML

/// Writes a finding's message in Danish and English, quoting the question's label as the lead
/// saw it, and naming the item ("Udfordring 2") and, for conditional answers, the condition.
struct MessageContext {
    let question: DataDictionary.Question
    let item: Int?
    let collection: String?

    func finding(
        field: String, rule: CompletenessRule, value: String?, position: SourcePosition, condition: FindingCondition? = nil
    ) -> CompletenessFinding {
        CompletenessFinding(
            field: field, rule: rule,
            messageDanish: itemPrefix(danish: true) + danish(rule, value: value, condition: condition),
            messageEnglish: itemPrefix(danish: false) + english(rule, value: value, condition: condition),
            labelDanish: question.labelDanish, labelEnglish: question.labelEnglish,
            value: value, position: position, condition: condition)
    }

    private func itemPrefix(danish: Bool) -> String {
        guard let item, let collection else { return "" }
        switch collection {
        case "challenges": return danish ? "Udfordring \(item): " : "Challenge \(item): "
        case "mitigations": return danish ? "Generelt tiltag \(item): " : "General measure \(item): "
        default: return "\(collection) \(item): "
        }
    }

    private func danish(_ rule: CompletenessRule, value: String?, condition: FindingCondition?) -> String {
        let label = "«\(question.labelDanish)»"
        let because = condition.map { ", fordi «\($0.labelDanish)» er besvaret med «\(ValidationMessage.excerpt($0.answer(danish: true)))»" } ?? ""
        let written = "«\(ValidationMessage.excerpt(value ?? ""))»"
        switch rule {
        case .missing: return "\(label) er ikke besvaret."
        case .conditional: return "\(label) skal besvares\(because)."
        case .placeholder:
            let required = condition == nil ? "" : " Spørgsmålet skal besvares\(because)."
            return "\(label) er udfyldt med pladsholderen \(written) i stedet for et svar.\(required)"
        case .invalidFormat: return "\(label) er ikke en gyldig e-mailadresse: \(written)."
        case .unmapped where question.kind == .category:
            return "\(label): \(written) kan ikke placeres i kategorierne og registreres som «andet»."
        case .unmapped: return "\(label): \(written) svarer ikke til en kendt værdi og gemmes som skrevet."
        case .noChallenges: return "\(label): ingen udfordringer er angivet. Angiv mindst én, eller angiv at der ingen var."
        case .encoding: return "\(label): filen angiver et andet tegnsæt, end den er skrevet i."
        }
    }

    private func english(_ rule: CompletenessRule, value: String?, condition: FindingCondition?) -> String {
        let label = "\"\(question.labelEnglish)\""
        let because = condition.map { " because \"\($0.labelEnglish)\" is answered \"\(ValidationMessage.excerpt($0.answer(danish: false)))\"" } ?? ""
        let written = "\"\(ValidationMessage.excerpt(value ?? ""))\""
        switch rule {
        case .missing: return "\(label) is not answered."
        case .conditional: return "\(label) must be answered\(because)."
        case .placeholder:
            let required = condition == nil ? "" : " It must be answered\(because)."
            return "\(label) holds the placeholder \(written) instead of an answer.\(required)"
        case .invalidFormat: return "\(label) is not a valid e-mail address: \(written)."
        case .unmapped where question.kind == .category:
            return "\(label): \(written) could not be placed in the taxonomy; it is kept as other."
        case .unmapped: return "\(label): \(written) does not match a known value; it is kept as written."
        case .noChallenges: return "\(label): no challenge is reported; report at least one, or state that there were none."
        case .encoding: return "\(label): the file declares another encoding than the one it is written in."
        }
    }
}
