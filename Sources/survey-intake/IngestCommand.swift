import ArgumentParser
import Foundation
import SurveyIntake
import SurveyModel
import SurveyStore
import SurveyOutputs
import SurveyService

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Take folders of submissions into the consolidated dataset.",
        discussion: """
        Every file is validated, mapped to the canonical submission, normalised and checked for \
        completeness, then stored in DIR/intake.sqlite (the store of record: every submission, \
        current or superseded, and every rejection with all its errors). After each run \
        DIR/csv/*.csv and DIR/datapackage.json (a Frictionless Data Package) are rewritten.

        Running it again adds only what is new: files whose size and modification time are \
        unchanged are skipped unread, the same bytes are never stored twice, a later submission \
        for the same project and round supersedes the earlier one, and a format-2 submissionId \
        arriving with other content is rejected as a conflict. Input files are never modified.

        Examples:
          survey-intake ingest samples --out intake-data
          survey-intake ingest inbox/2023 --out intake-data --quarantine rejected
          survey-intake ingest samples --csv-dialect excel-da --format json
          survey-intake ingest --out intake-data -- inbox/*.xml

        Put -- before paths that a shell pattern gives: a file named like an option \
        (-h.xml) is then a file. Without --, such a name is refused (exit status 2).

        Every error of a rejected file is listed. --quiet prints the rejections only, no list of \
        new files and no summary. --dry-run does and says everything but writes nothing.

        Exit status: 0 all accepted, 1 some file rejected (the dataset is still written), \
        2 usage or setup error (also: a folder with no *.xml below it, an --out that is a file \
        or cannot be created).
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to ingest.", valueName: "path"))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("The dataset folder (created if absent).", valueName: "dir"))
    var out: String = "intake-data"

    @Option(name: .long, help: ArgumentHelp(
        "Copy each rejected file here, with NAME.errors.json beside it.", valueName: "dir"))
    var quarantine: String?

    @Option(name: .long, help: "CSV dialect: rfc4180 (comma) or excel-da (semicolon, BOM, decimal comma).")
    var csvDialect: CSVDialect = .rfc4180

    @Option(name: .long, help: "Summary output: text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: MessageLanguage.help("Language of the summary, the progress line, the rejected files' messages and the warnings about the inputs"))
    var language: MessageLanguage = .fromEnvironment()

    @Flag(name: .long, help: "Start a new store in a dataset folder whose intake.sqlite is missing or empty.")
    var fresh = false

    @Flag(name: .long, help: "Stop instead of waiting when another ingest is writing to the same dataset.")
    var noWait = false

    @Flag(name: .long, help: ArgumentHelp(
        "Do and say everything ingest would, but write nothing: not the dataset, not the quarantine.",
        discussion: "The run works on a copy of DIR/intake.sqlite in a temporary folder, removed afterwards."))
    var dryRun = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let pipeline = try common.loadPipeline()
        let files: PathList
        let problems: [Finding]
        do {
            let gathered = try InputFiles.gather(paths, danish: language == .da)
            try Console.refuseEmptyFolders(gathered.emptyFolders, danish: language == .da, ingest: true)
            (files, problems) = (gathered.files, gathered.problems)
        } catch let missing as InputFiles.MissingPath {
            throw Console.setupFailure(missing.description(danish: language == .da))
        }
        problems.forEach { Console.error(TerminalText.escaped($0.formatted, keepingLineBreaks: false)) }

        let workspace: URL
        var scratch: URL?
        if dryRun {
            scratch = try DryRun.prepare(out: out, fresh: fresh, danish: language == .da)
            workspace = scratch!
        } else {
            try OutputPaths.ensureFolder(out, option: "--out", danish: language == .da)
            if let quarantine { try OutputPaths.ensureFolder(quarantine, option: "--quarantine", danish: language == .da) }
            workspace = URL(fileURLWithPath: out)
        }
        defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
        let options = IngestRunner.Options(
            output: workspace, jobs: common.jobs, dialect: csvDialect,
            quarantine: dryRun ? nil : quarantine.map { URL(fileURLWithPath: $0) }, waitForLock: !noWait,
            startAfresh: fresh || dryRun)
        let runner = IngestRunner(pipeline: pipeline, options: options,
                                  toolVersion: SurveyIntakeCommand.configuration.version)
        let danish = language == .da
        var bar = ProgressBar(enabled: !common.quiet && format == .text && isatty(STDERR_FILENO) != 0, danish: danish)
        let stop = StopRequest.installed()
        let summary: IngestSummary
        var errors: [String: [Finding]] = [:]
        do {
            summary = try runner.run(files: files, waiting: {
                Console.waiting(for: out, danish: danish)
            }, progress: { done, total in bar.update(done: done, total: total) }, shouldStop: { stop.signal != nil },
            rejectedErrors: { path, found in errors[path] = found })
        } catch let interrupted as IngestInterrupted {
            bar.finish()
            let signal = stop.signal ?? SIGINT
            let name = signal == SIGTERM ? "SIGTERM" : "SIGINT"
            Console.error(danish
                ? "survey-intake: afbrudt (\(name)) efter \(interrupted.filesDone) af \(files.count) filer; "
                    + "det indlæste er gemt og eksporteret. Kør samme kommando igen for at gøre det færdigt."
                : "survey-intake: interrupted (\(name)) after \(interrupted.filesDone) of "
                    + "\(files.count) files; what was taken in is stored and exported. Run the same command again to finish.")
            IngestReport(summary: interrupted.summary, errors: errors, output: out, format: format, quiet: common.quiet,
                         dryRun: dryRun, danish: danish).print()
            throw ExitCode(128 + signal)
        } catch let busy as IngestLock.Busy {
            bar.finish()
            throw Console.setupFailure(busy.description(danish: danish))
        } catch let missing as IngestError {
            bar.finish()
            throw Console.setupFailure(missing.description(danish: danish))
        } catch {
            bar.finish()
            throw Console.setupFailure("ingest into \(out) failed: \(OutputPaths.plain(error))")
        }
        bar.finish()
        IngestReport(summary: summary, errors: errors, output: out, format: format, quiet: common.quiet,
                     dryRun: dryRun, danish: danish).print()
        // Exit 1 while any input of this run is rejected: newly, or unchanged since a run that
        // rejected it. Warnings of the folder walk (a skipped link loop) do not change it.
        if !summary.rejected.isEmpty || !summary.stillRejected.isEmpty || problems.contains(where: { $0.severity == .error }) {
            throw ExitCode(1)
        }
    }
}

extension CSVDialect: ExpressibleByArgument {}

/// The closing summary of an ingest run.
struct IngestReport {
    let summary: IngestSummary
    /// Every error of each file rejected in this run, by path (the summary holds the first).
    let errors: [String: [Finding]]
    let output: String
    let format: OutputFormat
    let quiet: Bool
    var dryRun = false
    var danish = false

    func print() {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(JSONSummary(summary, errors: errors))) ?? Data("{}".utf8)
            Console.json(String(decoding: data, as: UTF8.self))
        case .text:
            if !quiet {
                for path in summary.new { Console.line((danish ? "ny: " : "new: ") + path) }
                for path in summary.superseded { Console.line((danish ? "erstattet: " : "superseded: ") + path) }
            }
            // Every error of a rejected file, each as path:line:column: message (a conflict too);
            // the reason stays its code (`schema-invalid`), the name scripts use.
            let lead = danish ? "afvist" : "rejected"
            for rejected in summary.rejected {
                guard let found = errors[rejected.path], !found.isEmpty else {
                    Console.line("\(lead) (\(rejected.reason)): \(rejected.path):\(rejected.message)")
                    continue
                }
                for error in found.map({ $0.localized(danish: danish) }) {
                    Console.line("\(lead) (\(rejected.reason)): \(rejected.path):\(error.line):\(error.column): \(error.message)")
                }
            }
            // --quiet: the rejections only, no summary (as `validate --quiet`); the exit status tells the rest.
            guard !quiet else { return }
            Console.out(danish ? danishSummary : englishSummary)
        }
    }

    private var englishSummary: String {
        "\(summary.new.count) new, \(summary.unchanged) unchanged, \(summary.superseded.count) superseded, "
            + "\(summary.rejected.count) rejected"
            + (summary.stillRejected.isEmpty ? "" : " (\(summary.stillRejected.count) unchanged files still rejected)")
            + ". Dataset: \(output)/" + (dryRun ? " (dry run: nothing written)" : "")
    }

    /// "69 nye, 0 uændrede, 1 erstattet, 15 afvist. Datasæt: d/".
    private var danishSummary: String {
        let new = summary.new.count, unchanged = summary.unchanged, still = summary.stillRejected.count
        return "\(new) \(new == 1 ? "ny" : "nye"), \(unchanged) \(unchanged == 1 ? "uændret" : "uændrede"), "
            + "\(summary.superseded.count) erstattet, \(summary.rejected.count) afvist"
            + (still == 0 ? "" : " (\(still) \(still == 1 ? "uændret fil stadig afvist" : "uændrede filer stadig afvist"))")
            + ". Datasæt: \(output)/" + (dryRun ? " (prøvekørsel: intet skrevet)" : "")
    }
}

/// `ingest --format json`: the summary, snake_case, each rejected file with every error.
private struct JSONSummary: Encodable {
    struct Rejected: Encodable {
        var path: String
        var reason: String
        var message: String
        var errors: [Location]
    }

    struct Location: Encodable {
        var line: Int
        var column: Int
        var message: String
    }

    var files_seen: Int
    var new: PathList
    var unchanged: Int
    var superseded: PathList
    var rejected: [Rejected]
    var still_rejected: PathList

    init(_ summary: IngestSummary, errors: [String: [Finding]]) {
        files_seen = summary.filesSeen
        new = summary.new
        unchanged = summary.unchanged
        superseded = summary.superseded
        rejected = summary.rejected.map { file in
            Rejected(path: file.path, reason: file.reason, message: file.message,
                     errors: (errors[file.path] ?? []).map { Location(line: $0.line, column: $0.column, message: $0.message) })
        }
        still_rejected = summary.stillRejected
    }
}

/// SIGINT and SIGTERM during an ingest: noted, not obeyed at once, so that the run stops at the
/// next chunk boundary with everything before it stored (a second signal of the same kind ends
/// the process as usual).
final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?
    private var sources: [DispatchSourceSignal] = []

    /// The first signal received, if any.
    var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    static func installed() -> StopRequest {
        let request = StopRequest()
        for number in [SIGINT, SIGTERM] {
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [request] in
                request.lock.lock()
                let first = request.received == nil
                if first { request.received = number }
                request.lock.unlock()
                if !first {
                    Glibc.signal(number, SIG_DFL)
                    raise(number)
                }
            }
            source.resume()
            request.sources.append(source)
        }
        return request
    }
}

/// `ingest --dry-run`: the run works on a copy of the store in a temporary folder, so that it
/// sees what is stored (what is unchanged, what it would supersede, conflicts) and writes nothing
/// where the dataset is.
enum DryRun {
    static func prepare(out: String, fresh: Bool, danish: Bool) throws -> URL {
        var status = stat()
        if stat(out, &status) == 0, status.st_mode & S_IFMT != S_IFDIR {
            throw Console.setupFailure(danish
                ? "--out \(out): er en fil, ikke en mappe; angiv en mappe (den oprettes, hvis den mangler)"
                : "--out \(out): is a file, not a folder; name a folder (it is created when absent)")
        }
        // As the real run: exports without their store are refused unless --fresh.
        let manager = FileManager.default
        let store = URL(fileURLWithPath: out).appendingPathComponent("intake.sqlite").path
        let size = (try? manager.attributesOfItem(atPath: store)[.size] as? Int) ?? nil
        let exports = DatasetExporter.files.filter { manager.fileExists(atPath: URL(fileURLWithPath: out).appendingPathComponent($0).path) }
        if !fresh, size == nil || size == 0, !exports.isEmpty {
            throw Console.setupFailure(IngestError.storeMissing(directory: out, emptied: size == 0, exports: exports).description(danish: danish))
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("survey-intake-dry-run-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw Console.setupFailure("--dry-run: cannot make a temporary folder: \(OutputPaths.plain(error)); set TMPDIR to a folder you can write to")
        }
        let dataset = URL(fileURLWithPath: out)
        guard (size ?? 0) > 0 else { return scratch }
        do {
            try IntakeStore(readingFrom: dataset).snapshot(to: scratch.appendingPathComponent("intake.sqlite"))
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            throw Console.setupFailure((error as? LocalizedError)?.errorDescription ?? "cannot read \(out): \(OutputPaths.plain(error))")
        }
        return scratch
    }
}
