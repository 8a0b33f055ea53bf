import ArgumentParser
import Foundation
import SurveyIntake
import SurveyModel
import SurveyStore
import SurveyOutputs
import SurveyService

/// How findings are written.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// The options every command that reads submissions shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The questionnaire registry folder (format.json + XSD per format).",
        discussion: "Default: the registry shipped with the tool.", valueName: "dir"))
    var schemas: String?

    @Option(name: .long, help: ArgumentHelp(
        "Refuse files larger than this as too-large (e.g. 16MiB, 500k, 1048576).", valueName: "size"))
    var maxSize: String = "16MiB"

    @Option(name: .customLong("jobs"), help: ArgumentHelp(
        "Files checked in parallel (default: the number of cores).", valueName: "n"))
    var jobsOption: Int?

    /// `--jobs`, or the number of cores.
    var jobs: Int { jobsOption ?? ProcessInfo.processInfo.activeProcessorCount }

    @Flag(name: .long, help: "Print only the findings, no summary.")
    var quiet = false

    func validate() throws {
        guard ByteCount.parse(maxSize) != nil else {
            throw ValidationError("--max-size: '\(maxSize)' is not a size; use e.g. 16MiB, 500k or 1048576")
        }
        if let jobsOption, jobsOption < 1 { throw ValidationError("--jobs must be at least 1 (got \(jobsOption))") }
    }

    var maxBytes: Int { ByteCount.parse(maxSize) ?? SubmissionValidator.defaultMaxBytes }

    /// The whole intake pipeline (registry, vocabularies, data dictionaries).
    func loadPipeline() throws -> IntakePipeline {
        let registry = try loadRegistry()
        do {
            return try IntakePipeline.load(registry: registry, maxBytes: maxBytes, placementJobs: jobs)
        } catch {
            throw Console.setupFailure((error as? LocalizedError)?.errorDescription ?? "\(error)")
        }
    }

    /// The registry named by `--schemas`, or the shipped one.
    func loadRegistry() throws -> QuestionnaireRegistry {
        try RegistryOption.loadRegistry(schemas)
    }
}

/// `--schemas` alone, for the commands that read a dataset: its vocabularies give the labels
/// and codes of what they write.
struct RegistryOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The questionnaire registry folder whose vocabularies give the labels and codes.",
        discussion: "Default: the registry shipped with the tool.", valueName: "dir"))
    var schemas: String?

    static func loadRegistry(_ schemas: String?) throws -> QuestionnaireRegistry {
        do {
            if let schemas { return try QuestionnaireRegistry(directory: URL(fileURLWithPath: schemas)) }
            return try QuestionnaireRegistry.shipped()
        } catch {
            throw Console.setupFailure(error.localizedDescription)
        }
    }

    func loadVocabularies() throws -> Vocabularies {
        let registry = try Self.loadRegistry(schemas)
        do {
            return try Vocabularies.load(from: registry.directory)
        } catch {
            throw Console.setupFailure(error.localizedDescription)
        }
    }
}

/// `--round` and `--project` name what the dataset holds: a round or project it does not have
/// is a usage error (exit status 2) that says what it has, not an empty listing that looks
/// like "nothing to follow up".
enum DatasetFilter {
    static func check(_ store: IntakeStore, out: String, rounds: [Int], projects: [String], danish: Bool) throws {
        guard !rounds.isEmpty || !projects.isEmpty else { return }
        let held: (rounds: [Int], projects: [String])
        do {
            held = try store.roundsAndProjects()
        } catch {
            throw Console.datasetFailure(error, cannot: .read(out), danish: danish)
        }
        var failed = false
        func list<T>(_ items: [T]) -> String { items.map { "\($0)" }.joined(separator: ", ") }
        guard !held.rounds.isEmpty else {
            let option = rounds.isEmpty ? "--project" : "--round"
            Console.error(danish
                ? "survey-intake: fejl: \(option): datasættet i \(out) har endnu ingen indberetninger"
                : "survey-intake: error: \(option): the dataset in \(out) has no submissions yet")
            throw ExitCode(2)
        }
        for round in rounds where !held.rounds.contains(round) {
            failed = true
            Console.error(danish
                ? "survey-intake: fejl: --round \(round): datasættet i \(out) har ingen indberetninger fra den runde; "
                    + "det har runderne \(list(held.rounds))"
                : "survey-intake: error: --round \(round): the dataset in \(out) has no submissions for that round; "
                    + "it has the rounds \(list(held.rounds))")
        }
        for project in projects where !held.projects.contains(project.uppercased()) {
            failed = true
            Console.error(danish
                ? "survey-intake: fejl: --project \(project): datasættet i \(out) har ingen indberetninger fra det projekt; "
                    + "det har projekterne \(list(held.projects))"
                : "survey-intake: error: --project \(project): the dataset in \(out) has no submissions for that project; "
                    + "it has the projects \(list(held.projects))")
        }
        if failed { throw ExitCode(2) }
    }
}
