
/// The follow-up summary of a dataset, as `survey-intake report` writes it: what came in per
/// round, how complete it is, which challenges the projects meet in which phase and round, how
/// severe they are and whether they were resolved, what the projects did about them, what the
/// taxonomy could not place, and which projects most need a follow-up.
///
/// Everything but the submission and rejection counts is about the *current* submissions.
/// Built by `FollowUpReport(store:round:)`; written by a `FollowUpReportWriter`.
public struct FollowUpReport: Sendable, Hashable {
    /// Code → label of every code the report may show, from the vocabularies (see `ReportOrder`).
    public var labels: [String: String] = [:]
    /// The round the report is limited to; nil for every round.
    public var round: Int?
    /// When the report was made (`SOURCE_DATE_EPOCH` when set), UTC.
    public var generatedAt: String
    public var overview: Overview
    /// Accepted, current and superseded submissions per round, by round.
    public var submissionsByRound: [RoundSubmissions]
    /// Rejected files by reason and format. Never limited to a round: a rejected file was not
    /// read far enough to know its round.
    public var rejections: [RejectionCount]
    public var completenessByRound: [CompletenessRow]
    public var completenessByAuthorityType: [CompletenessRow]
    /// Challenges: categories (rows) × the project's phase when reported (columns, in lifecycle order).
    public var categoriesByPhase: CrossTable
    /// Challenges: categories × round.
    public var categoriesByRound: CrossTable
    /// Challenges: categories × severity (`low`, `medium`, `high`, not stated).
    public var severityByCategory: CrossTable
    /// Challenges: categories × resolved (`yes`, `partly`, `no`, not stated).
    public var resolutionByCategory: CrossTable
    /// General measures: the vocabulary's codes but `other` × round, counting the submissions
    /// that list each code.
    public var mitigationsByRound: CrossTable
    /// General measures that are not one of the vocabulary's kinds × round, counting the
    /// submissions that list one: rows `otherMeasure` (the lead coded it "other") and
    /// `unplacedMeasure` (its text could not be placed). Placeholders ("xx") are not counted.
    public var otherMitigationsByRound = CrossTable(rows: [], columns: [], counts: [])
    /// Measures whose text could not be placed; placeholders ("xx") are not counted.
    public var unplacedMitigations: Int
    /// Labels and answers that could not be placed, for whoever maintains the vocabularies:
    /// challenge labels, then general measures, then answers (see `unmappedAnswers` and
    /// `unplacedMeasures`).
    public var unmappedLabels: [UnmappedLabel]
    /// The projects with the most open findings, most first (at most the `top` asked for).
    public var projectsWithMostFindings: [ProjectFindingCount]
    /// Per round: the flags open, asked, answered and waived, and the days to an answer.
    public var flagStatesByRound: [FlagRoundStates] = []
    /// Each project with current submissions in two or more rounds: its challenge categories
    /// compared round to round (see `ProjectAcrossRounds`; FollowUpReport+Rounds.swift).
    public var acrossRounds = AcrossRounds()
    /// The current submissions of each round by review state (see FollowUpReport+Rounds.swift).
    public var reviewStatesByRound: [RoundReviewStates] = []

    /// Key figures for the top of the report.
    public struct Overview: Sendable, Hashable {
        public var projects: Int
        public var currentSubmissions: Int
        public var challenges: Int
        public var openFindings: Int
        public var rejectedFiles: Int

        public init(projects: Int, currentSubmissions: Int, challenges: Int, openFindings: Int, rejectedFiles: Int) {
            self.projects = projects
            self.currentSubmissions = currentSubmissions
            self.challenges = challenges
            self.openFindings = openFindings
            self.rejectedFiles = rejectedFiles
        }
    }

    public struct RoundSubmissions: Sendable, Hashable {
        public var round: Int
        /// Every submission stored for the round: current + superseded.
        public var accepted: Int
        public var current: Int
        public var superseded: Int
        /// Rejected files that name this round (most schema-invalid files do).
        public var rejected: Int

        public init(round: Int, accepted: Int, current: Int, superseded: Int, rejected: Int = 0) {
            self.round = round
            self.accepted = accepted
            self.current = current
            self.superseded = superseded
            self.rejected = rejected
        }
    }

    public struct RejectionCount: Sendable, Hashable {
        /// The round the files name; nil when they were not read far enough to tell.
        public var round: Int?
        public var reason: String
        /// The questionnaire format, nil when the file was not identified as one.
        public var format: String?
        public var files: Int

        public init(round: Int? = nil, reason: String, format: String? = nil, files: Int) {
            self.round = round
            self.reason = reason
            self.format = format
            self.files = files
        }
    }

    /// Completeness of a group of current submissions (a round, an authority type).
    public struct CompletenessRow: Sendable, Hashable {
        /// The round, or the authority type code; `CrossTable.notStated` when not answered.
        public var key: String
        public var submissions: Int
        /// Mean of the submissions' completeness (answered / required), 0–1.
        public var meanCompleteness: Double
        /// Submissions without any open finding.
        public var withoutFindings: Int
        public var openFindings: Int
        /// The spread: how many of the submissions fall in each completeness band (every band present).
        public var bands: [CompletenessBand: Int]

        public init(key: String, submissions: Int, meanCompleteness: Double, withoutFindings: Int, openFindings: Int,
                    bands: [CompletenessBand: Int] = [:]) {
            self.key = key
            self.submissions = submissions
            self.meanCompleteness = meanCompleteness
            self.withoutFindings = withoutFindings
            self.openFindings = openFindings
            self.bands = Dictionary(uniqueKeysWithValues: CompletenessBand.allCases.map { ($0, bands[$0] ?? 0) })
        }
    }

    /// One label or answer that could not be placed, with how often and where it was written.
    public struct UnmappedLabel: Sendable, Hashable {
        /// The question, as a field pattern: `challenges[N].category`, `project.phase`.
        public var field: String
        /// As written, white space collapsed.
        public var written: String
        public var occurrences: Int
        /// Project ids, sorted.
        public var projects: [String]

        public init(field: String, written: String, occurrences: Int, projects: [String]) {
            self.field = field
            self.written = written
            self.occurrences = occurrences
            self.projects = projects
        }
    }

    public struct ProjectFindingCount: Sendable, Hashable {
        public var projectId: String
        public var title: String?
        public var leadName: String?
        /// The rounds of the current submissions with findings.
        public var rounds: [Int]
        /// Open findings by rule (rules without any are absent).
        public var byRule: [CompletenessRule: Int]
        public var total: Int

        public init(projectId: String, title: String? = nil, leadName: String? = nil, rounds: [Int], byRule: [CompletenessRule: Int], total: Int) {
            self.projectId = projectId
            self.title = title
            self.leadName = leadName
            self.rounds = rounds
            self.byRule = byRule
            self.total = total
        }
    }

    public init(round: Int? = nil, generatedAt: String, overview: Overview, submissionsByRound: [RoundSubmissions], rejections: [RejectionCount], completenessByRound: [CompletenessRow], completenessByAuthorityType: [CompletenessRow], categoriesByPhase: CrossTable, categoriesByRound: CrossTable, severityByCategory: CrossTable, resolutionByCategory: CrossTable, mitigationsByRound: CrossTable, unplacedMitigations: Int, unmappedLabels: [UnmappedLabel], projectsWithMostFindings: [ProjectFindingCount]) {
        self.round = round
        self.generatedAt = generatedAt
        self.overview = overview
        self.submissionsByRound = submissionsByRound
        self.rejections = rejections
        self.completenessByRound = completenessByRound
        self.completenessByAuthorityType = completenessByAuthorityType
        self.categoriesByPhase = categoriesByPhase
        self.categoriesByRound = categoriesByRound
        self.severityByCategory = severityByCategory
        self.resolutionByCategory = resolutionByCategory
        self.mitigationsByRound = mitigationsByRound
        self.unplacedMitigations = unplacedMitigations
        self.unmappedLabels = unmappedLabels
        self.projectsWithMostFindings = projectsWithMostFindings
    }
}

/// The codes a report lists, in the order it lists them: taken from the loaded vocabularies,
/// so that a category added to them is a row of the report like any other.
public struct ReportOrder: Sendable, Hashable {
    public var authorityTypes: [String]
    public var categories: [String]
    public var phases: [String]
    public var severities: [String]
    public var resolved: [String]
    public var mitigations: [String]
    public var reasons: [String]
    /// Code → label, in the report's language, of every code above.
    public var labels: [String: String] = [:]

    public init(authorityTypes: [String], categories: [String], phases: [String], severities: [String],
                resolved: [String], mitigations: [String], reasons: [String] = RejectionReason.allCases.map(\.rawValue)) {
        self.authorityTypes = authorityTypes
        self.categories = categories
        self.phases = phases
        self.severities = severities
        self.resolved = resolved
        self.mitigations = mitigations
        self.reasons = reasons
    }
}
