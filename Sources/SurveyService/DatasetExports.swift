import Foundation
import SurveyIntake
import SurveyOutputs
import SurveyStore

/// Rewrites a dataset's CSV files and Data Package after a change that did not come through an
/// ingest (an analyst's review, waiver or correction), in the CSV dialect they are already in.
public enum DatasetExports {
    /// What `refresh` did.
    public enum Outcome: Sendable, Equatable {
        /// The exports were rewritten.
        case written
        /// They already showed the store's data.
        case current
        /// An ingest holds the dataset; it rewrites the exports when it ends.
        case busy
    }

    /// Rewrites the exports of `dataset` from `store` when the store changed since they were
    /// written, under the dataset's lock (never beside a running ingest).
    public static func refresh(_ dataset: URL, store: IntakeStore, vocabularies: Vocabularies,
                               dialect: CSVDialect? = nil) throws -> Outcome {
        let versions = try store.versions()
        guard versions.data != versions.exported else { return .current }
        let lock: IngestLock
        do {
            lock = try IngestLock(directory: dataset, wait: false)
        } catch is IngestLock.Busy {
            return .busy
        }
        try withExtendedLifetime(lock) {
            try DatasetExporter(directory: dataset, dialect: dialect ?? dialectInUse(dataset), vocabularies: vocabularies)
                .export(from: store)
            try store.markExported(version: versions.data)
        }
        return .written
    }

    /// The dialect the dataset's exports were last written in: Danish Excel's files begin with a
    /// byte order mark, RFC 4180's do not (nor does a dataset without exports yet).
    public static func dialectInUse(_ dataset: URL) -> CSVDialect {
        let file = dataset.appendingPathComponent("csv/submissions.csv")
        guard let handle = FileHandle(forReadingAtPath: file.path) else { return .rfc4180 }
        defer { try? handle.close() }
        let start = handle.readData(ofLength: 3)
        return [UInt8](start) == [0xEF, 0xBB, 0xBF] ? .excelDanish : .rfc4180
    }
}
