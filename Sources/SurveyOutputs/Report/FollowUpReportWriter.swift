import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore

/// One output format of `survey-intake report`. The Markdown and HTML writers conform: both
/// write the same sections, in the same order, from the same `FollowUpReport`.
///
///     let html = HTMLReportWriter().write(try FollowUpReport(store: store))
public protocol FollowUpReportWriter: Sendable {
    /// The `--format` name: `md`, `html`.
    static var identifier: String { get }
    /// The whole document, ending with a line break.
    func write(_ report: FollowUpReport) -> String
}

/// The words both writers use for codes and numbers, so the two outputs never disagree.
enum ReportWording {
    static let title = "Follow-up report: status reports of the AI signature projects"

    /// A code's label from the vocabularies (`labels`, see `ReportOrder`): `project-management` →
    /// "Project management"; "Not stated" for answers not given; unknown codes as they are.
    static func label(_ code: String, _ labels: [String: String]) -> String {
        labels[code] ?? (code == CrossTable.notStated ? "Not stated" : code)
    }

    /// The headings of the findings-by-rule columns.
    static func rule(_ rule: CompletenessRule) -> String {
        switch rule {
        case .missing: return "Missing"
        case .placeholder: return "Placeholder"
        case .conditional: return "Conditional"
        case .invalidFormat: return "Invalid format"
        case .unmapped: return "Unmapped"
        case .noChallenges: return "No challenges"
        case .encoding: return "Wrong encoding"
        }
    }

    /// `0.9375` → "93.8%".
    static func percent(_ fraction: Double) -> String {
        String(format: "%.1f%%", fraction * 100)
    }

    /// `part` of `whole` as a whole percentage: "25%"; "<1%" for a small part that is not
    /// nothing; "–" when `whole` is 0.
    static func share(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "–" }
        let percent = Int((Double(part) * 100 / Double(whole)).rounded())
        return part > 0 && percent == 0 ? "<1%" : "\(percent)%"
    }

    /// A cross-table cell: "3 (25%)" with the share of its column, or "0".
    static func cell(_ count: Int, columnTotal: Int) -> String {
        count == 0 ? "0" : "\(count) (\(share(count, of: columnTotal)))"
    }

    /// At most `limit` project ids, then "and N more".
    static func projects(_ ids: [String], limit: Int = 8) -> String {
        guard ids.count > limit else { return ids.joined(separator: ", ") }
        return ids.prefix(limit).joined(separator: ", ") + " and \(ids.count - limit) more"
    }

    /// The current submissions of each of `table`'s round columns, for the mitigations' footer.
    static func submissions(in report: FollowUpReport, rounds: [String]) -> [Int] {
        rounds.map { round in report.completenessByRound.first { $0.key == round }?.submissions ?? 0 }
    }

    private static let questions: [String: String] = [
        "challenges[N].category": "Challenge category", "mitigations[N]": "General measure",
        "mitigations[N].code": "Kind of general measure", "project.phase": "Project phase", "project.domain": "Policy domain",
        "project.authorityType": "Authority type", "project.status": "Project status",
        "challenges[N].severity": "Challenge severity", "challenges[N].resolved": "Challenge resolved",
    ]

    /// A field pattern as a question: `challenges[N].category` → "Challenge category"; others as they are.
    static func question(_ field: String) -> String {
        questions[field] ?? field
    }

    /// The rules that occur among the listed projects (columns with only zeros left out).
    static func findingRules(_ report: FollowUpReport) -> [CompletenessRule] {
        CompletenessRule.allCases.filter { rule in report.projectsWithMostFindings.contains { ($0.byRule[rule] ?? 0) > 0 } }
    }

    static let findingsHeader = ["Project", "Title", "Lead", "Rounds", "Open findings", "By rule"]

    /// The rows of the most-open-findings table: project, title, lead, rounds, total, and the
    /// findings by rule ("2 missing, 1 placeholder").
    static func findingsRows(_ report: FollowUpReport) -> [[String]] {
        report.projectsWithMostFindings.map { project in
            let byRule = CompletenessRule.allCases.compactMap { rule in project.byRule[rule].map { "\($0) \(rule.rawValue)" } }
            return [project.projectId, project.title ?? "", project.leadName ?? "",
                    project.rounds.map(String.init).joined(separator: ", "), String(project.total),
                    byRule.joined(separator: ", ")]
        }
    }

    /// The severity or resolution table's rows: category, challenges, then a count per column.
    static func outcomeRows(_ table: CrossTable, _ labels: [String: String]) -> [[String]] {
        table.rows.enumerated().map { r, key in
            [label(key, labels), String(table.rowTotals[r])] + table.counts[r].map(String.init)
        }
    }

    static func unplaced(_ count: Int) -> String {
        count == 1 ? "1 measure could not be placed and is counted under Other."
            : "\(count) measures could not be placed and are counted under Other."
    }

    static func scope(_ report: FollowUpReport) -> String {
        report.round.map { "Round \($0) only." } ?? "All rounds."
    }

    static func overview(_ report: FollowUpReport) -> [(String, Int)] {
        let overview = report.overview
        return [("projects", overview.projects), ("current submissions", overview.currentSubmissions),
                ("challenges", overview.challenges), ("open findings", overview.openFindings),
                ("rejected files", overview.rejectedFiles)]
    }

    static let flagStatesHeader = ["Round", "Open", "Asked", "Answered", "Waived", "Median days to answer"]

    /// Per round: the flags in each state, and the median days from first asked to answered
    /// ("2.5 (4 flags)"; "–" when no asked flag was answered yet).
    static func flagStatesRows(_ report: FollowUpReport) -> [[String]] {
        report.flagStatesByRound.map { round in
            let median = round.medianDaysToAnswer.map {
                String(format: "%.1f", $0) + " (\(round.answeredAfterAsking) flag\(round.answeredAfterAsking == 1 ? "" : "s"))"
            } ?? "–"
            return [String(round.round)] + FlagState.allCases.map { String(round.byState[$0] ?? 0) } + [median]
        }
    }

    // The short explanations under each heading, shared by both formats.
    static let rejectionsNote = "A rejected file is counted under the round it names when it was read far enough to tell "
        + "(most schema-invalid files are); one that was not (not well-formed, refused unread) is counted under "
        + "\"round not known\", and is listed with every round asked for."

    /// A row of the rejected files' table: round (or "round not known"), reason, format, files.
    static func rejectionRow(_ count: FollowUpReport.RejectionCount) -> [String] {
        [count.round.map(String.init) ?? "round not known", count.reason, count.format ?? "not identified", String(count.files)]
    }
    static let completenessNote = "Completeness is the share of required questions answered (not blank, not a "
        + "placeholder), averaged over the current submissions."
    static let phaseNote = "How the challenges change over a project's life: each column is the phase the project "
        + "reported, and each cell counts the challenges reported in that phase, with its share of the column."
    static let roundNote = "The challenges reported in each round, with each category's share of the round."
    static let severityNote = "Severity and resolution of the challenges in each category, as the leads rated them."
    static let mitigationNote = "How many current submissions list each kind of general measure."
    static let unmappedNote = "For whoever maintains the taxonomy and vocabularies: challenge labels, measures and "
        + "answers that could not be placed. They are kept as written and counted under Other."
    static let findingsNote = "The projects whose current submissions have the most open findings, by rule. "
        + "survey-intake flags lists them by project lead and writes the follow-up letters."
    static let flagStatesNote = "What became of each flag (one question of a project's report for a round, the same in "
        + "every revision): open, asked (a follow-up letter or a receipt listed it), answered (a later revision no "
        + "longer has it) or waived (an analyst decided it does not matter). The days to an answer run from when a "
        + "flag was first asked to when the revision without it arrived."
}

extension ReportOrder {
    /// Every code in vocabulary order: the report's rows and columns.
    public init(vocabularies: Vocabularies, danish: Bool = false) {
        self.init(authorityTypes: vocabularies.authorityTypes.codes, categories: vocabularies.challenges.codes,
                  phases: vocabularies.phases.codes, severities: vocabularies.severity.codes,
                  resolved: vocabularies.resolved.codes, mitigations: vocabularies.mitigations.codes)
        // The first vocabulary to name a code labels it ("other" is a category and a measure).
        for vocabulary in [vocabularies.challenges, vocabularies.phases, vocabularies.authorityTypes, vocabularies.severity,
                           vocabularies.resolved, vocabularies.mitigations] {
            for entry in vocabulary.categories where labels[entry.code] == nil {
                labels[entry.code] = danish ? entry.danishLabel : entry.englishLabel
            }
        }
    }
}
