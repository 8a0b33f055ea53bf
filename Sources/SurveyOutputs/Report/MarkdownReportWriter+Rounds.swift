import SurveyModel

extension MarkdownReportWriter {
    /// The Markdown writer, every word in `language`.
    public init(language: ReportLanguage) {
        self.init()
        self.language = language
    }

    /// "Review states per round": the current submissions of each round by review state.
    func reviewStates(_ report: FollowUpReport) -> [String] {
        var out: [String] = []
        section(&out, words.reviewsHeading, words.reviewsNote)
        guard !report.reviewStatesByRound.isEmpty else { return out + [words.noSubmissions] }
        let (rows, footer) = words.reviewsRows(report)
        let header = words.reviewsHeader
        return out + table(header, numeric: header.count - 1, rows: rows + [["**\(footer[0])**"] + footer.dropFirst()])
    }

    /// "Each project across rounds": per project and pair of rounds, the categories that
    /// persisted, were resolved or are new; then the count of projects per category.
    func acrossRounds(_ report: FollowUpReport) -> [String] {
        var out: [String] = []
        section(&out, words.acrossHeading, words.acrossNote(report))
        guard !report.acrossRounds.projects.isEmpty else { return out + [words.noProjects(report)] }
        out += table(words.projectsHeader, numeric: 0, rows: words.projectsRows(report).map { row in
            // The id and title are what a lead wrote.
            row.enumerated().map { $0.offset < 2 ? escape($0.element) : $0.element }
        })
        section(&out, words.summaryHeading, words.summaryNote, level: 3)
        out += table([words.category] + FollowUpReport.ChallengeChange.allCases.map(words.change), numeric: 3,
                     rows: words.summaryRows(report))
        return out
    }
}
