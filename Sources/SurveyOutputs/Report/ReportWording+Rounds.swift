import SurveyModel

/// The words of the review-state and across-rounds sections, in Danish and English, shared by
/// both writers.
extension ReportWording {
    var reviewsHeading: String { words("Gennemgangsstatus pr. runde", "Review states per round") }
    var reviewsNote: String {
        words("Hver rundes aktuelle indberetninger efter den seneste status, en analytiker har givet dem (survey-intake review). "
              + "En indberetning, der endnu ikke er gennemgået, og en ny version af en gennemgået, står som modtaget.",
              "The current submissions of each round by the latest review state an analyst gave them (survey-intake review). "
              + "A submission not yet reviewed, and a new revision of a reviewed one, count as received.")
    }

    func state(_ state: ReviewState) -> String {
        switch state {
        case .received: words("Modtaget", "Received")
        case .hasIssues: words("Har mangler", "Has issues")
        case .approved: words("Godkendt", "Approved")
        case .rejected: words("Afvist", "Rejected")
        }
    }

    var reviewsHeader: [String] { [round] + ReviewState.allCases.map(state) + [total] }

    /// One row per round, then the total row.
    func reviewsRows(_ report: FollowUpReport) -> (rows: [[String]], footer: [String]) {
        let rounds = report.reviewStatesByRound
        let rows = rounds.map { round in
            [String(round.round)] + ReviewState.allCases.map { String(round.counts[$0] ?? 0) } + [String(round.total)]
        }
        let footer = [total] + ReviewState.allCases.map { state in String(rounds.reduce(0) { $0 + ($1.counts[state] ?? 0) }) }
            + [String(rounds.reduce(0) { $0 + $1.total })]
        return (rows, footer)
    }

    var acrossHeading: String { words("Projekterne på tværs af runder", "Each project across rounds") }
    func acrossNote(_ report: FollowUpReport) -> String {
        let scope = report.round.map {
            words(" Begrænset til runde \($0): hvert projekts runde \($0) sammenlignes med dets runde før.",
                  " Limited to round \($0): each project's round \($0) is compared with its round before it.")
        } ?? ""
        return words(
            "Hvert projekt med aktuelle indberetninger i to eller flere runder: hver runde sammenlignes med projektets "
                + "runde før, kategori for kategori. Fortsat: kategorien er angivet i begge runder og ikke angivet som løst "
                + "i den første. Løst: kategorien er angivet i den første runde og enten ikke angivet i den anden, eller alle "
                + "dens udfordringer er besvaret «Løst: ja» i den første. Ny: kategorien er angivet i den anden runde og var "
                + "ikke åben i den første (ikke angivet, eller angivet som løst og nu angivet igen: så tæller den som løst og "
                + "som ny). En runde, hvis indberetning ingen udfordringer angiver og ikke siger, at der ingen var, kan ikke "
                + "sammenlignes.",
            "Each project with current submissions in two or more rounds: every round is compared with the project's "
                + "round before it, category by category. Persisted: the category is reported in both rounds and was not "
                + "reported resolved in the earlier one. Resolved: the category is reported in the earlier round and either "
                + "is not reported in the later one, or every challenge of it was answered resolved = yes in the earlier one. "
                + "New: the category is reported in the later round and was not open in the earlier one (not reported, or "
                + "reported resolved and now reported again: then it counts as resolved and as new). A round whose "
                + "submission lists no challenges and does not say there were none cannot be compared.") + scope
    }
    func noProjects(_ report: FollowUpReport) -> String {
        guard let round = report.round else {
            return words("Intet projekt har aktuelle indberetninger i to eller flere runder.",
                         "No project has current submissions in two or more rounds.")
        }
        return words("Intet projekt har en aktuel indberetning i runde \(round) og i en runde før.",
                     "No project has a current submission in round \(round) and in a round before it.")
    }
    var projectsCaption: String { words("Udfordringernes kategorier fra runde til runde, pr. projekt",
                                        "Challenge categories from round to round, by project") }
    var summaryHeading: String { words("Pr. kategori", "Per category") }
    var summaryNote: String {
        words("Hvor mange projekter der havde hver kategori fortsat, løst eller ny mellem mindst ét par runder "
              + "(et projekt tæller højst én gang pr. kolonne).",
              "How many projects had each category persist, resolved or new between at least one pair of rounds "
              + "(a project counts at most once per column).")
    }
    var summaryCaption: String { words("Projekter pr. kategori og udvikling", "Projects by category and change") }

    func change(_ change: FollowUpReport.ChallengeChange) -> String {
        switch change {
        case .persisted: words("Fortsat", "Persisted")
        case .resolved: words("Løst", "Resolved")
        case .new: words("Ny", "New")
        }
    }

    var projectsHeader: [String] {
        [words("Projekt", "Project"), words("Titel", "Title"), words("Runder", "Rounds")]
            + FollowUpReport.ChallengeChange.allCases.map(change)
    }

    /// One row per project and pair of rounds: id, title, "2022 → 2023", then the persisted,
    /// resolved and new categories' labels ("–" for none). Titles as the leads wrote them:
    /// each writer escapes them.
    func projectsRows(_ report: FollowUpReport) -> [[String]] {
        report.acrossRounds.projects.flatMap { project in
            project.changes.map { change in
                let lead = [project.projectId, project.title ?? "", "\(change.from) → \(change.to)"]
                if let unanswered = change.unanswered {
                    return lead + [words("Kan ikke sammenlignes: runde \(unanswered) angiver ingen udfordringer og siger ikke, "
                                         + "at der ingen var", "Not comparable: round \(unanswered) lists no challenges and "
                                         + "does not say there were none"), "", ""]
                }
                return lead + [change.persisted, change.resolved, change.new].map { codes in
                    codes.isEmpty ? "–" : codes.map { label($0, report.labels) }.joined(separator: ", ")
                }
            }
        }
    }

    /// The per-category rows: label, then projects persisted, resolved, new.
    func summaryRows(_ report: FollowUpReport) -> [[String]] {
        let table = report.acrossRounds.byCategory
        return table.rows.enumerated().map { r, code in [label(code, report.labels)] + table.counts[r].map(String.init) }
    }
}
