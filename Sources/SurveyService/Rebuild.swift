import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyOutputs

/// `survey-intake rebuild`: every stored submission derived again from its original bytes with
/// the current registry, vocabularies and dictionaries — answers, categories, completeness and
/// flags — one transaction per chunk, then the exports rewritten. Identity does not move: which
/// submission is current, the conflicts, the rejections and every original stay as they are.
/// Killed half-way, the store holds whole chunks only, and running it again finishes the work.
public struct Rebuild {
    public struct Summary: Sendable, Hashable, Codable {
        /// Submissions derived again.
        public var rebuilt = 0
        /// Of those, how many now have other categories, flags, answers or completeness.
        public var changed = 0
        /// Submissions whose original the store does not hold (ingested before originals were kept).
        public var withoutOriginal: [String] = []
        /// Submissions the current registry would reject or map to another identity: kept as they were.
        public var keptAsTheyWere: [String] = []
        /// Rejected files read again for the project, round and lead they name and their errors' Danish words.
        public var rejectionsReread = 0

        public init() {}

        enum CodingKeys: String, CodingKey {
            case rebuilt, changed, withoutOriginal = "without_original", keptAsTheyWere = "kept_as_they_were"
            case rejectionsReread = "rejections_reread"
        }
    }

    public let pipeline: IntakePipeline
    public let output: URL
    public let dialect: CSVDialect
    public let jobs: Int
    public let chunkSize: Int

    public init(pipeline: IntakePipeline, output: URL, dialect: CSVDialect = .rfc4180, jobs: Int, chunkSize: Int = 256) {
        self.pipeline = pipeline
        self.output = output
        self.dialect = dialect
        self.jobs = jobs
        self.chunkSize = chunkSize
    }

    public func run(waitForLock: Bool = true, waiting: () -> Void = {}) throws -> Summary {
        let lock = try IngestLock(directory: output, wait: waitForLock, waiting: waiting)
        defer { withExtendedLifetime(lock) {} }
        let store = try IntakeStore(existingIn: output)
        var summary = Summary()
        var after: String?
        let pipeline = self.pipeline
        while true {
            let page = try store.storedSubmissions(after: after, limit: chunkSize)
            guard let last = page.last else { break }
            after = last.submissionId
            var derived: [(Submission, CompletenessReport)?] = []
            ParallelWork.forEachChunk(page, jobs: jobs, chunkSize: page.count, work: { stored in
                guard let original = stored.original else { return nil }
                let result = original.withUnsafeBytes { pipeline.process(bytes: $0, path: stored.source) }
                guard let submission = result.submission, let report = result.completeness,
                      submission.submissionId == stored.submissionId else { return nil }
                return (submission, report)
            }, deliver: { _, results in derived = results })
            var items: [(submission: Submission, report: CompletenessReport)] = []
            for (stored, result) in zip(page, derived) {
                if let result {
                    items.append((result.0, result.1))
                } else if stored.original == nil {
                    summary.withoutOriginal.append(stored.submissionId)
                } else {
                    summary.keptAsTheyWere.append(stored.submissionId)
                }
            }
            summary.changed += try store.replaceDerived(items)
            summary.rebuilt += items.count
        }
        summary.rejectionsReread = try rereadRejections(store)
        try DatasetExporter(directory: output, dialect: dialect, vocabularies: pipeline.mapper.normaliser.vocabularies)
            .export(from: store)
        try store.markExported(version: store.versions().data)
        return summary
    }

    /// Reads every stored rejected original again, a chunk per transaction: the project, round
    /// and lead it names (a rejection stored before schema v9 has none) and its errors' Danish
    /// words. Its reason and its errors stay as they were. Returns how many were read.
    private func rereadRejections(_ store: IntakeStore) throws -> Int {
        var after: Int64 = 0
        var read = 0
        let pipeline = self.pipeline
        while true {
            let page = try store.storedRejections(after: after, limit: chunkSize)
            guard let last = page.last else { break }
            after = last.id
            let reread = ParallelWork.map(page, jobs: jobs) { stored -> RereadRejection in
                let result = stored.original.withUnsafeBytes { pipeline.process(bytes: $0, path: stored.source) }
                // A conflict parses as a valid submission: it names what that submission names.
                let claimed = result.submission.map(ClaimedIdentity.init(submission:)) ?? result.claimed
                return RereadRejection(id: stored.id, claimed: claimed,
                                       errors: result.validation.findings.filter { $0.severity == .error })
            }
            try store.replaceReread(reread)
            read += page.count
        }
        return read
    }
}
