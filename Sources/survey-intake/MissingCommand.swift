import ArgumentParser
import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyOutputs
import SurveyService

/// `survey-intake missing --round YEAR --out DIR [--format text|csv|json]`: who has not answered.
struct MissingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "missing",
        abstract: "List the roster projects of a round that have no current submission.",
        discussion: """
        A project counts as answered once a submission of it for the round is stored, by ingest \
        or through serve, complete or not (`flags` lists what is incomplete). Reads the dataset \
        only.

        With --letters, also writes one draft reminder per missing project into that folder \
        (PROJECT_ID.eml, Danish and English), saying the deadline. With --base-url as well, each \
        missing project gets a new link (its earlier links are revoked) and the reminder carries \
        it; without, the reminder points to the invitation's link. Writing reminders is in the \
        audit log.

        Examples:
          survey-intake missing --round 2024 --out intake-data --format csv > missing.csv
          survey-intake missing --round 2024 --out intake-data --letters reminders \\
              --base-url https://indberetning.example.dk --from "Signaturprojekterne <opfoelgning@digst.dk>"

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

    @Option(name: .long, help: ArgumentHelp("Also write one draft reminder (.eml) per missing project into this folder.", valueName: "dir"))
    var letters: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "With --letters: issue each missing project a new link at this address (revoking its earlier ones) for its reminder.",
        valueName: "url"))
    var baseURL: String?

    @Option(name: .customLong("grace-days"), help: "Days after the later of the deadline and today that new links work.")
    var graceDays: Int = 14

    @Option(name: .long, help: ArgumentHelp("The letters' sender: 'Name <address>' or 'address'.", valueName: "sender"))
    var from: String?

    @Option(name: .long, help: MessageLanguage.help("Language of the messages (the reminders are in Danish and English either way)"))
    var language: MessageLanguage = .fromEnvironment()

    func validate() throws {
        if baseURL != nil, letters == nil { throw ValidationError("--base-url issues links for the reminders: give --letters DIR too") }
        if let baseURL {
            guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw ValidationError("--base-url '\(baseURL)' is not an http(s) address such as https://indberetning.example.dk")
            }
        }
        guard graceDays >= 0 else { throw ValidationError("--grace-days must be 0 or more") }
        if let from, FollowUpLetterComposer.sender(from: from) == nil {
            throw ValidationError("--from '\(from)' is not 'Name <address>' or 'address'")
        }
    }

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
            throw Console.datasetFailure(error, cannot: .read(out), danish: language == .da)
        }
        if let letters { try writeReminders(missing, into: letters) }
        switch format {
        case .text:
            for entry in missing {
                let lead = [entry.leadName, entry.leadEmail.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
                Console.out(TerminalText.escaped("\(entry.projectId)  \(entry.title ?? "")  \(lead)", keepingLineBreaks: false))
            }
            Console.error(language("\(missing.count) of \(total) projects of round \(round) have no submission.",
                                   "\(missing.count) af \(total) projekter i runde \(round) har ingen indberetning."))
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

    /// One draft reminder per missing project, with a new link each when --base-url is given.
    private func writeReminders(_ missing: [RosterEntry], into folder: String) throws {
        let now = Timestamp.now()
        var links: [String: SubmissionLinks.Issued] = [:]
        let round: Round
        let store: IntakeStore
        do {
            store = try IntakeStore(existingIn: URL(fileURLWithPath: out))
            guard let found = try store.rounds().first(where: { $0.year == self.round }) else {
                throw Console.setupFailure(language("the dataset has no round \(self.round)", "datasættet har ingen runde \(self.round)"))
            }
            round = found
            // A link is shown once: only leads a reminder can reach get a new one.
            let reachable = missing.filter { $0.leadEmail.map(EmailAddress.isPlausible) ?? false }
            if let baseURL, !reachable.isEmpty {
                // New links work until the later of the deadline and today, plus the grace.
                let from = max(round.deadline, String(now.prefix(10)))
                let expiry = SubmissionLinks.expiry(deadline: from, graceDays: graceDays) ?? from
                let outcome = try SubmissionLinks.issue(store: store, round: round, expiresAt: expiry, baseURL: baseURL, reissue: true,
                                                        now: now, only: Set(reachable.map(\.projectId)), actor: AnalystCommand.actor())
                links = Dictionary(outcome.issued.map { ($0.projectId, $0) }, uniquingKeysWith: { $1 })
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Console.datasetFailure(error, cannot: .write(out), danish: language == .da)
        }
        let composer = InvitationLetter(sender: from.flatMap(FollowUpLetterComposer.sender) ?? FollowUpLetterComposer.defaultSender,
                                        date: FollowUpLetterComposer.letterDate())
        let directory = URL(fileURLWithPath: folder)
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for entry in missing {
                let link = links[entry.projectId]
                guard let letter = composer.reminder(round: round, entry: entry, url: link?.url, expiresAt: link?.expiresAt,
                                                     today: String(now.prefix(10))) else {
                    Console.error(language("survey-intake: warning: \(entry.projectId) has no valid lead_email on the roster; no reminder written "
                        + "and no link issued: remind the lead another way",
                        "survey-intake: warning: \(entry.projectId) har ingen gyldig lead_email på deltagerlisten; ingen påmindelse skrevet "
                        + "og intet link udstedt: mind projektlederen om det på anden vis"))
                    continue
                }
                try Data(letter.encoded().utf8).write(to: directory.appendingPathComponent("\(entry.projectId).eml"), options: .atomic)
                written.append(entry.projectId)
            }
        } catch {
            let why = (error as NSError).localizedFailureReason
            throw Console.setupFailure(language("cannot write the reminders to \(folder): \(why ?? "check that it is a folder you may write")",
                                                "påmindelserne kan ikke skrives i \(folder): \(why ?? "tjek, at det er en mappe, du må skrive i")"))
        }
        do {
            try store.recordAction(actor: AnalystCommand.actor(), action: "reminders", subject: "round \(round.year)",
                                   note: "\(written.count) written\(links.isEmpty ? "" : ", \(links.count) new links"): \(written.joined(separator: ", "))",
                                   at: now)
        } catch {
            throw Console.datasetFailure(error, cannot: .write(out), danish: language == .da)
        }
        Console.error(language(
            "\(written.count) reminder\(written.count == 1 ? "" : "s") written to \(folder)\(links.isEmpty ? "" : ", each with a new link").",
            "\(written.count) \(written.count == 1 ? "påmindelse" : "påmindelser") skrevet til \(folder)\(links.isEmpty ? "" : ", hver med et nyt link")."))
        if from == nil { Console.placeholderSender(danish: language == .da) }
    }
}
