import ArgumentParser
import Foundation
import SurveyIntake

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check submissions against their questionnaire's XSD.",
        discussion: """
        Each file is matched to a questionnaire by its root element's namespace (never by \
        xsi:schemaLocation) and validated against that format's XSD. Folders are searched \
        recursively for *.xml files, in sorted order. Every problem is printed as \
        path:line:column: error: message, then a summary.

        Files with a DOCTYPE are refused (forbidden-dtd); files over --max-size are refused \
        unread (too-large); no external entity, DTD or schema is ever loaded.

        Examples:
          survey-intake validate samples
          survey-intake validate samples/2021/SP-2020-001.xml
          survey-intake validate --format json samples > findings.json
          survey-intake validate --schema other.xsd some-file.xml

        Exit status: 0 every file valid, 1 some file invalid, 2 usage or setup error.
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to check.", valueName: "path"))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp(
        "Validate every file against this XSD instead of the questionnaire registry.", valueName: "file.xsd"))
    var schema: String?

    @Option(name: .long, help: "Output: text (compiler-style lines) or json (one object per file).")
    var format: OutputFormat = .text

    @OptionGroup var common: CommonOptions

    func run() throws {
        let target: SubmissionValidator.Target
        if let schema {
            do {
                target = .schema(try XMLSchema(contentsOf: schema))
            } catch {
                let first = error.diagnostics.first
                throw Console.setupFailure("\(first?.file ?? schema):\(first?.line ?? 0): the schema does not compile: \(first?.message ?? "unknown error")")
            }
        } else {
            target = .registry(try common.loadRegistry())
        }
        let collected: (files: [String], problems: [Finding])
        do {
            collected = try InputFiles.collect(paths)
        } catch {
            throw Console.setupFailure(error.localizedDescription)
        }

        let validator = SubmissionValidator(target: target, maxBytes: common.maxBytes)
        var report = ValidationReport(format: format, quiet: common.quiet)
        report.add(problems: collected.problems)
        ParallelWork.forEach(collected.files, jobs: common.jobs, work: { path in
            var outcome = validator.validate(fileAt: path)
            outcome.document = nil
            return outcome
        }, deliver: { _, outcome in
            report.add(outcome)
        })
        report.finish()
        if !report.allValid { throw ExitCode(1) }
    }
}
