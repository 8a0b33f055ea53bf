import Foundation

/// The files a command works on: each file named, and every `*.xml` below each folder named
/// (recursively, hidden entries skipped), sorted so that output is the same on every run.
public enum InputFiles {
    /// A path the user named that does not exist: a usage error (exit status 2).
    public struct MissingPath: Error, LocalizedError {
        public var path: String
        public var errorDescription: String? { "\(path): no such file or folder" }
    }

    /// Expands `paths` into files, in order: each argument's files sorted, arguments in the
    /// order given, duplicates dropped. Folders that cannot be listed are returned as findings.
    public static func collect(_ paths: [String]) throws(MissingPath) -> (files: [String], problems: [Finding]) {
        let fileManager = FileManager.default
        var files: [String] = []
        var seen: Set<String> = []
        var problems: [Finding] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw MissingPath(path: path) }
            guard isDirectory.boolValue else {
                if seen.insert(path).inserted { files.append(path) }
                continue
            }
            var found: [String] = []
            walk(path, into: &found, problems: &problems)
            for file in found.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where seen.insert(file).inserted {
                files.append(file)
            }
        }
        return (files, problems)
    }

    private static func walk(_ folder: String, into files: inout [String], problems: inout [Finding]) {
        let fileManager = FileManager.default
        let entries: [String]
        do {
            entries = try fileManager.contentsOfDirectory(atPath: folder)
        } catch {
            problems.append(Finding(severity: .error, file: folder, line: 0, column: 0,
                                    message: "cannot list the folder: \(error.localizedDescription)", reason: .unreadable))
            return
        }
        for entry in entries where !entry.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + entry : folder + "/" + entry
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                walk(path, into: &files, problems: &problems)
            } else if entry.lowercased().hasSuffix(".xml") {
                files.append(path)
            }
        }
    }
}
