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
    /// The language of the sections that follow the conversation (HTMLReportWriter+Rounds.swift).
    var language: ReportLanguage = .en

    /// The sections, in order: (id, heading); `withRounds` adds those that follow the conversation.
    static let sections = [
        ("submissions", "Submissions per round"), ("completeness", "Completeness"),
        ("phases", "Challenges by project phase"), ("rounds", "Challenges by round"),
        ("outcomes", "Severity and resolution by category"), ("mitigations", "Mitigations used"),
        ("unmapped", "Unmapped labels"), ("findings", "Projects with the most open findings"),
        ("flag-states", "Flags asked, answered and waived"),
    ]

    /// Colours that stay apart for colour-blind readers (Okabe–Ito), one per series.
    static let palette = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"]

    public func write(_ report: FollowUpReport) -> String {
        var writer = self
        writer.labels = report.labels
        return writer.written(report)
    }

    private func written(_ report: FollowUpReport) -> String {
        let bodies = [submissions(report), completeness(report), phases(report), rounds(report), outcomes(report),
                      mitigations(report), unmapped(report), findings(report), flagStates(report)]
        let sections = withRounds(zip(Self.sections, bodies).map { ReportSection(id: $0.0, heading: $0.1, body: $1) }, report)
        let main = sections.map { section in
            Markup.element("section", [("id", section.id)] + section.languageAttributes,
                           "\n" + Markup.element("h2", [], Markup.escape(section.heading)) + "\n" + section.body + "\n")
        }.joined(separator: "\n")
        let figures = ReportWording.overview(report).map { label, value in
            Markup.element("li", [], Markup.element("strong", [], String(value)) + Markup.escape(label))
        }.joined()
        let navigation = sections.map {
            Markup.element("li", $0.languageAttributes, Markup.element("a", [("href", "#\($0.id)")], Markup.escape($0.heading)))
        }
        let header = [
            Markup.element("h1", [], Markup.escape(ReportWording.title)),
            Markup.element("p", [("class", "meta")], Markup.escape("Generated \(report.generatedAt). \(ReportWording.scope(report))")),
            Markup.element("ul", [("class", "figures")], figures),
            Markup.element("nav", [("aria-label", "Contents")], Markup.element("ol", [], navigation.joined())),
        ].joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(Markup.escape(ReportWording.title))</title>
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

    func figure(_ svg: String, caption: String) -> String {
        Markup.element("figure", [], "\n" + svg + "\n" + Markup.element("figcaption", [], Markup.escape(caption)) + "\n")
    }

    private func flagStates(_ report: FollowUpReport) -> String {
        guard !report.flagStatesByRound.isEmpty else {
            return [note(ReportWording.flagStatesNote), Markup.element("p", [], "No flags.")].joined(separator: "\n")
        }
        return [note(ReportWording.flagStatesNote),
                HTMLTable(caption: "Flags by state per round", header: ReportWording.flagStatesHeader,
                          rows: ReportWording.flagStatesRows(report), numericFrom: 1).html()].joined(separator: "\n")
    }

    private func submissions(_ report: FollowUpReport) -> String {
        let rounds = report.submissionsByRound
        let table = HTMLTable(
            caption: "Submissions per round", header: ["Round", "Accepted", "Current", "Superseded", "Rejected"],
            rows: rounds.map { [String($0.round), String($0.accepted), String($0.current), String($0.superseded), String($0.rejected)] },
            footer: ["Total", String(rounds.reduce(0) { $0 + $1.accepted }), String(rounds.reduce(0) { $0 + $1.current }),
                     String(rounds.reduce(0) { $0 + $1.superseded }), String(rounds.reduce(0) { $0 + $1.rejected })],
            numericFrom: 1)
        var parts = [table.html(), Markup.element("h3", [], "Rejected files"), note(ReportWording.rejectionsNote)]
        if report.rejections.isEmpty {
            parts.append(Markup.element("p", [], "No file was rejected."))
        } else {
            parts.append(HTMLTable(caption: "Rejected files by round and reason", header: ["Round", "Reason", "Format", "Files"],
                                   rows: report.rejections.map(ReportWording.rejectionRow),
                                   footer: ["Total", "", "", String(report.rejections.reduce(0) { $0 + $1.files })],
                                   numericFrom: 3).html())
        }
        return parts.joined(separator: "\n")
    }

    private func completeness(_ report: FollowUpReport) -> String {
        var parts = [note(ReportWording.completenessNote)]
        for (id, heading, rows) in [("round", "Round", report.completenessByRound),
                                    ("authority", "Authority type", report.completenessByAuthorityType)] {
            parts.append(Markup.element("h3", [], Markup.escape("Per \(heading.lowercased())")))
            guard !rows.isEmpty else {
                parts.append(Markup.element("p", [], "No current submissions."))
                continue
            }
            let rowLabels = rows.map { id == "round" ? "Round \($0.key)" : ReportWording.label($0.key, labels) }
            let chart = SVGBarChart(
                id: "chart-completeness-\(id)", title: "Mean completeness per \(heading.lowercased())",
                description: zip(rowLabels, rows).map { "\($0): \(ReportWording.percent($1.meanCompleteness))" }.joined(separator: "; "),
                rows: rowLabels,
                series: [.init(name: "Mean completeness", colour: Self.palette[0], values: rows.map(\.meanCompleteness),
                               labels: rows.map { ReportWording.percent($0.meanCompleteness) })],
                layout: .grouped, maximum: 1)
            parts.append(figure(chart.svg(), caption: "Mean completeness of the current submissions; a full bar is 100%."))
            parts.append(HTMLTable(
                caption: "Completeness per \(heading.lowercased())",
                header: [heading, "Submissions", "Mean completeness", "Without findings", "Open findings"],
                rows: rows.map { [ReportWording.label($0.key, labels), String($0.submissions), ReportWording.percent($0.meanCompleteness),
                                  String($0.withoutFindings), String($0.openFindings)] },
                numericFrom: 1).html())
        }
        return parts.joined(separator: "\n")
    }
}
