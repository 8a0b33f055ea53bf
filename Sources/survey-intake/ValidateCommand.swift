import ArgumentParser
import Foundation
import SurveyIntake
import SurveyModel
import SurveyStore
import SurveyOutputs
import SurveyService

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check submissions against their questionnaire's XSD.",
        discussion: """
        Each file is matched to a questionnaire by its root element's namespace (never by \
        xsi:schemaLocation) and validated against that format's XSD. Folders are searched \
        recursively for *.xml files, in sorted order. Every problem is printed as \
        path:line:column: error: message, then a summary.

        A valid file is then mapped to the canonical submission and checked for completeness: \
        blank or placeholder answers, missing conditional answers, malformed e-mail addresses, \
        labels the taxonomy cannot place. These are printed as path:line:column: warning: \
        [rule] field: message and do not change the exit status.

        Files with a DOCTYPE are refused (forbidden-dtd); files over --max-size are refused \
        unread (too-large), and so are files over a document limit (more than 100,000 \
        elements, 64 attributes on one element or 100,000 in all, 256 namespace declarations \
        in scope, or a text of more than \
        1,000,000 bytes), before they are parsed; no external entity, DTD or schema is ever loaded.

        Examples:
          survey-intake validate samples
          survey-intake validate samples/2021/SP-2020-001.xml
          survey-intake validate --format json samples > findings.json
          survey-intake validate --schema other.xsd some-file.xml
          survey-intake validate --language da -- inbox/*.xml

        Put -- before paths that a shell pattern gives: a file named like an option \
        (-h.xml) is then a file. Without --, such a name is refused (exit status 2).

        Exit status: 0 every file valid, 1 some file invalid, 2 usage or setup error (also: a \
        folder with no *.xml below it).
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to check.", valueName: "path"))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp(
        "Validate every file against this XSD instead of the questionnaire registry.", valueName: "file.xsd"))
    var schema: String?

    @Option(name: .long, help: "Output: text (compiler-style lines) or json (one object per file).")
    var format: OutputFormat = .text

    @Option(name: .long, help: MessageLanguage.help("Language of every message and of the summary"))
    var language: MessageLanguage = .fromEnvironment()

    @OptionGroup var common: CommonOptions

    func run() throws {
        let process: @Sendable (String) -> FileReport
        let danish = language == .da
        if let schema {
            let validator: SubmissionValidator
            do {
                validator = try SubmissionValidator(schemaAt: schema, maxBytes: common.maxBytes)
            } catch {
                let first = error.findings.first
                throw Console.setupFailure("\(first?.file ?? schema):\(first?.line ?? 0): \(first?.message ?? "the schema does not compile")")
            }
            process = { path in FileReport(validator.validate(fileAt: path), danish: danish) }
        } else {
            let pipeline = try common.loadPipeline()
            process = { path in FileReport(pipeline.process(fileAt: path), danish: danish) }
        }
        let collected: (files: [String], problems: [Finding])
        do {
            let gathered = try InputFiles.gather(paths, danish: danish)
            try Console.refuseEmptyFolders(gathered.emptyFolders, danish: danish, ingest: false)
            collected = (Array(gathered.files), gathered.problems)
        } catch let missing as InputFiles.MissingPath {
            throw Console.setupFailure(missing.description(danish: danish))
        }

        var report = ValidationReport(format: format, quiet: common.quiet, danish: danish)
        report.add(problems: collected.problems)
        ParallelWork.forEach(collected.files, jobs: common.jobs, work: process, deliver: { _, file in
            report.add(file)
        })
        report.finish()
        if !report.allValid { throw ExitCode(1) }
    }
}
