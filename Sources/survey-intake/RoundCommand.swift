import ArgumentParser
import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyOutputs
import SurveyService

/// `survey-intake round open YEAR --format FORMAT_ID --deadline YYYY-MM-DD --roster FILE.csv --out DIR`.
struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Open a reporting round: its questionnaire format, deadline and roster of projects and leads.",
        subcommands: [RoundOpenCommand.self, RoundListCommand.self])
}

struct RoundOpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Record a round, the format its leads fill in, its deadline and its roster.",
        discussion: """
        The roster is a CSV file (UTF-8, header row, comma or semicolon) with the columns \
        project_id, title, authority, authority_type, lead_name, lead_email. A bad row is an \
        error naming its line, and nothing is imported from a file with any. Each round keeps \
        its own roster: opening the next round with a changed one leaves the earlier rounds as \
        they were. --update replaces an open round's roster and deadline (links of projects \
        that leave it are revoked).

        Example:
          survey-intake round open 2024 --format statusreport-2 --deadline 2024-11-30 --roster roster.csv --out intake-data

        Exit status: 0 opened, 2 bad input (roster, format, deadline) or an open round without --update.
        """)

    @Argument(help: "The round's year, e.g. 2024.")
    var year: Int

    @Option(name: .long, help: ArgumentHelp("The questionnaire format leads fill in (a registry format id).", valueName: "format-id"))
    var format: String

    @Option(name: .long, help: ArgumentHelp("The deadline.", valueName: "YYYY-MM-DD"))
    var deadline: String

    @Option(name: .long, help: ArgumentHelp("The roster CSV file.", valueName: "file.csv"))
    var roster: String

    @Option(name: .long, help: ArgumentHelp("The dataset folder (created if absent).", valueName: "dir"))
    var out: String = "intake-data"

    @Flag(name: .long, help: "Replace the roster and deadline of a round that is already open.")
    var update = false

    @Option(name: .long, help: MessageLanguage.help("Language of the messages"))
    var language: MessageLanguage = .fromEnvironment()

    @OptionGroup var registry: RegistryOption

    func validate() throws {
        guard (2000...2100).contains(year) else { throw ValidationError("YEAR \(year) is not a round's year (2000–2100)") }
        guard SubmissionLinks.date(deadline) != nil else {
            throw ValidationError("--deadline '\(deadline)' is not a date; write it as YYYY-MM-DD, e.g. \(year)-11-30")
        }
    }

    func run() throws {
        let formats = try RegistryOption.loadRegistry(registry.schemas).formats.map(\.id)
        guard formats.contains(format) else {
            throw Console.setupFailure(language("--format \(format) is not a questionnaire format of the registry; it has \(formats.joined(separator: ", "))",
                                                "--format \(format) er ikke et spørgeskemaformat i registret; det har \(formats.joined(separator: ", "))"))
        }
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: roster)))
        } catch {
            let why = (error as NSError).localizedFailureReason
            throw Console.setupFailure(language("cannot read the roster \(roster): \(why ?? "no such file or no permission")",
                                                "deltagerlisten \(roster) kan ikke læses: \(why ?? "filen findes ikke, eller der er ikke adgang")"))
        }
        let entries: [RosterEntry]
        do {
            entries = try RosterFile.parse(bytes, path: roster)
        } catch {
            for finding in error.findings {
                Console.error(TerminalText.escaped(finding.localized(danish: language == .da).formatted, keepingLineBreaks: false))
            }
            let count = error.findings.count
            Console.error(language("survey-intake: error: the roster \(roster) has \(count) problem\(count == 1 ? "" : "s"); nothing was imported",
                                   "survey-intake: fejl: deltagerlisten \(roster) har \(count) \(count == 1 ? "fejl" : "fejl"); intet er importeret"))
            throw ExitCode(2)
        }
        do {
            let store = try IntakeStore(directory: URL(fileURLWithPath: out))
            try store.open(Round(year: year, format: format, deadline: deadline, openedAt: Timestamp.now()), roster: entries,
                           replace: update, actor: AnalystCommand.actor())
        } catch let error as RoundError {
            throw Console.setupFailure(error.localizedDescription)
        } catch {
            throw Console.setupFailure("cannot record the round in \(out): \((error as? LocalizedError)?.errorDescription ?? "\(error)")")
        }
        Console.out(language("round \(year) \(update ? "updated" : "opened"): format \(format), deadline \(deadline), "
            + "\(entries.count) project\(entries.count == 1 ? "" : "s") on the roster. Dataset: \(out)/",
            "runde \(year) \(update ? "opdateret" : "åbnet"): format \(format), frist \(deadline), "
            + "\(entries.count) \(entries.count == 1 ? "projekt" : "projekter") på deltagerlisten. Datasæt: \(out)/"))
    }
}

struct RoundListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The rounds of a dataset, with their rosters' sizes.")

    @Option(name: .long, help: ArgumentHelp("The dataset folder.", valueName: "dir"))
    var out: String = "intake-data"

    @Option(name: .long, help: MessageLanguage.help("Language of the list"))
    var language: MessageLanguage = .fromEnvironment()

    func run() throws {
        do {
            let store = try IntakeStore(readingFrom: URL(fileURLWithPath: out))
            for round in try store.rounds() {
                let projects = try store.roster(of: round.year).count
                Console.out(language("\(round.year)  \(round.format)  deadline \(round.deadline)  \(projects) projects",
                                     "\(round.year)  \(round.format)  frist \(round.deadline)  \(projects) \(projects == 1 ? "projekt" : "projekter")"))
            }
        } catch {
            throw Console.datasetFailure(error, cannot: .read(out), danish: language == .da)
        }
    }
}

/// `survey-intake links --round YEAR --out DIR --base-url URL [--format csv|json] [--reissue]`.
struct LinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Issue one secret submission link per roster project of a round.",
        discussion: """
        Each link is BASE/r/TOKEN, TOKEN 32 random bytes; the store keeps only its SHA-256, so \
        a link is shown once, here: hand it to its lead. It expires at the end of the day \
        --grace-days after the round's deadline. Run again, it issues links only to projects \
        without an active one; --reissue revokes every earlier link of the round and issues new ones.

        Example:
          survey-intake links --round 2024 --out intake-data --base-url https://indberetning.example.dk > links.csv

        Exit status: 0, 2 usage or setup error (no such round, links that would already have expired).
        """)

    enum LinkFormat: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @Option(name: .long, help: ArgumentHelp("The round.", valueName: "year"))
    var round: Int

    @Option(name: .long, help: ArgumentHelp("The dataset folder.", valueName: "dir"))
    var out: String = "intake-data"

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Where `serve` is reached, e.g. https://indberetning.example.dk.", valueName: "url"))
    var baseURL: String

    @Option(name: .long, help: "Output: csv (project_id, lead_email, url, expires_at) or json.")
    var format: LinkFormat = .csv

    @Option(name: .customLong("grace-days"), help: "Days after the deadline that the links still work.")
    var graceDays: Int = 14

    @Flag(name: .long, help: "Revoke every earlier link of the round and issue new ones.")
    var reissue = false

    @Option(name: .long, help: ArgumentHelp("Also write one draft invitation (.eml, Danish and English) per link issued into this folder.",
                                            valueName: "dir"))
    var letters: String?

    @Option(name: .long, help: ArgumentHelp("The letters' sender: 'Name <address>' or 'address'.", valueName: "sender"))
    var from: String?

    @Option(name: .long, help: MessageLanguage.help("Language of the messages (the invitations are in Danish and English either way)"))
    var language: MessageLanguage = .fromEnvironment()

    func validate() throws {
        guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw ValidationError("--base-url '\(baseURL)' is not an http(s) address such as https://indberetning.example.dk")
        }
        guard graceDays >= 0 else { throw ValidationError("--grace-days must be 0 or more") }
        if let from, FollowUpLetterComposer.sender(from: from) == nil {
            throw ValidationError("--from '\(from)' is not 'Name <address>' or 'address'")
        }
    }

    func run() throws {
        let now = Timestamp.now()
        let result: SubmissionLinks.Outcome
        let round: Round
        do {
            let store = try IntakeStore(existingIn: URL(fileURLWithPath: out))
            let rounds = try store.rounds()
            guard let found = rounds.first(where: { $0.year == self.round }) else {
                throw RoundError.unknownRound(self.round, known: rounds.map(\.year))
            }
            round = found
            // The deadline was checked as a date when the round was opened.
            let expiry = SubmissionLinks.expiry(deadline: round.deadline, graceDays: graceDays) ?? round.deadline
            guard expiry > now else {
                throw Console.setupFailure(language("links for round \(self.round) would expire at \(expiry), which has passed: "
                    + "give more --grace-days, or a later deadline with round open \(self.round) --update",
                    "links til runde \(self.round) ville udløbe \(expiry), og det tidspunkt er passeret: "
                    + "giv flere --grace-days, eller en senere frist med round open \(self.round) --update"))
            }
            result = try SubmissionLinks.issue(store: store, round: round, expiresAt: expiry, baseURL: baseURL,
                                               reissue: reissue, now: now, actor: AnalystCommand.actor())
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Console.datasetFailure(error, cannot: .issueLinks(out), danish: language == .da)
        }
        for link in result.skipped {
            Console.error(language("survey-intake: \(link.projectId) already has an active link (issued \(link.createdAt), expires "
                + "\(link.expiresAt)); none issued. --reissue revokes it and issues a new one",
                "survey-intake: \(link.projectId) har allerede et aktivt link (udstedt \(link.createdAt), udløber "
                + "\(link.expiresAt)); intet nyt udstedt. --reissue tilbagekalder det og udsteder et nyt"))
        }
        if let letters { try writeLetters(result.issued, context: (round, result.roster), into: letters) }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Console.json(String(decoding: (try? encoder.encode(result.issued)) ?? Data("[]".utf8), as: UTF8.self))
        case .csv:
            let table = CSVTable.bytes(header: ["project_id", "lead_email", "url", "expires_at"],
                                       rows: result.issued.map { [$0.projectId, $0.leadEmail, $0.url, $0.expiresAt] })
            // Every value is the tool's own or was validated on the roster (ids, addresses): nothing to escape.
            FileHandle.standardOutput.write(Data(table))
        }
    }

    /// One draft invitation per link issued, `PROJECT_ID.eml` (project ids are checked on the roster).
    private func writeLetters(_ issued: [SubmissionLinks.Issued], context: (round: Round, roster: [RosterEntry]),
                              into folder: String) throws {
        let composer = InvitationLetter(sender: from.flatMap(FollowUpLetterComposer.sender) ?? FollowUpLetterComposer.defaultSender,
                                        date: FollowUpLetterComposer.letterDate())
        let directory = URL(fileURLWithPath: folder)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for link in issued {
                guard let entry = context.roster.first(where: { $0.projectId == link.projectId }),
                      let letter = composer.letter(round: context.round, entry: entry, url: link.url, expiresAt: link.expiresAt) else {
                    Console.error(language("survey-intake: warning: \(link.projectId) has no valid lead_email on the roster; no letter written, "
                        + "hand its link over another way",
                        "survey-intake: warning: \(link.projectId) har ingen gyldig lead_email på deltagerlisten; intet brev skrevet, "
                        + "giv linket videre på anden vis"))
                    continue
                }
                try Data(letter.encoded().utf8).write(to: directory.appendingPathComponent("\(link.projectId).eml"), options: .atomic)
            }
        } catch {
            let why = (error as NSError).localizedFailureReason
            throw Console.setupFailure(language("cannot write the letters to \(folder): \(why ?? "check that it is a folder you may write")",
                                                "brevene kan ikke skrives i \(folder): \(why ?? "tjek, at det er en mappe, du må skrive i")"))
        }
        if from == nil { Console.placeholderSender(danish: language == .da) }
    }
}
