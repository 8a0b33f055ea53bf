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
                let rounds = (byProject[id] ?? []).sorted { $0.round < $1.round }
                return ProjectFindings(projectId: id, title: rounds.reversed().lazy.compactMap(\.title).first,
                                       authority: rounds.reversed().lazy.compactMap(\.authority).first,
                                       submissions: rounds)
            }
            return LeadFindings(lead: lead, projects: projects)
        }
    }

    private static func submissionFindings(_ filter: OpenFindingsFilter, in db: Database) throws -> [SubmissionFindings] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.submission_id, s.project_id, s.round, s.format, s.source_file, s.submitted_at, s.title, s.authority,
                s.lead_name, s.lead_email, f.position, f.field, f.rule, f.label, f.label_da, f.message, f.message_da,
                f.value, f.line, f.column, f.condition_label_da, f.condition_label_en, f.condition_value
            FROM flags f JOIN submissions s ON s.submission_id = f.submission_id
            WHERE s.status = 'current'
            ORDER BY s.project_id, s.round, s.submission_id, f.position
            """)
        var submissions: [SubmissionFindings] = []
        for row in rows {
            let projectId: String = row["project_id"]
            let round: Int = row["round"]
            guard filter.rounds.isEmpty || filter.rounds.contains(round),
                  filter.projects.isEmpty || filter.projects.contains(projectId.uppercased()) else { continue }
            let rule = CompletenessRule(rawValue: row["rule"]) ?? .missing
            guard filter.rules.isEmpty || filter.rules.contains(rule) else { continue }
            let id: String = row["submission_id"]
            if submissions.last?.submissionId != id {
                submissions.append(SubmissionFindings(
                    submissionId: id, projectId: projectId, round: round, format: row["format"],
                    sourceFile: row["source_file"], submittedAt: row["submitted_at"],
                    title: trimmed(row["title"]), authority: trimmed(row["authority"]),
                    lead: ProjectLead(email: trimmed(row["lead_email"]), name: trimmed(row["lead_name"])),
                    findings: []))
            }
            submissions[submissions.count - 1].findings.append(OpenFinding(
                position: row["position"], field: row["field"], rule: rule, label: row["label"],
                labelDanish: row["label_da"], message: row["message"], messageDanish: row["message_da"],
                value: row["value"], line: row["line"], column: row["column"],
                condition: Self.condition(row)))
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
