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

    @Option(name: .long, help: "Files checked in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Print only the findings, no summary.")
    var quiet = false

    func validate() throws {
        guard ByteCount.parse(maxSize) != nil else {
            throw ValidationError("--max-size: '\(maxSize)' is not a size; use e.g. 16MiB, 500k or 1048576")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    var maxBytes: Int { ByteCount.parse(maxSize) ?? SubmissionValidator.defaultMaxBytes }

    /// The whole intake pipeline (registry, vocabularies, data dictionaries).
    func loadPipeline() throws -> IntakePipeline {
        let registry = try loadRegistry()
        do {
            return try IntakePipeline.load(registry: registry, maxBytes: maxBytes)
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
