import ArgumentParser
import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyOutputs

/// `survey-intake missing --round YEAR --out DIR [--format text|csv|json]`: who has not answered.
struct MissingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "missing",
        abstract: "List the roster projects of a round that have no current submission.",
        discussion: """
        A project counts as answered once a submission of it for the round is stored, by ingest \
        or through serve, complete or not (`flags` lists what is incomplete). Reads the dataset \
        only.

        Example:
          survey-intake missing --round 2024 --out intake-data --format csv > missing.csv

        Exit status: 0 (also when every project has answered), 2 no such round or dataset.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv, json
    }

    @Option(name: .long, help: ArgumentHelp("The round's year.", valueName: "year"))
    var round: Int

    @Option(name: .long, help: ArgumentHelp("The dataset folder.", valueName: "dir"))
    var out: String = "intake-data"

    @Option(name: .long, help: ArgumentHelp("text, csv or json.", valueName: "format"))
    var format: Format = .text

    func run() throws {
        let missing: [RosterEntry]
        let total: Int
        do {
            let store = try IntakeStore(readingFrom: URL(fileURLWithPath: out))
            let roster = try store.roster(of: round)
            let answered = try store.projectsWithCurrentSubmission(round: round)
            missing = roster.filter { !answered.contains($0.projectId) }
            total = roster.count
        } catch {
            throw Console.datasetFailure(error, cannot: "read \(out)")
        }
        switch format {
        case .text:
            for entry in missing {
                let lead = [entry.leadName, entry.leadEmail.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
                Console.out(TerminalText.escaped("\(entry.projectId)  \(entry.title ?? "")  \(lead)", keepingLineBreaks: false))
            }
            Console.error("\(missing.count) of \(total) projects of round \(round) have no submission.")
        case .csv:
            // Roster text goes through the exports' CSV writer: a title can never become a formula.
            let table = CSVTable.bytes(header: ["project_id", "title", "authority", "lead_name", "lead_email"],
                                       rows: missing.map { [$0.projectId, $0.title, $0.authority, $0.leadName, $0.leadEmail] })
            FileHandle.standardOutput.write(Data(table))
        case .json:
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Console.json(String(decoding: try encoder.encode(missing), as: UTF8.self))
        }
    }
}
