import ArgumentParser
import Foundation
import SurveyIntake
import SurveyModel
import SurveyStore
import SurveyOutputs
import SurveyService

struct FlagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flags",
        abstract: "List the open and asked findings of the current submissions by project lead, and draft follow-up letters.",
        discussion: """
        Reads DIR/intake.sqlite (written by ingest) and lists every flagged answer of the \
        current submissions: missing or blank, a placeholder, required by another answer, a \
        malformed e-mail address, a label that could not be placed, no challenges. Findings are \
        grouped by project lead (e-mail address), then project and round, in questionnaire \
        order, each as path:line:column: warning: [rule] field: message (state).

        Each flag is one question of a project's report for a round, the same in every \
        revision: open (nobody asked yet), asked (a letter or a front-door receipt listed it; \
        when first), answered (a later revision no longer has it; which one) or waived (an \
        analyst decided it does not matter: survey-intake waive). By default open and asked \
        flags are listed; --state chooses (answered ones are listed with the last revision \
        that had them).

        With --letters, writes one draft e-mail per lead instead (LETTERS_DIR/ADDRESS.eml, in \
        Danish, then English): which answers to complete or correct, quoting each question, and how to send \
        a corrected questionnaire. Open a file in a mail program, check it and send it. \
        A letter whose lead has no valid address has an empty To and says so in a header. \
        Letters list only open and asked flags, say when each asked one was first asked, and \
        mark what they list as asked (the first time is kept); the run is a line of the \
        audit log (survey-intake log). The lead of a rejected file whose project and round \
        have had no accepted file since also gets a letter (ADDRESS-afvist-PROJECT-ROUND.eml) \
        with every error to fix; --rule leaves these out.

        Examples:
          survey-intake flags --out intake-data
          survey-intake flags --out intake-data --round 2022 --rule missing --rule placeholder
          survey-intake flags --out intake-data --state answered,waived
          survey-intake flags --out intake-data --format csv > flags.csv
          survey-intake flags --out intake-data --round 2022 --letters letters \\
            --from "Signaturprojekterne <opfoelgning@digst.dk>" --reply-by "15. januar 2023"

        Letters already in LETTERS_DIR that a run does not write (left from an earlier run) are \
        named in a warning, or removed with --remove-stale-letters. Without --from the sender is \
        a placeholder, and a warning says so.

        Exit status: 0, or 2 when the dataset cannot be read, or --round or --project names a \
        round or project it has no submission for (the error lists those it has).
        """
    )

    @Option(name: .long, help: ArgumentHelp("The dataset folder that ingest wrote.", valueName: "dir"))
    var out: String = "intake-data"

    @Option(name: .long, help: ArgumentHelp("Only this round (repeatable).", valueName: "year"))
    var round: [Int] = []

    @Option(name: .long, help: ArgumentHelp("Only this project, e.g. SP-2020-005 (repeatable).", valueName: "id"))
    var project: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Only this rule (repeatable): missing, placeholder, conditional, invalid-format, unmapped, no-challenges.",
        valueName: "rule"))
    var rule: [CompletenessRule] = []

    @Option(name: .long, help: ArgumentHelp(
        "Only flags in this state (repeatable, or a comma list): open, asked, answered, waived.",
        discussion: "Default: open and asked.", valueName: "state"))
    var state: [String] = []

    @Option(name: .long, help: "Output: text, csv or json.")
    var format: FlagsFormat = .text

    @Option(name: .long, help: MessageLanguage.help("Language of the headers, messages and summary in text output and of the letters' quoted answers"))
    var language: MessageLanguage = .fromEnvironment()

    @Option(name: .long, help: ArgumentHelp("Write one draft e-mail (.eml) per project lead into this folder.",
                                            valueName: "letters-dir"))
    var letters: String?

    @Option(name: .long, help: ArgumentHelp(
        "The letters' sender, as 'Name <address>' or 'address'.",
        discussion: "Default: a placeholder (opfoelgning@signaturprojekter.example) to change before sending.",
        valueName: "mailbox"))
    var from: String?

    @Option(name: .customLong("reply-by"), help: ArgumentHelp(
        "A deadline for the corrections: a day, as 2023-01-15 or '15. januar 2023'.",
        discussion: "The letters write it in Danish and in English (15. januar 2023, 15 January 2023).", valueName: "date"))
    var replyBy: String?

    @Flag(name: .customLong("remove-stale-letters"), help: ArgumentHelp(
        "Remove the .eml files in the letters folder that this run does not write (left from an earlier run).",
        discussion: "Without it they are kept, and each is named in a warning."))
    var removeStaleLetters = false

    @OptionGroup var registry: RegistryOption

    @Flag(name: .long, help: "Print only the findings (or letters), no summary.")
    var quiet = false

    /// The states `--state` names; open and asked when it is not given.
    var states: Set<FlagState> {
        get throws {
            let names = state.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } }
            var states: Set<FlagState> = []
            for name in names {
                guard let known = FlagState(rawValue: name) else {
                    throw ValidationError("--state: '\(name)' is not a flag state; use open, asked, answered or waived "
                        + "(several as --state open,asked)")
                }
                states.insert(known)
            }
            return states.isEmpty ? FlagState.pending : states
        }
    }

    func validate() throws {
        let states = try states
        if letters != nil, !states.isSubset(of: FlagState.pending) {
            throw ValidationError("--letters asks only about open and asked flags: drop --state answered and --state waived")
        }
        if let from, FollowUpLetterComposer.sender(from: from) == nil {
            throw ValidationError("--from: '\(from)' is not a mailbox; use 'Name <address>' or 'address'")
        }
        if let replyBy, FollowUpLetterComposer.replyByDay(replyBy) == nil {
            throw ValidationError("--reply-by: '\(replyBy)' is not a day; write it as 2023-01-15 or '15. januar 2023'")
        }
        if letters == nil, from != nil || replyBy != nil || removeStaleLetters {
            throw ValidationError("--from, --reply-by and --remove-stale-letters are for --letters")
        }
        if letters != nil, format != .text {
            throw ValidationError("--format \(format.rawValue) is for the listing; --letters writes .eml files instead: drop one of them")
        }
    }

    func run() throws {
        let states = try states
        let leads: [LeadFindings]
        let store: IntakeStore
        do {
            // Letters record what they ask: only they write to the dataset.
            store = letters == nil ? try IntakeStore(readingFrom: URL(fileURLWithPath: out))
                : try IntakeStore(existingIn: URL(fileURLWithPath: out))
        } catch {
            throw Console.datasetFailure(error, cannot: letters == nil ? Console.DatasetAction.read(out) : .write(out), danish: language == .da)
        }
        try DatasetFilter.check(store, out: out, rounds: round, projects: project, danish: language == .da)
        do {
            leads = try store.openFindings(OpenFindingsFilter(rounds: Set(round), projects: Set(project), rules: Set(rule),
                                                              states: states))
        } catch {
            throw Console.datasetFailure(error, cannot: .read(out), danish: language == .da)
        }
        if let letters {
            try writeLetters(leads, to: letters, store: store)
            return
        }
        let writer: any OpenFindingsWriter = switch format {
        case .text: OpenFindingsTextWriter(danish: language == .da)
        case .csv: OpenFindingsCSVWriter()
        case .json: OpenFindingsJSONWriter()
        }
        let listing = writer.write(leads)
        if !listing.isEmpty {
            let text = String(decoding: listing.utf8.dropLast(), as: UTF8.self)
            switch format {
            case .text: Console.out(text)
            case .csv: Console.data(text)
            case .json: Console.json(text)
            }
        }
        if format == .text, !quiet {
            Console.out((leads.isEmpty ? "" : "\n") + (language == .da ? danishSummary(leads, states: states) : summary(leads, states: states)))
        }
    }

    private func writeLetters(_ leads: [LeadFindings], to folder: String, store: IntakeStore) throws {
        let loaded = try RegistryOption.loadRegistry(registry.schemas)
        let vocabularies: Vocabularies
        let dictionaries: [String: DataDictionary]
        do {
            // The dictionaries say which answer a condition is on, so that letters quote its label.
            vocabularies = try Vocabularies.load(from: loaded.directory)
            dictionaries = try CompletenessCatalog.load(for: loaded).dictionaries
        } catch {
            throw Console.setupFailure(error.localizedDescription)
        }
        let composer = FollowUpLetterComposer(
            sender: from.flatMap(FollowUpLetterComposer.sender) ?? FollowUpLetterComposer.defaultSender,
            date: FollowUpLetterComposer.letterDate(), replyBy: replyBy, vocabularies: vocabularies, dictionaries: dictionaries)
        let danish = language == .da
        try OutputPaths.ensureFolder(folder, option: "--letters", danish: danish)
        if from == nil {
            let placeholder = FollowUpLetterComposer.defaultSender.address ?? ""
            Console.error(danish
                ? "survey-intake: warning: brevenes afsender er pladsholderen \(placeholder); "
                    + "angiv den rigtige med --from 'Navn <adresse>', før brevene sendes"
                : "survey-intake: warning: the letters' sender is the placeholder \(placeholder); "
                    + "give the real one with --from 'Name <address>' before sending them")
        }
        let earlier = Self.letterFiles(in: folder)
        let rejections = try unresolvedRejections(store)
        let written: [FollowUpLetters.Written]
        do {
            written = try FollowUpLetters(composer: composer).write(leads, rejections: rejections, into: URL(fileURLWithPath: folder))
        } catch {
            throw Console.setupFailure(danish ? "brevene kan ikke skrives i \(folder): \(OutputPaths.plain(error))"
                                              : "cannot write the letters to \(folder): \(OutputPaths.plain(error))")
        }
        do {
            let asked = written.flatMap(\.flags)
            let time = Timestamp.now()
            let who = AnalystCommand.actor()
            let note = "\(written.count) \(written.count == 1 ? "letter" : "letters") asking \(asked.count) "
                + "\(asked.count == 1 ? "flag" : "flags")"
            try store.markAsked(asked, by: .letter, at: time,
                                audit: written.isEmpty ? nil : AuditEntry(at: time, actor: who, action: "letters", subject: folder, note: note))
            // flags.csv shows the flags asked at once (unless an ingest holds the dataset: it rewrites them at its end).
            if try DatasetExports.refresh(URL(fileURLWithPath: out), store: store, vocabularies: vocabularies) == .busy {
                Console.ingestRunning(danish: language == .da)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Console.datasetFailure(error, cannot: .recordAsked(out), danish: language == .da)
        }
        for letter in written {
            let path = (folder as NSString).appendingPathComponent(letter.fileName)
            if !quiet, letter.rejection != nil {
                Console.line(rejectionLine(path: path, letter: letter))
            } else if !quiet, danish {
                let reports = letter.submissionCount == 1 ? "1 rapport" : "\(letter.submissionCount) rapporter"
                Console.line("\(path): \(letter.lead.name ?? "(intet navn)"), \(letter.findingCount) fund i \(reports)")
            } else if !quiet {
                let reports = letter.submissionCount == 1 ? "1 report" : "\(letter.submissionCount) reports"
                let findings = letter.findingCount == 1 ? "1 finding" : "\(letter.findingCount) findings"
                Console.line("\(path): \(letter.lead.name ?? "(no name)"), \(findings) in \(reports)")
            }
            if !letter.isAddressed {
                // One address per letter, checked strictly: anything else leaves To empty.
                let written = letter.lead.email.map { " (\"\($0.count > 100 ? $0.prefix(99) + "…" : $0)\")" } ?? ""
                Console.error(language == .da
                    ? "\(path): warning: ingen gyldig e-mailadresse for \(letter.lead.name ?? "projektlederen")\(written); "
                        + "udfyld Til, før brevet sendes"
                    : "\(path): warning: no valid e-mail address for \(letter.lead.name ?? "the project lead")\(written); "
                        + "fill in To before sending")
            }
        }
        let stale = earlier.subtracting(written.map(\.fileName)).sorted()
        for name in stale {
            let path = (folder as NSString).appendingPathComponent(name)
            if removeStaleLetters {
                do {
                    try FileManager.default.removeItem(atPath: path)
                } catch {
                    throw Console.setupFailure("cannot remove \(path): \(OutputPaths.plain(error))")
                }
                if !quiet { Console.line(danish ? "\(path): fjernet (fra en tidligere kørsel)" : "\(path): removed (left from an earlier run)") }
            } else {
                Console.error(danish
                    ? "\(path): warning: ligger tilbage fra en tidligere kørsel og er ikke skrevet nu; "
                        + "send det ikke, eller fjern det med --remove-stale-letters"
                    : "\(path): warning: left from an earlier run, not written now; "
                        + "do not send it, or remove it with --remove-stale-letters")
            }
        }
        if !quiet, danish {
            Console.out(written.isEmpty ? "Ingen åbne fund: ingen breve skrevet."
                : "\(written.count) \(written.count == 1 ? "brev" : "breve") skrevet til \(folder)/.")
        } else if !quiet {
            Console.out(written.isEmpty ? "No open findings: no letters written."
                : "\(written.count) \(written.count == 1 ? "letter" : "letters") written to \(folder)/.")
        }
    }

    /// The `.eml` files in `folder` now.
    private static func letterFiles(in folder: String) -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return Set(names.filter { $0.lowercased().hasSuffix(".eml") })
    }

    private func summary(_ leads: [LeadFindings], states: Set<FlagState>) -> String {
        let listed = FlagState.allCases.filter(states.contains).map(\.rawValue)
        guard !leads.isEmpty else {
            return "No \(listed.dropLast().joined(separator: ", "))\(listed.count > 1 ? " or " : "")\(listed.last ?? "") findings."
        }
        let findings = leads.flatMap { $0.submissions.flatMap(\.findings) }
        let submissions = leads.reduce(0) { $0 + $1.submissions.count }
        let projects = Set(leads.flatMap { $0.projects.map(\.projectId) }).count
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        let byState = FlagState.allCases.compactMap { state in
            let n = findings.filter { $0.state == state }.count
            return n == 0 ? nil : "\(n) \(state.rawValue)"
        }
        return "\(count(findings.count, "finding")) (\(byState.joined(separator: ", "))) in \(count(submissions, "submission")) "
            + "of \(count(projects, "project")), \(count(leads.count, "project lead"))."
    }

    /// The state's Danish word, for one or for several: åben/åbne, spurgt/spurgte …
    private static func danish(_ state: FlagState, count: Int) -> String {
        let words: (one: String, many: String) = switch state {
        case .open: ("åben", "åbne")
        case .asked: ("spurgt", "spurgte")
        case .answered: ("besvaret", "besvarede")
        case .waived: ("frafaldet", "frafaldne")
        }
        return count == 1 ? words.one : words.many
    }

    /// `summary` in Danish: "5 fund (3 åbne, 2 spurgte) i 4 indberetninger fra 3 projekter, 2 projektledere."
    private func danishSummary(_ leads: [LeadFindings], states: Set<FlagState>) -> String {
        let listed = FlagState.allCases.filter(states.contains).map { Self.danish($0, count: 2) }
        guard !leads.isEmpty else {
            return "Ingen \(listed.dropLast().joined(separator: ", "))\(listed.count > 1 ? " eller " : "")\(listed.last ?? "") fund."
        }
        let findings = leads.flatMap { $0.submissions.flatMap(\.findings) }
        let submissions = leads.reduce(0) { $0 + $1.submissions.count }
        let projects = Set(leads.flatMap { $0.projects.map(\.projectId) }).count
        let byState = FlagState.allCases.compactMap { state in
            let n = findings.filter { $0.state == state }.count
            return n == 0 ? nil : "\(n) \(Self.danish(state, count: n))"
        }
        return "\(findings.count) fund (\(byState.joined(separator: ", "))) i \(submissions) \(submissions == 1 ? "indberetning" : "indberetninger") "
            + "fra \(projects) \(projects == 1 ? "projekt" : "projekter"), \(leads.count) \(leads.count == 1 ? "projektleder" : "projektledere")."
    }
}

/// Output formats of `flags`.
enum FlagsFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case csv
    case json
}

extension CompletenessRule: ExpressibleByArgument {}
