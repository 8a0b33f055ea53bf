import ArgumentParser
import Foundation
import SurveyModel
import SurveyService
import SurveyStore

extension AnalystRole: ExpressibleByArgument {}

/// `survey-intake analyst add|list|password|remove`: the named accounts of the analysts' web pages.
struct AnalystCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyst",
        abstract: "Manage the analysts' accounts for the web pages of serve.",
        discussion: """
        An account has a name, a role and a password (kept only as a bcrypt hash). Role analyst \
        may review, waive and correct on the pages; role viewer may look. Once an account exists, \
        serve's analyst pages ask for a name and password; reviews made there are signed with the \
        name. Every change is written to the audit log (survey-intake log).

        The password is read from standard input: typed twice, unseen, at a terminal, or the \
        first line of what is piped in. At least 12 characters.

        Examples:
          survey-intake analyst add mette --role analyst --out intake-data
          printf '%s\\n' "$PASSWORD" | survey-intake analyst add ole --role viewer --out intake-data
          survey-intake analyst list --out intake-data
          survey-intake analyst remove ole --out intake-data
        """,
        subcommands: [Add.self, List.self, Password.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an account (the password from standard input).")

        @Argument(help: ArgumentHelp("The account's name: letters, digits, '.', '-', '_', '@'.", valueName: "name"))
        var name: String

        @Option(name: .long, help: "analyst (reviews, waives, corrects) or viewer (looks).")
        var role: AnalystRole = .analyst

        @Option(name: .long, help: ArgumentHelp("The dataset folder.", valueName: "dir"))
        var out: String = "intake-data"

        @Option(name: .long, help: MessageLanguage.help("Language of the messages"))
        var language: MessageLanguage = .fromEnvironment()

        func validate() throws {
            if let problem = AnalystAccount.problem(withName: name, danish: language == .da) { throw ValidationError("'\(name)': \(problem)") }
        }

        func run() throws {
            let store = try AnalystCommand.openStore(out, language: language)
            let password = try AnalystCommand.readPassword(for: name, language: language)
            do {
                try store.addAnalyst(name, role: role, passwordHash: Passwords.hash(password), actor: AnalystCommand.actor(), at: Timestamp.now())
            } catch let error as AccountError {
                throw Console.setupFailure(error.description(danish: language == .da))
            } catch {
                throw Console.datasetFailure(error, cannot: .write(out), danish: language == .da)
            }
            Console.out(language("account \(name) added (\(role.rawValue)).", "kontoen \(name) er oprettet (\(role.rawValue))."))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts that can log in.")

        @Option(name: .long, help: ArgumentHelp("The dataset folder.", valueName: "dir"))
        var out: String = "intake-data"

        @Option(name: .long, help: MessageLanguage.help("Language of the messages"))
        var language: MessageLanguage = .fromEnvironment()

        func run() throws {
            let accounts: [AnalystAccount]
            do {
                accounts = try AnalystCommand.openStore(out, language: language).analysts()
            } catch let exit as ExitCode {
                throw exit
            } catch {
                throw Console.datasetFailure(error, cannot: .read(out), danish: language == .da)
            }
            guard !accounts.isEmpty else {
                Console.out(language("no accounts: serve's analyst pages take the analyst token (survey-intake analyst add NAME adds one).",
                                     "ingen konti: serves sider for analytikere tager analytiker-tokenet (survey-intake analyst add NAVN opretter en)."))
                return
            }
            for account in accounts {
                Console.line(language("\(account.name)\t\(account.role.rawValue)\tadded \(account.createdAt)\tpassword set \(account.passwordSetAt)",
                                      "\(account.name)\t\(account.role.rawValue)\toprettet \(account.createdAt)\tadgangskode sat \(account.passwordSetAt)"))
            }
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "password", abstract: "Set a new password (from standard input) and, with --role, a new role.")

        @Argument(help: ArgumentHelp("The account's name.", valueName: "name"))
        var name: String

        @Option(name: .long, help: "A new role: analyst or viewer.")
        var role: AnalystRole?

        @Option(name: .long, help: ArgumentHelp("The dataset folder.", valueName: "dir"))
        var out: String = "intake-data"

        @Option(name: .long, help: MessageLanguage.help("Language of the messages"))
        var language: MessageLanguage = .fromEnvironment()

        func run() throws {
            let store = try AnalystCommand.openStore(out, language: language)
            guard (try? store.analystCredentials(name)) != nil else {
                throw Console.setupFailure(AccountError.unknown(name).description(danish: language == .da))
            }
            let password = try AnalystCommand.readPassword(for: name, language: language)
            do {
                try store.updateAnalyst(name, passwordHash: Passwords.hash(password), role: role, actor: AnalystCommand.actor(), at: Timestamp.now())
            } catch let error as AccountError {
                throw Console.setupFailure(error.description(danish: language == .da))
            } catch {
                throw Console.datasetFailure(error, cannot: .write(out), danish: language == .da)
            }
            Console.out(language("account \(name): new password set\(role.map { ", role \($0.rawValue)" } ?? "").",
                                 "kontoen \(name): ny adgangskode sat\(role.map { ", rolle \($0.rawValue)" } ?? "")."))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "End an account: it can no longer log in (its name stays on what it signed).")

        @Argument(help: ArgumentHelp("The account's name.", valueName: "name"))
        var name: String

        @Option(name: .long, help: ArgumentHelp("The dataset folder.", valueName: "dir"))
        var out: String = "intake-data"

        @Option(name: .long, help: MessageLanguage.help("Language of the messages"))
        var language: MessageLanguage = .fromEnvironment()

        func run() throws {
            do {
                try AnalystCommand.openStore(out, language: language).removeAnalyst(name, actor: AnalystCommand.actor(), at: Timestamp.now())
            } catch let exit as ExitCode {
                throw exit
            } catch let error as AccountError {
                throw Console.setupFailure(error.description(danish: language == .da))
            } catch {
                throw Console.datasetFailure(error, cannot: .write(out), danish: language == .da)
            }
            Console.out(language("account \(name) removed.", "kontoen \(name) er fjernet."))
        }
    }

    static func openStore(_ out: String, language: MessageLanguage) throws -> IntakeStore {
        do {
            return try IntakeStore(existingIn: URL(fileURLWithPath: out))
        } catch {
            throw Console.datasetFailure(error, cannot: .open(out), danish: language == .da)
        }
    }

    /// Who does it, for the audit log: the login name.
    static func actor() -> String {
        ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "analyst"
    }

    /// The new password: typed twice without echo at a terminal, else the first line of standard input.
    static func readPassword(for name: String, language: MessageLanguage) throws -> String {
        let password: String
        if isatty(STDIN_FILENO) == 1 {
            let first = try prompt(language("Password for \(name): ", "Adgangskode til \(name): "))
            guard try prompt(language("The same again: ", "Den samme igen: ")) == first else {
                throw Console.setupFailure(language("the two passwords differ; nothing was changed",
                                                    "de to adgangskoder er forskellige; intet er ændret"))
            }
            password = first
        } else {
            guard let line = readLine(strippingNewline: true) else {
                throw Console.setupFailure(language("no password on standard input; type it at a terminal, or pipe it in as one line",
                                                    "ingen adgangskode på standard input; skriv den i en terminal, eller send den ind som én linje"))
            }
            password = line
        }
        if let problem = Passwords.problem(with: password, danish: language == .da) {
            throw Console.setupFailure(language("\(problem); nothing was changed", "\(problem); intet er ændret"))
        }
        return password
    }

    /// One line from the terminal with echo off.
    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw Console.setupFailure("no password typed; nothing was changed") }
        return line
    }
}
