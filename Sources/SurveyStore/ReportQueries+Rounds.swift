import GRDB
import SurveyModel

extension ReportQueries {
    /// Every project with current submissions in two or more rounds, its challenge categories
    /// compared between each pair of its consecutive rounds. Limited to a round N, only the pairs
    /// ending in N (N compared with the project's round before it, which lies outside the limit).
    func acrossRounds() throws -> FollowUpReport.AcrossRounds {
        // The LEFT JOIN keeps a round without challenges: it resolved everything, or did not answer.
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.project_id, s.round, s.title, s.declared_no_challenges, c.category, c.resolved
            FROM submissions s LEFT JOIN challenges c ON c.submission_id = s.submission_id
            WHERE s.status = 'current' AND s.project_id IN (
                SELECT project_id FROM submissions WHERE status = 'current' GROUP BY project_id HAVING COUNT(DISTINCT round) >= 2)
            ORDER BY s.project_id, s.round, c.position
            """)
        var projects: [FollowUpReport.ProjectAcrossRounds] = []
        var rounds: [FollowUpReport.RoundChallenges] = []
        func finish() {
            guard var project = projects.popLast() else { return }
            project.rounds = rounds.map(\.round)
            project.changes = zip(rounds, rounds.dropFirst())
                .filter { round == nil || $0.1.round == round }
                .map { FollowUpReport.RoundChange($0, $1, order: order.categories) }
            if !project.changes.isEmpty { projects.append(project) }
            rounds = []
        }
        for row in rows {
            let id: String = row["project_id"]
            if projects.last?.projectId != id {
                finish()
                projects.append(.init(projectId: id, title: nil, rounds: [], changes: []))
            }
            // Rows come in round order: the latest round's title wins.
            projects[projects.count - 1].title = (row["title"] as String?).flatMap(trimmed) ?? projects[projects.count - 1].title
            let year: Int = row["round"]
            if rounds.last?.round != year {
                rounds.append(.init(round: year, categories: [:], answered: row["declared_no_challenges"]))
            }
            guard let category = row["category"] as String? else { continue }
            let code = trimmed(category) ?? CrossTable.notStated
            let resolved = (row["resolved"] as String?).flatMap(trimmed) == "yes"
            rounds[rounds.count - 1].answered = true
            rounds[rounds.count - 1].categories[code] = (rounds[rounds.count - 1].categories[code] ?? true) && resolved
        }
        finish()
        return .init(projects: projects, categories: order.categories)
    }

    /// The current submissions of each round by their latest review state; none given is received.
    func reviewStatesByRound() throws -> [FollowUpReport.RoundReviewStates] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.round, COALESCE((SELECT r.state FROM reviews r WHERE r.submission_id = s.submission_id
                                      ORDER BY r.id DESC LIMIT 1), 'received') AS state, COUNT(*) AS n
            FROM submissions s WHERE \(current) GROUP BY s.round, state ORDER BY s.round
            """)
        var byRound: [(Int, [ReviewState: Int])] = []
        for row in rows {
            let year: Int = row["round"]
            if byRound.last?.0 != year { byRound.append((year, [:])) }
            // The table's CHECK admits only the four states.
            if let state = ReviewState(rawValue: row["state"]) { byRound[byRound.count - 1].1[state, default: 0] += row["n"] as Int }
        }
        return byRound.map { .init(round: $0.0, counts: $0.1) }
    }
}
