import SurveyModel
import SurveyIntake
import SurveyStore

/// The report as GitHub-flavoured Markdown: headings, short explanations, and pipe tables with
/// numbers right-aligned, so it reads on a code host or in any Markdown viewer.
public struct MarkdownReportWriter: FollowUpReportWriter {
    public static let identifier = "md"

    /// The Markdown writer.
    public init() {}

    /// Code → label, from the report being written (its vocabularies).
    var labels: [String: String] = [:]
    /// The language of the sections that follow the conversation (MarkdownReportWriter+Rounds.swift).
    var language: ReportLanguage = .en

    public func write(_ report: FollowUpReport) -> String {
        var writer = self
        writer.labels = report.labels
        return writer.written(report)
    }

    private func written(_ report: FollowUpReport) -> String {
        var out: [String] = ["# \(ReportWording.title)", ""]
        out.append("Generated \(report.generatedAt). \(ReportWording.scope(report))")
        out.append("")
        out.append(ReportWording.overview(report).map { "**\($0.1)** \($0.0)" }.joined(separator: " · "))

        section(&out, "Submissions per round", nil)
        let rounds = report.submissionsByRound
        out += table(["Round", "Accepted", "Current", "Superseded", "Rejected"], numeric: 4,
                     rows: rounds.map { [String($0.round), String($0.accepted), String($0.current), String($0.superseded), String($0.rejected)] }
                         + [["**Total**", String(rounds.reduce(0) { $0 + $1.accepted }),
                             String(rounds.reduce(0) { $0 + $1.current }), String(rounds.reduce(0) { $0 + $1.superseded }),
                             String(rounds.reduce(0) { $0 + $1.rejected })]])
        section(&out, "Rejected files", ReportWording.rejectionsNote, level: 3)
        out += report.rejections.isEmpty ? ["No file was rejected."] : table(
            ["Round", "Reason", "Format", "Files"], numeric: 1,
            rows: report.rejections.map(ReportWording.rejectionRow))

        out += reviewStates(report)

        section(&out, "Completeness", ReportWording.completenessNote)
        out.append("### Per round")
        out.append("")
        out += completeness("Round", report.completenessByRound)
        out.append("")
        out.append("### Per authority type")
        out.append("")
        out += completeness("Authority type", report.completenessByAuthorityType)

        section(&out, "Challenges by project phase", ReportWording.phaseNote)
        out += crossTable(report.categoriesByPhase, corner: "Category", shares: true)
        section(&out, "Challenges by round", ReportWording.roundNote)
        out += crossTable(report.categoriesByRound, corner: "Category", shares: true)
        section(&out, "Severity and resolution by category", ReportWording.severityNote)
        out += outcomes(report)
        out += acrossRounds(report)
        section(&out, "Mitigations used", ReportWording.mitigationNote)
        let measures = report.mitigationsByRound
        let perRound = ReportWording.submissions(in: report, rounds: measures.columns)
        out += crossTable(measures, corner: "Measure", shares: false,
                          footer: ["Current submissions"] + perRound.map(String.init) + [String(perRound.reduce(0, +))])
        if report.unplacedMitigations > 0 {
            out += ["", ReportWording.unplaced(report.unplacedMitigations)]
        }
        section(&out, "Unmapped labels", ReportWording.unmappedNote)
        out += report.unmappedLabels.isEmpty ? ["Every label and answer was placed."] : table(
            ["Question", "Written", "Times", "Projects"], numeric: 0,
            rows: report.unmappedLabels.map { [ReportWording.question($0.field), escape($0.written), String($0.occurrences),
                                               ReportWording.projects($0.projects)] }, numericColumns: [2])
        section(&out, "Projects with the most open findings", ReportWording.findingsNote)
        out += findings(report)
        section(&out, "Flags asked, answered and waived", ReportWording.flagStatesNote)
        out += report.flagStatesByRound.isEmpty ? ["No flags."]
            : table(ReportWording.flagStatesHeader, numeric: ReportWording.flagStatesHeader.count - 1,
                    rows: ReportWording.flagStatesRows(report))
        return out.joined(separator: "\n") + "\n"
    }

    func section(_ out: inout [String], _ title: String, _ note: String?, level: Int = 2) {
        out += ["", String(repeating: "#", count: level) + " " + title, ""]
        if let note { out += [note, ""] }
    }

    private func completeness(_ heading: String, _ rows: [FollowUpReport.CompletenessRow]) -> [String] {
        guard !rows.isEmpty else { return ["No current submissions."] }
        return table([heading, "Submissions", "Mean completeness", "Without findings", "Open findings"], numeric: 4,
                     rows: rows.map { [ReportWording.label($0.key, labels), String($0.submissions), ReportWording.percent($0.meanCompleteness),
                                       String($0.withoutFindings), String($0.openFindings)] })
    }

    /// Rows and columns labelled, a total row and column; each cell "n (share of column)" when `shares`.
    private func crossTable(_ cross: CrossTable, corner: String, shares: Bool, footer: [String]? = nil) -> [String] {
        guard !cross.isEmpty else { return ["Nothing to count."] }
        let totals = cross.columnTotals
        var rows = cross.rows.enumerated().map { r, key in
            [ReportWording.label(key, labels)] + cross.columns.indices.map { c in
                shares ? ReportWording.cell(cross.counts[r][c], columnTotal: totals[c]) : String(cross.counts[r][c])
            } + [String(cross.rowTotals[r])]
        }
        var last = footer ?? ["Total"] + totals.map(String.init) + [String(cross.total)]
        last[0] = "**\(last[0])**"
        rows.append(last)
        return table([corner] + cross.columns.map { ReportWording.label($0, labels) } + ["Total"], numeric: cross.columns.count + 1, rows: rows)
    }

    private func outcomes(_ report: FollowUpReport) -> [String] {
        guard !report.severityByCategory.isEmpty else { return ["No challenges."] }
        var lines: [String] = []
        for (heading, table) in [("Severity", report.severityByCategory), ("Resolution", report.resolutionByCategory)] {
            if !lines.isEmpty { lines.append("") }
            lines += ["### \(heading)", ""]
            lines += self.table(["Category", "Challenges"] + table.columns.map { ReportWording.label($0, labels) },
                                numeric: table.columns.count + 1, rows: ReportWording.outcomeRows(table, labels))
        }
        return lines
    }

    private func findings(_ report: FollowUpReport) -> [String] {
        guard !report.projectsWithMostFindings.isEmpty else { return ["No open findings."] }
        return table(ReportWording.findingsHeader, numeric: 0,
                     rows: ReportWording.findingsRows(report).map { row in
                         row.enumerated().map { [1, 2].contains($0.offset) ? escape($0.element) : $0.element }
                     }, numericColumns: [4])
    }

    /// A pipe table; the last `numeric` columns (and any in `numericColumns`) right-aligned.
    func table(_ header: [String], numeric: Int, rows: [[String]], numericColumns: Set<Int> = []) -> [String] {
        let right = Set((header.count - numeric)..<header.count).union(numericColumns)
        let line = { (cells: [String]) in "| " + cells.joined(separator: " | ") + " |" }
        return [line(header), "|" + header.indices.map { right.contains($0) ? "---:|" : "---|" }.joined()] + rows.map(line)
    }

    /// Text from the submissions, safe in a table cell: no line breaks, pipes and Markdown
    /// punctuation escaped, control characters shown by their code (`\u{1B}`) as on a terminal.
    func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\n", "\r", "\r\n", "\t": result += " "
            case "|", "\\", "*", "_", "`", "[", "]", "<", ">", "#": result += "\\\(character)"
            default: result.append(character)
            }
        }
        return TerminalText.escaped(result, keepingLineBreaks: false)
    }
}
