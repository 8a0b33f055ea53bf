/// Where one submission's bytes came from.
///
///     Origin.file("samples/2021/SP-2020-013.xml")
///     Origin(kind: .upload, name: "SP-2020-013", link: "7")   // through the link with id 7
public struct Origin: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A file named to `ingest` (or found below a folder named to it).
        case file
        /// Bytes posted to the submission API or uploaded on the lead's page.
        case upload
        /// Built from the lead's web form.
        case form
    }

    public var kind: Kind
    /// For files, the path as the user named it; otherwise what the submission is shown as.
    public var name: String
    /// The id of the submission link used (never the token itself), for uploads and forms.
    public var link: String?

    public init(kind: Kind, name: String, link: String? = nil) {
        self.kind = kind
        self.name = name
        self.link = link
    }

    public static func file(_ path: String) -> Origin { Origin(kind: .file, name: path) }
}

/// What the intake pipeline decided about one submission's bytes: accepted with its canonical
/// submission and completeness report, or rejected with the reason and every error.
public struct IntakeOutcome: Sendable {
    public enum Verdict: Sendable {
        case accepted(Submission, CompletenessReport)
        case rejected(RejectionReason, [Finding])
    }

    public var origin: Origin
    /// SHA-256 of the bytes, in lower-case hex; nil when they could not be read.
    public var sha256: String?
    /// The number of bytes; nil when they could not be read.
    public var size: Int?
    /// The questionnaire format id, when the root element named a known one.
    public var format: String?
    public var verdict: Verdict
    /// What a rejected file says about itself, when it was read far enough to tell.
    public var claimed: ClaimedIdentity?

    public init(origin: Origin, sha256: String?, size: Int?, format: String?, verdict: Verdict, claimed: ClaimedIdentity? = nil) {
        self.origin = origin
        self.sha256 = sha256
        self.size = size
        self.format = format
        self.verdict = verdict
        self.claimed = claimed
    }

    public var submission: Submission? {
        if case .accepted(let submission, _) = verdict { return submission }
        return nil
    }

    public var completeness: CompletenessReport? {
        if case .accepted(_, let report) = verdict { return report }
        return nil
    }

    public var rejection: RejectionReason? {
        if case .rejected(let reason, _) = verdict { return reason }
        return nil
    }
}

/// What a run did: `N new, N unchanged, N superseded, N rejected`, and which.
public struct IngestSummary: Sendable, Hashable, Codable {
    public var filesSeen = 0
    /// Source files of the submissions added (a `PathList`: a run of 100,000 files holds them all).
    public var new: PathList = []
    /// Files skipped: unchanged since the last run, or content already stored.
    public var unchanged = 0
    /// Source files of the submissions that stopped being current in this run.
    public var superseded: PathList = []
    /// Source files rejected in this run, with the reason.
    public var rejected: [RejectedFile] = []
    /// Files skipped unread because they are unchanged since a run that rejected them: still
    /// rejected, and counted as such in the exit status.
    public var stillRejected: PathList = []

    /// snake_case in JSON (`ingest --format json`), as the CSV files' columns.
    enum CodingKeys: String, CodingKey {
        case new, unchanged, superseded, rejected
        case filesSeen = "files_seen"
        case stillRejected = "still_rejected"
    }

    public struct RejectedFile: Sendable, Hashable, Codable {
        public var path: String
        public var reason: String
        /// The first error, in plain language.
        public var message: String

        public init(path: String, reason: String, message: String) {
            self.path = path
            self.reason = reason
            self.message = message
        }
    }

    public init() {}
}
