import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore

extension FollowUpLetterComposer {
    /// One finding as a sentence to the lead, in Danish or English: which question (its label
    /// in that language), what was written, what is needed.
    ///
    ///     Udfordring 3: «Hvilke tiltag har I iværksat?» er udfyldt med «-», som vi læser som en
    ///     pladsholder og ikke som et svar. Spørgsmålet skal besvares, fordi «Er udfordringen
    ///     løst?» er besvaret med «ja».
    ///
    ///     Challenge 3: “What measures have you taken?” says “-”, which we read as a placeholder,
    ///     not an answer. The question must be answered because the answer to “Is the challenge
    ///     resolved?” is “yes”.
    static func sentence(for finding: OpenFinding, danish: Bool) -> String {
        let quote = { (text: String) in LetterText.quote(text, danish: danish) }
        let prefix = itemName(finding.field, danish: danish).map { "\($0): " } ?? ""
        let label = quote(danish ? finding.labelDanish : finding.label)
        let written = quote(LetterText.quoted(finding.value))
        let reason = finding.condition.map { condition in
            let answer = quote(LetterText.quoted(condition.answer(danish: danish)))
            return danish ? "\(quote(condition.labelDanish)) er besvaret med \(answer)"
                : "the answer to \(quote(condition.labelEnglish)) is \(answer)"
        }
        switch (finding.rule, danish) {
        case (.missing, true):
            return "\(prefix)\(label) er ikke besvaret."
        case (.missing, false):
            return "\(prefix)\(label) has not been answered."
        case (.placeholder, true):
            let required = reason.map { " Spørgsmålet skal besvares, fordi \($0)." } ?? ""
            return "\(prefix)\(label) er udfyldt med \(written), som vi læser som en pladsholder og ikke som et svar.\(required)"
        case (.placeholder, false):
            let required = reason.map { " The question must be answered because \($0)." } ?? ""
            return "\(prefix)\(label) says \(written), which we read as a placeholder, not an answer.\(required)"
        case (.conditional, true):
            guard let reason else { return "\(prefix)\(label) skal besvares ud fra jeres øvrige svar, men er ikke besvaret." }
            return "\(prefix)\(label) er ikke besvaret. Det skal det være, fordi \(reason)."
        case (.conditional, false):
            guard let reason else { return "\(prefix)\(label) must be answered given your other answers, but has not been." }
            return "\(prefix)\(label) has not been answered. It must be, because \(reason)."
        case (.invalidFormat, true):
            return "\(prefix)\(label) er ikke en gyldig e-mailadresse: \(written)."
        case (.invalidFormat, false):
            return "\(prefix)\(label) is not a valid e-mail address: \(written)."
        case (.unmapped, true) where isCategory(finding.field):
            return "\(prefix)\(label): kategorien \(written) kan vi ikke placere blandt rapportens kategorier. "
                + "Skriv gerne, hvilken af kategorierne nederst udfordringen hører under, eller beskriv den lidt nærmere."
        case (.unmapped, false) where isCategory(finding.field):
            return "\(prefix)\(label): we cannot place the category \(written) among the report's categories. "
                + "Please tell us which of the categories listed at the end the challenge belongs to, or describe it a "
                + "little more."
        case (.unmapped, true):
            return "\(prefix)\(label): svaret \(written) kan vi ikke genkende. Brug gerne en af spørgeskemaets "
                + "svarmuligheder, eller forklar kort, hvad I mener."
        case (.unmapped, false):
            return "\(prefix)\(label): we do not recognise the answer \(written). Please use one of the "
                + "questionnaire's options, or explain briefly what you mean."
        case (.encoding, true):
            return "Filen er gemt som UTF-8, men angiver et andet tegnsæt i sin første linje, så æ, ø og å bliver "
                + "forkerte hos os, fx \(written). Skriv <?xml version=\"1.0\" encoding=\"UTF-8\"?> som filens første "
                + "linje, og send den igen; svarene selv skal ikke rettes."
        case (.encoding, false):
            return "The file is saved as UTF-8 but names another character set in its first line, so æ, ø and å come "
                + "out wrong here, e.g. \(written). Write <?xml version=\"1.0\" encoding=\"UTF-8\"?> as the file's "
                + "first line, and send it again; the answers themselves need no correction."
        case (.noChallenges, true):
            return "\(label): der er ikke angivet nogen udfordringer. Beskriv de udfordringer, projektet har mødt – "
                + "eller skriv udtrykkeligt, at det ikke har mødt nogen."
        case (.noChallenges, false):
            return "\(label): no challenges are given. Describe the challenges the project has met – or say "
                + "explicitly that it has met none."
        }
    }

    /// The challenge categories, with the code a format-2 questionnaire uses when it is not the
    /// label itself: "data, infrastruktur (infrastructure), … og andet (other)", in English
    /// "data, infrastructure, legal, … and other".
    func categoryList(danish: Bool) -> String {
        LetterText.list(categories.map { category in
            let label = (danish ? category.danishLabel : category.englishLabel).lowercased()
            return label == category.code ? label : "\(label) (\(category.code))"
        }, danish: danish)
    }

    /// Whether a field is a challenge's category (the one kind of unplaceable answer that asks
    /// the lead to choose among the taxonomy's categories).
    static func isCategory(_ field: String) -> Bool {
        field.hasPrefix("challenges[") && field.hasSuffix("].category")
    }

    /// "Udfordring 2" ("Challenge 2") for `challenges[2].…`, "Generelt tiltag 1" ("General
    /// measure 1") for `mitigations[1].…`.
    static func itemName(_ field: String, danish: Bool) -> String? {
        let names = danish ? ["challenges": "Udfordring", "mitigations": "Generelt tiltag"]
            : ["challenges": "Challenge", "mitigations": "General measure"]
        guard let open = field.firstIndex(of: "["), let close = field.firstIndex(of: "]"), open < close,
              let name = names[String(field[..<open])],
              let number = Int(field[field.index(after: open)..<close]) else { return nil }
        return "\(name) \(number)"
    }
}
