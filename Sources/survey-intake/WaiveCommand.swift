import ArgumentParser
import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyService

/// `survey-intake waive SUBMISSION_ID --field FIELD [--rule RULE] --reason TEXT --out DIR`, or
/// many at once with `--project` / `--round` / `--rule`; `--undo` takes waivers back.
struct WaiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waive",
        abstract: "Waive flags an analyst decided do not matter (with a reason), or take a waiver back.",
        discussion: """
        One flag: a submission id and the flag's field (and its rule, when the field has more \
        than one). Many: any of --project, --round, --rule and --field, over the open and asked \
        flags of the current submissions. A waiver holds for the same question in every \
        revision of the project's report for the round, survives re-ingest and rebuild, is \
        written to the audit log (survey-intake log), and keeps the flag out of the letters and \
        of survey-intake flags (--state waived lists them). --undo takes waivers back (the flag \
        is open, asked or answered again), also in the audit log.

        Examples:
          survey-intake waive SUBMISSION_ID --field project.domain \\
              --reason "Tværgående projekt: intet enkelt domæne" --out intake-data
          survey-intake waive --round 2022 --rule unmapped --field project.phase \\
              --reason "Fasen læses af analytikerne" --out intake-data
          survey-intake waive SUBMISSION_ID --field project.domain --undo --out intake-data

        Exit status: 0 recorded (or nothing to waive), 2 an unknown id, a submission without \
        that flag, an unknown round or project, or another usage error (nothing recorded).
        """)

    @Argument(help: ArgumentHelp("The submission whose flag to waive.", valueName: "submission-id"))
    var id: String?

    @Option(name: .long, help: ArgumentHelp("The flag's field, e.g. project.domain or challenges[2].severity.", valueName: "field"))
    var field: String?

    @Option(name: .long, help: ArgumentHelp("The flag's rule (needed with an id only when the field has several).", valueName: "rule"))
    var rule: CompletenessRule?

    @Option(name: .long, help: ArgumentHelp("Every pending flag of this project (repeatable).", valueName: "id"))
    var project: [String] = []

    @Option(name: .long, help: ArgumentHelp("Every pending flag of this round (repeatable).", valueName: "year"))
    var round: [Int] = []

    @Option(name: .long, help: ArgumentHelp("Why it does not matter (required to waive), for the audit log.", valueName: "text"))
    var reason: String?

    @Flag(name: .long, help: "Take the waivers back instead.")
    var undo = false

    /// The dataset, who decides, the language, and the exports rewritten once the waivers are in
    /// (as `correct` and `withdraw` do).
    @OptionGroup var action: AnalystActionOptions

    /// The reason without surrounding white space; nil when not given or blank.
    private var note: String? {
        analystText(reason)
    }

    func validate() throws {
        if id != nil {
            guard field != nil else { throw ValidationError("--field: give the field of the flag to waive, e.g. --field project.domain") }
            guard project.isEmpty, round.isEmpty else {
                throw ValidationError("--project and --round choose many flags: give them without a submission id")
            }
        } else if project.isEmpty, round.isEmpty, rule == nil, field == nil {
            throw ValidationError("give a submission id and --field, or choose many flags with --project, --round, --rule or --field")
        }
        if !undo, note == nil {
            throw ValidationError("--reason: say why the flag does not matter (it goes to the audit log)")
        }
    }

    func run() throws {
        let danish = action.danish
        let who = action.who
        let out = action.out
        // Under the dataset's lock (waiting for an ingest), then the exports: flags.csv shows the state at once.
        let (keys, recorded) = try action.change(vocabularies: try action.loadVocabularies()) { store -> ([FlagKey], Int) in
            let keys = try selection(in: store, out: out, danish: danish)
            if undo {
                return (keys, try store.unwaive(keys, note: note, analyst: who, at: Timestamp.now()))
            }
            try store.waive(keys, reason: note ?? "", analyst: who, at: Timestamp.now())
            return (keys, keys.count)
        }
        for key in keys {
            Console.line("\(key.projectId) \(key.round) \(key.field) [\(key.rule.rawValue)]")
        }
        Console.out(summary(recorded, by: who, danish: danish))
    }

    /// The flags chosen: one submission's by --field (and --rule), or the pending (with --undo:
    /// waived) flags of the current submissions by --project, --round, --rule and --field.
    private func selection(in store: IntakeStore, out: String, danish: Bool) throws -> [FlagKey] {
        if let id, let field {
            do {
                return try store.flagKeys(of: id, field: field, rule: rule)
            } catch let selection as FlagSelectionError {
                throw Console.setupFailure(selection.description(danish: danish))
            }
        }
        try DatasetFilter.check(store, out: out, rounds: round, projects: project, danish: danish)
        let filter = OpenFindingsFilter(rounds: Set(round), projects: Set(project), rules: rule.map { Set([$0]) } ?? [],
                                        states: undo ? [.waived] : FlagState.pending)
        let listed = try store.openFindings(filter).flatMap(\.submissions).flatMap { submission in
            submission.findings.map { $0.key(projectId: submission.projectId, round: submission.round) }
        }
        return Array(Set(field.map { field in listed.filter { $0.field == field } } ?? listed)).sorted()
    }

    private func summary(_ count: Int, by who: String, danish: Bool) -> String {
        switch (undo, danish) {
        case (false, false): count == 1 ? "1 flag waived (by \(who))." : "\(count) flags waived (by \(who))."
        case (false, true): count == 1 ? "1 markering frafaldet (af \(who))." : "\(count) markeringer frafaldet (af \(who))."
        case (true, false): "Waiver taken back for \(count) flag\(count == 1 ? "" : "s") (by \(who))."
        case (true, true): "Frafald taget tilbage for \(count) markering\(count == 1 ? "" : "er") (af \(who))."
        }
    }
}
