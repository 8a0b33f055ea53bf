import ArgumentParser
import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyOutputs
import SurveyService

/// The one place that writes to the terminal, so output never interleaves — and the one place
/// that makes text from outside safe to print there: control and bidi characters in file names
/// and answers are shown as `\u{1B}`, `\u{202E}` … instead of acting (`TerminalText`).
enum Console {
    /// Text for people on standard output, possibly several lines.
    static func out(_ text: String) {
        print(TerminalText.escaped(text))
    }

    /// One line on standard output (a finding, a file): a line break inside it is escaped too,
    /// so that no value can forge a line of its own.
    static func line(_ line: String) {
        print(TerminalText.escaped(line, keepingLineBreaks: false))
    }

    /// JSON on standard output: DEL, C1 and bidi controls as JSON escapes (the same data).
    static func json(_ json: String) {
        print(TerminalText.escapedJSON(json))
    }

    /// A data file on standard output (`flags --format csv`): exact when it goes to a file or a
    /// pipe, escaped when it goes to a terminal.
    static func data(_ text: String) {
        print(isatty(STDOUT_FILENO) != 0 ? TerminalText.escaped(text) : text)
    }

    /// A line on standard error.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((TerminalText.escaped(line) + "\n").utf8))
    }

    /// Says, while an ingest lock is awaited, that another ingest holds the dataset `out`.
    static func waiting(for out: String, danish: Bool) {
        error(danish ? "survey-intake: venter på, at en anden indlæsning af \(out) bliver færdig …"
                     : "survey-intake: waiting for another ingest on \(out) to finish…")
    }

    /// Says that an ingest holds the dataset and will rewrite the CSV files when it ends.
    static func ingestRunning(danish: Bool) {
        error(danish ? "survey-intake: en indlæsning er i gang; den skriver CSV-filerne igen, når den slutter."
                     : "survey-intake: an ingest is running; it rewrites the CSV files when it ends.")
    }

    /// Refuses ids that name no submission in `out`: nothing was recorded (exit status 2).
    static func unknownSubmissions(_ unknown: UnknownSubmissions, out: String, danish: Bool) -> ExitCode {
        let ids = unknown.ids.map { "'\($0)'" }.joined(separator: ", ")
        return setupFailure(danish
            ? "ingen indberetning med id'et \(ids) i \(out); intet er registreret (survey-intake show ID slår én op; submissions.csv viser dem)"
            : "no submission with the id \(ids) in \(out); nothing was recorded (survey-intake show ID looks one up; submissions.csv lists them)")
    }

    /// Warns that invitations or reminders are signed by the placeholder sender (no --from given).
    static func placeholderSender(danish: Bool) {
        let placeholder = FollowUpLetterComposer.defaultSender.address ?? ""
        error(danish
            ? "survey-intake: warning: brevene er underskrevet af pladsholder-afsenderen \(placeholder); angiv --from 'Navn <adresse>'"
            : "survey-intake: warning: the letters are signed by the placeholder sender \(placeholder); give --from 'Name <address>'")
    }

    /// Reports a failure that stops the command before any file is checked: exit status 2.
    static func setupFailure(_ message: String) -> ExitCode {
        error("survey-intake: error: \(message)")
        return ExitCode(2)
    }

    /// What could not be done with a dataset, for `datasetFailure`'s message.
    enum DatasetAction {
        case read(String), write(String), open(String), issueLinks(String), recordAsked(String)

        /// "read intake-data", or in Danish "læse intake-data".
        func words(danish: Bool) -> String {
            switch self {
            case .read(let out): danish ? "læse \(out)" : "read \(out)"
            case .write(let out): danish ? "skrive i \(out)" : "write \(out)"
            case .open(let out): danish ? "åbne \(out)" : "open \(out)"
            case .issueLinks(let out): danish ? "udstede links i \(out)" : "issue links in \(out)"
            case .recordAsked(let out):
                danish ? "gemme i \(out), hvilke flag brevene spurgte om" : "record in \(out) which flags the letters asked"
            }
        }
    }

    /// A dataset that could not be read or written: the error's own words when it has them,
    /// else `cannot WHAT: error` (`cannot read intake-data: …`, in Danish `kan ikke læse
    /// intake-data: …`); a dataset that is missing or cannot be read is named in Danish too.
    static func datasetFailure(_ failure: any Error, cannot action: DatasetAction, danish: Bool = false) -> ExitCode {
        setupFailure(datasetFailureMessage(failure, cannot: action, danish: danish))
    }

    /// What `datasetFailure` says.
    static func datasetFailureMessage(_ failure: any Error, cannot action: DatasetAction, danish: Bool) -> String {
        if let unreadable = failure as? StoreReadError { return unreadable.description(danish: danish) }
        if let described = (failure as? LocalizedError)?.errorDescription { return described }
        return danish ? "kan ikke \(action.words(danish: true)): \(failure)" : "cannot \(action.words(danish: false)): \(failure)"
    }

    /// A folder named on the command line that holds no `*.xml` file is a usage error (exit
    /// status 2, interface.md): a run over nothing would look like success.
    static func refuseEmptyFolders(_ folders: [String], danish: Bool, ingest: Bool) throws {
        guard !folders.isEmpty else { return }
        for folder in folders {
            error(danish
                ? "survey-intake: fejl: \(folder): ingen *.xml-filer i mappen eller dens undermapper; "
                    + "intet at \(ingest ? "indlæse" : "kontrollere"). Tjek stien"
                : "survey-intake: error: \(folder): no *.xml files in this folder or below it; "
                    + "nothing to \(ingest ? "ingest" : "check"). Check the path")
        }
        throw ExitCode(2)
    }
}
