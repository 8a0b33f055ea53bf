/// A rejected file whose project and round have had no accepted submission since: what the
/// lead still has to fix. The latest such rejection of each (project, round) stands for it;
/// `earlier` counts the ones before it.
///
///     let open = try store.unresolvedRejections(OpenFindingsFilter(rounds: [2022]))
///     open[0].claimed.projectId      // "SP-2021-032"
///     open[0].errors[0].message      // "<Domain> is not expected here; expected <Status>"
public struct UnresolvedRejection: Sendable, Hashable, Codable {
    public var rejectionId: Int64
    /// The file's path as it was named to ingest, or what an upload is shown as.
    public var source: String
    public var originKind: Origin.Kind
    /// When it was received (stored), ISO 8601.
    public var receivedAt: String
    public var reason: RejectionReason
    public var format: String?
    /// What the file says about itself; its project id and round are always there.
    public var claimed: ClaimedIdentity
    /// Whom to write: the lead the file names when that address is plausible, else the round's
    /// roster's lead of the project, else the lead of the project's latest accepted submission.
    public var lead: ProjectLead
    /// Its errors, as stored (the one finding model: `Finding`, with its Danish words).
    public var errors: [Finding]
    /// Earlier rejections of the same project and round, also not followed by an accepted one.
    public var earlier: Int

    public init(rejectionId: Int64, source: String, originKind: Origin.Kind, receivedAt: String, reason: RejectionReason,
                format: String?, claimed: ClaimedIdentity, lead: ProjectLead, errors: [Finding], earlier: Int) {
        self.rejectionId = rejectionId
        self.source = source
        self.originKind = originKind
        self.receivedAt = receivedAt
        self.reason = reason
        self.format = format
        self.claimed = claimed
        self.lead = lead
        self.errors = errors
        self.earlier = earlier
    }

    enum CodingKeys: String, CodingKey {
        case rejectionId = "rejection_id", source, originKind = "origin_kind", receivedAt = "received_at", reason, format
        case claimed, lead, errors, earlier
    }
}
