import Foundation
import GRDB

/// Writes `DIR/csv/*.csv` and `DIR/datapackage.json` from the store. Each file is written to a
/// temporary name beside its target and renamed over it, so a reader (or a run killed half-way)
/// never sees half a file.
public struct DatasetExporter {
    public let directory: URL
    public let dialect: CSVDialect

    public init(directory: URL, dialect: CSVDialect = .rfc4180) {
        self.directory = directory
        self.dialect = dialect
    }

    /// Rewrites every export from the store's current content.
    public func export(from store: IntakeStore) throws {
        let folder = directory.appendingPathComponent("csv")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try store.queue.read { db in
            for table in ExportTable.all {
                var writer = CSVWriter(dialect: dialect, header: table.columns.map(\.name))
                let rows = try Row.fetchCursor(db, sql: table.query)
                while let row = try rows.next() {
                    writer.write(table.columns.enumerated().map { index, column in value(row[index] as DatabaseValue, column) })
                }
                try Self.replace(folder.appendingPathComponent("\(table.name).csv"), with: writer.bytes)
            }
        }
        let package = DataPackageDescriptor(tables: ExportTable.all, dialect: dialect)
        try Self.replace(directory.appendingPathComponent("datapackage.json"), with: try package.encoded())
    }

    private func value(_ stored: DatabaseValue, _ column: ExportColumn) -> CSVValue {
        switch stored.storage {
        case .null: return .optionalText(nil)
        case .int64(let number):
            return column.kind == .number ? .decimal(Double(number)) : .integer(Int(number))
        case .double(let number): return .decimal(number)
        case .string(let text): return .text(text)
        case .blob(let data): return .text(String(decoding: data, as: UTF8.self))
        }
    }

    /// Writes `bytes` to a temporary file in the same folder, flushes it, and renames it over `url`.
    static func replace(_ url: URL, with bytes: [UInt8]) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ExportError.cannotWrite(temporary.path, String(cString: strerror(errno))) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary.path)
                throw ExportError.cannotWrite(temporary.path, reason)
            }
            written += count
        }
        fsync(descriptor)
        close(descriptor)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw ExportError.cannotWrite(url.path, reason)
        }
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
