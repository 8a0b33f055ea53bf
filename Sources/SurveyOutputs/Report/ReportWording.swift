import Foundation
import SurveyModel

/// The language of `survey-intake report --language`: every word of the report, its numbers
/// ("98.5%" or "98,5 %") and the page's `lang`. The labels of codes come in the report's
/// language from `ReportOrder(vocabularies:danish:)`.
public enum ReportLanguage: String, Sendable, Hashable, CaseIterable {
    case en
    case da

    /// The `lang` attribute of the HTML page in this language.
    var code: String { rawValue }
}

/// The words and numbers of the report, in Danish and English, shared by both writers so the two
/// outputs never disagree. Headings, notes and captions are in ReportWording+Text.swift; the
/// sections that follow the conversation in ReportWording+Rounds.swift.
struct ReportWording {
    var language: ReportLanguage

    /// `danish` or `english`, whichever the report is written in.
    func words(_ danish: String, _ english: String) -> String {
        language == .da ? danish : english
    }

    /// A code's label from the vocabularies (`labels`, see `ReportOrder`): `project-management` →
    /// "Project management"; "Not stated" for answers not given; unknown codes as they are.
    func label(_ code: String, _ labels: [String: String]) -> String {
        labels[code] ?? (code == CrossTable.notStated ? words("Ikke angivet", "Not stated") : code)
    }

    // MARK: Numbers

    /// A decimal number with `digits` decimals: "2.5", in Danish "2,5".
    func decimal(_ value: Double, digits: Int = 1) -> String {
        let text = String(format: "%.\(digits)f", value)
        return language == .da ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// A whole or decimal percentage with its sign: "25%", in Danish "25 %" (a space before the sign).
    func percentSign(_ number: String) -> String {
        language == .da ? "\(number) %" : "\(number)%"
    }

    /// `0.9375` → "93.8%", in Danish "93,8 %".
    func percent(_ fraction: Double) -> String {
        percentSign(decimal(fraction * 100))
    }

    /// `part` of `whole` as a whole percentage: "25%"; "<1%" for a small part that is not
    /// nothing; "–" when `whole` is 0. In Danish "25 %", "< 1 %".
    func share(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "–" }
        let percent = Int((Double(part) * 100 / Double(whole)).rounded())
        return part > 0 && percent == 0 ? words("< 1 %", "<1%") : percentSign(String(percent))
    }

    /// A cross-table cell: "3 (25%)" with the share of its column, or "0".
    func cell(_ count: Int, columnTotal: Int) -> String {
        count == 0 ? "0" : "\(count) (\(share(count, of: columnTotal)))"
    }

    /// A completeness band as a column heading: "90–99%", in Danish "90–99 %".
    func band(_ band: FollowUpReport.CompletenessBand) -> String {
        percentSign(band.range)
    }

    /// When the report was made: "Generated 2022-12-01T09:00:00Z.", in Danish "Udarbejdet
    /// 1. december 2022 kl. 09.00 UTC." (the time as stored when it is not a UTC time).
    func generated(_ report: FollowUpReport) -> String {
        let at = report.generatedAt
        guard language == .da else { return "Generated \(at). \(scope(report))" }
        let time = Array(at.dropFirst(11).prefix(5))
        if let day = LetterText.date(at), at.hasSuffix("Z"), time.count == 5, time[2] == ":" {
            return "Udarbejdet \(day) kl. \(String(time[0..<2])).\(String(time[3..<5])) UTC. \(scope(report))"
        }
        return "Udarbejdet \(at). \(scope(report))"
    }

    func scope(_ report: FollowUpReport) -> String {
        report.round.map { words("Kun runde \($0).", "Round \($0) only.") } ?? words("Alle runder.", "All rounds.")
    }

    // MARK: Codes and rows

    /// The headings of the findings-by-rule columns.
    func rule(_ rule: CompletenessRule) -> String {
        switch rule {
        case .missing: words("Ubesvaret", "Missing")
        case .placeholder: words("Pladsholder", "Placeholder")
        case .conditional: words("Betinget", "Conditional")
        case .invalidFormat: words("Ugyldigt format", "Invalid format")
        case .unmapped: words("Ikke placeret", "Unmapped")
        case .noChallenges: words("Ingen udfordringer", "No challenges")
        case .encoding: words("Forkert tegnsæt", "Wrong encoding")
        }
    }

    /// A rejection reason: its code as in `rejected.csv`, in Danish with what it means first.
    func reason(_ code: String) -> String {
        guard language == .da, let reason = RejectionReason(rawValue: code) else { return code }
        let meaning = switch reason {
        case .notWellFormed: "ikke velformet XML"
        case .forbiddenDTD: "DOCTYPE ikke tilladt"
        case .schemaInvalid: "strider mod skemaet"
        case .unknownQuestionnaire: "ukendt spørgeskema"
        case .conflict: "konflikt med en gemt indberetning"
        case .tooLarge: "for stor"
        case .unreadable: "kan ikke læses"
        case .notThisLink: "sendt med et andet projekts eller en anden rundes link"
        }
        return "\(meaning) (\(code))"
    }

    /// A row of the rejected files' table: round (or "round not known"), reason, format, files.
    func rejectionRow(_ count: FollowUpReport.RejectionCount) -> [String] {
        [count.round.map(String.init) ?? words("runde ukendt", "round not known"), reason(count.reason),
         count.format ?? notIdentified, String(count.files)]
    }

    /// At most `limit` project ids, then "and N more".
    func projects(_ ids: [String], limit: Int = 8) -> String {
        guard ids.count > limit else { return ids.joined(separator: ", ") }
        return ids.prefix(limit).joined(separator: ", ") + words(" og \(ids.count - limit) til", " and \(ids.count - limit) more")
    }

    /// The current submissions of each of `table`'s round columns, for the mitigations' footer.
    static func submissions(in report: FollowUpReport, rounds: [String]) -> [Int] {
        rounds.map { round in report.completenessByRound.first { $0.key == round }?.submissions ?? 0 }
    }

    /// A field pattern as a question: `challenges[N].category` → "Challenge category"; others as they are.
    func question(_ field: String) -> String {
        let questions: [String: (String, String)] = [
            "challenges[N].category": ("Udfordringens kategori", "Challenge category"),
            "mitigations[N]": ("Generelt tiltag", "General measure"),
            "mitigations[N].code": ("Type af generelt tiltag", "Kind of general measure"),
            "project.phase": ("Projektets fase", "Project phase"), "project.domain": ("Område", "Policy domain"),
            "project.authorityType": ("Myndighedstype", "Authority type"), "project.status": ("Projektets status", "Project status"),
            "challenges[N].severity": ("Udfordringens alvorlighed", "Challenge severity"),
            "challenges[N].resolved": ("Er udfordringen løst?", "Challenge resolved"),
        ]
        return questions[field].map { words($0.0, $0.1) } ?? field
    }

    /// What a lead wrote where a label could not be placed; "(no label)" when nothing was.
    func written(_ label: FollowUpReport.UnmappedLabel) -> String {
        label.written.isEmpty ? words("(ingen betegnelse)", "(no label)") : label.written
    }

    /// The rules that occur among the listed projects (columns with only zeros left out).
    static func findingRules(_ report: FollowUpReport) -> [CompletenessRule] {
        CompletenessRule.allCases.filter { rule in report.projectsWithMostFindings.contains { ($0.byRule[rule] ?? 0) > 0 } }
    }

    /// The rows of the most-open-findings table: project, title, lead, rounds, total, and the
    /// findings by rule ("2 missing, 1 placeholder"; in Danish "ubesvaret: 2, pladsholder: 1").
    func findingsRows(_ report: FollowUpReport) -> [[String]] {
        report.projectsWithMostFindings.map { project in
            let byRule = CompletenessRule.allCases.compactMap { rule in
                project.byRule[rule].map { language == .da ? "\(self.rule(rule).lowercased()): \($0)" : "\($0) \(rule.rawValue)" }
            }
            return [project.projectId, project.title ?? "", project.leadName ?? "",
                    project.rounds.map(String.init).joined(separator: ", "), String(project.total),
                    byRule.joined(separator: ", ")]
        }
    }

    /// The severity or resolution table's rows: category, challenges, then a count per column.
    func outcomeRows(_ table: CrossTable, _ labels: [String: String]) -> [[String]] {
        table.rows.enumerated().map { r, key in
            [label(key, labels), String(table.rowTotals[r])] + table.counts[r].map(String.init)
        }
    }

    /// The spread table's rows: the group (a round, an authority type), then its submissions in
    /// each completeness band, then all of them.
    func bandRows(_ rows: [FollowUpReport.CompletenessRow], _ labels: [String: String]) -> [[String]] {
        rows.map { row in
            [label(row.key, labels)] + FollowUpReport.CompletenessBand.allCases.map { String(row.bands[$0] ?? 0) }
                + [String(row.submissions)]
        }
    }

    func overview(_ report: FollowUpReport) -> [(String, Int)] {
        let overview = report.overview
        return [(words("projekter", "projects"), overview.projects),
                (words("aktuelle indberetninger", "current submissions"), overview.currentSubmissions),
                (words("udfordringer", "challenges"), overview.challenges),
                (words("åbne markeringer", "open findings"), overview.openFindings),
                (words("afviste filer", "rejected files"), overview.rejectedFiles)]
    }

    /// Per round: the flags in each state, and the median days from first asked to answered
    /// ("2.5 (4 flags)"; "–" when no asked flag was answered yet).
    func flagStatesRows(_ report: FollowUpReport) -> [[String]] {
        report.flagStatesByRound.map { round in
            let answered = round.answeredAfterAsking
            let median = round.medianDaysToAnswer.map {
                decimal($0) + " (\(answered) " + words(answered == 1 ? "markering" : "markeringer", answered == 1 ? "flag" : "flags") + ")"
            } ?? "–"
            return [String(round.round)] + FlagState.allCases.map { String(round.byState[$0] ?? 0) } + [median]
        }
    }
}
