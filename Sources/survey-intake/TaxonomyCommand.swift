import ArgumentParser
import Foundation
import SurveyIntake
import SurveyModel
import SurveyStore
import SurveyOutputs
import SurveyService

struct TaxonomyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxonomy",
        abstract: "Show the challenge taxonomy, classify labels, check the vocabulary files.",
        discussion: """
        The taxonomy and the other vocabularies (mitigations, phases, domains,
        authority types, severity, resolved) are XML files in the registry's
        vocabularies/ folder, validated against vocabularies/vocabulary.xsd
        whenever they are loaded. Edit a copy of the registry and point
        --schemas at it to try changes without rebuilding.

        Examples:
          survey-intake taxonomy
          survey-intake taxonomy classify "Manglende hjemmel" Driftsoverdragelse
          survey-intake taxonomy classify --vocabulary phases Pilotdrift "I drift"
          survey-intake taxonomy check --schemas my-schemas
          survey-intake taxonomy evaluate evaluation/taxonomy-dev.tsv
          survey-intake taxonomy suggest --out intake-data --write challenges.xml
        """,
        subcommands: [TaxonomyTreeCommand.self, TaxonomyClassifyCommand.self, TaxonomyCheckCommand.self, TaxonomyEvaluateCommand.self,
                      TaxonomySuggestCommand.self],
        defaultSubcommand: TaxonomyTreeCommand.self
    )
}

/// `--schemas` for the taxonomy commands.
struct VocabularyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The questionnaire registry folder; its vocabularies/ folder holds the vocabulary files.",
        discussion: "Default: the registry shipped with the tool.", valueName: "dir"))
    var schemas: String?

    /// The registry folder named by `--schemas`, or the shipped one.
    func registryDirectory() throws -> URL {
        if let schemas { return URL(fileURLWithPath: schemas) }
        guard let shipped = QuestionnaireRegistry.shippedDirectory() else {
            throw Console.setupFailure("the shipped questionnaire registry was not found; pass --schemas DIR")
        }
        return shipped
    }

    func loadVocabularies() throws -> Vocabularies {
        do {
            return try Vocabularies.load(from: try registryDirectory())
        } catch let error as VocabularyError {
            throw Console.setupFailure(error.localizedDescription)
        }
    }
}

struct TaxonomyTreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tree",
        abstract: "Print the challenge taxonomy as a tree (the default).",
        discussion: """
        Each category with its subcategories: code, Danish label / English label.

        Example:
          survey-intake taxonomy tree
        """
    )

    @OptionGroup var options: VocabularyOptions

    func run() throws {
        let taxonomy = try options.loadVocabularies().challenges
        let width = taxonomy.entries.map { $0.code.count + ($0.parent == nil ? 0 : 2) }.max() ?? 0
        for category in taxonomy.categories {
            Console.out(line(category, indent: "", width: width))
            for subcategory in taxonomy.subentries(of: category.code) {
                Console.out(line(subcategory, indent: "  ", width: width))
            }
        }
    }

    private func line(_ entry: VocabularyEntry, indent: String, width: Int) -> String {
        let code = indent + entry.code
        let padding = String(repeating: " ", count: max(1, width - code.count + 2))
        return code + padding + "\(entry.danishLabel) / \(entry.englishLabel)"
    }
}

struct TaxonomyClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Print the code each text maps to, and how.",
        discussion: """
        One line per text: code<TAB>method<TAB>text. For challenges (the
        default) each text is read as a lead's label (with --description, as a
        description under the label "Andet"); code is the subcategory when there
        is one, else the category, and method is label, description or unmapped
        (code other). For mitigations the method is text or unmapped (code
        other); for the other vocabularies it is text, or unmapped with code -.

        With --explain, challenges and mitigations get two more columns: the
        evidence, the vocabulary terms that decided the placement with the code
        each belongs to ("hjemmel" → legal.basis), and the categories the text
        scored in, best first (- when none).

        Examples:
          survey-intake taxonomy classify "Manglende hjemmel" Corona
          survey-intake taxonomy classify --explain "Rettigheder til modellen"
          survey-intake taxonomy classify --description --explain "Vi fik først data efter 6 mdr."
          survey-intake taxonomy classify --vocabulary domains "Sundhed og ældre"

        Exit status: 0.
        """
    )

    enum VocabularyChoice: String, ExpressibleByArgument, CaseIterable {
        case challenges, mitigations, phases, domains
        case authorityTypes = "authority-types"
        case severity, resolved
    }

    @Argument(help: ArgumentHelp("The texts to classify.", valueName: "text"))
    var texts: [String]

    @Option(name: .long, help: "The vocabulary to classify against.")
    var vocabulary: VocabularyChoice = .challenges

    @Flag(name: .long, help: "Read each text as a challenge's description, not its label.")
    var description = false

    @Flag(name: .long, help: "Add the evidence that decided each placement, and the categories' scores.")
    var explain = false

    @OptionGroup var options: VocabularyOptions

    func validate() throws {
        if description, vocabulary != .challenges { throw ValidationError("--description applies to challenges only") }
        if explain, vocabulary != .challenges, vocabulary != .mitigations {
            throw ValidationError("--explain applies to challenges and mitigations only")
        }
    }

    func run() throws {
        let vocabularies = try options.loadVocabularies()
        let classifier = TaxonomyClassifier(vocabularies: vocabularies)
        for text in texts {
            let (code, method, explanation) = classify(text, vocabularies: vocabularies, classifier: classifier)
            Console.out("\(code)\t\(method)\t\(text)" + (explain ? "\t" + (explanation ?? "-") : ""))
        }
    }

    private func classify(_ text: String, vocabularies: Vocabularies, classifier: TaxonomyClassifier)
        -> (String, String, String?) {
        let normalised: String?
        switch vocabulary {
        case .challenges:
            let placement = description
                ? classifier.place(label: nil, description: text)
                : classifier.place(label: text, description: nil)
            let scores = placement.candidates.isEmpty ? "-"
                : placement.candidates.map { "\($0.code) " + String(format: "%.2f", $0.score) }.joined(separator: ", ")
            return (placement.classification.code, placement.classification.method.rawValue,
                    (placement.evidenceSummary ?? "-") + "\t" + scores)
        case .mitigations:
            let mitigation = vocabularies.placeMitigation(text)
            return (mitigation.code, mitigation.source, (mitigation.evidenceSummary ?? "-") + "\t-")
        case .phases: normalised = vocabularies.normalisePhase(text)
        case .domains: normalised = vocabularies.normaliseDomain(text)
        case .authorityTypes: normalised = vocabularies.normaliseAuthorityType(text)
        case .severity: normalised = vocabularies.normaliseSeverity(text)
        case .resolved: normalised = vocabularies.normaliseResolved(text)
        }
        return normalised.map { ($0, "text", nil) } ?? ("-", "unmapped", nil)
    }
}

struct TaxonomyCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the vocabulary files and report terms claimed by two entries.",
        discussion: """
        Every vocabulary file is validated against vocabularies/vocabulary.xsd;
        then every synonym or keyword that matches what a term of another entry
        matches (the same words, or inflections of them) is reported: the
        classifier could only settle such a tie by priority. Problems are
        printed as path:line:column: error: message.

        Examples:
          survey-intake taxonomy check
          survey-intake taxonomy check --schemas my-schemas

        Exit status: 0 no problem, 1 some problem, 2 setup error.
        """
    )

    @Flag(name: .long, help: "Print only the problems, no summary.")
    var quiet = false

    @Option(name: .long, help: MessageLanguage.help("Language of the summary"))
    var language: MessageLanguage = .fromEnvironment()

    @OptionGroup var options: VocabularyOptions

    func run() throws {
        let problems: [Finding]
        do {
            problems = try VocabularyCheck.run(registryDirectory: try options.registryDirectory())
        } catch let error as VocabularyError {
            throw Console.setupFailure(error.localizedDescription)
        }
        problems.forEach { Console.line($0.formatted) }
        if !quiet {
            let files = Vocabularies.fileNames.count
            Console.out(problems.isEmpty
                ? language("\(files) vocabulary files checked: no problems.", "\(files) ordlistefiler kontrolleret: ingen problemer.")
                : language("\(files) vocabulary files checked: \(problems.count) problem\(problems.count == 1 ? "" : "s").",
                           "\(files) ordlistefiler kontrolleret: \(problems.count) \(problems.count == 1 ? "problem" : "problemer")."))
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
