import ArgumentParser
import Foundation
import SurveyIntake
import SurveyModel
import SurveyStore
import SurveyOutputs
import SurveyService

@main
struct SurveyIntakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey-intake",
        abstract: "Validate, normalise and ingest the AI signature projects' status reports.",
        discussion: """
        Project leads of the 40 AI signature projects submit a yearly status report as an XML \
        questionnaire. survey-intake checks each file against its questionnaire's XSD and says \
        exactly what is wrong, in the form path:line:column: error: message.

        Examples:
          survey-intake validate samples
          survey-intake validate --format json samples/2022
          survey-intake validate --schema my.xsd document.xml

        Exit status: 0 all valid, 1 some file invalid, 2 usage or setup error.
        """,
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self, IngestCommand.self, FlagsCommand.self, ReportCommand.self, TaxonomyCommand.self,
            ShowCommand.self, RebuildCommand.self, RoundCommand.self, LinksCommand.self,
        ]
    )

    /// ArgumentParser exits with 64 on usage errors; our contract says 2.
    static func main() {
        let arguments = rawArguments()
        if let refusal = OptionLikeFile.refusal(arguments) {
            Console.error(refusal)
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success {
                    Console.out(message)
                } else {
                    Console.error(message)
                }
            }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    /// The arguments as the shell gave them: `CommandLine.arguments` would turn bytes that are
    /// not UTF-8 (a Latin-1 file name) into U+FFFD, and the file could not be found; here they
    /// are kept as `\xHH` escapes, which every file access turns back into the bytes.
    static func rawArguments() -> [String] {
        (1..<Int(CommandLine.argc)).compactMap { index in
            CommandLine.unsafeArgv[index].map { argument in
                PathName.string(fromBytes: UnsafeBufferPointer(start: UnsafeRawPointer(argument).assumingMemoryBound(to: UInt8.self),
                                                               count: strlen(argument)))
            }
        }
    }
}

/// `survey-intake validate *` in a folder holding `-h.xml` is `validate -h.xml a.xml …`: the
/// parser reads `-h.xml` as `-h` and prints the help with exit 0, nothing checked (another such
/// name is an unknown option). A file name that starts with `-` before any `--` is refused
/// instead (exit 2), saying how to name it: `--` before the paths, or `./-h.xml`.
enum OptionLikeFile {
    static func refusal(_ arguments: [String]) -> String? {
        let options = arguments.prefix { $0 != "--" }
        guard let name = options.first(where: { argument in
            guard argument.hasPrefix("-"), argument.count > 1 else { return false }
            var status = stat()
            return PathName.withFileSystemPath(argument) { lstat($0, &status) } == 0
        }) else { return nil }
        let command = arguments.first.flatMap { $0.hasPrefix("-") ? nil : $0 } ?? "validate"
        let danish = zip(options, options.dropFirst()).contains { $0 == "--language" && $1 == "da" }
            || options.contains("--language=da")
        if danish {
            return "survey-intake: fejl: '\(name)' er en fil, men navnet begynder med '-' og ville blive læst som et tilvalg; "
                + "skriv -- foran filerne (survey-intake \(command) -- *) eller ./\(name)"
        }
        return "survey-intake: error: '\(name)' is a file, but its name starts with '-' and would be read as an option; "
            + "put -- before the files (survey-intake \(command) -- *) or write ./\(name)"
    }
}
