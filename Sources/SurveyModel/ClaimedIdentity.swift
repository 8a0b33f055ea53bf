/// What a rejected file says about itself: the project, round and lead its questionnaire
/// names, read from a document that parsed but did not pass its schema. Nothing in it has been
/// validated; it lets an analyst (and `flags --letters`) tell which lead to ask, and the report
/// count the rejection under its round.
///
///     ClaimedIdentity(projectId: "SP-2020-016", round: 2022, leadName: "Helle Dahl", leadEmail: "hedk@viborg.dk")
public struct ClaimedIdentity: Sendable, Hashable, Codable {
    public var projectId: String?
    /// A year from 1900 to 2999, else nil.
    public var round: Int?
    public var leadName: String?
    public var leadEmail: String?

    /// The longest value kept of each; longer ones are cut (they are shown, never trusted).
    public static let longestValue = 200

    /// Each value trimmed, empty ones dropped, long ones cut; a round outside 1900–2999 dropped.
    public init(projectId: String? = nil, round: Int? = nil, leadName: String? = nil, leadEmail: String? = nil) {
        self.projectId = Self.kept(projectId)
        self.round = round.flatMap { (1900...2999).contains($0) ? $0 : nil }
        self.leadName = Self.kept(leadName)
        self.leadEmail = Self.kept(leadEmail)
    }

    /// What an accepted submission names (a conflict: the revision names what the stored one does).
    public init(submission: Submission) {
        self.init(projectId: submission.projectId, round: submission.round,
                  leadName: submission.lead.name.value, leadEmail: submission.lead.email.value)
    }

    /// Whether it names anything at all.
    public var isEmpty: Bool { projectId == nil && round == nil && leadName == nil && leadEmail == nil }

    private static func kept(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
        return trimmed.count > longestValue ? String(trimmed.prefix(longestValue)) : trimmed
    }

    enum CodingKeys: String, CodingKey {
        case projectId = "project_id", round, leadName = "lead_name", leadEmail = "lead_email"
    }
}
