import ArgumentParser
import Foundation
import SurveyIntake
import SurveyModel
import SurveyStore

/// `survey-intake correct`: an analyst's category for one challenge, or for a label text in
/// every submission that uses it; `--list` and `--remove ID`.
struct CorrectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Set the category of one challenge, or of a label everywhere it is used; list or remove corrections.",
        discussion: """
        A correction wins over the classifier: the challenge's category_source becomes analyst \
        in challenges.csv. A challenge's own correction wins over its label's; a label \
        correction applies to every challenge whose label is the same text after folding \
        (case, accents, punctuation: "Datakvalitet " and "datakvalitet" are one label), except \
        those the lead coded. It applies at once to every stored submission, current, \
        superseded or withdrawn, and again to whatever later ingests and rebuilds store. A new \
        correction of the same challenge or label replaces the old one. --category takes a \
        top-level code or a subcategory (data.quality); codes come from the vocabulary \
        (--schemas). Each correction and removal is in the audit log (survey-intake log); the \
        exports are rewritten. survey-intake taxonomy suggest turns corrections into synonyms.

        Examples:
          survey-intake correct SP-2022-011-r1 --challenge 2 --category legal \\
              --subcategory legal.gdpr --note "GDPR, not data access" --out intake-data
          survey-intake correct --label "Corona" --category project-management.resources \\
              --out intake-data
          survey-intake correct --list --out intake-data
          survey-intake correct --remove 3 --out intake-data

        Exit status: 0 done, 2 an unknown id, challenge, correction or code, or another usage error.
        """)

    @Argument(help: ArgumentHelp("The submission whose challenge is corrected (with --challenge).", valueName: "submission-id"))
    var id: String?

    @Option(name: .long, help: ArgumentHelp("The challenge's position, 1-based (challenges[N] in flags).", valueName: "n"))
    var challenge: Int?

    @Option(name: .long, help: ArgumentHelp("A label text: every challenge with this label.", valueName: "text"))
    var label: String?

    @Option(name: .long, help: ArgumentHelp("The category code, or a subcategory code (data.quality).", valueName: "code"))
    var category: String?

    @Option(name: .long, help: ArgumentHelp("The subcategory code, under --category.", valueName: "code"))
    var subcategory: String?

    @Option(name: .long, help: ArgumentHelp("Why, for the audit log.", valueName: "text"))
    var note: String?

    @Flag(name: .long, help: "List the corrections in force.")
    var list = false

    @Option(name: .long, help: ArgumentHelp("Remove the correction with this id (from --list).", valueName: "id"))
    var remove: Int64?

    @Option(name: .long, help: "Output of --list: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var options: AnalystActionOptions

    func validate() throws {
        let modes = [challenge != nil || id != nil, label != nil, list, remove != nil].filter { $0 }.count
        guard modes == 1 else {
            throw ValidationError(options.say(
                "give one of: SUBMISSION_ID --challenge N, --label TEXT, --list, --remove ID",
                "giv én af: SUBMISSION_ID --challenge N, --label TEKST, --list, --remove ID"))
        }
        if id != nil || challenge != nil {
            guard id != nil, let challenge else {
                throw ValidationError(options.say("a challenge correction needs both SUBMISSION_ID and --challenge N",
                                                  "en rettelse af en udfordring kræver både SUBMISSION_ID og --challenge N"))
            }
            guard challenge >= 1 else {
                throw ValidationError(options.say("--challenge counts from 1 (got \(challenge))",
                                                  "--challenge tæller fra 1 (fik \(challenge))"))
            }
        }
        if list || remove != nil {
            guard category == nil, subcategory == nil else {
                throw ValidationError(options.say("--category and --subcategory go with a correction, not with --list or --remove",
                                                  "--category og --subcategory hører til en rettelse, ikke til --list eller --remove"))
            }
        } else if category == nil {
            throw ValidationError(options.say("give the category: --category CODE", "giv kategorien: --category KODE"))
        }
    }

    func run() throws {
        let vocabularies = try options.loadVocabularies()
        if list { return try printList() }
        if let remove {
            let removed = try options.change(vocabularies: vocabularies) { store in
                do {
                    return try store.removeCorrection(remove, note: analystText(note), analyst: options.who, at: Timestamp.now(),
                                                      fold: TextFolding.fold)
                } catch CorrectionRefusal.noSuchCorrection(let id) {
                    throw Console.setupFailure(options.say(
                        "no correction \(id) in force in \(options.out); survey-intake correct --list shows them",
                        "ingen gældende rettelse \(id) i \(options.out); survey-intake correct --list viser dem"))
                }
            }
            Console.line(options.say("removed correction \(remove): \(removed.scope.subject) → \(removed.code)",
                                     "rettelse \(remove) fjernet: \(removed.scope.subject) → \(removed.code)"))
            return
        }
        let code = try CorrectionCodes(taxonomy: vocabularies.challenges, options: options)
            .resolve(category: category ?? "", subcategory: subcategory)
        let scope: CorrectionScope
        if let label {
            scope = .label(key: TextFolding.fold(label), label: label.trimmingCharacters(in: .whitespacesAndNewlines))
        } else {
            scope = .challenge(submissionId: id ?? "", position: challenge ?? 0)
        }
        let (_, applied) = try options.change(vocabularies: vocabularies) { store in
            do {
                return try store.correct(scope, category: code.category, subcategory: code.subcategory, note: analystText(note),
                                         analyst: options.who, at: Timestamp.now(), fold: TextFolding.fold)
            } catch CorrectionRefusal.noSuchChallenge(let id, let position, let count) {
                throw Console.setupFailure(options.say(
                    "submission \(id) has no challenge \(position): it has \(count) (--challenge 1–\(count))",
                    "indberetning \(id) har ingen udfordring \(position): den har \(count) (--challenge 1–\(count))"))
            } catch CorrectionRefusal.emptyLabel(let text) {
                throw Console.setupFailure(options.say(
                    "--label '\(text)' has no letters or digits; give the label as the leads wrote it",
                    "--label '\(text)' har ingen bogstaver eller cifre; giv etiketten, som projektlederne skrev den"))
            }
        }
        let placed = code.subcategory ?? code.category
        Console.line(options.say(
            "\(scope.subject) → \(placed) (by \(options.who)): \(applied) stored challenge\(applied == 1 ? "" : "s") now \(placed)",
            "\(scope.subject) → \(placed) (af \(options.who)): \(applied) gemt\(applied == 1 ? "" : "e") udfordring\(applied == 1 ? "" : "er") nu \(placed)"))
    }

    private func printList() throws {
        let corrections: [CategoryCorrection]
        do {
            corrections = try IntakeStore(readingFrom: URL(fileURLWithPath: options.out)).corrections()
        } catch {
            throw Console.datasetFailure(error, cannot: .read(options.out), danish: options.danish)
        }
        switch format {
        case .text:
            if corrections.isEmpty { Console.line(options.say("no corrections", "ingen rettelser")) }
            for correction in corrections {
                let note = correction.note.map { ": \($0)" } ?? ""
                Console.line("\(correction.id)  \(correction.scope.subject) → \(correction.code)  \(correction.at)  \(correction.analyst)\(note)")
            }
        case .json:
            struct Entry: Encodable {
                var id: Int64
                var scope: String
                var submission_id: String?
                var position: Int?
                var label: String?
                var category: String
                var subcategory: String?
                var analyst: String
                var at: String
                var note: String?
            }
            let entries = corrections.map { correction -> Entry in
                var entry = Entry(id: correction.id, scope: "label", category: correction.category, subcategory: correction.subcategory,
                                  analyst: correction.analyst, at: correction.at, note: correction.note)
                switch correction.scope {
                case .challenge(let id, let position):
                    entry.scope = "challenge"
                    entry.submission_id = id
                    entry.position = position
                case .label(_, let label): entry.label = label
                }
                return entry
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Console.json(String(decoding: try encoder.encode(entries), as: UTF8.self))
        }
    }
}

/// Checks a correction's codes against the challenge taxonomy.
struct CorrectionCodes {
    var taxonomy: Vocabulary
    var options: AnalystActionOptions

    /// The category and subcategory named by `--category` (a category, or a subcategory whose
    /// parent is then the category) and `--subcategory`.
    func resolve(category: String, subcategory: String?) throws -> (category: String, subcategory: String?) {
        let category = category.trimmingCharacters(in: .whitespaces)
        if let entry = taxonomy.entry(code: category), let parent = entry.parent, subcategory == nil || subcategory == category {
            return (parent, category)
        }
        guard taxonomy.codes.contains(category) else {
            throw Console.setupFailure(options.say(
                "--category: '\(category)' is not a category of the taxonomy; the categories are: \(taxonomy.codes.joined(separator: ", "))",
                "--category: '\(category)' er ikke en kategori i taksonomien; kategorierne er: \(taxonomy.codes.joined(separator: ", "))"))
        }
        guard let subcategory = subcategory?.trimmingCharacters(in: .whitespaces) else { return (category, nil) }
        let codes = taxonomy.subentries(of: category).map(\.code)
        guard codes.contains(subcategory) else {
            let known = codes.isEmpty ? options.say("it has none", "den har ingen") : codes.joined(separator: ", ")
            throw Console.setupFailure(options.say(
                "--subcategory: '\(subcategory)' is not a subcategory of \(category); its subcategories are: \(known)",
                "--subcategory: '\(subcategory)' er ikke en underkategori af \(category); dens underkategorier er: \(known)"))
        }
        return (category, subcategory)
    }
}
