import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyOutputs

/// The one way in: one submission's bytes and where they came from, a receipt out. The command
/// line's folder ingest and the HTTP front door both go through `prepare` (the pipeline, on the
/// caller's thread) and `record` (the store, one writer at a time).
///
///     let service = try IntakeService(pipeline: pipeline, store: IntakeStore(directory: dir),
///                                     settings: .init(toolVersion: "1.0", now: { Timestamp.now() }))
///     let receipt = try await service.submit(bytes, from: .file("SP-2020-013.xml"))
///     receipt.status   // .accepted
public actor IntakeService {
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

    public nonisolated let pipeline: IntakePipeline
    private let writer: IntakeWriter

    public init(pipeline: IntakePipeline, store: sending any SubmissionStore, settings: Settings) {
        self.pipeline = pipeline
        writer = IntakeWriter(store: store, settings: settings)
    }

    /// Validates, maps, normalises, checks and stores one submission, and says what became of it.
    public func submit(_ bytes: [UInt8], from origin: Origin) throws -> Receipt {
        let record = Self.prepare(bytes, from: origin, pipeline: pipeline)
        let outcome = try writer.record([record])[0]
        return Self.receipt(for: record.outcome, recorded: outcome)
    }

    /// Stores one submission already through `prepare`, and says what became of it.
    public func submit(_ record: IntakeRecord) throws -> Receipt {
        let outcome = try writer.record([record])[0]
        return Self.receipt(for: record.outcome, recorded: outcome)
    }

    /// Runs the pipeline on bytes already read (on the caller's thread: any number at once), and
    /// compresses the original for the store.
    public nonisolated static func prepare(_ bytes: [UInt8], from origin: Origin, pipeline: IntakePipeline) -> IntakeRecord {
        let result = bytes.withUnsafeBytes { pipeline.process(bytes: $0, path: origin.name) }
        return IntakeRecord(outcome: result.outcome(origin: origin), original: StoredOriginal(bytes))
    }

    /// Closes the service's run and returns what it recorded.
    @discardableResult
    public func finish() throws -> IngestSummary {
        try writer.finish()
    }

    /// The receipt for `outcome` after the store did `recorded` with it.
    public nonisolated static func receipt(for outcome: IntakeOutcome, recorded: RecordedOutcome) -> Receipt {
        let submission = outcome.submission
        var receipt = Receipt(receiptId: UUID().uuidString.lowercased(), status: .accepted, submissionId: submission?.submissionId,
                              sha256: outcome.sha256, projectId: submission?.projectId, round: submission?.round,
                              reason: nil, completeness: outcome.completeness?.score,
                              findings: outcome.completeness?.findings.map { $0.finding(file: outcome.origin.name) } ?? [])
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
        if let quarantine = settings.quarantine {
            for record in records where record.outcome.rejection != nil {
                try Quarantine(folder: quarantine).keep(record.outcome, bytes: record.original?.bytes())
            }
        }
        let outcomes = try store.record(records, run: currentRun(), at: settings.now(), into: &summary)
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
