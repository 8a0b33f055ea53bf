import ArgumentParser
import Foundation
import SurveyIntake

struct TaxonomyEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure the classifier on an evaluation set: right, wrongly specific, unplaced.",
        discussion: """
        FILE is tab-separated: expected<TAB>kind<TAB>text, one text a line, where
        expected is a category, a subcategory (legal.basis), a mitigation code or
        other, and kind is label, description (placed by the description alone, as
        under the label "Andet") or measure (a format 1 general measure). A first
        line "expected kind text" is a header; lines starting with # are skipped.

        For each kind: how many texts got their expected top-level category, how many
        were placed in a real but wrong category (wrongly specific) and how many were
        left unplaced; the confusion matrix of top-level categories; and every miss
        with the terms that decided it. Analysts who edit the vocabularies run it with
        --schemas on their copy to see what an edit does.

        Targets (issue 15): labels >= 97 % right with <= 1 % wrongly specific;
        descriptions and measures >= 90 % right with <= 2 % wrongly specific; no text
        that should stay other is placed. --min-accuracy and --max-wrongly-specific
        (in per cent) replace the first two for every kind.

        Examples:
          survey-intake taxonomy evaluate evaluation/taxonomy-dev.tsv
          survey-intake taxonomy evaluate --language da --format json evaluation/taxonomy-heldout.tsv

        Exit status: 0 every target met, 1 some target missed, 2 usage or setup error.
        """
    )

    @Argument(help: ArgumentHelp("The evaluation set.", valueName: "file"))
    var file: String

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: MessageLanguage.help("Language of the text report"))
    var language: MessageLanguage = .fromEnvironment()

    @Option(name: .long, help: ArgumentHelp("Least share right, in per cent, for every kind.", valueName: "percent"))
    var minAccuracy: Double?

    @Option(name: .long, help: ArgumentHelp("Largest share wrongly specific, in per cent, for every kind.", valueName: "percent"))
    var maxWronglySpecific: Double?

    @OptionGroup var options: VocabularyOptions

    func validate() throws {
        for (name, value) in [("--min-accuracy", minAccuracy), ("--max-wrongly-specific", maxWronglySpecific)] {
            if let value, !(0...100).contains(value) { throw ValidationError("\(name) must be a per cent from 0 to 100") }
        }
    }

    var targets: [EvaluationCase.Kind: TaxonomyEvaluation.Target] {
        TaxonomyEvaluation.issueTargets.mapValues { target in
            TaxonomyEvaluation.Target(minAccuracy: minAccuracy.map { $0 / 100 } ?? target.minAccuracy,
                                      maxWronglySpecific: maxWronglySpecific.map { $0 / 100 } ?? target.maxWronglySpecific)
        }
    }

    func run() throws {
        let vocabularies = try options.loadVocabularies()
        let evaluation: TaxonomyEvaluation
        do {
            let cases = try EvaluationSet.load(URL(fileURLWithPath: file))
            evaluation = try TaxonomyEvaluation(cases: cases, vocabularies: vocabularies, file: file)
        } catch {
            throw Console.setupFailure(error.localizedDescription)
        }
        let targets = self.targets
        let failures = evaluation.failures(against: targets)
        switch format {
        case .text:
            let report = EvaluationReportText(evaluation: evaluation, targets: targets, failures: failures,
                                              vocabularies: vocabularies, words: .of(language))
            Console.out(report.render(file: file))
        case .json:
            Console.out(try EvaluationReportJSON.render(evaluation, targets: targets, failures: failures, file: file))
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}

/// `taxonomy evaluate --format json`: the figures, targets, failures, confusion matrices and
/// every result, keys sorted.
enum EvaluationReportJSON {
    struct Document: Encodable {
        var file: String
        var passed: Bool
        var summaries: [String: Kind]
        var failures: [TaxonomyEvaluation.Failure]
        var misses: [TaxonomyEvaluation.Result]
        var subcategoryMisses: [TaxonomyEvaluation.Result]
    }

    struct Kind: Encodable {
        var total, right, wronglySpecific, unplaced, mustStayOther, otherPlaced, subcategoryExpected, subcategoryRight: Int
        var accuracy, wronglySpecificRate, unplacedRate: Double
        var target: TaxonomyEvaluation.Target?
        var confusion: [String: [String: Int]]
    }

    static func render(_ evaluation: TaxonomyEvaluation, targets: [EvaluationCase.Kind: TaxonomyEvaluation.Target],
                       failures: [TaxonomyEvaluation.Failure], file: String) throws -> String {
        var summaries: [String: Kind] = [:]
        for (kind, summary) in evaluation.summaries {
            summaries[kind.rawValue] = Kind(
                total: summary.total, right: summary.right, wronglySpecific: summary.wronglySpecific, unplaced: summary.unplaced,
                mustStayOther: summary.mustStayOther, otherPlaced: summary.otherPlaced,
                subcategoryExpected: summary.subcategoryExpected, subcategoryRight: summary.subcategoryRight,
                accuracy: summary.accuracy, wronglySpecificRate: summary.wronglySpecificRate, unplacedRate: summary.unplacedRate,
                target: targets[kind], confusion: evaluation.confusion[kind] ?? [:])
        }
        let document = Document(file: file, passed: failures.isEmpty, summaries: summaries, failures: failures,
                                misses: evaluation.results.filter { !$0.isRight },
                                subcategoryMisses: evaluation.results.filter(\.missesSubcategory))
        let encoder = JSONEncoder()
        // snake_case, as every JSON output (the dictionaries' keys are lower-case codes: unchanged).
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }
}
