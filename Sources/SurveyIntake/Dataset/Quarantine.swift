import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keeps a copy of each rejected file, with `NAME.errors.json` beside it saying why. The input
/// file itself is never modified, moved or deleted.
struct Quarantine {
    let folder: URL

    func keep(_ result: IntakeResult, rejection: IngestSummary.RejectedFile) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = URL(fileURLWithPath: result.path)
        var name = source.lastPathComponent
        var target = folder.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: target.path) {
            // Another file of the same name: tell them apart by content (or by path when unread).
            let tag = String((result.sha256 ?? SHA256.hex(of: Array(result.path.utf8))).prefix(8))
            name = source.deletingPathExtension().lastPathComponent + "-" + tag + "." + source.pathExtension
            target = folder.appendingPathComponent(name)
        }
        if !FileManager.default.fileExists(atPath: target.path) {
            if PathName.fileSystemBytes(result.path) != Array(result.path.utf8) {
                // A name that is not UTF-8 (`\xHH` escapes): copied from its real bytes, kept under the escaped name.
                try Self.copy(fileSystemPath: result.path, to: target)
            } else {
                try FileManager.default.copyItem(at: source, to: target)
            }
        }
        var errors = result.validation.findings.filter { $0.severity == .error }
        if errors.isEmpty {
            // Rejected by the store (a submissionId conflict), not by validation.
            errors = [Finding(severity: .error, file: result.path, line: 0, column: 0, message: rejection.message,
                              reason: RejectionReason(rawValue: rejection.reason))]
        }
        let sidecar = Sidecar(sourceFile: result.path, sha256: result.sha256, reason: rejection.reason, errors: errors)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try DatasetExporter.replace(folder.appendingPathComponent(name + ".errors.json"),
                                    with: Array(try encoder.encode(sidecar)) + [0x0A])
    }

    /// Copies the file that `path` names (see `PathName`) to `target`, 64 KiB at a time.
    private static func copy(fileSystemPath path: String, to target: URL) throws {
        let source = PathName.withFileSystemPath(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard source >= 0 else { throw ExportError.cannotWrite(target.path, "cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(source) }
        let file = try ReplacementFile(target)
        do {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count >= 0 else { throw ExportError.cannotWrite(target.path, "cannot read \(path): \(String(cString: strerror(errno)))") }
                if count == 0 { break }
                try buffer.withUnsafeBytes { try file.write(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            }
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    struct Sidecar: Encodable {
        var sourceFile: String
        var sha256: String?
        var reason: String
        var errors: [Finding]

        enum CodingKeys: String, CodingKey {
            case sourceFile = "source_file", sha256, reason, errors
        }
    }
}
