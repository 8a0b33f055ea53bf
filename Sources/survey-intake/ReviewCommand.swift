import ArgumentParser
import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyService

extension ReviewState: ExpressibleByArgument {}

/// `survey-intake review SUBMISSION_ID… --state STATE [--comment TEXT] --out DIR`.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Record an analyst's review state of one or more submissions.",
        discussion: """
        The states are received, has-issues, approved and rejected (a submission nobody has \
        reviewed is received). Each review is kept with the analyst, the time and the comment, \
        and written to the audit log (survey-intake log); re-ingest and rebuild keep it, and \
        submissions.csv has it as review_state. A revision is a new submission: it starts at \
        received. An unknown id records nothing. --round and --project choose every current \
        submission of a round or project at once (both: the projects' in that round).

        Example:
          survey-intake review 3f2b8c1e-5d4a-4e6b-9c7d-2a1b0c9d8e7f --state has-issues \\
              --comment "Mangler plan for drift" --out intake-data
          survey-intake review --round 2024 --project SP-2020-005 --state approved --out intake-data

        Exit status: 0 recorded, 2 an unknown id or another usage error.
        """)

    @Argument(help: ArgumentHelp("The submission ids (or choose them with --round and --project).", valueName: "submission-id"))
    var ids: [String] = []

    @Option(name: .long, help: ArgumentHelp("Every current submission of this round (with --project: of those projects).", valueName: "year"))
    var round: Int?

    @Option(name: .long, help: ArgumentHelp("Every current submission of this project (repeatable; with --round: in that round).",
                                            valueName: "id"))
    var project: [String] = []

    @Option(name: .long, help: ArgumentHelp("received, has-issues, approved or rejected.", valueName: "state"))
    var state: ReviewState

    @Option(name: .long, help: ArgumentHelp("Why, for the lead's follow-up and the audit log.", valueName: "text"))
    var comment: String?

    /// The dataset, who reviews, the language, and the exports rewritten once the reviews are in
    /// (as `waive`, `correct` and `withdraw` do).
    @OptionGroup var action: AnalystActionOptions

    func validate() throws {
        guard !ids.isEmpty || round != nil || !project.isEmpty else {
            throw ValidationError("give at least one submission id, or --round / --project to choose the current submissions")
        }
        guard ids.isEmpty || (round == nil && project.isEmpty) else {
            throw ValidationError("give submission ids or --round / --project, not both")
        }
    }

    func run() throws {
        let who = action.who
        let out = action.out
        let danish = action.danish
        // Under the dataset's lock (waiting for an ingest), then the exports: submissions.csv shows the state at once.
        let chosen = try action.change(vocabularies: try action.loadVocabularies()) { store -> [String] in
            var chosen = ids
            if ids.isEmpty {
                try DatasetFilter.check(store, out: out, rounds: round.map { [$0] } ?? [], projects: project, danish: danish)
                chosen = try store.currentSubmissionIds(round: round, projects: project)
            }
            try store.review(chosen, state: state, comment: analystText(comment), analyst: who, at: Timestamp.now())
            return chosen
        }
        Console.out(action.say("\(chosen.count) submission\(chosen.count == 1 ? "" : "s") now \(state.rawValue) (by \(who)).",
                               "\(chosen.count) \(chosen.count == 1 ? "indberetning" : "indberetninger") har nu tilstanden \(state.rawValue) (af \(who))."))
    }
}

/// `survey-intake log --out DIR [--format text|json]`: the audit log.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Print the audit log: every analyst action, who, when, on what, and the note.")

    @Option(name: .long, help: ArgumentHelp("The dataset folder.", valueName: "dir"))
    var out: String = "intake-data"

    @OptionGroup var registry: RegistryOption

    @Option(name: .long, help: ArgumentHelp("text or json.", valueName: "format"))
    var format: OutputFormat = .text

    @Option(name: .long, help: MessageLanguage.help("Language of the messages"))
    var language: MessageLanguage = .fromEnvironment()

    func run() throws {
        let entries: [AuditEntry]
        do {
            entries = try IntakeStore(existingIn: URL(fileURLWithPath: out)).auditLog()
        } catch {
            throw Console.datasetFailure(error, cannot: .read(out), danish: language == .da)
        }
        switch format {
        case .text:
            for entry in entries {
                let note = entry.note.map { ": \($0)" } ?? ""
                Console.out(TerminalText.escaped("\(entry.at)  \(entry.actor)  \(entry.action)  \(entry.subject)\(note)", keepingLineBreaks: false))
            }
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Console.json(String(decoding: try encoder.encode(entries), as: UTF8.self))
        }
    }
}
