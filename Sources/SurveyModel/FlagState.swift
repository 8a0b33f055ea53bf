/// What became of a flag (issue 17, item 2): the `state` column of `flags.csv`.
///
/// A flag is one question of one project's report for one round, whichever revision asks it:
/// keyed by (project, round, field, rule), so the same question in the next revision is the
/// same flag. When several apply, the first of waived, answered, asked, open wins.
public enum FlagState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nobody has asked the lead about it yet.
    case open
    /// A follow-up letter or a front-door receipt listed it to the lead.
    case asked
    /// A later revision no longer has it: it closed by itself.
    case answered
    /// An analyst decided it does not matter, with a reason.
    case waived

    /// What `flags` lists when no `--state` is given: what still waits for the lead.
    public static let pending: Set<FlagState> = [.open, .asked]
}

/// How a flag was first put to the lead.
public enum FlagAskedBy: String, Sendable, Hashable, Codable, CaseIterable {
    /// `survey-intake flags --letters` wrote a letter listing it.
    case letter
    /// The front door's receipt listed it when the submission was accepted.
    case receipt
}

/// The identity of a flag across revisions.
public struct FlagKey: Sendable, Hashable, Codable, Comparable {
    public var projectId: String
    public var round: Int
    /// `project.phase`, `challenges[2].severity` …
    public var field: String
    public var rule: CompletenessRule

    public init(projectId: String, round: Int, field: String, rule: CompletenessRule) {
        self.projectId = projectId
        self.round = round
        self.field = field
        self.rule = rule
    }

    enum CodingKeys: String, CodingKey {
        case projectId = "project_id", round, field, rule
    }

    public static func < (lhs: FlagKey, rhs: FlagKey) -> Bool {
        (lhs.projectId, lhs.round, lhs.field, lhs.rule.rawValue) < (rhs.projectId, rhs.round, rhs.field, rhs.rule.rawValue)
    }
}

/// When and how a flag was first asked; later letters and receipts do not move it.
public struct FlagAsking: Sendable, Hashable, Codable {
    /// xs:dateTime, UTC.
    public var at: String
    public var by: FlagAskedBy

    public init(at: String, by: FlagAskedBy) {
        self.at = at
        self.by = by
    }
}

/// The revision that no longer has a flag: the first one after the last revision that had it.
public struct FlagAnswer: Sendable, Hashable, Codable {
    public var submissionId: String
    /// When that revision reached the store (its ingested_at, UTC).
    public var at: String

    public init(submissionId: String, at: String) {
        self.submissionId = submissionId
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case submissionId = "submission_id", at
    }
}

/// An analyst's decision that a flag does not matter.
public struct FlagWaiver: Sendable, Hashable, Codable {
    public var at: String
    public var analyst: String
    public var reason: String

    public init(at: String, analyst: String, reason: String) {
        self.at = at
        self.analyst = analyst
        self.reason = reason
    }
}

/// A flag's life: its state, and what it rests on.
public struct FlagLife: Sendable, Hashable, Codable {
    public var firstAsked: FlagAsking?
    public var answered: FlagAnswer?
    public var waiver: FlagWaiver?

    public init(firstAsked: FlagAsking? = nil, answered: FlagAnswer? = nil, waiver: FlagWaiver? = nil) {
        self.firstAsked = firstAsked
        self.answered = answered
        self.waiver = waiver
    }

    /// Waived, else answered, else asked, else open.
    public var state: FlagState {
        if waiver != nil { return .waived }
        if answered != nil { return .answered }
        if firstAsked != nil { return .asked }
        return .open
    }
}

extension FlagLife {
    /// Days from when the flag was first asked to when the revision that no longer has it
    /// arrived; nil unless it was asked and then answered, in that order.
    public var daysToAnswer: Double? {
        guard let asked = firstAsked.flatMap({ Timestamp.epochMilliseconds($0.at) }),
              let answered = answered.flatMap({ Timestamp.epochMilliseconds($0.at) }), answered >= asked else { return nil }
        return Double(answered - asked) / 86_400_000
    }
}

/// How many flags of one round are in each state, and how long answers took.
public struct FlagRoundStates: Sendable, Hashable {
    public var round: Int
    /// Flags by state (states without any are absent).
    public var byState: [FlagState: Int]
    /// The median of `FlagLife.daysToAnswer` over the round's flags answered after being asked;
    /// nil when there are none.
    public var medianDaysToAnswer: Double?
    /// How many flags that median is taken over.
    public var answeredAfterAsking: Int

    public init(round: Int, byState: [FlagState: Int], medianDaysToAnswer: Double?, answeredAfterAsking: Int) {
        self.round = round
        self.byState = byState
        self.medianDaysToAnswer = medianDaysToAnswer
        self.answeredAfterAsking = answeredAfterAsking
    }

    /// The count of each round's flags by state, from their lives, by round.
    public static func tally(_ lives: [(round: Int, life: FlagLife)]) -> [FlagRoundStates] {
        Dictionary(grouping: lives, by: { $0.round }).map { round, flags in
            let days = flags.compactMap { $0.life.daysToAnswer }.sorted()
            let median: Double? = days.isEmpty ? nil
                : days.count % 2 == 1 ? days[days.count / 2] : (days[days.count / 2 - 1] + days[days.count / 2]) / 2
            return FlagRoundStates(round: round, byState: Dictionary(grouping: flags, by: { $0.life.state }).mapValues(\.count),
                                   medianDaysToAnswer: median, answeredAfterAsking: days.count)
        }.sorted { $0.round < $1.round }
    }
}
