import ArgumentParser
import Foundation
import SurveyIntake
import SurveyModel
import SurveyStore

/// `survey-intake taxonomy suggest --out DIR [--write FILE] [--evaluation-set FILE]`: the
/// synonyms that would have made the analysts' corrections unnecessary.
struct TaxonomySuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Suggest the synonyms that would have placed the corrected labels by themselves.",
        discussion: """
        From the corrections in force in the dataset (survey-intake correct): every label \
        corrected (a label correction, or the label of a corrected challenge that the lead did \
        not code) that the classifier places elsewhere becomes a <synonym> of the entry it was \
        corrected to, printed per entry in the vocabulary file's form. Left out, with the \
        reason: labels the classifier already places right, labels whose corrections disagree, \
        labels another entry has as a term (they would collide), labels of only generic words, \
        and labels the synonym would still not place (each term is tried on a copy of the \
        vocabulary). --write writes challenges.xml with the terms added; --evaluation-set writes \
        the corrected labels as an evaluation set, so that

          survey-intake taxonomy evaluate corrected.tsv --schemas COPY

        on a copy of the registry whose vocabularies/challenges.xml is the written file shows \
        the labels placed as corrected.

        Example:
          survey-intake taxonomy suggest --out intake-data --write challenges.xml \\
              --evaluation-set corrected.tsv

        Exit status: 0, 2 usage or setup error (no dataset, a vocabulary that cannot be loaded).
        """)

    @Option(name: .long, help: ArgumentHelp("The dataset folder.", valueName: "dir"))
    var out: String = "intake-data"

    @Option(name: .long, help: ArgumentHelp("Write challenges.xml with the suggested terms added to this file.", valueName: "file"))
    var write: String?

    @Option(name: .customLong("evaluation-set"), help: ArgumentHelp(
        "Write the corrected labels as an evaluation set (expected, label, text) to this file.", valueName: "file"))
    var evaluationSet: String?

    @Option(name: .long, help: MessageLanguage.help("Language of the text around the terms"))
    var language: MessageLanguage = .fromEnvironment()

    @OptionGroup var options: VocabularyOptions

    func run() throws {
        let danish = language == .da
        func say(_ english: String, _ dansk: String) -> String { danish ? dansk : english }
        for (option, path) in [("--write", write), ("--evaluation-set", evaluationSet)] {
            if let path { try OutputPaths.checkFile(path, option: option, danish: language == .da) }
        }
        let vocabularies = try options.loadVocabularies()
        var corrected: [CorrectedLabel] = []
        var corrections = 0
        do {
            let store = try IntakeStore(readingFrom: URL(fileURLWithPath: out))
            for correction in try store.corrections() {
                corrections += 1
                switch correction.scope {
                case .label(_, let label):
                    corrected.append(CorrectedLabel(label: label, category: correction.category, subcategory: correction.subcategory))
                case .challenge:
                    guard let challenge = try store.correctedChallenge(correction), let label = challenge.label,
                          challenge.classifiedSource != "coded" else { continue }
                    corrected.append(CorrectedLabel(label: label, category: correction.category, subcategory: correction.subcategory))
                }
            }
        } catch {
            throw Console.datasetFailure(error, cannot: .read(out), danish: language == .da)
        }
        let suggestion: SynonymSuggestion
        do {
            suggestion = try SynonymSuggestion(corrected: corrected, vocabularies: vocabularies)
        } catch {
            throw Console.setupFailure(OutputPaths.plain(error))
        }
        var lines = [say("<!-- \(suggestion.terms.count) synonym\(suggestion.terms.count == 1 ? "" : "s") from \(corrections) correction\(corrections == 1 ? "" : "s"); each goes under its entry in vocabularies/challenges.xml -->",
                         "<!-- \(suggestion.terms.count) synonym\(suggestion.terms.count == 1 ? "" : "er") fra \(corrections) rettelse\(corrections == 1 ? "" : "r"); hvert hører under sit punkt i vocabularies/challenges.xml -->")]
        for (code, terms) in Dictionary(grouping: suggestion.terms, by: \.code).sorted(by: { $0.key < $1.key }) {
            let entry = vocabularies.challenges.entry(code: code)
            lines.append("<entry code=\"\(code)\">  <!-- \(entry.map { "\($0.danishLabel) / \($0.englishLabel)" } ?? code) -->")
            for term in terms.sorted(by: { $0.text < $1.text }) {
                lines.append("  \(SynonymSuggestion.element(term))  "
                    + say("<!-- \(term.corrections) correction\(term.corrections == 1 ? "" : "s") -->",
                          "<!-- \(term.corrections) rettelse\(term.corrections == 1 ? "" : "r") -->"))
            }
            lines.append("</entry>")
        }
        if !suggestion.leftOut.isEmpty { lines.append(say("left out:", "udeladt:")) }
        for reason in suggestion.leftOut { lines.append("  " + Self.describe(reason, danish: danish)) }
        lines.forEach(Console.line)
        do {
            if let write { try Data(suggestion.vocabularyText.utf8).write(to: URL(fileURLWithPath: write)) }
            if let evaluationSet {
                let rows = ["expected\tkind\ttext"] + suggestion.labels.map { "\($0.code)\tlabel\t\($0.label)" }
                try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: evaluationSet))
            }
        } catch {
            throw Console.setupFailure(OutputPaths.plain(error))
        }
    }

    static func describe(_ reason: SynonymSuggestion.LeftOut, danish: Bool) -> String {
        switch reason {
        case .alreadyPlaced(let label, let code):
            danish ? "\"\(label)\": placeres allerede som \(code)" : "\"\(label)\": already placed as \(code)"
        case .disagreeing(let label, let codes):
            danish ? "\"\(label)\": rettelserne er uenige (\(codes.joined(separator: ", ")))"
                : "\"\(label)\": the corrections disagree (\(codes.joined(separator: ", ")))"
        case .claimed(let label, let code, let owner):
            danish ? "\"\(label)\" → \(code): er allerede et ord for \(owner) (de ville kollidere)"
                : "\"\(label)\" → \(code): already a term of \(owner) (they would collide)"
        case .toOther(let label):
            danish ? "\"\(label)\": rettet til other; et synonym kan ikke fjerne en placering"
                : "\"\(label)\": corrected to other; no synonym can unplace a label"
        case .noWords(let label):
            danish ? "\"\(label)\": kun generelle ord eller småord, som intet placerer"
                : "\"\(label)\": only generic or function words, which place nothing"
        case .stillMisplaced(let label, let code, let placed):
            danish ? "\"\(label)\" → \(code): placeres stadig som \(placed) med synonymet"
                : "\"\(label)\" → \(code): still placed as \(placed) with the synonym"
        case .unfit(let label):
            danish ? "\"\(label.prefix(60))\": over 400 tegn eller med kontroltegn; kan ikke stå i en ordliste"
                : "\"\(label.prefix(60))\": over 400 characters or with control characters; cannot stand in a vocabulary"
        }
    }
}
