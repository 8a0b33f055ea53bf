import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyOutputs

/// The one way in: one submission's bytes and where they came from, a receipt out. The command
/// line's folder ingest and the HTTP front door both go through `prepare` (the pipeline, on the
/// caller's thread) and `record` (the store, one writer at a time).
///
/// Submissions that arrive while the store is committing are written together in the next
/// transaction (a group commit): each waits for one commit, not for one per submission ahead of
/// it, and every receipt is given only once what it reports is on disk.
///
///     let service = IntakeService(pipeline: pipeline, store: try IntakeStore(directory: dir),
///                                 settings: .init(toolVersion: "1.0", now: { Timestamp.now() }))
///     let receipt = try await service.submit(bytes, from: .file("SP-2020-013.xml"))
///     receipt.status   // .accepted
public final class IntakeService: Sendable {
    /// What the service needs from outside: no environment is read below this.
    public struct Settings: Sendable {
        public var toolVersion: String
        /// The clock: the time stored with what is recorded (xs:dateTime, UTC).
        public var now: @Sendable () -> String
        /// Where to copy rejected submissions, with their reasons.
        public var quarantine: URL?

        public init(toolVersion: String, now: @escaping @Sendable () -> String, quarantine: URL? = nil) {
            self.toolVersion = toolVersion
            self.now = now
            self.quarantine = quarantine
        }
    }

    /// One submission waiting for the group commit, and how its receipt is kept (if at all).
    struct Pending: Sendable {
        var record: IntakeRecord
        /// How the receipt came, to keep it with the submission; nil: not kept.
        var keeping: ReceiptOrigin?
    }

    public let pipeline: IntakePipeline
    private let commits: GroupCommit<Pending, EncodedReceipt>
    /// Touched on `commits`' queue only.
    private let writer: IntakeWriterBox

    public init(pipeline: IntakePipeline, store: sending any SubmissionStore, settings: Settings) {
        self.pipeline = pipeline
        let writer = IntakeWriterBox(IntakeWriter(store: store, settings: settings))
        self.writer = writer
        commits = GroupCommit(label: "intake") { pending in
            // The receipts are made inside the transaction (they need its outcomes) and kept in it.
            // Each receipt's JSON is encoded once: stored with it and sent.
            var receipts: [EncodedReceipt] = []
            _ = try writer.writer.record(pending.map(\.record)) { outcomes in
                receipts = try zip(pending, outcomes).map { try EncodedReceipt(IntakeService.receipt(for: $0.record.outcome, recorded: $1)) }
                // A receipt that is not a rejection also drops the project's draft.
                return zip(pending, receipts).compactMap { item, encoded in
                    item.keeping.map { ReceiptRow(encoded, origin: $0, clearingDraft: encoded.receipt.status != .rejected) }
                }
            }
            return receipts
        }
    }

    /// Validates, maps, normalises, checks and stores one submission, and says what became of it.
    public func submit(_ bytes: [UInt8], from origin: Origin) async throws -> Receipt {
        try await submit(Self.prepare(bytes, from: origin, pipeline: pipeline))
    }

    /// Stores one submission already through `prepare`, and says what became of it; with
    /// `keeping`, the receipt is stored with it, in the same transaction.
    public func submit(_ record: IntakeRecord, keeping: ReceiptOrigin? = nil) async throws -> Receipt {
        try await submitEncoded(record, keeping: keeping).receipt
    }

    /// `submit`, with the receipt's JSON as it was stored (to send the same bytes).
    public func submitEncoded(_ record: IntakeRecord, keeping: ReceiptOrigin? = nil) async throws -> EncodedReceipt {
        try await commits.submit(Pending(record: record, keeping: keeping))
    }

    /// Runs the pipeline on bytes already read (on the caller's thread: any number at once), and
    /// compresses the original for the store.
    public static func prepare(_ bytes: [UInt8], from origin: Origin, pipeline: IntakePipeline) -> IntakeRecord {
        let result = bytes.withUnsafeBytes { pipeline.process(bytes: $0, path: origin.name) }
        return IntakeRecord(outcome: result.outcome(origin: origin), original: StoredOriginal(bytes))
    }

    /// Closes the service's run (after everything submitted before) and returns what it recorded.
    @discardableResult
    public func finish() async throws -> IngestSummary {
        let writer = writer
        return try await commits.then { try writer.writer.finish() }
    }

    /// The receipt for `outcome` after the store did `recorded` with it.
    public static func receipt(for outcome: IntakeOutcome, recorded: RecordedOutcome) -> Receipt {
        let submission = outcome.submission
        var receipt = Receipt(receiptId: UUID().uuidString.lowercased(), status: .accepted, submissionId: submission?.submissionId,
                              sha256: outcome.sha256, projectId: submission?.projectId, round: submission?.round,
                              reason: nil, completeness: outcome.completeness?.score,
                              findings: outcome.completeness?.findings.map { $0.receiptFinding(file: outcome.origin.name) } ?? [])
        switch recorded {
        case .accepted:
            break
        case .unchanged(let stored?):
            receipt.status = .unchanged
            receipt.submissionId = stored
        case .unchanged(nil):
            // The same content was rejected before: it is rejected again, for the same reasons.
            receipt.status = .rejected
            receipt.reason = outcome.rejection
            receipt.submissionId = nil
            receipt.completeness = nil
            if case .rejected(_, let errors) = outcome.verdict { receipt.findings = errors }
        case .rejected(let reason, let errors):
            receipt.status = .rejected
            receipt.reason = reason
            receipt.submissionId = nil
            receipt.completeness = nil
            receipt.findings = errors
        }
        return receipt
    }
}

/// The writing half of the intake, used from one thread (or one actor) at a time: stores
/// records in one transaction per call, within one run, writing quarantine copies first.
public final class IntakeWriter {
    public let store: any SubmissionStore
    public let settings: IntakeService.Settings
    private var run: Int64?
    private var summary = IngestSummary()

    public init(store: any SubmissionStore, settings: IntakeService.Settings) {
        self.store = store
        self.settings = settings
    }

    /// Clears what an earlier, killed run left half-written in the quarantine folder.
    public func prepareQuarantine() throws {
        if let quarantine = settings.quarantine { try Quarantine(folder: quarantine).removeStaleTemporaries() }
    }

    /// Stores `records` (in order) in one transaction; adds them to the run's summary. With
    /// `receipts`, the receipts it gives for the outcomes are kept in the same transaction.
    public func record(_ records: [IntakeRecord],
                       receipts: ([RecordedOutcome]) throws -> [ReceiptRow] = { _ in [] }) throws -> [RecordedOutcome] {
        if let quarantine = settings.quarantine {
            for record in records where record.outcome.rejection != nil {
                try Quarantine(folder: quarantine).keep(record.outcome, bytes: record.original?.bytes())
            }
        }
        let outcomes = try store.record(records, run: currentRun(), at: settings.now(), into: &summary, receipts: receipts)
        if let quarantine = settings.quarantine {
            // A conflict is found by the store, so its copy can only follow the commit.
            for (record, outcome) in zip(records, outcomes) {
                guard case .rejected(.conflict, let errors) = outcome else { continue }
                var conflict = record.outcome
                conflict.verdict = .rejected(.conflict, errors)
                try Quarantine(folder: quarantine).keep(conflict, bytes: record.original?.bytes())
            }
        }
        return outcomes
    }

    /// What has been recorded so far.
    public var recorded: IngestSummary {
        get { summary }
        set { summary = newValue }
    }

    /// Closes the run (its counts and finishing time) and returns what it did.
    @discardableResult
    public func finish(interrupted: Bool = false) throws -> IngestSummary {
        if let run {
            try store.finishRun(run, at: settings.now(), summary: summary, interrupted: interrupted)
            self.run = nil
        }
        return summary
    }

    /// The run this writer records in, started on first use.
    public func currentRun() throws -> Int64 {
        if let run { return run }
        let started = try store.beginRun(at: settings.now(), toolVersion: settings.toolVersion)
        run = started
        return started
    }
}

/// Writes items in as few transactions as the arrivals allow: on one serial queue, each call of
/// `write` takes every item that arrived while the one before was running (at most `limit`),
/// and each caller gets its own item's result. What `write` touches is touched on that queue only.
///
///     let batches = GroupCommit<Row, Void>(label: "rows") { rows in try store.save(rows); return rows.map { _ in () } }
///     try await batches.submit(row)
public final class GroupCommit<Item: Sendable, Output: Sendable>: @unchecked Sendable {
    private let write: @Sendable ([Item]) throws -> [Output]
    private let queue: DispatchQueue
    private let lock = NSLock()
    private var pending: [(item: Item, done: CheckedContinuation<Output, any Error>)] = []
    private var draining = false
    private let limit: Int

    /// `write` returns one output per item, in order.
    public init(label: String, limit: Int = 256, write: @escaping @Sendable ([Item]) throws -> [Output]) {
        self.write = write
        self.limit = limit
        queue = DispatchQueue(label: "survey-intake.\(label)")
    }

    public func submit(_ item: Item) async throws -> Output {
        try await withCheckedThrowingContinuation { done in
            let start = lock.withLock {
                pending.append((item, done))
                defer { draining = true }
                return !draining
            }
            if start { queue.async { self.drain() } }
        }
    }

    /// Runs `body` on the queue after everything submitted before it.
    public func then<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { done in
            queue.async { done.resume(with: Result { try body() }) }
        }
    }

    private func drain() {
        while true {
            let batch: [(item: Item, done: CheckedContinuation<Output, any Error>)] = lock.withLock {
                let taken = Array(pending.prefix(limit))
                pending.removeFirst(taken.count)
                if taken.isEmpty { draining = false }
                return taken
            }
            guard !batch.isEmpty else { return }
            do {
                let outputs = try write(batch.map(\.item))
                for (entry, output) in zip(batch, outputs) { entry.done.resume(returning: output) }
            } catch {
                for entry in batch { entry.done.resume(throwing: error) }
            }
        }
    }
}

/// The intake writer, handed to the group commit's queue (the only place it is used).
final class IntakeWriterBox: @unchecked Sendable {
    let writer: IntakeWriter
    init(_ writer: IntakeWriter) { self.writer = writer }
}
