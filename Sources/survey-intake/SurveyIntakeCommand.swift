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
            ShowCommand.self, RebuildCommand.self, StatusCommand.self, RoundCommand.self, LinksCommand.self,
            ServeCommand.self, MissingCommand.self, ReviewCommand.self, LogCommand.self, WaiveCommand.self, CorrectCommand.self,
            WithdrawCommand.self, AnalystCommand.self,
        ]
    )

    /// ArgumentParser exits with 64 on usage errors; our contract says 2.
    static func main() {
        let arguments = NegativeValue.joined(rawArguments())
        if let unknown = UnknownCommand.refusal(arguments) {
            Console.error(unknown)
            Foundation.exit(2)
        }
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
        // As the command's --language would be: the option when given, else the locale.
        let given = zip(options, options.dropFirst()).first { $0.0 == "--language" }?.1
            ?? options.first { $0.hasPrefix("--language=") }.map { String($0.dropFirst("--language=".count)) }
        let danish = given.map { $0 == "da" } ?? (MessageLanguage.fromEnvironment() == .da)
        if danish {
            return "survey-intake: fejl: '\(name)' er en fil, men navnet begynder med '-' og ville blive læst som et tilvalg; "
                + "skriv -- foran filerne (survey-intake \(command) -- *) eller ./\(name)"
        }
        return "survey-intake: error: '\(name)' is a file, but its name starts with '-' and would be read as an option; "
            + "put -- before the files (survey-intake \(command) -- *) or write ./\(name)"
    }
}

/// `--jobs -3` is read by the parser as `--jobs` without a value and an option `-3` ("Missing
/// value"); a negative number after an option that takes a value is its value, so it is joined
/// (`--jobs=-3`) and the option's own check says what is wrong with it.
enum NegativeValue {
    static func joined(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                result += arguments[index...]
                break
            }
            if argument.hasPrefix("--"), argument.count > 2, !argument.contains("="), index + 1 < arguments.count,
               isNegativeNumber(arguments[index + 1]) {
                result.append("\(argument)=\(arguments[index + 1])")
                index += 2
                continue
            }
            result.append(argument)
            index += 1
        }
        return result
    }

    static func isNegativeNumber(_ text: String) -> Bool {
        text.count > 1 && text.hasPrefix("-") && text.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
    }
}

/// `survey-intake ingset samples`: an unknown command is named, with the nearest command when
/// one is close (at most two edits), and the list of commands.
enum UnknownCommand {
    static func refusal(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = SurveyIntakeCommand.configuration.subcommands.map { $0.configuration.commandName ?? "" } + ["help"]
        guard !names.contains(first) else { return nil }
        let nearest = names.map { ($0, distance(first.lowercased(), $0)) }.min { $0.1 < $1.1 }
        let close = nearest.flatMap { $0.1 <= 2 ? $0.0 : nil }
        let commands = names.dropLast().joined(separator: ", ")
        // No command was parsed, so no --language: the locale decides.
        if MessageLanguage.fromEnvironment() == .da {
            return "survey-intake: fejl: ukendt kommando '\(first)'.\(close.map { " Mente du '\($0)'?" } ?? "") "
                + "Kommandoer: \(commands) (survey-intake --help)"
        }
        return "survey-intake: error: unknown command '\(first)'.\(close.map { " Did you mean '\($0)'?" } ?? "") "
            + "Commands: \(commands) (survey-intake --help)"
    }

    /// Levenshtein distance, with a swap of two neighbours counted as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
