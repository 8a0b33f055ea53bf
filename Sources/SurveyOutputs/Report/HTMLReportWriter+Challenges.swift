import SurveyModel
import SurveyIntake
import SurveyStore

extension HTMLReportWriter {
    func phases(_ report: FollowUpReport) -> String {
        let table = report.categoriesByPhase
        guard !table.isEmpty else { return note(ReportWording.phaseNote) + "\n<p>No challenges.</p>" }
        let heatMap = SVGHeatMap(
            id: "chart-phases", title: "Challenge categories by project phase",
            description: "Heat map: for each phase, how many challenges of each category the projects in that phase "
                + "reported; darker cells are a larger share of the phase's challenges.",
            table: table, labels: labels,
            describe: { row, column, count, share in
                "\(row) in phase \(column): \(count) challenge\(count == 1 ? "" : "s") (\(share) of the phase)"
            })
        return [note(ReportWording.phaseNote),
                figure(heatMap.svg(), caption: "Challenges by category (rows) and the project's phase when reported "
                    + "(columns, from preparation to stopped). Shading: the cell's share of its column."),
                // Counts only: the shares are the heat map's shading and its cells' titles, and the
                // table must fit a printed page.
                crossTable(table, caption: "Challenges by category and phase", shares: false)].joined(separator: "\n")
    }

    func rounds(_ report: FollowUpReport) -> String {
        let table = report.categoriesByRound
        guard !table.isEmpty else { return note(ReportWording.roundNote) + "\n<p>No challenges.</p>" }
        let totals = table.columnTotals
        let series = table.columns.enumerated().map { c, round in
            SVGBarChart.Series(
                name: round, colour: Self.palette[c % Self.palette.count],
                values: table.rows.indices.map { r in totals[c] == 0 ? 0 : Double(table.counts[r][c]) / Double(totals[c]) },
                labels: table.rows.indices.map { r in "\(ReportWording.share(table.counts[r][c], of: totals[c])) (\(table.counts[r][c]))" })
        }
        let chart = SVGBarChart(
            id: "chart-rounds", title: "Challenge categories by round",
            description: "Bar chart: each category's share of the challenges reported in each round.",
            rows: table.rows.map { ReportWording.label($0, labels) }, series: series, layout: .grouped)
        return [note(ReportWording.roundNote),
                figure(chart.svg(), caption: "Share of each round's challenges, with the count in parentheses."),
                crossTable(table, caption: "Challenges by category and round", shares: true)].joined(separator: "\n")
    }

    func outcomes(_ report: FollowUpReport) -> String {
        let severity = report.severityByCategory
        let resolution = report.resolutionByCategory
        guard !severity.isEmpty else { return note(ReportWording.severityNote) + "\n<p>No challenges.</p>" }
        let severityColours = ["low": "#56b4e9", "medium": "#e69f00", "high": "#d55e00"]
        let resolutionColours = ["yes": "#009e73", "partly": "#e69f00", "no": "#d55e00"]
        func stacked(_ table: CrossTable, id: String, title: String, colours: [String: String]) -> String {
            let series = table.columns.enumerated().map { c, key in
                SVGBarChart.Series(name: ReportWording.label(key, labels), colour: colours[key] ?? "#bbbbbb",
                                   values: table.counts.map { Double($0[c]) }, labels: table.counts.map { String($0[c]) })
            }
            return SVGBarChart(id: id, title: title,
                               description: "Stacked bar chart: for each category, its challenges split by "
                                   + title.lowercased().replacingOccurrences(of: " by category", with: "") + ".",
                               rows: table.rows.map { ReportWording.label($0, labels) }, series: series, layout: .stacked).svg()
        }
        func table(_ table: CrossTable, caption: String) -> String {
            HTMLTable(caption: caption, header: ["Category", "Challenges"] + table.columns.map { ReportWording.label($0, labels) },
                      rows: ReportWording.outcomeRows(table, labels), numericFrom: 1).html()
        }
        return [note(ReportWording.severityNote),
                figure(stacked(severity, id: "chart-severity", title: "Severity by category", colours: severityColours),
                       caption: "Challenges per category by severity: low, medium, high, not stated."),
                table(severity, caption: "Severity by category"),
                figure(stacked(resolution, id: "chart-resolution", title: "Resolution by category", colours: resolutionColours),
                       caption: "Challenges per category by whether they were resolved."),
                table(resolution, caption: "Resolution by category"),
        ].joined(separator: "\n")
    }

    func mitigations(_ report: FollowUpReport) -> String {
        let table = report.mitigationsByRound
        var parts = [note(ReportWording.mitigationNote)]
        guard !table.isEmpty else { return (parts + ["<p>No general measures were listed.</p>"]).joined(separator: "\n") }
        let series = table.columns.enumerated().map { c, round in
            SVGBarChart.Series(name: round, colour: Self.palette[c % Self.palette.count],
                               values: table.counts.map { Double($0[c]) }, labels: table.counts.map { String($0[c]) })
        }
        let chart = SVGBarChart(id: "chart-mitigations", title: "General measures by round",
                                description: "Bar chart: how many current submissions of each round list each kind of measure.",
                                rows: table.rows.map { ReportWording.label($0, labels) }, series: series, layout: .grouped)
        parts.append(figure(chart.svg(), caption: "Submissions listing each kind of general measure, per round."))
        let perRound = ReportWording.submissions(in: report, rounds: table.columns)
        parts.append(crossTable(table, caption: "Submissions listing each kind of measure", corner: "Measure", shares: false,
                                footer: ["Current submissions"] + perRound.map(String.init) + [String(perRound.reduce(0, +))]))
        if report.unplacedMitigations > 0 {
            parts.append(note(ReportWording.unplaced(report.unplacedMitigations)))
        }
        return parts.joined(separator: "\n")
    }

    func unmapped(_ report: FollowUpReport) -> String {
        guard !report.unmappedLabels.isEmpty else {
            return note(ReportWording.unmappedNote) + "\n<p>Every label and answer was placed.</p>"
        }
        return note(ReportWording.unmappedNote) + "\n" + HTMLTable(
            caption: "Labels and answers that could not be placed", header: ["Question", "Written", "Times", "Projects"],
            rows: report.unmappedLabels.map { [ReportWording.question($0.field), $0.written, String($0.occurrences), ReportWording.projects($0.projects)] },
            numericFrom: 2, numericColumns: [2], className: "long").html()
    }

    func findings(_ report: FollowUpReport) -> String {
        let projects = report.projectsWithMostFindings
        guard !projects.isEmpty else { return note(ReportWording.findingsNote) + "\n<p>No open findings.</p>" }
        let rules = ReportWording.findingRules(report)
        let series = rules.enumerated().map { index, rule in
            SVGBarChart.Series(name: ReportWording.rule(rule), colour: Self.palette[index % Self.palette.count],
                               values: projects.map { Double($0.byRule[rule] ?? 0) },
                               labels: projects.map { String($0.byRule[rule] ?? 0) })
        }
        let chart = SVGBarChart(id: "chart-findings", title: "Projects with the most open findings",
                                description: "Stacked bar chart: open findings of each project, by rule.",
                                rows: projects.map(\.projectId), series: series, layout: .stacked)
        let table = HTMLTable(caption: "Open findings by project", header: ReportWording.findingsHeader,
                              rows: ReportWording.findingsRows(report), numericFrom: 4, numericColumns: [4])
        return [note(ReportWording.findingsNote), figure(chart.svg(), caption: "Open findings per project, by rule."),
                table.html()].joined(separator: "\n")
    }

    /// A cross table with row and column totals; cells "n (share of column)" when `shares`.
    func crossTable(_ table: CrossTable, caption: String, corner: String = "Category", shares: Bool,
                    footer: [String]? = nil) -> String {
        let totals = table.columnTotals
        let rows = table.rows.enumerated().map { r, key in
            [ReportWording.label(key, labels)] + table.columns.indices.map { c in
                shares ? ReportWording.cell(table.counts[r][c], columnTotal: totals[c]) : String(table.counts[r][c])
            } + [String(table.rowTotals[r])]
        }
        return HTMLTable(caption: caption, header: [corner] + table.columns.map { ReportWording.label($0, labels) } + ["Total"], rows: rows,
                         footer: footer ?? ["Total"] + totals.map(String.init) + [String(table.total)], numericFrom: 1,
                         className: table.columns.count > 4 ? "wide" : nil).html()
    }
}
