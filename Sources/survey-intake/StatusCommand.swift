import ArgumentParser
import Foundation
import SurveyModel
import SurveyStore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "The dataset at a glance: rounds, submissions, rejected files, open findings, the last runs.",
        discussion: """
        Reads DIR/intake.sqlite (written by ingest) and never changes it. Per round: the current \
        and superseded submissions and the open findings of the current ones; then the input \
        files still rejected (their last reading was rejected), every rejection stored, and the \
        last runs (ingest and rebuild), newest first.

        Examples:
          survey-intake status --out intake-data
          survey-intake status --out intake-data --format json --runs 10

        Exit status: 0, or 2 when the dataset cannot be read.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The dataset folder that ingest wrote.", valueName: "dir"))
    var out: String = "intake-data"

    @Option(name: .long, help: "Output: text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("How many of the last runs to list.", valueName: "n"))
    var runs: Int = 5

    @Option(name: .long, help: MessageLanguage.help("Language of the text output"))
    var language: MessageLanguage = .fromEnvironment()

    func validate() throws {
        guard runs >= 0 else { throw ValidationError("--runs must be 0 or more (got \(runs))") }
    }

    func run() throws {
        let status: DatasetStatus
        do {
            status = try IntakeStore(readingFrom: URL(fileURLWithPath: out)).status(runs: runs)
        } catch {
            throw Console.datasetFailure(error, cannot: .read(out), danish: language == .da)
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(StatusJSON(dataset: out, status: status))) ?? Data("{}".utf8)
            Console.json(String(decoding: data, as: UTF8.self))
        case .text:
            Console.out(language == .da ? Self.danishText(status, dataset: out) : Self.text(status, dataset: out))
        }
    }

    static func text(_ status: DatasetStatus, dataset: String) -> String {
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        var lines = ["Dataset: \(dataset)/"]
        lines.append("Submissions: \(status.current) current, \(status.superseded) superseded"
            + " in \(count(status.rounds.count, "round"))")
        for round in status.rounds {
            lines.append("  round \(round.round): \(round.current) current, \(round.superseded) superseded, "
                + "\(count(round.openFindings, "open finding"))")
        }
        lines.append("Open findings: \(status.openFindings)")
        lines.append("Rejected: \(count(status.rejectedUnresolved, "file")) still rejected "
            + "(\(count(status.rejectedStored, "rejection")) stored)")
        lines.append(status.lastRuns.isEmpty ? "Last runs: none" : "Last runs (newest first):")
        for run in status.lastRuns {
            let when = run.finishedAt.map { "\(run.startedAt) to \($0)" } ?? "\(run.startedAt), not finished"
            lines.append("  #\(run.id) \(run.kind), \(when): \(count(run.filesSeen, "file")) seen, \(run.new) new, "
                + "\(run.unchanged) unchanged, \(run.superseded) superseded, \(run.rejected) rejected"
                + (run.interrupted ? " (interrupted)" : ""))
        }
        return lines.joined(separator: "\n")
    }

    /// `text` in Danish; a run's kind (`ingest`, `rebuild`) stays the command's name.
    static func danishText(_ status: DatasetStatus, dataset: String) -> String {
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        var lines = ["Datasæt: \(dataset)/"]
        lines.append("Indberetninger: \(status.current) gældende, \(count(status.superseded, "erstattet", "erstattede"))"
            + " i \(count(status.rounds.count, "runde", "runder"))")
        for round in status.rounds {
            lines.append("  runde \(round.round): \(round.current) gældende, \(count(round.superseded, "erstattet", "erstattede")), "
                + "\(round.openFindings) åbne fund")
        }
        lines.append("Åbne fund: \(status.openFindings)")
        lines.append("Afvist: \(count(status.rejectedUnresolved, "fil", "filer")) stadig afvist "
            + "(\(count(status.rejectedStored, "afvisning", "afvisninger")) gemt)")
        lines.append(status.lastRuns.isEmpty ? "Seneste kørsler: ingen" : "Seneste kørsler (nyeste først):")
        for run in status.lastRuns {
            let when = run.finishedAt.map { "\(run.startedAt) til \($0)" } ?? "\(run.startedAt), ikke færdig"
            lines.append("  #\(run.id) \(run.kind), \(when): \(count(run.filesSeen, "fil", "filer")) set, \(count(run.new, "ny", "nye")), "
                + "\(count(run.unchanged, "uændret", "uændrede")), \(run.superseded) erstattet, \(run.rejected) afvist"
                + (run.interrupted ? " (afbrudt)" : ""))
        }
        return lines.joined(separator: "\n")
    }
}

/// `status --format json`: snake_case keys, as the CSV files.
private struct StatusJSON: Encodable {
    var dataset: String
    var status: DatasetStatus

    enum CodingKeys: String, CodingKey {
        case dataset, rounds, current, superseded
        case openFindings = "open_findings"
        case rejectedUnresolved = "rejected_unresolved"
        case rejectedStored = "rejected_stored"
        case lastRuns = "last_runs"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dataset, forKey: .dataset)
        try container.encode(status.rounds, forKey: .rounds)
        try container.encode(status.current, forKey: .current)
        try container.encode(status.superseded, forKey: .superseded)
        try container.encode(status.openFindings, forKey: .openFindings)
        try container.encode(status.rejectedUnresolved, forKey: .rejectedUnresolved)
        try container.encode(status.rejectedStored, forKey: .rejectedStored)
        try container.encode(status.lastRuns, forKey: .lastRuns)
    }
}
