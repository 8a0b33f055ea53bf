import SurveyModel
import SurveyIntake
import SurveyStore

/// The report as one self-contained HTML page: inline CSS, charts drawn as inline SVG, no
/// script, font, image or style sheet fetched from anywhere. Tables have captions and header
/// cells, charts a title and description; it prints on A4. The markup is XHTML-compatible
/// (every element closed, everything escaped), so it also parses as XML after its
/// `<!DOCTYPE html>` line.
public struct HTMLReportWriter: FollowUpReportWriter {
    public static let identifier = "html"

    /// The HTML writer.
    public init() {}

    /// Code → label, from the report being written (its vocabularies).
    var labels: [String: String] = [:]
    /// The language of every word of the page, and its `lang` (HTMLReportWriter+Rounds.swift).
    var language: ReportLanguage = .en
    var words: ReportWording { ReportWording(language: language) }

    /// The sections, in order: (id, heading); `withRounds` adds those that follow the conversation.
    var sections: [(String, String)] {
        [("submissions", words.submissionsHeading), ("completeness", words.completenessHeading),
         ("phases", words.phasesHeading), ("rounds", words.roundsHeading), ("outcomes", words.outcomesHeading),
         ("mitigations", words.mitigationsHeading), ("unmapped", words.unmappedHeading), ("findings", words.findingsHeading),
         ("flag-states", words.flagStatesHeading)]
    }

    /// Colours that stay apart for colour-blind readers (Okabe–Ito), one per series.
    static let palette = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"]
    /// The completeness bands, from complete (green) through the blues to under half (vermilion).
    static let bandColours: [FollowUpReport.CompletenessBand: String] = [
        .complete: "#009e73", .from90: "#56b4e9", .from75: "#0072b2", .from50: "#e69f00", .below50: "#d55e00",
    ]

    public func write(_ report: FollowUpReport) -> String {
        var writer = self
        writer.labels = report.labels
        return writer.written(report)
    }

    private func written(_ report: FollowUpReport) -> String {
        let bodies = [submissions(report), completeness(report), phases(report), rounds(report), outcomes(report),
                      mitigations(report), unmapped(report), findings(report), flagStates(report)]
        let sections = withRounds(zip(self.sections, bodies).map { ReportSection(id: $0.0, heading: $0.1, body: $1) }, report)
        let main = sections.map { section in
            Markup.element("section", [("id", section.id)],
                           "\n" + Markup.element("h2", [], Markup.escape(section.heading)) + "\n" + section.body + "\n")
        }.joined(separator: "\n")
        let figures = words.overview(report).map { label, value in
            Markup.element("li", [], Markup.element("strong", [], String(value)) + Markup.escape(label))
        }.joined()
        let navigation = sections.map {
            Markup.element("li", [], Markup.element("a", [("href", "#\($0.id)")], Markup.escape($0.heading)))
        }
        let header = [
            Markup.element("h1", [], Markup.escape(words.title)),
            Markup.element("p", [("class", "meta")], Markup.escape(words.generated(report))),
            Markup.element("ul", [("class", "figures")], figures),
            Markup.element("nav", [("aria-label", words.contents)], Markup.element("ol", [], navigation.joined())),
        ].joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="\(language.code)" xml:lang="\(language.code)">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(Markup.escape(words.title))</title>
            <style>
            \(HTMLReportStyle.css)
            </style>
            </head>
            <body>
            <header>
            \(header)
            </header>
            <main>
            \(main)
            </main>
            </body>
            </html>

            """
    }

    func note(_ text: String) -> String {
        Markup.element("p", [("class", "note")], Markup.escape(text))
    }

    func paragraph(_ text: String) -> String {
        Markup.element("p", [], Markup.escape(text))
    }

    /// A chart and its caption. The chart scrolls inside its own box when the page is narrower
    /// than it may shrink to (see `Markup.svg`).
    func figure(_ svg: String, caption: String) -> String {
        Markup.element("figure", [], "\n" + Markup.element("div", [("class", "chart-wrap")], svg) + "\n"
                       + Markup.element("figcaption", [], Markup.escape(caption)) + "\n")
    }

    private func flagStates(_ report: FollowUpReport) -> String {
        guard !report.flagStatesByRound.isEmpty else {
            return [note(words.flagStatesNote), paragraph(words.noFlags)].joined(separator: "\n")
        }
        return [note(words.flagStatesNote),
                HTMLTable(caption: words.words("Markeringer efter tilstand pr. runde", "Flags by state per round"),
                          header: words.flagStatesHeader, rows: words.flagStatesRows(report), numericFrom: 1).html()]
            .joined(separator: "\n")
    }

    private func submissions(_ report: FollowUpReport) -> String {
        let rounds = report.submissionsByRound
        let table = HTMLTable(
            caption: words.submissionsHeading, header: words.submissionsHeader,
            rows: rounds.map { [String($0.round), String($0.accepted), String($0.current), String($0.superseded), String($0.rejected)] },
            footer: [words.total, String(rounds.reduce(0) { $0 + $1.accepted }), String(rounds.reduce(0) { $0 + $1.current }),
                     String(rounds.reduce(0) { $0 + $1.superseded }), String(rounds.reduce(0) { $0 + $1.rejected })],
            numericFrom: 1)
        var parts = [table.html(), Markup.element("h3", [], Markup.escape(words.rejectedHeading)), note(words.rejectionsNote)]
        if report.rejections.isEmpty {
            parts.append(paragraph(words.noRejections))
        } else {
            parts.append(HTMLTable(caption: words.words("Afviste filer efter runde og årsag", "Rejected files by round and reason"),
                                   header: words.rejectedHeader, rows: report.rejections.map(words.rejectionRow),
                                   footer: [words.total, "", "", String(report.rejections.reduce(0) { $0 + $1.files })],
                                   numericFrom: 3).html())
        }
        return parts.joined(separator: "\n")
    }

    /// Per round and per authority type: the spread over the completeness bands as a stacked
    /// bar chart and a table, then the means.
    private func completeness(_ report: FollowUpReport) -> String {
        var parts = [note(words.completenessNote)]
        let bands = FollowUpReport.CompletenessBand.allCases
        for (id, heading, group, rows) in [("round", words.perRound, words.round, report.completenessByRound),
                                           ("authority", words.perAuthorityType, words.authorityType, report.completenessByAuthorityType)] {
            parts.append(Markup.element("h3", [], Markup.escape(heading)))
            guard !rows.isEmpty else {
                parts.append(paragraph(words.noSubmissions))
                continue
            }
            let rowLabels = rows.map { id == "round" ? "\(words.round) \($0.key)" : words.label($0.key, labels) }
            let chart = SVGBarChart(
                id: "chart-completeness-\(id)",
                title: words.words("Fuldstændighedens spredning", "The spread of completeness") + " " + heading.lowercased(),
                description: words.words("Stablet søjlediagram: hvor mange aktuelle indberetninger der ligger i hvert interval "
                                         + "af fuldstændighed.", "Stacked bar chart: how many current submissions fall in each "
                                         + "completeness band.") + " " + zip(rowLabels, rows).map { label, row in
                    "\(label): " + bands.map { "\(words.band($0)) \(row.bands[$0] ?? 0)" }.joined(separator: ", ")
                }.joined(separator: "; "),
                rows: rowLabels,
                series: bands.map { band in
                    .init(name: words.band(band), colour: Self.bandColours[band] ?? "#bbbbbb",
                          values: rows.map { Double($0.bands[band] ?? 0) }, labels: rows.map { String($0.bands[band] ?? 0) })
                },
                layout: .stacked)
            parts.append(figure(chart.svg(), caption: words.words(
                "Aktuelle indberetninger efter fuldstændighed; tallet i hvert felt er antallet af indberetninger, tallet for "
                    + "enden af søjlen dem alle. Gennemsnittet står i tabellen.",
                "Current submissions by completeness band; the number in each part is the submissions in it, the number at "
                    + "the end of the bar all of them. The mean is in the table.")))
            parts.append(HTMLTable(
                caption: words.words("Fuldstændighedens spredning", "Spread of completeness") + " " + heading.lowercased(),
                header: words.bandsHeader(group), rows: words.bandRows(rows, labels), numericFrom: 1).html())
            parts.append(HTMLTable(
                caption: words.completenessHeading + " " + heading.lowercased(), header: words.completenessHeader(group),
                rows: rows.map { [words.label($0.key, labels), String($0.submissions), words.percent($0.meanCompleteness),
                                  String($0.withoutFindings), String($0.openFindings)] },
                numericFrom: 1).html())
        }
        return parts.joined(separator: "\n")
    }
}
