import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore

extension FollowUpLetterComposer {
    /// One finding as a sentence to the lead: which question, what was written, what is needed.
    ///
    ///     Udfordring 3: «Hvilke tiltag har I iværksat?» er udfyldt med «-», som vi læser som en
    ///     pladsholder og ikke som et svar. Spørgsmålet skal besvares, fordi «Er udfordringen
    ///     løst?» er besvaret med «ja».
    static func sentence(for finding: OpenFinding) -> String {
        let prefix = itemName(finding.field).map { "\($0): " } ?? ""
        let label = "«\(finding.labelDanish)»"
        let written = "«\(LetterText.quoted(finding.value))»"
        let reason = finding.condition.map { "«\($0.labelDanish)» er besvaret med «\(LetterText.quoted($0.answer(danish: true)))»" }
        switch finding.rule {
        case .missing:
            return "\(prefix)\(label) er ikke besvaret."
        case .placeholder:
            let required = reason.map { " Spørgsmålet skal besvares, fordi \($0)." } ?? ""
            return "\(prefix)\(label) er udfyldt med \(written), som vi læser som en pladsholder og ikke som et svar.\(required)"
        case .conditional:
            guard let reason else { return "\(prefix)\(label) skal besvares ud fra jeres øvrige svar, men er ikke besvaret." }
            return "\(prefix)\(label) er ikke besvaret. Det skal det være, fordi \(reason)."
        case .invalidFormat:
            return "\(prefix)\(label) er ikke en gyldig e-mailadresse: \(written)."
        case .unmapped where isCategory(finding.field):
            return "\(prefix)\(label): kategorien \(written) kan vi ikke placere blandt rapportens kategorier. "
                + "Skriv gerne, hvilken af kategorierne nederst udfordringen hører under, eller beskriv den lidt nærmere."
        case .unmapped:
            return "\(prefix)\(label): svaret \(written) kan vi ikke genkende. Brug gerne en af spørgeskemaets "
                + "svarmuligheder, eller forklar kort, hvad I mener."
        case .encoding:
            return "Filen er gemt som UTF-8, men angiver et andet tegnsæt i sin første linje, så æ, ø og å bliver "
                + "forkerte hos os, fx \(written). Skriv <?xml version=\"1.0\" encoding=\"UTF-8\"?> som filens første "
                + "linje, og send den igen; svarene selv skal ikke rettes."
        case .noChallenges:
            return "\(label): der er ikke angivet nogen udfordringer. Beskriv de udfordringer, projektet har mødt – "
                + "eller skriv udtrykkeligt, at det ikke har mødt nogen."
        }
    }

    /// The challenge categories, in Danish with the code a format-2 questionnaire uses:
    /// "data (data), infrastruktur (infrastructure), … og andet (other)".
    var categoryList: String {
        let named = categories.map { "\($0.danishLabel.lowercased()) (\($0.code))" }
        guard let last = named.last else { return "" }
        return named.count == 1 ? last : named.dropLast().joined(separator: ", ") + " og " + last
    }

    /// Whether a field is a challenge's category (the one kind of unplaceable answer that asks
    /// the lead to choose among the taxonomy's categories).
    static func isCategory(_ field: String) -> Bool {
        field.hasPrefix("challenges[") && field.hasSuffix("].category")
    }

    /// "Udfordring 2" for `challenges[2].…`, "Generelt tiltag 1" for `mitigations[1].…`.
    static func itemName(_ field: String) -> String? {
        let names = ["challenges": "Udfordring", "mitigations": "Generelt tiltag"]
        guard let open = field.firstIndex(of: "["), let close = field.firstIndex(of: "]"), open < close,
              let name = names[String(field[..<open])],
              let number = Int(field[field.index(after: open)..<close]) else { return nil }
        return "\(name) \(number)"
    }
}
