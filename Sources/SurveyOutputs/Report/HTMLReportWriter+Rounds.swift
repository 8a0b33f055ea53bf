import Foundation
import SurveyModel

/// One `<section>` of the HTML report: its id (the navigation's anchor), heading and markup.
struct ReportSection {
    var id: String
    var heading: String
    var body: String
}

extension HTMLReportWriter {
    /// The HTML writer, every word of the page in `language`.
    public init(language: ReportLanguage) {
        self.init()
        self.language = language
    }

    /// `sections` with "Review states per round" after the submissions and "Each project across
    /// rounds" after severity and resolution.
    func withRounds(_ sections: [ReportSection], _ report: FollowUpReport) -> [ReportSection] {
        var result: [ReportSection] = []
        for section in sections {
            result.append(section)
            if section.id == "submissions" {
                result.append(.init(id: "reviews", heading: words.reviewsHeading, body: reviewStates(report)))
            }
            if section.id == "outcomes" {
                result.append(.init(id: "across-rounds", heading: words.acrossHeading, body: acrossRounds(report)))
            }
        }
        return result
    }

    private func reviewStates(_ report: FollowUpReport) -> String {
        guard !report.reviewStatesByRound.isEmpty else { return note(words.reviewsNote) + "\n" + paragraph(words.noSubmissions) }
        let (rows, footer) = words.reviewsRows(report)
        return note(words.reviewsNote) + "\n"
            + HTMLTable(caption: words.reviewsHeading, header: words.reviewsHeader, rows: rows, footer: footer, numericFrom: 1).html()
    }

    private func acrossRounds(_ report: FollowUpReport) -> String {
        let intro = note(words.acrossNote(report))
        guard !report.acrossRounds.projects.isEmpty else { return intro + "\n" + paragraph(words.noProjects(report)) }
        let table = report.acrossRounds.byCategory
        let changes = FollowUpReport.ChallengeChange.allCases
        let colours: [FollowUpReport.ChallengeChange: String] = [.persisted: "#d55e00", .resolved: "#009e73", .new: "#0072b2"]
        let series = changes.enumerated().map { c, change in
            SVGBarChart.Series(name: words.change(change), colour: colours[change] ?? "#bbbbbb",
                               values: table.counts.map { Double($0[c]) }, labels: table.counts.map { String($0[c]) })
        }
        let chart = SVGBarChart(
            id: "chart-across-rounds", title: words.summaryCaption,
            description: words.words("Søjlediagram: for hver kategori, hvor mange projekter havde den fortsat, løst og ny.",
                                     "Bar chart: for each category, how many projects had it persist, resolved and new."),
            rows: table.rows.map { words.label($0, labels) }, series: series, layout: .grouped)
        return [intro,
                // "2022 → 2023" kept on one line.
                HTMLTable(caption: words.projectsCaption, header: words.projectsHeader,
                          rows: words.projectsRows(report).map { row in
                              row.enumerated().map { $0.offset == 2 ? $0.element.replacingOccurrences(of: " ", with: "\u{A0}") : $0.element }
                          },
                          numericFrom: words.projectsHeader.count, className: "long").html(),
                Markup.element("h3", [], Markup.escape(words.summaryHeading)),
                note(words.summaryNote),
                figure(chart.svg(), caption: words.words("Projekter pr. kategori: fortsat, løst, ny.",
                                                         "Projects per category: persisted, resolved, new.")),
                HTMLTable(caption: words.summaryCaption, header: [words.category] + changes.map(words.change),
                          rows: words.summaryRows(report), numericFrom: 1).html(),
        ].joined(separator: "\n")
    }
}
