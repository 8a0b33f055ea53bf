
/// The open findings of the current submissions, as `survey-intake flags` lists them: grouped
/// by project lead, then project, then round, each submission's findings in questionnaire order.
///
///     let leads = try store.openFindings(OpenFindingsFilter(rounds: [2022]))
///     leads[0].lead.email                                  // "anne.testesen@testrup.dk"
///     leads[0].projects[0].submissions[0].findings[0].field // "project.domain"
public struct LeadFindings: Sendable, Hashable, Codable {
    public var lead: ProjectLead
    /// By project id.
    public var projects: [ProjectFindings]

    /// How many findings, over every project.
    public var findingCount: Int { projects.reduce(0) { $0 + $1.findingCount } }
    /// Every submission of every project, in order.
    public var submissions: [SubmissionFindings] { projects.flatMap(\.submissions) }

    enum CodingKeys: String, CodingKey {
        case lead, projects
    }

    public init(lead: ProjectLead, projects: [ProjectFindings]) {
        self.lead = lead
        self.projects = projects
    }
}

/// A project lead as the submissions name them.
public struct ProjectLead: Sendable, Hashable, Codable {
    /// As written (trimmed); nil when not answered.
    public var email: String?
    public var name: String?

    /// Whether `email` looks like an address a letter can be sent to.
    public var hasPlausibleEmail: Bool { email.map(EmailAddress.isPlausible) ?? false }

    public init(email: String? = nil, name: String? = nil) {
        self.email = email
        self.name = name
    }
}

/// One project's submissions with findings, for one lead.
public struct ProjectFindings: Sendable, Hashable, Codable {
    public var projectId: String
    /// The title of the latest submission that has one.
    public var title: String?
    public var authority: String?
    /// By round.
    public var submissions: [SubmissionFindings]

    public var findingCount: Int { submissions.reduce(0) { $0 + $1.findings.count } }

    enum CodingKeys: String, CodingKey {
        case projectId = "project_id", title, authority, submissions
    }

    public init(projectId: String, title: String? = nil, authority: String? = nil, submissions: [SubmissionFindings]) {
        self.projectId = projectId
        self.title = title
        self.authority = authority
        self.submissions = submissions
    }
}

/// The findings of one current submission, in questionnaire order; answered findings are listed
/// with the superseded submission that last had them.
public struct SubmissionFindings: Sendable, Hashable, Codable {
    public var submissionId: String
    public var projectId: String
    public var round: Int
    /// The questionnaire format id (`statusrapport-1`, `statusreport-2`).
    public var format: String
    public var sourceFile: String
    /// When the lead submitted, as written.
    public var submittedAt: String
    public var title: String?
    public var authority: String?
    public var lead: ProjectLead
    public var findings: [OpenFinding]

    enum CodingKeys: String, CodingKey {
        case submissionId = "submission_id", projectId = "project_id", round, format, sourceFile = "source_file"
        case submittedAt = "submitted_at", title, authority, lead, findings
    }

    public init(submissionId: String, projectId: String, round: Int, format: String, sourceFile: String, submittedAt: String, title: String? = nil, authority: String? = nil, lead: ProjectLead, findings: [OpenFinding]) {
        self.submissionId = submissionId
        self.projectId = projectId
        self.round = round
        self.format = format
        self.sourceFile = sourceFile
        self.submittedAt = submittedAt
        self.title = title
        self.authority = authority
        self.lead = lead
        self.findings = findings
    }
}

/// One flag of a current submission (or, when answered, of the last revision that had it): a
/// question that is unanswered, a placeholder, required by another answer, malformed or
/// unplaceable, with what became of it (`life`).
public struct OpenFinding: Sendable, Hashable, Codable {
    /// 1-based questionnaire order within its submission.
    public var position: Int
    /// `project.phase`, `challenges[2].severity` …
    public var field: String
    public var rule: CompletenessRule
    /// The question as the lead saw it.
    public var label: String
    public var labelDanish: String
    public var message: String
    public var messageDanish: String
    /// What was written, if anything.
    public var value: String?
    public var line: Int
    public var column: Int
    /// For a conditional question: the answer that made it required.
    public var condition: FindingCondition?
    /// Open, asked, answered or waived: set with `life`.
    public private(set) var state: FlagState = .open
    public private(set) var firstAsked: FlagAsking?
    /// For an answered flag (listed with the last revision that had it): the revision that no longer has it.
    public private(set) var answered: FlagAnswer?
    public private(set) var waiver: FlagWaiver?

    /// What became of the flag; setting it sets `state` and what the state rests on.
    public var life: FlagLife {
        get { FlagLife(firstAsked: firstAsked, answered: answered, waiver: waiver) }
        set {
            firstAsked = newValue.firstAsked
            answered = newValue.answered
            waiver = newValue.waiver
            state = newValue.state
        }
    }

    /// The flag's identity across revisions, for the submission of `projectId` and `round`.
    public func key(projectId: String, round: Int) -> FlagKey {
        FlagKey(projectId: projectId, round: round, field: field, rule: rule)
    }

    enum CodingKeys: String, CodingKey {
        case position, field, rule, label, labelDanish = "label_da", message, messageDanish = "message_da"
        case value, line, column, state, firstAsked = "first_asked", answered, waiver
    }

    public init(position: Int, field: String, rule: CompletenessRule, label: String, labelDanish: String, message: String, messageDanish: String, value: String? = nil, line: Int, column: Int,
                condition: FindingCondition? = nil, life: FlagLife = FlagLife()) {
        self.condition = condition
        self.position = position
        self.field = field
        self.rule = rule
        self.label = label
        self.labelDanish = labelDanish
        self.message = message
        self.messageDanish = messageDanish
        self.value = value
        self.line = line
        self.column = column
        self.life = life
    }
}

/// Which findings to list; an empty set means "any".
public struct OpenFindingsFilter: Sendable, Hashable {
    public var rounds: Set<Int>
    /// Project ids, upper case.
    public var projects: Set<String>
    public var rules: Set<CompletenessRule>
    /// By default open and asked: what still waits for the lead.
    public var states: Set<FlagState>

    /// Keeps findings in any of `rounds`, of any of `projects` (any case), by any of `rules`, in
    /// any of `states`.
    public init(rounds: Set<Int> = [], projects: Set<String> = [], rules: Set<CompletenessRule> = [],
                states: Set<FlagState> = FlagState.pending) {
        self.rounds = rounds
        self.projects = Set(projects.map { $0.uppercased() })
        self.rules = rules
        self.states = states
    }

    /// Whether `key` is in the rounds, projects and rules asked for.
    public func includes(_ key: FlagKey) -> Bool {
        (rounds.isEmpty || rounds.contains(key.round)) && (projects.isEmpty || projects.contains(key.projectId.uppercased()))
            && (rules.isEmpty || rules.contains(key.rule))
    }
}
