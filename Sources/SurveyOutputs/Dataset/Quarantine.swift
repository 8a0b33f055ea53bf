import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SurveyModel
import SurveyIntake
import SurveyStore

/// Keeps a copy of each rejected file, with `NAME.errors.json` beside it saying why. The input
/// file itself is never modified, moved or deleted.
///
/// The copy is written from the bytes as received (never by following a symbolic link, which
/// would dangle once the inbox is cleaned), before the store records the rejection: a run
/// interrupted in between reads the file again next time and writes the same copy.
public struct Quarantine: Sendable {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// Removes the temporary files (`.NAME.tmp-PID`) that a run killed while writing a copy left
    /// behind, when that process is gone; the copy itself is written again by the run that
    /// takes the file in.
    public func removeStaleTemporaries() throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(".") {
            guard let marker = name.range(of: ".tmp-", options: .backwards),
                  let pid = Int32(name[marker.upperBound...]), pid > 0 else { continue }
            // kill(pid, 0) fails with ESRCH once the process is gone.
            if kill(pid, 0) != 0, errno == ESRCH {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    /// Keeps `bytes` (nil: the file could not be read) under the origin's file name, with the
    /// reason and `errors` in `NAME.errors.json` beside it.
    public func keep(_ outcome: IntakeOutcome, bytes: [UInt8]?) throws {
        guard case .rejected(let reason, let errors) = outcome.verdict else { return }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = URL(fileURLWithPath: outcome.origin.name)
        var name = source.lastPathComponent
        var target = folder.appendingPathComponent(name)
        if !holdsOnlyThis(target, outcome) {
            // Another file of the same name: tell them apart by content (or by path when unread).
            let tag = String((outcome.sha256 ?? SHA256.hex(of: Array(outcome.origin.name.utf8))).prefix(8))
            name = source.deletingPathExtension().lastPathComponent + "-" + tag + "." + source.pathExtension
            target = folder.appendingPathComponent(name)
        }
        if let bytes {
            try DatasetExporter.replace(target, with: bytes)
        }
        let sidecar = Sidecar(sourceFile: outcome.origin.name, sha256: outcome.sha256, reason: reason.rawValue, errors: errors)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try DatasetExporter.replace(folder.appendingPathComponent(name + ".errors.json"),
                                    with: Array(try encoder.encode(sidecar)) + [0x0A])
    }

    /// Whether `target` is free, or holds this very rejection already (an interrupted run's copy).
    private func holdsOnlyThis(_ target: URL, _ outcome: IntakeOutcome) -> Bool {
        let manager = FileManager.default
        let sidecar = target.path + ".errors.json"
        guard manager.fileExists(atPath: target.path) || manager.fileExists(atPath: sidecar) else { return true }
        guard let data = manager.contents(atPath: sidecar),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return (object["source_file"] as? String) == outcome.origin.name && (object["sha256"] as? String) == outcome.sha256
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
