import GRDB
import SurveyModel

/// One challenge of a current submission, as the report counts it.
struct ReportChallenge {
    var round: Int
    var category: String
    var phase: String
    var severity: String
    var resolved: String
}

extension ReportQueries {
    /// The challenges of the current submissions; answers not given are `CrossTable.notStated`.
    func challenges() throws -> [ReportChallenge] {
        try Row.fetchAll(db, sql: """
            SELECT s.round, c.category, s.phase, c.severity, c.resolved
            FROM challenges c JOIN submissions s ON s.submission_id = c.submission_id
            WHERE \(current) ORDER BY s.project_id, s.round, c.position
            """).map { row in
            func key(_ column: String) -> String { (row[column] as String?).flatMap(trimmed) ?? CrossTable.notStated }
            return ReportChallenge(round: row["round"], category: key("category"), phase: key("phase"),
                                   severity: key("severity"), resolved: key("resolved"))
        }
    }

    /// (code, round) once per current submission that lists the code (`other` left out);
    /// (`other` or `unplaced`, round) once per current submission that lists a measure the lead
    /// coded other or one whose text could not be placed (placeholders left out); and how many
    /// measures could not be placed.
    func mitigations() throws -> (used: [(String, String)], other: [(String, String)], unplaced: Int) {
        let other = FollowUpReport.otherMeasure
        let used = try Row.fetchAll(db, sql: """
            SELECT DISTINCT m.submission_id, m.code, s.round
            FROM mitigations m JOIN submissions s ON s.submission_id = m.submission_id
            WHERE \(current) AND m.code <> ? ORDER BY s.round, m.code, m.submission_id
            """, arguments: [other]).map { row -> (String, String) in (row["code"], String(row["round"] as Int)) }
        let others = try Row.fetchAll(db, sql: """
            SELECT DISTINCT m.submission_id, CASE WHEN m.code_source = 'unmapped' THEN ? ELSE ? END AS kind, s.round
            FROM mitigations m JOIN submissions s ON s.submission_id = m.submission_id
            WHERE \(current) AND m.code = ? AND NOT \(Self.placeholder("mitigations", "m", "text"))
            ORDER BY s.round, kind, m.submission_id
            """, arguments: [FollowUpReport.unplacedMeasure, other, other])
            .map { row -> (String, String) in (row["kind"], String(row["round"] as Int)) }
        let unplaced = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM mitigations m JOIN submissions s ON s.submission_id = m.submission_id
            WHERE \(current) AND m.code_source = 'unmapped' AND NOT \(Self.placeholder("mitigations", "m", "text"))
            """) ?? 0
        return (used, others, unplaced)
    }

    /// Challenge labels the taxonomy could not place, measures it could not place, and answers
    /// flagged `unmapped` (phase, domain, severity …), grouped by question and text (ignoring
    /// case and spacing); by question, then most frequent first.
    func unmappedLabels() throws -> [FollowUpReport.UnmappedLabel] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT 'challenges[N].category' AS field, COALESCE(c.raw_category, c.label) AS written, s.project_id, 0 AS rank
            FROM challenges c JOIN submissions s ON s.submission_id = c.submission_id
            WHERE \(current) AND c.category_source = 'unmapped' AND NOT \(Self.placeholder("challenges", "c", "category"))
            UNION ALL
            SELECT 'mitigations[N]', m.raw_text, s.project_id, 1
            FROM mitigations m JOIN submissions s ON s.submission_id = m.submission_id
            WHERE \(current) AND m.code_source = 'unmapped' AND NOT \(Self.placeholder("mitigations", "m", "text"))
            UNION ALL
            SELECT f.field, f.value, s.project_id, 2
            FROM flags f JOIN submissions s ON s.submission_id = f.submission_id
            WHERE \(current) AND f.rule = 'unmapped' AND NOT (f.field LIKE 'challenges[%].category')
            ORDER BY rank, field, project_id, written
            """)
        struct Key: Hashable { var rank: Int; var field: String; var text: String }
        var groups: [Key: FollowUpReport.UnmappedLabel] = [:]
        var firstSeen: [Key] = []
        for row in rows {
            let field = Self.pattern(row["field"])
            let written = (row["written"] as String?).map(Self.collapsed) ?? ""
            let key = Key(rank: row["rank"], field: field, text: written.lowercased())
            if groups[key] == nil {
                firstSeen.append(key)
                groups[key] = .init(field: field, written: written, occurrences: 0, projects: [])
            }
            groups[key]?.occurrences += 1
            let project: String = row["project_id"]
            if groups[key]?.projects.contains(project) == false { groups[key]?.projects.append(project) }
        }
        return firstSeen.sorted {
            ($0.rank, $0.field, -(groups[$0]?.occurrences ?? 0), $0.text) < ($1.rank, $1.field, -(groups[$1]?.occurrences ?? 0), $1.text)
        }.compactMap { key in groups[key].map { var label = $0; label.projects.sort(); return label } }
    }

    /// The projects whose current submissions have the most flags, most first, then by id.
    func projectsWithMostFindings(top: Int) throws -> [FollowUpReport.ProjectFindingCount] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.project_id, s.round, s.title, s.lead_name, f.rule, COUNT(*) AS n
            FROM flags f JOIN submissions s ON s.submission_id = f.submission_id
            WHERE \(current) GROUP BY s.project_id, s.round, f.rule ORDER BY s.project_id, s.round
            """)
        var projects: [String: FollowUpReport.ProjectFindingCount] = [:]
        for row in rows {
            let id: String = row["project_id"]
            var project = projects[id] ?? .init(projectId: id, title: nil, leadName: nil, rounds: [], byRule: [:], total: 0)
            let round: Int = row["round"]
            if project.rounds.last != round { project.rounds.append(round) }
            // Rows come in round order: the latest round's title and lead win.
            project.title = (row["title"] as String?).flatMap(trimmed) ?? project.title
            project.leadName = (row["lead_name"] as String?).flatMap(trimmed) ?? project.leadName
            if let rule = CompletenessRule(rawValue: row["rule"]) {
                project.byRule[rule, default: 0] += row["n"] as Int
            }
            project.total += row["n"] as Int
            projects[id] = project
        }
        return projects.values.sorted { ($1.total, $0.projectId) < ($0.total, $1.projectId) }.prefix(max(top, 0)).map { $0 }
    }

    /// Whether the item's answer was flagged as a placeholder ("TBD", "xx"): not a label to place.
    static func placeholder(_ collection: String, _ alias: String, _ answer: String) -> String {
        """
        EXISTS (SELECT 1 FROM flags p WHERE p.submission_id = \(alias).submission_id AND p.rule = 'placeholder'
            AND p.field = '\(collection)[' || \(alias).position || '].\(answer)')
        """
    }

    /// `challenges[3].severity` → `challenges[N].severity`.
    static func pattern(_ field: String) -> String {
        var result = ""
        var inIndex = false
        for character in field {
            if character == "[" { inIndex = true; result += "[N"; continue }
            if character == "]" { inIndex = false }
            if !inIndex { result.append(character) }
        }
        return result
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
