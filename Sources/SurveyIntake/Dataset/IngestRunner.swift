import Foundation

/// `survey-intake ingest`: validate, map, normalise and check every file, store it, and
/// rewrite the exports. Parsing and checking run on `jobs` threads; one writer stores each
/// chunk of results in one transaction, in input order, so the dataset is the same whatever
/// `jobs` is. Files whose size and modification time are unchanged since the last run are
/// skipped without being read.
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

    public init(pipeline: IntakePipeline, options: Options, toolVersion: String) {
        self.pipeline = pipeline
        self.options = options
        self.toolVersion = toolVersion
    }

    /// Ingests `files` (already expanded and sorted, see `InputFiles`). `progress` is called on
    /// the calling thread after each chunk with (files done, files total).
    public func run(
        files: [String], waiting: () -> Void = {}, progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> IngestSummary {
        let lock = try IngestLock(directory: try prepareOutput(), wait: options.waitForLock, waiting: waiting)
        defer { withExtendedLifetime(lock) {} }
        let store = try IntakeStore(directory: options.output)
        let run = try store.beginRun(at: Timestamp.now(), toolVersion: toolVersion)
        var summary = IngestSummary()
        summary.filesSeen = files.count

        let (unchanged, pending) = try store.partitionByStamp(files)
        summary.unchanged += unchanged
        progress(summary.unchanged, files.count)

        let pipeline = self.pipeline
        let time = Timestamp.now()
        try ParallelWork.forEachChunk(pending.map(\.path), jobs: options.jobs, chunkSize: options.chunkSize, work: { path in
            let result = pipeline.process(fileAt: path)
            return (result, IngestItem.canonicalJSON(of: result))
        }, deliver: { range, results in
            let items = zip(range, results).map { index, processed in
                IngestItem(result: processed.0, stamp: pending[index].stamp, canonicalJSON: processed.1)
            }
            let rejectedBefore = summary.rejected.count
            try store.store(items, run: run, at: time, into: &summary)
            if let quarantine = options.quarantine {
                let rejectedNow = Dictionary(summary.rejected[rejectedBefore...].map { ($0.path, $0) }) { first, _ in first }
                for item in items {
                    guard let rejection = rejectedNow[item.result.path] else { continue }
                    try Quarantine(folder: quarantine).keep(item.result, rejection: rejection)
                }
            }
            progress(summary.unchanged + range.upperBound, files.count)
        })

        let versions = try store.versions()
        if versions.data != versions.exported || !exportsExist() {
            try DatasetExporter(directory: options.output, dialect: options.dialect).export(from: store)
            try store.markExported(version: versions.data)
        }
        try store.finishRun(run, at: Timestamp.now(), summary: summary)
        return summary
    }

    private func prepareOutput() throws -> URL {
        try FileManager.default.createDirectory(at: options.output, withIntermediateDirectories: true)
        return options.output
    }

    private func exportsExist() -> Bool {
        let paths = ExportTable.all.map { "csv/\($0.name).csv" } + ["datapackage.json"]
        return paths.allSatisfy { FileManager.default.fileExists(atPath: options.output.appendingPathComponent($0).path) }
    }
}
