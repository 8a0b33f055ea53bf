import SurveyModel

/// The store of record in domain words: what the intake, the exports, the report, the letters
/// and the front doors ask of it. `IntakeStore` is its SQLite implementation; every
/// implementation must pass the conformance suite (Tests/SurveyIntakeTests/StoreConformanceTests).
///
/// Used from one thread at a time (the service serialises writers); readers open their own.
public protocol SubmissionStore: AnyObject {
    // Runs.
    /// Starts a run (an ingest, a rebuild, a server's session) and returns its id.
    func beginRun(at time: String, toolVersion: String) throws -> Int64
    /// Records when a run ended and what it did, and whether it was interrupted.
    func finishRun(_ run: Int64, at time: String, summary: IngestSummary, interrupted: Bool) throws

    // Intake.
    /// Splits files into those unchanged since they were last taken in (skipped unread) and the rest.
    func partitionByStamp(
        _ files: [(path: String, stamp: FileStamp?)]
    ) throws -> (unchanged: Int, stillRejected: [String], pending: [(path: String, stamp: FileStamp?)])
    /// Accepts, supersedes or rejects each record, with its original, in one transaction.
    func record(_ items: [IntakeRecord], run: Int64, at time: String,
                into summary: inout IngestSummary) throws -> [RecordedOutcome]
    /// The same, and in the same transaction the receipts `receipts` gives for the outcomes; an
    /// item whose link in `links` is no longer active (read in the transaction) is not stored,
    /// its refusal in place of an outcome.
    func record(_ items: [IntakeRecord], run: Int64, at time: String, into summary: inout IngestSummary,
                requiringActive links: [Int64?],
                receipts: ([Result<RecordedOutcome, LinkRefusal>]) throws -> [ReceiptRow]) throws
        -> [Result<RecordedOutcome, LinkRefusal>]

    // Look-ups.
    /// A submission by id, or a submission or rejected file by (a unique prefix of) its SHA-256.
    func lookUp(_ id: String) throws -> StoredItem?
    /// The bytes as received of the content with this SHA-256.
    func original(sha256: String) throws -> [UInt8]?

    // Rebuild.
    /// The stored submissions with their originals, in id order, a page at a time.
    func storedSubmissions(after: String?, limit: Int) throws -> [StoredSubmission]
    /// Replaces what was derived for each submission; identity stays. Returns how many changed.
    func replaceDerived(_ items: [(submission: Submission, report: CompletenessReport)]) throws -> Int

    // Reading.
    /// The flags of the current submissions, grouped by lead.
    func openFindings(_ filter: OpenFindingsFilter) throws -> [LeadFindings]
    /// The rejected files whose project and round have had no accepted submission since.
    func unresolvedRejections(_ filter: OpenFindingsFilter) throws -> [UnresolvedRejection]
    /// The follow-up report's numbers.
    func report(order: ReportOrder, round: Int?, top: Int, generatedAt: String) throws -> FollowUpReport
    /// Each row of an exported table, `columns` in that order.
    func exportRows(of source: ExportSource, columns: [String], _ visit: (_ cell: (Int) -> ExportCell) throws -> Void) throws
    /// How many changes were committed, and for which of them the exports were last written.
    func versions() throws -> (data: Int, exported: Int)
    func markExported(version: Int) throws
}

extension IntakeStore: SubmissionStore {
    public func report(order: ReportOrder, round: Int?, top: Int, generatedAt: String) throws -> FollowUpReport {
        try FollowUpReport(store: self, order: order, round: round, top: top, generatedAt: generatedAt)
    }
}
