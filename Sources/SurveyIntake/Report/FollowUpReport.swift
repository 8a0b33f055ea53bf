/// The follow-up summary of a dataset, as `survey-intake report` writes it: what came in per
/// round, how complete it is, which challenges the projects meet in which phase and round, how
/// severe they are and whether they were resolved, what the projects did about them, what the
/// taxonomy could not place, and which projects most need a follow-up.
///
/// Everything but the submission and rejection counts is about the *current* submissions.
/// Built by `FollowUpReport(store:round:)`; written by a `FollowUpReportWriter`.
public struct FollowUpReport: Sendable, Hashable {
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
    /// General measures: codes × round, counting the submissions that list each code.
    public var mitigationsByRound: CrossTable
    /// Measures whose text could not be placed (counted under `other` above); placeholders
    /// ("xx") are not counted.
    public var unplacedMitigations: Int
    /// Labels and answers that could not be placed, for whoever maintains the vocabularies.
    public var unmappedLabels: [UnmappedLabel]
    /// The projects with the most open findings, most first (at most the `top` asked for).
    public var projectsWithMostFindings: [ProjectFindingCount]

    /// Key figures for the top of the report.
    public struct Overview: Sendable, Hashable {
        public var projects: Int
        public var currentSubmissions: Int
        public var challenges: Int
        public var openFindings: Int
        public var rejectedFiles: Int
    }

    public struct RoundSubmissions: Sendable, Hashable {
        public var round: Int
        /// Every submission stored for the round: current + superseded.
        public var accepted: Int
        public var current: Int
        public var superseded: Int
    }

    public struct RejectionCount: Sendable, Hashable {
        public var reason: String
        /// The questionnaire format, nil when the file was not identified as one.
        public var format: String?
        public var files: Int
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
    }
}
