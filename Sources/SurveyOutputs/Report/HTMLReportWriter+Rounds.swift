import Foundation
import SurveyModel

/// One `<section>` of the HTML report: its id (the navigation's anchor), heading and markup.
struct ReportSection {
    var id: String
    var heading: String
    var body: String
    /// Set when the section is written in another language than the page (`lang`).
    var language: ReportLanguage? = nil

    var languageAttributes: [(String, String)] {
        language.map { [("lang", $0.code), ("xml:lang", $0.code)] } ?? []
    }
}

extension HTMLReportWriter {
    /// The HTML writer, the review-state and across-rounds sections in `language`.
    public init(language: ReportLanguage) {
        self.init()
        self.language = language
    }

    /// `sections` with "Review states per round" after the submissions and "Each project across
    /// rounds" after severity and resolution.
    func withRounds(_ sections: [ReportSection], _ report: FollowUpReport) -> [ReportSection] {
        let words = RoundsWording(language: language)
        // The page is English (`lang="en"`); a Danish section says so.
        let other: ReportLanguage? = language == .en ? nil : language
        var result: [ReportSection] = []
        for section in sections {
            result.append(section)
            if section.id == "submissions" {
                result.append(.init(id: "reviews", heading: words.reviewsHeading, body: reviewStates(report, words), language: other))
            }
            if section.id == "outcomes" {
                result.append(.init(id: "across-rounds", heading: words.acrossHeading, body: acrossRounds(report, words),
                                    language: other))
            }
        }
        return result
    }

    private func reviewStates(_ report: FollowUpReport, _ words: RoundsWording) -> String {
        guard !report.reviewStatesByRound.isEmpty else { return note(words.reviewsNote) + "\n" + paragraph(words.noSubmissions) }
        let (rows, footer) = words.reviewsRows(report)
        return note(words.reviewsNote) + "\n"
            + HTMLTable(caption: words.reviewsHeading, header: words.reviewsHeader, rows: rows, footer: footer, numericFrom: 1).html()
    }

    private func acrossRounds(_ report: FollowUpReport, _ words: RoundsWording) -> String {
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

    private func paragraph(_ text: String) -> String {
        Markup.element("p", [], Markup.escape(text))
    }
}
