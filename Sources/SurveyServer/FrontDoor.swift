import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyOutputs
import SurveyService

/// Everything the front door's routes share: the pipeline, the one way in (`IntakeService`),
/// the store it reads, the sessions and the rate limit. Built once by `serve` (or a test) and
/// handed to `FrontDoorServer.router`.
///
///     let door = try FrontDoor(settings: .init(dataset: dir, analystToken: secret), pipeline: pipeline)
///     let app = Application(router: FrontDoorServer.router(door), configuration: …)
public final class FrontDoor: Sendable {
    public struct Settings: Sendable {
        /// The dataset folder (`--out`), as for every command.
        public var dataset: URL
        /// The analysts' secret for their pages; nil: the analysts' pages are closed.
        public var analystToken: String?
        /// Sets the `Secure` attribute on cookies (the server is reached through TLS).
        public var secureCookies: Bool
        /// Submissions a link may make per minute (form, upload and API together).
        public var submissionsPerMinute: Int
        /// The largest submission taken, in bytes: the questionnaire limit.
        public var maxBytes: Int
        public var toolVersion: String
        /// The clock, as xs:dateTime UTC.
        public var now: @Sendable () -> String
        /// How long a browser session lasts without use, in seconds.
        public var sessionLifetime: TimeInterval
        /// The CSV dialect of the exports; nil: the one the dataset's exports are in (rfc4180 when none).
        public var dialect: CSVDialect?

        public init(dataset: URL, analystToken: String? = nil, secureCookies: Bool = false, submissionsPerMinute: Int = 30,
                    maxBytes: Int = SubmissionValidator.defaultMaxBytes, toolVersion: String = "dev",
                    now: @escaping @Sendable () -> String = { Timestamp.now() }, sessionLifetime: TimeInterval = 2 * 3600,
                    dialect: CSVDialect? = nil) {
            self.dialect = dialect
            self.dataset = dataset
            self.analystToken = analystToken
            self.secureCookies = secureCookies
            self.submissionsPerMinute = submissionsPerMinute
            self.maxBytes = maxBytes
            self.toolVersion = toolVersion
            self.now = now
            self.sessionLifetime = sessionLifetime
        }
    }

    public let settings: Settings
    public let pipeline: IntakePipeline
    /// The store the pages read and the service writes (one connection).
    public let store: IntakeStore
    let service: IntakeService
    /// The links, read without waiting for the writer.
    let links: LinkLookup
    /// The API's links found active before, by token hash (see `preCheckedLink(token:)`).
    let activeLinks = ActiveLinkCache()
    let sessions: SessionStore
    let limiter: RateLimiter
    /// Failed analyst logins, per account name.
    let logins = LoginThrottle()
    /// The web form of each format that has one, by format id.
    let forms: [String: QuestionnaireForm]
    /// When the exports are rewritten (see `refreshExportsIfDue`).
    let exportSchedule: ExportSchedule

    public init(settings: Settings, pipeline: IntakePipeline) throws {
        self.settings = settings
        self.pipeline = pipeline
        store = try IntakeStore(directory: settings.dataset)
        // One connection for the pages and the writer: a second one would find its page cache
        // invalidated by every commit of the first and read the pages back.
        service = IntakeService(pipeline: pipeline, store: store,
                                settings: .init(toolVersion: settings.toolVersion, now: settings.now,
                                                quarantine: settings.dataset.appendingPathComponent("rejected")))
        links = try store.linkLookup()
        exportSchedule = ExportSchedule()
        sessions = SessionStore(lifetime: settings.sessionLifetime)
        limiter = RateLimiter(perMinute: settings.submissionsPerMinute)
        var forms: [String: QuestionnaireForm] = [:]
        for format in pipeline.registry.formats {
            guard let dictionary = pipeline.completeness.checker(for: format.id)?.dictionary,
                  let form = QuestionnaireForm(format: format, dictionary: dictionary,
                                               vocabularies: pipeline.mapper.normaliser.vocabularies) else { continue }
            forms[format.id] = form
        }
        self.forms = forms
        // Every link active now, so that the API's first post with each needs no look-up either.
        let now = settings.now()
        for round in try store.rounds() {
            for link in try store.activeLinks(round: round.year, at: now) { activeLinks.remember(link) }
        }
    }

    /// Closes the service's run (its counts), when the server stops.
    public func finish() async throws {
        try await service.finish()
    }

    // MARK: Links

    /// The link a token belongs to, when it is neither revoked nor expired.
    func link(token: String) throws -> Result<SubmissionLink, LinkRefusal> {
        guard Self.isWellFormed(token) else { return .failure(.unknown) }
        guard let link = try links.link(tokenSHA256: SubmissionLinks.hash(token)) else { return .failure(.unknown) }
        if let refusal = link.refusal(at: settings.now()) { return .failure(refusal) }
        return .success(link)
    }

    /// `link(token:)` for the API's check before a submission's pipeline runs, answered from
    /// the links found active before when it can (no read transaction per post). A link
    /// revoked since may pass here: the submission's own transaction reads the link again
    /// (`ReceiptOrigin.requiresActiveLink`) and stores nothing for a link no longer active.
    func preCheckedLink(token: String) throws -> Result<SubmissionLink, LinkRefusal> {
        guard Self.isWellFormed(token) else { return .failure(.unknown) }
        let hash = SubmissionLinks.hash(token)
        if let cached = activeLinks[hash] {
            if let refusal = cached.refusal(at: settings.now()) {
                activeLinks.forget(cached)
                return .failure(refusal)
            }
            return .success(cached)
        }
        guard let link = try links.link(tokenSHA256: hash) else { return .failure(.unknown) }
        if let refusal = link.refusal(at: settings.now()) { return .failure(refusal) }
        activeLinks.remember(link)
        return .success(link)
    }

    /// The link of a session, checked again: a link revoked or expired since closes its sessions.
    func link(id: Int64) throws -> SubmissionLink? {
        guard let link = try store.link(id: id), link.revokedAt == nil, link.expiresAt > settings.now() else { return nil }
        return link
    }

    /// A token is 43 base64url characters; anything else is not looked up.
    private static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy(isTokenByte)
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    // MARK: Submitting

    /// What became of one submission through the front door, and the HTTP status it answers with.
    struct Submitted: Sendable {
        var receipt: Receipt
        var status: Int
        /// The receipt's JSON as stored: the API's answer body.
        var json: [UInt8]
    }

    /// Sends `bytes` through the same path as a file (XSD, mapping, taxonomy, completeness,
    /// store), on behalf of `link`; keeps the receipt. A document naming another project or
    /// round than the link's is refused (403) and not stored. Through the API (whose link
    /// comes from `preCheckedLink(token:)`), the link is read again in the transaction that
    /// would store the submission or its refusal: when it is no longer active, nothing is stored
    /// and its `LinkRefusal` is thrown.
    func submit(_ bytes: [UInt8], via: StoredReceipt.Via, link: SubmissionLink) async throws -> Submitted {
        do {
            return try await submitting(bytes, via: via, link: link)
        } catch let refusal as LinkRefusal {
            activeLinks.forget(link)
            throw refusal
        }
    }

    private func submitting(_ bytes: [UInt8], via: StoredReceipt.Via, link: SubmissionLink) async throws -> Submitted {
        let checkingLink = via == .api
        let origin = Origin(kind: via == .form ? .form : .upload, name: "\(via.rawValue):\(link.projectId)/\(link.round)",
                            link: String(link.id))
        let record = IntakeService.prepare(bytes, from: origin, pipeline: pipeline)
        let now = settings.now()
        if let submission = record.outcome.submission,
           submission.projectId != link.projectId || submission.round != link.round {
            let receipt = Receipt(
                receiptId: UUID().uuidString.lowercased(), status: .rejected, submissionId: nil, sha256: record.outcome.sha256,
                projectId: submission.projectId, round: submission.round, reason: .notThisLink, completeness: nil,
                findings: [Self.scopeFinding(submission, link: link, file: origin.name)])
            try store.save(receipt, round: link.round, projectId: link.projectId, via: via, linkId: link.id, at: now,
                           use: "refused-\(via.rawValue)", requiringActiveLink: checkingLink)
            return Submitted(receipt: receipt, status: 403, json: try receipt.json())
        }
        // The receipt and the link's use are written in the submission's own transaction.
        let encoded = try await service.submitEncoded(record, keeping: .init(round: link.round, projectId: link.projectId, via: via,
                                                                             linkId: link.id, at: now, use: "submitted-\(via.rawValue)",
                                                                             requiringActiveLink: checkingLink))
        let receipt = encoded.receipt
        exportSchedule.arrived()
        let status = switch (receipt.status, receipt.reason) {
        case (.accepted, _): 201
        case (.unchanged, _): 200
        case (.rejected, .conflict?): 409
        case (.rejected, _): 422
        }
        return Submitted(receipt: receipt, status: status, json: encoded.json)
    }

    private static func scopeFinding(_ submission: Submission, link: SubmissionLink, file: String) -> Finding {
        Finding(
            severity: .error, file: file, line: 0, column: 0,
            message: "this link is for project \(link.projectId), round \(link.round), but the questionnaire is for project \(submission.projectId), round \(submission.round); nothing was stored",
            reason: .notThisLink,
            messageDanish: "dette link gælder projekt \(link.projectId), runde \(link.round), men spørgeskemaet er for projekt \(submission.projectId), runde \(submission.round); intet er gemt")
    }
}

/// The links the API found active, by token hash, so that a post need not read the link again
/// before its pipeline runs: those active when the server started, and those found since (only
/// active links are kept; a revocation is caught by the submission's transaction, which drops
/// the link from here). Bounded: when full, it starts again.
final class ActiveLinkCache: @unchecked Sendable {
    private let lock = NSLock()
    private var links: [String: SubmissionLink] = [:]
    let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    subscript(tokenSHA256: String) -> SubmissionLink? {
        lock.withLock { links[tokenSHA256] }
    }

    func remember(_ link: SubmissionLink) {
        lock.withLock {
            if links.count >= capacity { links.removeAll(keepingCapacity: true) }
            links[link.tokenSHA256] = link
        }
    }

    func forget(_ link: SubmissionLink) {
        _ = lock.withLock { links.removeValue(forKey: link.tokenSHA256) }
    }
}

/// When `serve` rewrites the exports after submissions: once they pause for `quiet` (a burst is
/// exported once, after it, not every few seconds through it: each export reads the whole
/// store, and holds the writer while it reads), and at the latest `longest` after the first
/// submission not yet exported, so that the analysts' files never lag further behind.
final class ExportSchedule: @unchecked Sendable {
    let quiet: Duration
    let longest: Duration
    private let lock = NSLock()
    /// The first and the last submission since the exports were last written.
    private var first: ContinuousClock.Instant?
    private var last: ContinuousClock.Instant?

    init(quiet: Duration = .seconds(2), longest: Duration = .seconds(30)) {
        self.quiet = quiet
        self.longest = longest
    }

    /// A submission was stored at `time`.
    func arrived(at time: ContinuousClock.Instant = .now) {
        lock.withLock {
            if first == nil { first = time }
            last = time
        }
    }

    /// Whether the exports are due at `time`: nil when no submission came through the door
    /// since they were written (something else may still have changed the store). When they
    /// are due, the submissions so far count as exported.
    func due(at time: ContinuousClock.Instant) -> Bool? {
        lock.withLock {
            guard let first, let last else { return nil }
            guard time - last >= quiet || time - first >= longest else { return false }
            self.first = nil
            self.last = nil
            return true
        }
    }
}

extension FrontDoor {
    /// What `serve` calls every second: rewrites the exports when `ExportSchedule` says they are
    /// due, or, when no submission came through the door since, when the store changed all the
    /// same (a review, say). Returns whether it wrote them.
    @discardableResult
    public func refreshExportsIfDue(at time: ContinuousClock.Instant = .now) throws -> Bool {
        switch exportSchedule.due(at: time) {
        case false?:
            return false
        case true?, nil:
            return try refreshExports()
        }
    }

    /// Rewrites the dataset's CSV files and Data Package when submissions arrived since they were
    /// last written, unless an ingest holds the dataset (it writes them itself when it ends).
    /// Returns whether it wrote them. `serve` calls it when it stops.
    @discardableResult
    public func refreshExports() throws -> Bool {
        try DatasetExports.refresh(settings.dataset, store: store, vocabularies: pipeline.mapper.normaliser.vocabularies,
                                   dialect: settings.dialect) == .written
    }
}
