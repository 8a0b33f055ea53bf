/// A reporting round: which questionnaire format the leads fill in, and by when.
public struct Round: Sendable, Hashable, Codable {
    /// The round's year, e.g. 2024.
    public var year: Int
    /// The registry's format id, e.g. `statusreport-2`.
    public var format: String
    /// The deadline, `YYYY-MM-DD`.
    public var deadline: String
    /// When the round was opened (or its roster last changed).
    public var openedAt: String

    public init(year: Int, format: String, deadline: String, openedAt: String) {
        self.year = year
        self.format = format
        self.deadline = deadline
        self.openedAt = openedAt
    }
}

/// One project expected in a round, with its lead (a row of the roster CSV).
public struct RosterEntry: Sendable, Hashable, Codable {
    public var projectId: String
    public var title: String?
    public var authority: String?
    /// `municipality` or `region`.
    public var authorityType: String?
    public var leadName: String?
    public var leadEmail: String?

    public init(projectId: String, title: String?, authority: String?, authorityType: String?, leadName: String?,
                leadEmail: String?) {
        self.projectId = projectId
        self.title = title
        self.authority = authority
        self.authorityType = authorityType
        self.leadName = leadName
        self.leadEmail = leadEmail
    }
}

/// A project's secret submission link for one round, as stored: never the token, only its hash.
public struct SubmissionLink: Sendable, Hashable, Codable {
    public var id: Int64
    public var round: Int
    public var projectId: String
    /// SHA-256 of the token, hex.
    public var tokenSHA256: String
    public var createdAt: String
    public var expiresAt: String
    public var revokedAt: String?

    public init(id: Int64, round: Int, projectId: String, tokenSHA256: String, createdAt: String, expiresAt: String,
                revokedAt: String?) {
        self.id = id
        self.round = round
        self.projectId = projectId
        self.tokenSHA256 = tokenSHA256
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

/// Why a link's token opens nothing.
public enum LinkRefusal: Error, Sendable, Hashable {
    case unknown, revoked, expired
}

extension SubmissionLink {
    /// Why the link opens nothing at `time` (xs:dateTime UTC): revoked, or expired; nil while it is active.
    public func refusal(at time: String) -> LinkRefusal? {
        if revokedAt != nil { return .revoked }
        if expiresAt <= time { return .expired }
        return nil
    }
}

/// An analyst's verdict on a submission (ODK Central's review states): a submission no analyst
/// has looked at is `received`.
public enum ReviewState: String, Sendable, Hashable, Codable, CaseIterable {
    case received
    case hasIssues = "has-issues"
    case approved
    case rejected
}

/// One review state given, with who gave it, when and why.
public struct Review: Sendable, Hashable, Codable {
    public var submissionId: String
    public var state: ReviewState
    public var comment: String?
    public var analyst: String
    public var at: String

    public init(submissionId: String, state: ReviewState, comment: String?, analyst: String, at: String) {
        self.submissionId = submissionId
        self.state = state
        self.comment = comment
        self.analyst = analyst
        self.at = at
    }
}

/// One line of the audit log.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var at: String
    public var actor: String
    /// `review`, and later `waive`, `correct`, `withdraw` …
    public var action: String
    /// What it was done to (a submission id, a round).
    public var subject: String
    public var note: String?

    public init(at: String, actor: String, action: String, subject: String, note: String?) {
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.note = note
    }
}
