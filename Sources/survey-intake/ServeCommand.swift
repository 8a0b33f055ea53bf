import ArgumentParser
import Foundation
import Logging
import SurveyModel
import SurveyIntake
import SurveyServer
import SurveyService
import SurveyStore

/// `survey-intake serve --out DIR [--listen HOST:PORT]`: the leads' front door and the analysts'
/// live view, on the same dataset as every other command.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the leads' pages, the submission API and the analysts' pages on a dataset.",
        discussion: """
        Leads open the link `survey-intake links` gave them (BASE/r/TOKEN): a page for their \
        project and round with a web form built from the round's format, an upload, and their \
        receipts. Scripts post the XML to /api/v1/submissions with the link's token as \
        `Authorization: Bearer`. Everything sent goes through the same checks as `ingest` and \
        into the same store; the CSV files and Data Package are rewritten once submissions pause \
        for two seconds, and at least every 30 seconds while they keep coming (unless an ingest \
        is running; it writes them when it ends).

        The analysts' pages (/analyst) ask for a name and password of an account made with \
        `survey-intake analyst add` (role analyst reviews; role viewer looks). They also take \
        the token in the file --analyst-token-file, or in the environment variable \
        SURVEY_INTAKE_ANALYST_TOKEN; given neither, and with no account in the dataset, serve \
        makes a token for this run and prints it. Binds to loopback unless told otherwise; put a TLS proxy in \
        front and give --secure-cookies to serve beyond this machine.

        Example:
          survey-intake serve --out intake-data --listen 127.0.0.1:8080

        Exit status: 0 stopped by SIGINT or SIGTERM (the requests in flight are answered first), \
        2 bad options or a dataset that cannot be opened.
        """)

    @Option(name: .long, help: ArgumentHelp("The dataset folder (created if absent).", valueName: "dir"))
    var out: String = "intake-data"

    @Option(name: .long, help: ArgumentHelp("Where to listen; port 0 picks a free port (printed).", valueName: "host:port"))
    var listen: String = "127.0.0.1:8080"

    @Option(name: .long, help: ArgumentHelp("A file holding the analysts' token (its first line).", valueName: "file"))
    var analystTokenFile: String?

    @Option(name: .long, help: ArgumentHelp("Submissions one link may make per minute (0: no limit).", valueName: "n"))
    var submissionsPerMinute: Int = 30

    @Flag(name: .long, help: "Mark cookies Secure (the server is reached through TLS).")
    var secureCookies = false

    @OptionGroup var registry: RegistryOption

    @Option(name: .long, help: ArgumentHelp(
        "Refuse submissions larger than this (413), e.g. 16MiB, 500k, 1048576.", valueName: "size"))
    var maxSize: String = "16MiB"

    @Option(name: .long, help: MessageLanguage.help("Language of serve's own lines on standard error (the pages are Danish, or English on request, either way)"))
    var language: MessageLanguage = .fromEnvironment()

    func validate() throws {
        guard Self.address(listen) != nil else {
            throw ValidationError("--listen '\(listen)' is not HOST:PORT; write e.g. 127.0.0.1:8080")
        }
        guard submissionsPerMinute >= 0 else { throw ValidationError("--submissions-per-minute must be 0 or more") }
        guard ByteCount.parse(maxSize) != nil else {
            throw ValidationError("--max-size: '\(maxSize)' is not a size; use e.g. 16MiB, 500k or 1048576")
        }
    }

    static func address(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        let host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host.isEmpty ? nil : (host, port)
    }

    func run() throws {
        let maxBytes = ByteCount.parse(maxSize) ?? SubmissionValidator.defaultMaxBytes
        let pipeline: IntakePipeline
        do {
            pipeline = try IntakePipeline.load(registry: try RegistryOption.loadRegistry(registry.schemas), maxBytes: maxBytes,
                                               placementJobs: ProcessInfo.processInfo.activeProcessorCount)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Console.setupFailure((error as? LocalizedError)?.errorDescription ?? "\(error)")
        }
        let dataset = URL(fileURLWithPath: out)
        var (token, made) = try analystToken()
        if token == nil, (try? IntakeStore(existingIn: dataset).hasAnalystAccounts()) != true {
            // No way in otherwise: a token for this run, printed once.
            (token, made) = (SubmissionLinks.token(), true)
        }
        let door: FrontDoor
        do {
            door = try FrontDoor(settings: .init(dataset: dataset, analystToken: token, secureCookies: secureCookies,
                                                 submissionsPerMinute: submissionsPerMinute, maxBytes: maxBytes,
                                                 toolVersion: SurveyIntakeCommand.configuration.version),
                                 pipeline: pipeline)
        } catch {
            throw Console.setupFailure(language("cannot open the dataset \(out): \(error.localizedDescription)",
                                                "kan ikke åbne datasættet \(out): \(error.localizedDescription)"))
        }
        if made, let token {
            Console.error(language("analyst token for this run (give --analyst-token-file to choose one): \(token)",
                                   "analytikernes token til denne kørsel (vælg selv et med --analyst-token-file): \(token)"))
        }
        let (host, port) = Self.address(listen)!
        let language = language
        var configured = Logger(label: "survey-intake.serve")
        configured.logLevel = .info
        let logger = configured
        let finished = DispatchSemaphore(value: 0)
        let failure = ErrorBox()
        Task {
            let app = FrontDoorServer.application(door, host: host, port: port, logger: logger) { port in
                // Scripts read the address from this line (scripts/load-benchmark, the browser tests): both wordings.
                Console.error(language("survey-intake serve: listening on http://\(host):\(port)/ (dataset \(dataset.path))",
                                       "survey-intake serve: lytter på http://\(host):\(port)/ (datasæt \(dataset.path))"))
            }
            let exports = Task {
                // A cancelled sleep ends the loop at once: the last refresh is the one after it.
                while (try? await Task.sleep(for: .seconds(1))) != nil {
                    do { try door.refreshExportsIfDue() } catch { logger.error("the exports could not be written: \(error)") }
                }
            }
            do {
                try await app.runService()
                exports.cancel()
                // A refresh in progress finishes first (else the last one would find the dataset
                // locked by it, and the process end before either had written what was last changed).
                await exports.value
                try await door.finish()
                try door.refreshExports()
            } catch {
                exports.cancel()
                await exports.value
                failure.error = error
            }
            finished.signal()
        }
        finished.wait()
        if let error = failure.error { throw Console.setupFailure(language("serve stopped: \(error)", "serve stoppede: \(error)")) }
        Console.error(language("survey-intake serve: stopped", "survey-intake serve: stoppet"))
    }

    /// The analysts' token: the file's first line or the environment's; nil when neither gives one.
    private func analystToken() throws -> (String?, made: Bool) {
        if let analystTokenFile {
            guard let text = try? String(contentsOfFile: analystTokenFile, encoding: .utf8),
                  let line = text.split(whereSeparator: \.isNewline).first.map({ $0.trimmingCharacters(in: .whitespaces) }),
                  line.count >= 16 else {
                throw Console.setupFailure("--analyst-token-file \(analystTokenFile): cannot read a token of at least 16 characters from its first line")
            }
            return (line, false)
        }
        if let value = ProcessInfo.processInfo.environment["SURVEY_INTAKE_ANALYST_TOKEN"], value.count >= 16 {
            return (value, false)
        }
        return (nil, false)
    }
}

/// Carries an error out of the task that runs the server.
private final class ErrorBox: @unchecked Sendable {
    var error: (any Error)?
}
