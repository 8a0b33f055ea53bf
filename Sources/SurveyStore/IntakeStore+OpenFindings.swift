import GRDB
import SurveyModel

extension IntakeStore {
    /// The flags of the current submissions that pass `filter`, grouped by project lead, then
    /// project, then round, each submission's in questionnaire order (the flags' `position`).
    ///
    /// Leads are told apart by e-mail address (ignoring case), or by name when the address is
    /// not answered; a submission with neither forms a group of its own. Groups are sorted by
    /// address, then name, then project id, so the output is the same on every run.
    public func openFindings(_ filter: OpenFindingsFilter = OpenFindingsFilter()) throws -> [LeadFindings] {
        let submissions = try queue.read { db in try Self.submissionFindings(filter, in: db) }
        var groups: [LeadKey: [SubmissionFindings]] = [:]
        for submission in submissions where !submission.findings.isEmpty {
            groups[LeadKey(submission), default: []].append(submission)
        }
        return groups.keys.sorted().map { key in
            let members = groups[key] ?? []
            // The lead as the most recent submission names them.
            let latest = members.sorted { ($0.round, $0.submittedAt) > ($1.round, $1.submittedAt) }
            let lead = ProjectLead(email: latest.lazy.compactMap(\.lead.email).first,
                                   name: latest.lazy.compactMap(\.lead.name).first)
            let byProject = Dictionary(grouping: members, by: \.projectId)
            let projects = byProject.keys.sorted().map { id in
                // In round and submission order already (`submissionFindings`).
                let rounds = byProject[id] ?? []
                return ProjectFindings(projectId: id, title: rounds.reversed().lazy.compactMap(\.title).first,
                                       authority: rounds.reversed().lazy.compactMap(\.authority).first,
                                       submissions: rounds)
            }
            return LeadFindings(lead: lead, projects: projects)
        }
    }

    /// The findings that pass `filter`: those of the current submissions, then (when answered or
    /// waived ones are asked for) those the current submissions no longer have, each with the
    /// last revision that had it; sorted by project, round and submission time.
    static func submissionFindings(_ filter: OpenFindingsFilter, in db: Database) throws -> [SubmissionFindings] {
        var submissions: [SubmissionFindings] = []
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(findingColumns), \(lifeColumns)
            FROM flags f JOIN submissions s ON s.submission_id = f.submission_id \(lifeJoin)
            WHERE s.status = 'current'
            ORDER BY s.project_id, s.round, s.submission_id, f.position
            """)
        for row in rows { append(row, life: life(row), passing: filter, to: &submissions) }
        guard filter.states.isEmpty || !filter.states.isDisjoint(with: [.answered, .waived]) else { return submissions }
        submissions += try goneFindings(filter, in: db)
        func order(_ submission: SubmissionFindings) -> (String, Int, String, String) {
            (submission.projectId, submission.round, Timestamp.utc(submission.submittedAt) ?? submission.submittedAt,
             submission.submissionId)
        }
        return submissions.sorted { order($0) < order($1) }
    }

    /// The columns of a submission `s` and its flag `f` that `append` reads.
    private static let findingColumns = """
        s.submission_id, s.project_id, s.round, s.format, s.source_file, s.submitted_at, s.title, s.authority,
        s.lead_name, s.lead_email, f.position, f.field, f.rule, f.label, f.label_da, f.message, f.message_da,
        f.value, f.line, f.column, f.condition_label_da, f.condition_label_en, f.condition_value
        """

    /// Adds the flag of `row` (rows come in submission order) when it passes `filter`.
    private static func append(_ row: Row, life: FlagLife, passing filter: OpenFindingsFilter,
                               to submissions: inout [SubmissionFindings]) {
        let projectId: String = row["project_id"]
        let round: Int = row["round"]
        let rule = CompletenessRule(rawValue: row["rule"]) ?? .missing
        guard filter.includes(FlagKey(projectId: projectId, round: round, field: row["field"], rule: rule)),
              filter.states.isEmpty || filter.states.contains(life.state) else { return }
        let id: String = row["submission_id"]
        if submissions.last?.submissionId != id {
            submissions.append(SubmissionFindings(
                submissionId: id, projectId: projectId, round: round, format: row["format"],
                sourceFile: row["source_file"], submittedAt: row["submitted_at"],
                title: trimmed(row["title"]), authority: trimmed(row["authority"]),
                lead: ProjectLead(email: trimmed(row["lead_email"]), name: trimmed(row["lead_name"])),
                findings: []))
        }
        var finding = openFinding(row)
        finding.life = life
        submissions[submissions.count - 1].findings.append(finding)
    }

    /// The flags that a superseded revision had and the current one of its project and round
    /// does not: each with the last revision that had it, answered by the revision after that.
    private static func goneFindings(_ filter: OpenFindingsFilter, in db: Database) throws -> [SubmissionFindings] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(findingColumns), \(lifeColumns)
            FROM flags f JOIN submissions s ON s.submission_id = f.submission_id \(lifeJoin)
            WHERE s.status = 'superseded'
                AND EXISTS (SELECT 1 FROM submissions c WHERE c.project_id = s.project_id AND c.round = s.round AND c.status = 'current')
                AND NOT EXISTS (SELECT 1 FROM submissions c JOIN flags cf ON cf.submission_id = c.submission_id
                    WHERE c.project_id = s.project_id AND c.round = s.round AND c.status = 'current'
                        AND cf.field = f.field AND cf.rule = f.rule)
            ORDER BY s.project_id, s.round, s.submitted_at_utc, s.submission_id, f.position
            """)
        guard !rows.isEmpty else { return [] }
        func key(_ row: Row) -> FlagKey {
            FlagKey(projectId: row["project_id"], round: row["round"], field: row["field"],
                    rule: CompletenessRule(rawValue: row["rule"]) ?? .missing)
        }
        // Rows come oldest revision first: the last one kept for a key is the last revision that had it.
        var lastHad: [FlagKey: String] = [:]
        for row in rows { lastHad[key(row)] = row["submission_id"] }
        // Each project and round's revisions in order, the current one last.
        var revisions: [String: [(id: String, ingestedAt: String)]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT submission_id, project_id, round, ingested_at FROM submissions WHERE status IN ('current', 'superseded')
            ORDER BY project_id, round, status = 'current', submitted_at_utc, submission_id
            """) {
            revisions["\(row["project_id"] as String) \(row["round"] as Int)", default: []].append(
                (id: row["submission_id"] as String, ingestedAt: row["ingested_at"] as String))
        }
        var submissions: [SubmissionFindings] = []
        for row in rows {
            let flag = key(row)
            let id: String = row["submission_id"]
            guard lastHad[flag] == id, let order = revisions["\(flag.projectId) \(flag.round)"],
                  let index = order.firstIndex(where: { $0.id == id }), index + 1 < order.count else { continue }
            let answer = FlagAnswer(submissionId: order[index + 1].id, at: order[index + 1].ingestedAt)
            append(row, life: life(row, answered: answer), passing: filter, to: &submissions)
        }
        return submissions
    }
}

extension IntakeStore {
    /// A flag row's condition, when it has one.
    static func condition(_ row: Row) -> FindingCondition? {
        guard let written: String = row["condition_value"] else { return nil }
        return FindingCondition(labelDanish: row["condition_label_da"] ?? "", labelEnglish: row["condition_label_en"] ?? "",
                                written: written)
    }
}

/// How submissions are grouped by lead: the address ignoring case, else the name, else the
/// project on its own. Orders address groups first, then name groups, then the rest.
private struct LeadKey: Hashable, Comparable {
    var kind: Int
    var text: String

    init(_ submission: SubmissionFindings) {
        if let email = submission.lead.email {
            self.init(kind: 0, text: email.lowercased())
        } else if let name = submission.lead.name {
            self.init(kind: 1, text: name.lowercased())
        } else {
            self.init(kind: 2, text: submission.projectId)
        }
    }

    private init(kind: Int, text: String) {
        self.kind = kind
        self.text = text
    }

    static func < (lhs: LeadKey, rhs: LeadKey) -> Bool {
        (lhs.kind, lhs.text) < (rhs.kind, rhs.text)
    }
}
