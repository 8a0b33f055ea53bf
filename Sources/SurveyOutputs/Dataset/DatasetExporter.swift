import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif
#if canImport(Glibc)
import Glibc
#endif
import SurveyModel
import SurveyIntake
import SurveyStore

/// Writes `DIR/csv/*.csv` and `DIR/datapackage.json` from the store. Each file is written to a
/// temporary name beside its target and renamed over it, so a reader (or a run killed half-way)
/// never sees half a file.
public struct DatasetExporter {
    public let directory: URL
    public let dialect: CSVDialect
    /// The exported tables, their coded columns' values taken from the vocabularies.
    let tables: [ExportTable]

    public init(directory: URL, dialect: CSVDialect = .rfc4180, vocabularies: Vocabularies) {
        self.directory = directory
        self.dialect = dialect
        tables = ExportTable.all(ExportCodes(vocabularies))
    }

    /// The paths, relative to `directory`, of every file `export` writes.
    public static var files: [String] {
        ExportSource.allCases.map { "csv/\($0.rawValue).csv" } + ["datapackage.json"]
    }

    /// Rewrites every export from the store's current content. Rows are read straight from
    /// SQLite and written as they come: the memory needed does not grow with the dataset.
    public func export(from store: any SubmissionStore) throws {
        let folder = directory.appendingPathComponent("csv")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for table in tables {
            let file = try ReplacementFile(folder.appendingPathComponent("\(table.name).csv"))
            do {
                var writer = try CSVWriter(dialect: dialect, header: table.columns.map(\.name), output: file)
                try writeRows(of: table, store: store, into: &writer)
                try writer.flush()
                try file.commit()
            } catch {
                file.discard()
                throw error
            }
        }
        let package = DataPackageDescriptor(tables: tables, dialect: dialect)
        try Self.replace(directory.appendingPathComponent("datapackage.json"), with: try package.encoded())
    }

    /// Writes each row as GRDB's `DatabaseValue` would give it: NULL empty, integers in decimal
    /// (as decimals in a `number` column), reals as decimals, text up to its first NUL, blobs as UTF-8.
    private func writeRows(of table: ExportTable, store: any SubmissionStore, into writer: inout CSVWriter) throws {
        let columns = table.columns.map { $0.kind == .number }
        try store.exportRows(of: table.source, columns: table.columns.map(\.name)) { cell in
            for (index, isNumber) in columns.enumerated() {
                switch cell(index) {
                case .null:
                    writer.empty()
                case .integer(let number):
                    if isNumber { writer.value(.decimal(Double(number))) } else { writer.integer(number) }
                case .real(let number):
                    writer.value(.decimal(number))
                case .text(let bytes):
                    writer.text(bytes: bytes)
                case .blob(let bytes):
                    writer.text(String(decoding: bytes, as: UTF8.self))
                }
            }
            try writer.endRecord()
        }
    }

    /// Writes `bytes` to a temporary file in the same folder, flushes it, and renames it over `url`.
    static func replace(_ url: URL, with bytes: [UInt8]) throws {
        let file = try ReplacementFile(url)
        do {
            try bytes.withUnsafeBytes { try file.write($0) }
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }
}

/// A file written under a temporary name beside its target (`.NAME.tmp-PID`), flushed, and
/// renamed over the target only when complete: a reader, or a run killed half-way, never sees
/// half a file. Used from one thread.
final class ReplacementFile {
    let url: URL
    private let temporaryPath: String
    private var descriptor: Int32

    init(_ url: URL) throws {
        self.url = url
        temporaryPath = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ExportError.cannotWrite(temporaryPath, String(cString: strerror(errno))) }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var written = 0
        while written < bytes.count {
            let count = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                throw ExportError.cannotWrite(temporaryPath, String(cString: strerror(errno)))
            }
            written += count
        }
    }

    /// Flushes the file to disk and renames it over the target.
    func commit() throws {
        fsync(descriptor)
        close(descriptor)
        descriptor = -1
        guard rename(temporaryPath, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw ExportError.cannotWrite(url.path, reason)
        }
    }

    /// Closes and deletes the temporary file.
    func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
    }
}

public enum ExportError: Error, LocalizedError {
    case cannotWrite(String, String)

    public var errorDescription: String? {
        switch self {
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }
}
