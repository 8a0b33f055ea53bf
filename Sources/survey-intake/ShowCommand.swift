import ArgumentParser
import Foundation
import SurveyIntake
import SurveyModel
import SurveyStore

/// `survey-intake show ID`: one submission (by submission_id) or file (by SHA-256) from the
/// dataset — status, origin, findings, history — or, with `--original`, its bytes exactly as
/// received.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one stored submission or file; --original writes its bytes as received.",
        discussion: """
        ID is a submission_id, or the SHA-256 of a stored file's content (its first 8 or more \
        hex digits will do when they are unique), as listed in submissions.csv and rejected.csv.

        Examples:
          survey-intake show SP-2022-011-r1 --out intake-data
          survey-intake show 3f2a9c1e --out intake-data --original > original.xml

        Exit status: 0 shown, 2 unknown id or no dataset.
        """)

    @Argument(help: "A submission_id, or a file's SHA-256 (or its first 8+ hex digits).")
    var id: String

    @Option(name: .long, help: ArgumentHelp("The dataset folder that ingest wrote.", valueName: "dir"))
    var out: String = "intake-data"

    @Flag(name: .long, help: "Write the stored original bytes, exactly as received, to standard output.")
    var original = false

    @Option(name: .long, help: "Output: text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: MessageLanguage.help("Language of the text output and of the messages"))
    var language: MessageLanguage = .fromEnvironment()

    func run() throws {
        let store: IntakeStore
        let item: StoredItem
        do {
            store = try IntakeStore(readingFrom: URL(fileURLWithPath: out))
            guard let found = try store.lookUp(id) else {
                throw Console.setupFailure(language == .da
                    ? "ingen indberetning eller fil \(id) i \(out): angiv et submission_id eller en SHA-256 "
                        + "(8 eller flere hex-cifre) fra \(out)/csv/submissions.csv eller rejected.csv"
                    : "no submission or file \(id) in \(out): give a submission_id or a SHA-256 "
                        + "(8 or more hex digits) from \(out)/csv/submissions.csv or rejected.csv")
            }
            item = found
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Console.datasetFailure(error, cannot: .read(out), danish: language == .da)
        }
        if original {
            guard let sha256 = item.sha256, let bytes = try store.original(sha256: sha256) else {
                throw Console.setupFailure("the dataset in \(out) does not hold the original of \(id): it was never read "
                    + "(unreadable or too large), or was ingested before originals were kept; ingest the file again to keep it")
            }
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        let analyst: AnalystDecisions
        do {
            analyst = try AnalystDecisions(item.submissionId, in: store)
        } catch {
            throw Console.datasetFailure(error, cannot: .read(out), danish: language == .da)
        }
        switch format {
        case .json: Console.json(json(item, analyst))
        case .text: text(item, analyst).forEach(Console.out)
        }
    }

    private func text(_ item: StoredItem, _ analyst: AnalystDecisions) -> [String] {
        let danish = language == .da
        func say(_ english: String, _ danish: String) -> String { language == .da ? danish : english }
        /// `  label:      value`, the values lined up.
        func field(_ english: String, _ danish: String, _ value: String) -> String {
            "  " + (say(english, danish) + ":").padding(toLength: language == .da ? 17 : 14, withPad: " ", startingAt: 0) + value
        }
        var lines: [String] = []
        switch item.kind {
        case .submission:
            lines.append(say("submission ", "indberetning ") + (item.submissionId ?? ""))
            lines.append(field("project", "projekt", "\(item.projectId ?? "") \(say("round", "runde")) \(item.round.map(String.init) ?? "")"))
            lines.append(field("status", "status", item.status))
            if let withdrawal = analyst.withdrawal {
                lines.append(field("withdrawn", "trukket tilbage",
                                   say("by \(withdrawal.analyst) at \(withdrawal.at): ", "af \(withdrawal.analyst) \(withdrawal.at): ") + withdrawal.reason))
            }
            for (position, correction) in analyst.corrections {
                let note = correction.note.map { ": \($0)" } ?? ""
                lines.append(field("corrected", "rettet", "challenges[\(position)] → \(correction.code) (\(correction.scope.subject), "
                    + say("by \(correction.analyst) at \(correction.at)", "af \(correction.analyst) \(correction.at)") + "\(note))"))
            }
            lines.append(field("submitted at", "indsendt", item.submittedAt ?? ""))
            if let completeness = item.completeness {
                let figure = String(format: "%.2f", completeness)
                lines.append(field("completeness", "fuldstændighed", danish ? figure.replacingOccurrences(of: ".", with: ",") : figure))
            }
        case .rejection:
            lines.append(say("rejected file (\(item.status))", "afvist fil (\(item.status))"))
        }
        lines.append(field("origin", "oprindelse", "\(item.origin.kind.rawValue) \(item.origin.name)"))
        lines.append(field("sha256", "sha256", item.sha256 ?? say("(not read)", "(ikke læst)")))
        lines.append(field("ingested at", "indlæst", item.ingestedAt))
        lines.append(field("original", "original", item.hasOriginal
            ? say("kept (show \(id) --original)", "gemt (show \(id) --original)") : say("not kept", "ikke gemt")))
        if !item.history.isEmpty {
            lines.append(say("  history (oldest first):", "  historik (ældste først):"))
            for entry in item.history {
                let marker = entry.submissionId == item.submissionId ? "*" : " "
                lines.append("   \(marker) \(entry.submittedAt)  \(entry.status.padding(toLength: 10, withPad: " ", startingAt: 0)) "
                    + "\(entry.submissionId)  \(entry.source)")
            }
        }
        lines.append(say("  findings: ", "  fund: ") + "\(item.findings.count)")
        lines += item.findings.map { "    " + $0.localized(danish: danish).formatted }
        return lines
    }

    private func json(_ item: StoredItem, _ analyst: AnalystDecisions) -> String {
        struct Output: Encodable {
            var kind: String
            var submission_id: String?
            var sha256: String?
            var origin_kind: String
            var source: String
            var status: String
            var project_id: String?
            var round: Int?
            var submitted_at: String?
            var ingested_at: String
            var completeness: Double?
            var original_kept: Bool
            var findings: [Finding]
            var history: [History]
            var withdrawal: Withdrawal?
            var corrections: [Correction]
        }
        struct Correction: Encodable {
            var position: Int
            var category: String
            var subcategory: String?
            var scope: String
            var analyst: String
            var at: String
            var note: String?
        }
        struct History: Encodable {
            var submission_id: String
            var submitted_at: String
            var status: String
            var source: String
        }
        let output = Output(
            kind: item.kind.rawValue, submission_id: item.submissionId, sha256: item.sha256,
            origin_kind: item.origin.kind.rawValue, source: item.origin.name, status: item.status,
            project_id: item.projectId, round: item.round, submitted_at: item.submittedAt, ingested_at: item.ingestedAt,
            completeness: item.completeness, original_kept: item.hasOriginal, findings: item.findings,
            history: item.history.map { History(submission_id: $0.submissionId, submitted_at: $0.submittedAt, status: $0.status,
                                                source: $0.source) },
            withdrawal: analyst.withdrawal,
            corrections: analyst.corrections.map {
                Correction(position: $0.position, category: $0.correction.category, subcategory: $0.correction.subcategory,
                           scope: $0.correction.scope.subject, analyst: $0.correction.analyst, at: $0.correction.at,
                           note: $0.correction.note)
            })
        let encoder = JSONEncoder()
        // snake_case, as the CSV files (a finding's messageDanish is message_danish).
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(output)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// What analysts decided about one submission: its withdrawal, the corrections of its challenges.
struct AnalystDecisions {
    var withdrawal: Withdrawal?
    var corrections: [(position: Int, correction: CategoryCorrection)] = []

    init(_ id: String?, in store: IntakeStore) throws {
        guard let id else { return }
        withdrawal = try store.withdrawal(of: id)
        corrections = try store.corrections(of: id, fold: TextFolding.fold)
    }
}
