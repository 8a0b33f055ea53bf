import SurveyModel
import SurveyIntake
import SurveyStore

extension HTMLReportWriter {
    func phases(_ report: FollowUpReport) -> String {
        let table = report.categoriesByPhase
        guard !table.isEmpty else { return note(words.phaseNote) + "\n" + paragraph(words.noChallenges) }
        let few = SVGHeatMap.fewest
        let heatMap = SVGHeatMap(
            id: "chart-phases", title: words.words("Udfordringernes kategorier efter projektfase", "Challenge categories by project phase"),
            description: words.words(
                "Varmekort: for hver fase, hvor mange udfordringer af hver kategori projekterne i den fase angav; jo mørkere "
                    + "cellen er, jo større en andel af fasens udfordringer. Faser med under \(few) udfordringer er grå.",
                "Heat map: for each phase, how many challenges of each category the projects in that phase reported; darker "
                    + "cells are a larger share of the phase's challenges. Phases with fewer than \(few) challenges are grey."),
            table: table, labels: labels, words: words,
            describe: { row, column, count, share in
                words.words("\(row) i fasen \(column): \(count) udfordring\(count == 1 ? "" : "er") (\(share) af fasen)",
                            "\(row) in phase \(column): \(count) challenge\(count == 1 ? "" : "s") (\(share) of the phase)")
            })
        return [note(words.phaseNote),
                figure(heatMap.svg(), caption: words.words(
                    "Udfordringer efter kategori (rækker) og projektets fase, da de blev angivet (kolonner, fra forberedelse til "
                        + "stoppet); n over hver kolonne er fasens udfordringer, tallet i hver celle dens udfordringer. Farven er "
                        + "cellens andel af sin kolonne, det mørkeste blå den største andel i kortet. En fase med under \(few) "
                        + "udfordringer vises i lysegrå, uanset andel: dens andele hviler på for få udfordringer til at "
                        + "sammenligne dem med de andre faser.",
                    "Challenges by category (rows) and the project's phase when reported (columns, from preparation to "
                        + "stopped); the n above each column is the phase's challenges, the number in each cell its challenges. "
                        + "The colour is the cell's share of its column, the darkest blue the largest share in the map. A phase "
                        + "with fewer than \(few) challenges is shown in light grey whatever the share: its shares rest on too "
                        + "few challenges to compare with the other phases.")),
                // Counts only: the shares are the heat map's shading and its cells' titles, and the
                // table must fit a printed page.
                crossTable(table, caption: words.words("Udfordringer efter kategori og fase", "Challenges by category and phase"),
                           shares: false)].joined(separator: "\n")
    }

    func rounds(_ report: FollowUpReport) -> String {
        let table = report.categoriesByRound
        guard !table.isEmpty else { return note(words.roundNote) + "\n" + paragraph(words.noChallenges) }
        let totals = table.columnTotals
        let series = table.columns.enumerated().map { c, round in
            SVGBarChart.Series(
                name: round, colour: Self.palette[c % Self.palette.count],
                values: table.rows.indices.map { r in totals[c] == 0 ? 0 : Double(table.counts[r][c]) / Double(totals[c]) },
                labels: table.rows.indices.map { r in "\(words.share(table.counts[r][c], of: totals[c])) (\(table.counts[r][c]))" })
        }
        let chart = SVGBarChart(
            id: "chart-rounds", title: words.words("Udfordringernes kategorier pr. runde", "Challenge categories by round"),
            description: words.words("Søjlediagram: hver kategoris andel af de udfordringer, der blev angivet i hver runde.",
                                     "Bar chart: each category's share of the challenges reported in each round."),
            rows: table.rows.map { words.label($0, labels) }, series: series, layout: .grouped)
        return [note(words.roundNote),
                figure(chart.svg(), caption: words.words("Andel af hver rundes udfordringer, med antallet i parentes.",
                                                         "Share of each round's challenges, with the count in parentheses.")),
                crossTable(table, caption: words.words("Udfordringer efter kategori og runde", "Challenges by category and round"),
                           shares: true)].joined(separator: "\n")
    }

    func outcomes(_ report: FollowUpReport) -> String {
        let severity = report.severityByCategory
        let resolution = report.resolutionByCategory
        guard !severity.isEmpty else { return note(words.severityNote) + "\n" + paragraph(words.noChallenges) }
        let severityColours = ["low": "#56b4e9", "medium": "#e69f00", "high": "#d55e00"]
        let resolutionColours = ["yes": "#009e73", "partly": "#e69f00", "no": "#d55e00"]
        func stacked(_ table: CrossTable, id: String, title: String, by: String, colours: [String: String]) -> String {
            let series = table.columns.enumerated().map { c, key in
                SVGBarChart.Series(name: words.label(key, labels), colour: colours[key] ?? "#bbbbbb",
                                   values: table.counts.map { Double($0[c]) }, labels: table.counts.map { String($0[c]) })
            }
            return SVGBarChart(id: id, title: title,
                               description: words.words("Stablet søjlediagram: for hver kategori dens udfordringer fordelt efter ",
                                                        "Stacked bar chart: for each category, its challenges split by ") + by + ".",
                               rows: table.rows.map { words.label($0, labels) }, series: series, layout: .stacked).svg()
        }
        func table(_ table: CrossTable, caption: String) -> String {
            HTMLTable(caption: caption, header: [words.category, words.challenges] + table.columns.map { words.label($0, labels) },
                      rows: words.outcomeRows(table, labels), numericFrom: 1).html()
        }
        func kinds(_ table: CrossTable) -> String { table.columns.map { words.label($0, labels).lowercased() }.joined(separator: ", ") }
        let severityTitle = words.words("Alvorlighed pr. kategori", "Severity by category")
        let resolutionTitle = words.words("Løsning pr. kategori", "Resolution by category")
        return [note(words.severityNote),
                figure(stacked(severity, id: "chart-severity", title: severityTitle, by: words.words("alvorlighed", "severity"),
                               colours: severityColours),
                       caption: words.words("Udfordringer pr. kategori efter alvorlighed: ", "Challenges per category by severity: ")
                           + kinds(severity) + "."),
                table(severity, caption: severityTitle),
                figure(stacked(resolution, id: "chart-resolution", title: resolutionTitle, by: words.words("løsning", "resolution"),
                               colours: resolutionColours),
                       caption: words.words("Udfordringer pr. kategori efter, om de blev løst: ",
                                            "Challenges per category by whether they were resolved: ") + kinds(resolution) + "."),
                table(resolution, caption: resolutionTitle),
        ].joined(separator: "\n")
    }

    /// The placed kinds of measure as a chart and a table; those outside them (other, not
    /// placed) in a table of their own, so they do not read as the largest kind.
    func mitigations(_ report: FollowUpReport) -> String {
        let table = report.mitigationsByRound
        let other = report.otherMitigationsByRound
        var parts = [note(words.mitigationNote)]
        guard !table.isEmpty || !other.isEmpty else { return (parts + [paragraph(words.noMeasures)]).joined(separator: "\n") }
        let series = table.columns.enumerated().map { c, round in
            SVGBarChart.Series(name: round, colour: Self.palette[c % Self.palette.count],
                               values: table.counts.map { Double($0[c]) }, labels: table.counts.map { String($0[c]) })
        }
        let chart = SVGBarChart(id: "chart-mitigations", title: words.words("Generelle tiltag pr. runde", "General measures by round"),
                                description: words.words("Søjlediagram: hvor mange af hver rundes aktuelle indberetninger der "
                                                         + "angiver hver type tiltag.", "Bar chart: how many current submissions "
                                                         + "of each round list each kind of measure."),
                                rows: table.rows.map { words.label($0, labels) }, series: series, layout: .grouped)
        parts.append(figure(chart.svg(), caption: words.words(
            "Indberetninger, der angiver hver type generelt tiltag, pr. runde. Andre og ikke placerede tiltag står for sig nedenfor.",
            "Submissions listing each kind of general measure, per round. Other and unplaced measures are counted apart below.")))
        let perRound = ReportWording.submissions(in: report, rounds: table.columns)
        parts.append(crossTable(table, caption: words.words("Indberetninger pr. type tiltag", "Submissions listing each kind of measure"),
                                corner: words.measure, shares: false,
                                footer: [words.currentSubmissions] + perRound.map(String.init) + [String(perRound.reduce(0, +))]))
        parts += [Markup.element("h3", [], Markup.escape(words.otherMeasuresHeading)), note(words.otherMeasuresNote)]
        parts.append(other.isEmpty ? paragraph(words.nothingToCount) : HTMLTable(
            caption: words.otherMeasuresHeading, header: [words.measure] + other.columns + [words.total],
            rows: other.rows.enumerated().map { r, code in
                [words.otherMeasure(code)] + other.counts[r].map(String.init) + [String(other.rowTotals[r])]
            }, numericFrom: 1).html())
        if report.unplacedMitigations > 0 {
            parts.append(note(words.unplaced(report.unplacedMitigations)))
        }
        return parts.joined(separator: "\n")
    }

    /// Two lists: challenge labels and answers, then general measures.
    func unmapped(_ report: FollowUpReport) -> String {
        guard !report.unmappedLabels.isEmpty else { return note(words.unmappedNote) + "\n" + paragraph(words.allPlaced) }
        var parts = [note(words.unmappedNote)]
        for (heading, caption, list, none) in [
            (words.unmappedAnswersHeading, words.words("Udfordringernes betegnelser og svar, der ikke kunne placeres",
                                                       "Challenge labels and answers that could not be placed"),
             report.unmappedAnswers, words.allAnswersPlaced),
            (words.unplacedMeasuresHeading, words.words("Generelle tiltag, der ikke kunne placeres",
                                                        "General measures that could not be placed"),
             report.unplacedMeasures, words.allMeasuresPlaced),
        ] {
            parts.append(Markup.element("h3", [], Markup.escape(heading)))
            parts.append(list.isEmpty ? paragraph(none) : HTMLTable(
                caption: caption, header: words.unmappedHeader,
                rows: list.map { [words.question($0.field), words.written($0), String($0.occurrences), words.projects($0.projects)] },
                numericFrom: 2, numericColumns: [2], className: "long").html())
        }
        return parts.joined(separator: "\n")
    }

    func findings(_ report: FollowUpReport) -> String {
        let projects = report.projectsWithMostFindings
        guard !projects.isEmpty else { return note(words.findingsNote) + "\n" + paragraph(words.noFindings) }
        let rules = ReportWording.findingRules(report)
        let series = rules.enumerated().map { index, rule in
            SVGBarChart.Series(name: words.rule(rule), colour: Self.palette[index % Self.palette.count],
                               values: projects.map { Double($0.byRule[rule] ?? 0) },
                               labels: projects.map { String($0.byRule[rule] ?? 0) })
        }
        let chart = SVGBarChart(id: "chart-findings", title: words.findingsHeading,
                                description: words.words("Stablet søjlediagram: hvert projekts åbne markeringer efter regel.",
                                                         "Stacked bar chart: open findings of each project, by rule."),
                                rows: projects.map(\.projectId), series: series, layout: .stacked)
        let table = HTMLTable(caption: words.words("Åbne markeringer pr. projekt", "Open findings by project"),
                              header: words.findingsHeader, rows: words.findingsRows(report), numericFrom: 4, numericColumns: [4])
        return [note(words.findingsNote),
                figure(chart.svg(), caption: words.words("Åbne markeringer pr. projekt, efter regel.", "Open findings per project, by rule.")),
                table.html()].joined(separator: "\n")
    }

    /// A cross table with row and column totals; cells "n (share of column)" when `shares`.
    func crossTable(_ table: CrossTable, caption: String, corner: String? = nil, shares: Bool,
                    footer: [String]? = nil) -> String {
        let totals = table.columnTotals
        let rows = table.rows.enumerated().map { r, key in
            [words.label(key, labels)] + table.columns.indices.map { c in
                shares ? words.cell(table.counts[r][c], columnTotal: totals[c]) : String(table.counts[r][c])
            } + [String(table.rowTotals[r])]
        }
        return HTMLTable(caption: caption, header: [corner ?? words.category] + table.columns.map { words.label($0, labels) } + [words.total],
                         rows: rows, footer: footer ?? [words.total] + totals.map(String.init) + [String(table.total)], numericFrom: 1,
                         className: table.columns.count > 4 ? "wide" : nil).html()
    }
}
