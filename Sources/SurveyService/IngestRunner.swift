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
        /// Start a new store in a folder that holds exports but no usable store (`--fresh`).
        public var startAfresh: Bool

        public init(output: URL, jobs: Int, dialect: CSVDialect = .rfc4180, quarantine: URL? = nil,
                    waitForLock: Bool = true, chunkSize: Int = 256, startAfresh: Bool = false) {
            self.startAfresh = startAfresh
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
    ///
    /// `shouldStop` is asked after each chunk is committed: when it says yes, the run stops there,
    /// the exports are written for what is stored, the run is recorded as interrupted, and
    /// `IngestInterrupted` is thrown; the next run goes on from there.
    ///
    /// `rejectedErrors` is called on the calling thread for each file rejected in this run, with
    /// every error of it (the summary keeps the first only).
    public func run(
        files: PathList, waiting: () -> Void = {}, progress: (Int, Int) -> Void = { _, _ in },
        shouldStop: () -> Bool = { false }, rejectedErrors: (String, [Finding]) -> Void = { _, _ in }
    ) throws -> IngestSummary {
        let lock = try IngestLock(directory: try prepareOutput(), wait: options.waitForLock, waiting: waiting)
        defer { withExtendedLifetime(lock) {} }
        if !options.startAfresh { try checkStoreIsThere() }
        let store = try IntakeStore(directory: options.output)
        let writer = IntakeWriter(store: store, settings: .init(toolVersion: toolVersion, now: now,
                                                                quarantine: options.quarantine))
        _ = try writer.currentRun()
        try writer.prepareQuarantine()
        writer.recorded.filesSeen = files.count
        // A first ingest lists every file as new: room for them all at once, not by doubling.
        writer.recorded.new.reserveCapacity(paths: files.count, nameBytes: files.nameBytes)

        // The files are taken a window at a time (stamped, sorted into unchanged and pending,
        // then read, processed and recorded), so what is held per file — its resolved path, its
        // stamp — is held for one window, not for every file named: memory stays flat however
        // many files there are.
        let pipeline = self.pipeline
        let maxBytes = pipeline.validator.maxBytes
        let window = max(1, options.chunkSize) * Self.chunksPerWindow
        var done = 0
        var stoppedAfter: Int?
        do {
            for start in stride(from: 0, to: files.count, by: window) {
                let names = files[start..<min(files.count, start + window)]
                // Stamps are kept by each file's resolved path, so that the same file named another
                // way (`samples`, `./samples`, its absolute path) is one file; output names it as typed.
                let keys = names.map { PathName.resolved($0) ?? $0 }
                let typed = Dictionary(zip(keys, names)) { first, _ in first }
                let (unchanged, stillRejectedKeys, pendingKeys) = try store.partitionByStamp(keys.map { ($0, FileStamp(path: $0)) })
                let pending = pendingKeys.map { (path: typed[$0.path] ?? $0.path, key: $0.path, stamp: $0.stamp) }
                writer.recorded.unchanged += unchanged
                writer.recorded.stillRejected += stillRejectedKeys.map { typed[$0] ?? $0 }
                done += unchanged
                progress(done, files.count)
                let last = start + window >= files.count
                try ParallelWork.forEachChunk(pending.map(\.path), jobs: options.jobs, chunkSize: options.chunkSize, work: { path in
                    Self.prepare(path, maxBytes: maxBytes, pipeline: pipeline)
                }, deliver: { range, records in
                    var stamped = records
                    for (offset, index) in range.enumerated() {
                        stamped[offset].stamp = pending[index].stamp
                        stamped[offset].stampKey = pending[index].key
                    }
                    let outcomes = try writer.record(stamped)
                    for (record, outcome) in zip(stamped, outcomes) {
                        guard case .rejected(_, let errors) = outcome else { continue }
                        rejectedErrors(record.outcome.origin.name, errors.filter { $0.severity == .error })
                    }
                    done += range.count
                    progress(done, files.count)
                    if !(last && range.upperBound == pending.count), shouldStop() { throw IngestInterrupted(filesDone: done) }
                })
                // A window of unchanged files commits nothing; the stop is asked for after it all the same.
                if pending.isEmpty, !last, shouldStop() { throw IngestInterrupted(filesDone: done) }
            }
        } catch let interrupted as IngestInterrupted {
            stoppedAfter = interrupted.filesDone
        }

        let versions = try store.versions()
        if versions.data != versions.exported || !exportsExist() {
            try DatasetExporter(directory: options.output, dialect: options.dialect, vocabularies: pipeline.mapper.normaliser.vocabularies)
                .export(from: store)
            try store.markExported(version: versions.data)
        }
        if let stoppedAfter {
            try writer.finish(interrupted: true)
            throw IngestInterrupted(filesDone: stoppedAfter, summary: writer.recorded)
        }
        return try writer.finish()
    }

    /// `run(files:…)` for paths given as strings.
    public func run(
        files: [String], waiting: () -> Void = {}, progress: (Int, Int) -> Void = { _, _ in },
        shouldStop: () -> Bool = { false }, rejectedErrors: (String, [Finding]) -> Void = { _, _ in }
    ) throws -> IngestSummary {
        try run(files: PathList(files), waiting: waiting, progress: progress, shouldStop: shouldStop, rejectedErrors: rejectedErrors)
    }

    /// How many chunks of files are stamped and sorted at a time (see `run`).
    static let chunksPerWindow = 16

    /// Reads one file and runs the pipeline on it (on a worker thread).
    private static func prepare(_ path: String, maxBytes: Int, pipeline: IntakePipeline) -> IntakeRecord {
        switch SourceFile.read(path, maxBytes: maxBytes) {
        case .success(let bytes):
            return IntakeService.prepare(bytes, from: .file(path), pipeline: pipeline)
        case .failure(let failure):
            let result = pipeline.process(unread: failure, path: path)
            return IntakeRecord(outcome: result.outcome(origin: .file(path)), original: nil)
        }
    }

    /// A folder with exports but no store (deleted, or emptied to 0 bytes) lost its store of
    /// record: a new one would overwrite the exports with only this run's files.
    private func checkStoreIsThere() throws {
        let manager = FileManager.default
        let store = options.output.appendingPathComponent("intake.sqlite").path
        let size = (try? manager.attributesOfItem(atPath: store)[.size] as? Int) ?? nil
        guard size == nil || size == 0 else { return }
        let exports = DatasetExporter.files.filter { manager.fileExists(atPath: options.output.appendingPathComponent($0).path) }
        guard !exports.isEmpty else { return }
        throw IngestError.storeMissing(directory: options.output.relativePath, emptied: size == 0, exports: exports)
    }

    private func prepareOutput() throws -> URL {
        try FileManager.default.createDirectory(at: options.output, withIntermediateDirectories: true)
        return options.output
    }

    private func exportsExist() -> Bool {
        DatasetExporter.files.allSatisfy { FileManager.default.fileExists(atPath: options.output.appendingPathComponent($0).path) }
    }
}

/// Why an ingest does not start.
public enum IngestError: Error, LocalizedError, Equatable {
    /// The dataset folder holds exports but its store is gone or empty.
    case storeMissing(directory: String, emptied: Bool, exports: [String])

    public var errorDescription: String? { description(danish: false) }

    /// What is wrong and what to do, in English or in Danish.
    public func description(danish: Bool) -> String {
        switch self {
        case .storeMissing(let directory, let emptied, let exports):
            let named = exports.prefix(3).joined(separator: ", ") + (exports.count > 3 ? ", …" : "")
            if danish {
                return "\(directory)/intake.sqlite \(emptied ? "er tom" : "mangler"), men \(directory) indeholder eksporter "
                    + "(\(named)), der er skrevet ud fra den. Gendan intake.sqlite fra en sikkerhedskopi, eller kør igen med "
                    + "--fresh for at begynde et nyt datasæt der (eksporterne rummer så kun det, der indlæses fra nu af)"
            }
            return "\(directory)/intake.sqlite \(emptied ? "is empty" : "is missing"), but \(directory) holds exports "
                + "(\(named)) written from it. "
                + "Restore intake.sqlite from a backup, or run again with --fresh to start a new dataset there "
                + "(its exports will then hold only what is ingested from now on)"
        }
    }
}

/// An ingest stopped at a chunk boundary when asked to (SIGINT, SIGTERM): everything before it is
/// stored and exported; running it again finishes the work.
public struct IngestInterrupted: Error, Sendable {
    /// Input files taken in (stored, or skipped as unchanged) before it stopped.
    public var filesDone: Int
    /// What the run did up to then.
    public var summary: IngestSummary = IngestSummary()
}
