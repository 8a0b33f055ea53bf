import ArgumentParser
import Foundation
import SurveyIntake
import SurveyModel
import SurveyOutputs
import SurveyService
import SurveyStore

/// What `review`, `waive`, `correct` and `withdraw` share: the dataset, who acts, the language of what they say,
/// and the exports rewritten once the change is in.
struct AnalystActionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The dataset folder.", valueName: "dir"))
    var out: String = "intake-data"

    @Option(name: .long, help: ArgumentHelp("Who acts (default: the login name).", valueName: "name"))
    var analyst: String?

    @Option(name: .long, help: MessageLanguage.help("Language of the messages"))
    var language: MessageLanguage = .fromEnvironment()

    @Option(name: .customLong("csv-dialect"), help: ArgumentHelp(
        "CSV dialect of the rewritten exports: rfc4180 or excel-da.", discussion: "Default: the one they are in."))
    var csvDialect: CSVDialect?

    @OptionGroup var vocabulary: VocabularyOptions

    var danish: Bool { language == .da }

    /// The analyst's name: `--analyst`, else the login name.
    var who: String {
        analyst ?? AnalystCommand.actor()
    }

    /// `text` in English, or in Danish with `--language da`.
    func say(_ english: String, _ danish: String) -> String { self.danish ? danish : english }

    func loadVocabularies() throws -> Vocabularies {
        try vocabulary.loadVocabularies()
    }

    /// Runs `change` on the dataset in `--out` (never created here), holding the ingest lock, then
    /// rewrites the exports so that the CSV files and the Data Package show the change.
    func change<T>(vocabularies: Vocabularies, _ change: (IntakeStore) throws -> T) throws -> T {
        let directory = URL(fileURLWithPath: out)
        let result: T
        do {
            let lock = try IngestLock(directory: directory, wait: true, waiting: {
                Console.waiting(for: out, danish: danish)
            })
            defer { withExtendedLifetime(lock) {} }
            let store = try IntakeStore(existingIn: directory)
            result = try change(store)
            try DatasetExporter(directory: directory, dialect: csvDialect ?? DatasetExports.dialectInUse(directory),
                                vocabularies: vocabularies).export(from: store)
            try store.markExported(version: store.versions().data)
        } catch let exit as ExitCode {
            throw exit
        } catch let unknown as UnknownSubmissions {
            throw Console.unknownSubmissions(unknown, out: out, danish: danish)
        } catch {
            throw Console.datasetFailure(error, cannot: .write(out), danish: danish)
        }
        return result
    }
}

/// A text an analyst gave (a note, a reason), trimmed; nil when blank.
func analystText(_ text: String?) -> String? {
    text.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
}
