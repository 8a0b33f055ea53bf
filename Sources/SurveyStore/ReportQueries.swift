import GRDB
import SurveyModel

extension FollowUpReport {
    /// Builds the report from the dataset in `store`.
    ///
    /// - Parameters:
    ///   - order: the codes of each table's rows and columns, in order (from the vocabularies).
    ///   - round: limit everything but the rejections to this round.
    ///   - top: how many projects to list under "most open findings".
    ///   - generatedAt: the time to print; defaults to now, or `SOURCE_DATE_EPOCH` when set.
    public init(store: IntakeStore, order: ReportOrder, round: Int? = nil, top: Int = 10,
                generatedAt: String = Timestamp.now()) throws {
        self = try store.queue.read { db in
            let queries = ReportQueries(db: db, round: round, order: order)
            let challenges = try queries.challenges()
            let mitigations = try queries.mitigations()
            var report = FollowUpReport(
                round: round, generatedAt: generatedAt,
                overview: try queries.overview(challenges: challenges.count),
                submissionsByRound: try queries.submissionsByRound(),
                rejections: try queries.rejections(),
                completenessByRound: try queries.completeness(by: "CAST(s.round AS TEXT)", order: []),
                completenessByAuthorityType: try queries.completeness(by: "s.authority_type", order: order.authorityTypes),
                categoriesByPhase: CrossTable(counting: challenges.map { ($0.category, $0.phase) },
                                              rows: order.categories, columns: order.phases),
                categoriesByRound: CrossTable(counting: challenges.map { ($0.category, String($0.round)) },
                                              rows: order.categories, columns: try queries.rounds().map(String.init)),
                severityByCategory: CrossTable(counting: challenges.map { ($0.category, $0.severity) },
                                               rows: order.categories, columns: order.severities),
                resolutionByCategory: CrossTable(counting: challenges.map { ($0.category, $0.resolved) },
                                                 rows: order.categories, columns: order.resolved),
                mitigationsByRound: CrossTable(counting: mitigations.used,
                                               rows: order.mitigations.filter { $0 != FollowUpReport.otherMeasure },
                                               columns: try queries.rounds().map(String.init)),
                unplacedMitigations: mitigations.unplaced,
                unmappedLabels: try queries.unmappedLabels(),
                projectsWithMostFindings: try queries.projectsWithMostFindings(top: top))
            report.otherMitigationsByRound = CrossTable(
                counting: mitigations.other, rows: [FollowUpReport.otherMeasure, FollowUpReport.unplacedMeasure],
                columns: try queries.rounds().map(String.init))
            report.labels = order.labels
            report.flagStatesByRound = try queries.flagStates()
            report.acrossRounds = try queries.acrossRounds()
            report.reviewStatesByRound = try queries.reviewStatesByRound()
            return report
        }
    }
}

/// The report's SQL, limited to one round when asked. Reads only.
struct ReportQueries {
    let db: Database
    let round: Int?
    let order: ReportOrder

    /// `AND s.round = N` when limited to a round. (An integer: nothing to escape.)
    var inRound: String { round.map { " AND s.round = \($0)" } ?? "" }
    var rejectionsInRound: String { round.map { " AND r.round = \($0)" } ?? "" }
    /// A round's rejections and those whose round is not known (they may be of any round).
    var rejectionsOfRoundOrUnknown: String { round.map { " AND (r.round = \($0) OR r.round IS NULL)" } ?? "" }
    var current: String { "s.status = 'current'" + inRound }

    /// Every flag of the round (or all rounds) in each state: the current submissions' flags and
    /// those their revisions answered.
    func flagStates() throws -> [FlagRoundStates] {
        let submissions = try IntakeStore.submissionFindings(OpenFindingsFilter(rounds: round.map { [$0] } ?? [], states: []), in: db)
        return FlagRoundStates.tally(submissions.flatMap { submission in submission.findings.map { (round: submission.round, life: $0.life) } })
    }

    /// The rounds of the current submissions, ascending.
    func rounds() throws -> [Int] {
        try Int.fetchAll(db, sql: "SELECT DISTINCT s.round FROM submissions s WHERE \(current) ORDER BY s.round")
    }

    func overview(challenges: Int) throws -> FollowUpReport.Overview {
        let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(DISTINCT s.project_id) AS projects, COUNT(*) AS submissions, COALESCE(SUM(s.flag_count), 0) AS flags
            FROM submissions s WHERE \(current)
            """)
        let rejected = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM rejections r WHERE 1 = 1\(rejectionsOfRoundOrUnknown)
            """) ?? 0
        return .init(projects: row?["projects"] ?? 0, currentSubmissions: row?["submissions"] ?? 0, challenges: challenges,
                     openFindings: row?["flags"] ?? 0, rejectedFiles: rejected)
    }

    func submissionsByRound() throws -> [FollowUpReport.RoundSubmissions] {
        // A round that only rejected files name has a row too.
        try Row.fetchAll(db, sql: """
            SELECT round, SUM(accepted) AS accepted, SUM(current) AS current, SUM(superseded) AS superseded, SUM(rejected) AS rejected
            FROM (SELECT s.round, 1 AS accepted, s.status = 'current' AS current, s.status = 'superseded' AS superseded, 0 AS rejected
                  FROM submissions s WHERE 1 = 1\(inRound)
                  UNION ALL
                  SELECT r.round, 0, 0, 0, 1 FROM rejections r WHERE r.round IS NOT NULL\(rejectionsInRound))
            GROUP BY round ORDER BY round
            """).map { .init(round: $0["round"], accepted: $0["accepted"], current: $0["current"], superseded: $0["superseded"],
                            rejected: $0["rejected"]) }
    }

    func rejections() throws -> [FollowUpReport.RejectionCount] {
        // With a round asked for, its rejections and those whose round is not known.
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.round, r.reason, r.format, COUNT(*) AS files FROM rejections r
            WHERE 1 = 1\(rejectionsOfRoundOrUnknown) GROUP BY r.round, r.reason, r.format
            """)
        let order = Dictionary(uniqueKeysWithValues: order.reasons.enumerated().map { ($1, $0) })
        func key(_ count: FollowUpReport.RejectionCount) -> (Int, Int, String) {
            (count.round ?? .max, order[count.reason] ?? .max, count.format ?? "~")
        }
        return rows.map { FollowUpReport.RejectionCount(round: $0["round"], reason: $0["reason"], format: $0["format"], files: $0["files"]) }
            .sorted { key($0) < key($1) }
    }

    /// Completeness of the current submissions grouped by `expression`, with each group's spread
    /// over the completeness bands; groups in `order` first, then others sorted, then not stated.
    func completeness(by expression: String, order: [String]) throws -> [FollowUpReport.CompletenessRow] {
        func key(_ row: Row) -> String { (row["key"] as String?).flatMap(trimmed) ?? CrossTable.notStated }
        var values: [String: [Double]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT \(expression) AS key, s.completeness FROM submissions s WHERE \(current)") {
            values[key(row), default: []].append(row["completeness"])
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(expression) AS key, COUNT(*) AS submissions, AVG(s.completeness) AS mean,
                SUM(s.flag_count = 0) AS clean, SUM(s.flag_count) AS flags
            FROM submissions s WHERE \(current) GROUP BY key
            """).map { row in
            FollowUpReport.CompletenessRow(
                key: key(row), submissions: row["submissions"],
                meanCompleteness: row["mean"], withoutFindings: row["clean"], openFindings: row["flags"],
                bands: FollowUpReport.CompletenessBand.tally(values[key(row)] ?? []))
        }
        func rank(_ key: String) -> (Int, String) {
            if let index = order.firstIndex(of: key) { return (index, "") }
            return key == CrossTable.notStated ? (order.count + 1, "") : (order.count, key)
        }
        return rows.sorted { rank($0.key) < rank($1.key) }
    }
}
