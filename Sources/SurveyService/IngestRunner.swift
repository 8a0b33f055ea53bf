import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyOutputs

/// `survey-intake ingest`: every file through the same two steps as one submission through the
/// front door (`IntakeService.prepare` on `jobs` threads, `IntakeWriter.record` on one), in
/// chunks of one transaction each, in input order, so the dataset is the same whatever `jobs`
/// is; then the exports are rewritten. Files whose size and modification time are unchanged
/// since the last run are skipped without being read.
public struct IngestRunner {
    public struct Options: Sendable {
        public var output: URL
        public var jobs: Int
        public var dialect: CSVDialect
        /// Where to copy rejected files, each with a `NAME.errors.json` beside it.
        public var quarantine: URL?
        /// Wait for another ingest on the same folder instead of stopping.
        public var waitForLock: Bool
        public var chunkSize: Int

        public init(output: URL, jobs: Int, dialect: CSVDialect = .rfc4180, quarantine: URL? = nil,
                    waitForLock: Bool = true, chunkSize: Int = 256) {
            self.output = output
            self.jobs = jobs
            self.dialect = dialect
            self.quarantine = quarantine
            self.waitForLock = waitForLock
            self.chunkSize = chunkSize
        }
    }

    public let pipeline: IntakePipeline
    public let options: Options
    public let toolVersion: String
    /// The clock for what is stored.
    public let now: @Sendable () -> String

    public init(pipeline: IntakePipeline, options: Options, toolVersion: String,
                now: @escaping @Sendable () -> String = { Timestamp.now() }) {
        self.pipeline = pipeline
        self.options = options
        self.toolVersion = toolVersion
        self.now = now
    }

    /// Ingests `files` (already expanded and sorted, see `InputFiles`). `progress` is called on
    /// the calling thread after each chunk with (files done, files total).
    public func run(
        files: [String], waiting: () -> Void = {}, progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> IngestSummary {
        let lock = try IngestLock(directory: try prepareOutput(), wait: options.waitForLock, waiting: waiting)
        defer { withExtendedLifetime(lock) {} }
        let store = try IntakeStore(directory: options.output)
        let writer = IntakeWriter(store: store, settings: .init(toolVersion: toolVersion, now: now,
                                                                quarantine: options.quarantine))
        _ = try writer.currentRun()
        writer.recorded.filesSeen = files.count

        let (unchanged, stillRejected, pending) = try store.partitionByStamp(files.map { ($0, FileStamp(path: $0)) })
        writer.recorded.unchanged += unchanged
        writer.recorded.stillRejected = stillRejected
        progress(unchanged, files.count)

        let pipeline = self.pipeline
        let maxBytes = pipeline.validator.maxBytes
        try ParallelWork.forEachChunk(pending.map(\.path), jobs: options.jobs, chunkSize: options.chunkSize, work: { path in
            switch SourceFile.read(path, maxBytes: maxBytes) {
            case .success(let bytes):
                return IntakeService.prepare(bytes, from: .file(path), pipeline: pipeline)
            case .failure(let failure):
                let result = pipeline.process(unread: failure, path: path)
                return IntakeRecord(outcome: result.outcome(origin: .file(path)), original: nil)
            }
        }, deliver: { range, records in
            var stamped = records
            for (offset, index) in range.enumerated() { stamped[offset].stamp = pending[index].stamp }
            _ = try writer.record(stamped)
            progress(unchanged + range.upperBound, files.count)
        })

        let versions = try store.versions()
        if versions.data != versions.exported || !exportsExist() {
            try DatasetExporter(directory: options.output, dialect: options.dialect, vocabularies: pipeline.mapper.normaliser.vocabularies)
                .export(from: store)
            try store.markExported(version: versions.data)
        }
        return try writer.finish()
    }

    private func prepareOutput() throws -> URL {
        try FileManager.default.createDirectory(at: options.output, withIntermediateDirectories: true)
        return options.output
    }

    private func exportsExist() -> Bool {
        DatasetExporter.files.allSatisfy { FileManager.default.fileExists(atPath: options.output.appendingPathComponent($0).path) }
    }
}
