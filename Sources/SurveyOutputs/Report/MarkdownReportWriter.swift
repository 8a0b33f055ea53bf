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
    /// The language of every word of the report (MarkdownReportWriter+Rounds.swift).
    var language: ReportLanguage = .en
    var words: ReportWording { ReportWording(language: language) }

    public func write(_ report: FollowUpReport) -> String {
        var writer = self
        writer.labels = report.labels
        return writer.written(report)
    }

    private func written(_ report: FollowUpReport) -> String {
        var out: [String] = ["# \(words.title)", ""]
        out.append(words.generated(report))
        out.append("")
        out.append(words.overview(report).map { "**\($0.1)** \($0.0)" }.joined(separator: " · "))

        section(&out, words.submissionsHeading, nil)
        let rounds = report.submissionsByRound
        out += table(words.submissionsHeader, numeric: 4,
                     rows: rounds.map { [String($0.round), String($0.accepted), String($0.current), String($0.superseded), String($0.rejected)] }
                         + [["**\(words.total)**", String(rounds.reduce(0) { $0 + $1.accepted }),
                             String(rounds.reduce(0) { $0 + $1.current }), String(rounds.reduce(0) { $0 + $1.superseded }),
                             String(rounds.reduce(0) { $0 + $1.rejected })]])
        section(&out, words.rejectedHeading, words.rejectionsNote, level: 3)
        out += report.rejections.isEmpty ? [words.noRejections] : table(
            words.rejectedHeader, numeric: 1, rows: report.rejections.map(words.rejectionRow))

        out += reviewStates(report)

        section(&out, words.completenessHeading, words.completenessNote)
        for (heading, group, rows) in [(words.perRound, words.round, report.completenessByRound),
                                       (words.perAuthorityType, words.authorityType, report.completenessByAuthorityType)] {
            if heading != words.perRound { out.append("") }
            out += ["### \(heading)", ""]
            out += completeness(group, rows)
        }

        section(&out, words.phasesHeading, words.phaseNote)
        out += crossTable(report.categoriesByPhase, corner: words.category, shares: true)
        section(&out, words.roundsHeading, words.roundNote)
        out += crossTable(report.categoriesByRound, corner: words.category, shares: true)
        section(&out, words.outcomesHeading, words.severityNote)
        out += outcomes(report)
        out += acrossRounds(report)
        section(&out, words.mitigationsHeading, words.mitigationNote)
        out += mitigations(report)
        section(&out, words.unmappedHeading, words.unmappedNote)
        out += unmapped(report)
        section(&out, words.findingsHeading, words.findingsNote)
        out += findings(report)
        section(&out, words.flagStatesHeading, words.flagStatesNote)
        out += report.flagStatesByRound.isEmpty ? [words.noFlags]
            : table(words.flagStatesHeader, numeric: words.flagStatesHeader.count - 1, rows: words.flagStatesRows(report))
        return out.joined(separator: "\n") + "\n"
    }

    func section(_ out: inout [String], _ title: String, _ note: String?, level: Int = 2) {
        out += ["", String(repeating: "#", count: level) + " " + title, ""]
        if let note { out += [note, ""] }
    }

    /// The means, then the spread over the completeness bands.
    private func completeness(_ group: String, _ rows: [FollowUpReport.CompletenessRow]) -> [String] {
        guard !rows.isEmpty else { return [words.noSubmissions] }
        let header = words.bandsHeader(group)
        return table(words.completenessHeader(group), numeric: 4,
                     rows: rows.map { [words.label($0.key, labels), String($0.submissions), words.percent($0.meanCompleteness),
                                       String($0.withoutFindings), String($0.openFindings)] })
            + [""] + table(header, numeric: header.count - 1, rows: words.bandRows(rows, labels))
    }

    /// Rows and columns labelled, a total row and column; each cell "n (share of column)" when `shares`.
    private func crossTable(_ cross: CrossTable, corner: String, shares: Bool, footer: [String]? = nil) -> [String] {
        guard !cross.isEmpty else { return [words.nothingToCount] }
        let totals = cross.columnTotals
        var rows = cross.rows.enumerated().map { r, key in
            [words.label(key, labels)] + cross.columns.indices.map { c in
                shares ? words.cell(cross.counts[r][c], columnTotal: totals[c]) : String(cross.counts[r][c])
            } + [String(cross.rowTotals[r])]
        }
        var last = footer ?? [words.total] + totals.map(String.init) + [String(cross.total)]
        last[0] = "**\(last[0])**"
        rows.append(last)
        return table([corner] + cross.columns.map { words.label($0, labels) } + [words.total], numeric: cross.columns.count + 1,
                     rows: rows)
    }

    private func outcomes(_ report: FollowUpReport) -> [String] {
        guard !report.severityByCategory.isEmpty else { return [words.noChallenges] }
        var lines: [String] = []
        for (heading, table) in [(words.severity, report.severityByCategory), (words.resolution, report.resolutionByCategory)] {
            if !lines.isEmpty { lines.append("") }
            lines += ["### \(heading)", ""]
            lines += self.table([words.category, words.challenges] + table.columns.map { words.label($0, labels) },
                                numeric: table.columns.count + 1, rows: words.outcomeRows(table, labels))
        }
        return lines
    }

    /// The placed kinds of measure, then those outside them (other, not placed) on their own.
    private func mitigations(_ report: FollowUpReport) -> [String] {
        let measures = report.mitigationsByRound
        let perRound = ReportWording.submissions(in: report, rounds: measures.columns)
        var out = crossTable(measures, corner: words.measure, shares: false,
                             footer: [words.currentSubmissions] + perRound.map(String.init) + [String(perRound.reduce(0, +))])
        section(&out, words.otherMeasuresHeading, words.otherMeasuresNote, level: 3)
        let other = report.otherMitigationsByRound
        out += other.isEmpty ? [words.nothingToCount] : table(
            [words.measure] + other.columns + [words.total], numeric: other.columns.count + 1,
            rows: other.rows.enumerated().map { r, code in
                [words.otherMeasure(code)] + other.counts[r].map(String.init) + [String(other.rowTotals[r])]
            })
        if report.unplacedMitigations > 0 {
            out += ["", words.unplaced(report.unplacedMitigations)]
        }
        return out
    }

    /// Two lists: challenge labels and answers, then general measures.
    private func unmapped(_ report: FollowUpReport) -> [String] {
        guard !report.unmappedLabels.isEmpty else { return [words.allPlaced] }
        var out: [String] = []
        for (heading, labels, none) in [(words.unmappedAnswersHeading, report.unmappedAnswers, words.allAnswersPlaced),
                                        (words.unplacedMeasuresHeading, report.unplacedMeasures, words.allMeasuresPlaced)] {
            if !out.isEmpty { out.append("") }
            out += ["### \(heading)", ""]
            out += labels.isEmpty ? [none] : table(
                words.unmappedHeader, numeric: 0,
                rows: labels.map { [words.question($0.field), escape(words.written($0)), String($0.occurrences),
                                    words.projects($0.projects)] }, numericColumns: [2])
        }
        return out
    }

    private func findings(_ report: FollowUpReport) -> [String] {
        guard !report.projectsWithMostFindings.isEmpty else { return [words.noFindings] }
        return table(words.findingsHeader, numeric: 0,
                     rows: words.findingsRows(report).map { row in
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
