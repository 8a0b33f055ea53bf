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
    /// A submission's receipt, or why its link no longer lets it in (see `ReceiptOrigin.requiresActiveLink`).
    private let commits: GroupCommit<Pending, Result<EncodedReceipt, LinkRefusal>>
    /// Touched on `commits`' queue only.
    private let writer: IntakeWriterBox

    public init(pipeline: IntakePipeline, store: sending any SubmissionStore, settings: Settings) {
        self.pipeline = pipeline
        let writer = IntakeWriterBox(IntakeWriter(store: store, settings: settings))
        self.writer = writer
        commits = GroupCommit(label: "intake") { pending in
            // The receipts are made inside the transaction (they need its outcomes) and kept in it.
            // Each receipt's JSON is encoded once: stored with it and sent.
            var receipts: [Result<EncodedReceipt, LinkRefusal>] = []
            let links = pending.map { item in item.keeping.flatMap { $0.requiresActiveLink ? $0.linkId : nil } }
            _ = try writer.writer.record(pending.map(\.record), requiringActive: links) { outcomes in
                receipts = try zip(pending, outcomes).map { item, outcome in
                    switch outcome {
                    case .success(let recorded):
                        .success(try EncodedReceipt(IntakeService.receipt(for: item.record.outcome, recorded: recorded)))
                    case .failure(let refusal):
                        .failure(refusal)
                    }
                }
                // A receipt that is not a rejection also drops the project's draft. A submission
                // its link no longer lets in has no receipt to keep.
                return zip(pending, receipts).compactMap { item, result in
                    guard case .success(let encoded) = result, let keeping = item.keeping else { return nil }
                    return ReceiptRow(encoded, origin: keeping, clearingDraft: encoded.receipt.status != .rejected)
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

    /// `submit`, with the receipt's JSON as it was stored (to send the same bytes). Throws the
    /// link's `LinkRefusal`, having stored nothing, when `keeping` requires an active link and
    /// the link was revoked or had expired when the transaction read it.
    public func submitEncoded(_ record: IntakeRecord, keeping: ReceiptOrigin? = nil) async throws -> EncodedReceipt {
        try await commits.submit(Pending(record: record, keeping: keeping)).get()
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

    /// Stores `records` (in order) in one transaction; adds them to the run's summary.
    public func record(_ records: [IntakeRecord]) throws -> [RecordedOutcome] {
        // No record needs a link: none is refused.
        try record(records, requiringActive: []) { _ in [] }.map { try $0.get() }
    }

    /// `record(_:)`, and the receipts `receipts` gives for the outcomes kept in the same
    /// transaction; a record whose link in `links` is no longer active is not stored (its
    /// refusal in place of an outcome, see `SubmissionStore.record(_:run:at:into:requiringActive:receipts:)`).
    public func record(_ records: [IntakeRecord], requiringActive links: [Int64?],
                       receipts: ([Result<RecordedOutcome, LinkRefusal>]) throws -> [ReceiptRow]) throws
        -> [Result<RecordedOutcome, LinkRefusal>] {
        let needsLink = { (index: Int) in index < links.count && links[index] != nil }
        if let quarantine = settings.quarantine {
            // A record that needs its link is copied only once it is known to be let in (below).
            for (index, record) in records.enumerated() where record.outcome.rejection != nil && !needsLink(index) {
                try Quarantine(folder: quarantine).keep(record.outcome, bytes: record.original?.bytes())
            }
        }
        let outcomes = try store.record(records, run: currentRun(), at: settings.now(), into: &summary, requiringActive: links,
                                        receipts: receipts)
        if let quarantine = settings.quarantine {
            for (index, (record, outcome)) in zip(records, outcomes).enumerated() {
                guard case .success(let recorded) = outcome else { continue }
                if case .rejected(.conflict, let errors) = recorded {
                    // A conflict is found by the store, so its copy can only follow the commit.
                    var conflict = record.outcome
                    conflict.verdict = .rejected(.conflict, errors)
                    try Quarantine(folder: quarantine).keep(conflict, bytes: record.original?.bytes())
                } else if needsLink(index), record.outcome.rejection != nil {
                    try Quarantine(folder: quarantine).keep(record.outcome, bytes: record.original?.bytes())
                }
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
