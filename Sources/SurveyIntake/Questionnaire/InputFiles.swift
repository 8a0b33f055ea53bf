import Foundation
import SurveyModel
import SurveyXML

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
        for (position, path) in paths.enumerated() {
            // Paths are remembered only for the arguments after them: the last argument's
            // files (one folder walk yields each path once) need no entry in `seen`.
            let isLast = position == paths.count - 1
            func add(_ file: String) {
                if isLast {
                    if !seen.contains(file) { files.append(file) }
                } else if seen.insert(file).inserted {
                    files.append(file)
                }
            }
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw MissingPath(path: path) }
            guard isDirectory.boolValue else {
                add(path)
                continue
            }
            var found: [String] = []
            walk(path, into: &found, problems: &problems)
            found.sort(by: precedesInUTF8)
            if files.isEmpty, seen.isEmpty, isLast {
                files = found
            } else {
                found.forEach(add)
            }
        }
        return (files, problems)
    }

    /// Byte order of the UTF-8 (what `a.utf8.lexicographicallyPrecedes(b.utf8)` says, with memcmp).
    static func precedesInUTF8(_ left: String, _ right: String) -> Bool {
        let order = left.utf8.withContiguousStorageIfAvailable { a in
            right.utf8.withContiguousStorageIfAvailable { b -> Bool in
                let common = min(a.count, b.count)
                if common > 0 {
                    let result = memcmp(a.baseAddress!, b.baseAddress!, common)
                    if result != 0 { return result < 0 }
                }
                return a.count < b.count
            }
        }
        return (order ?? nil) ?? left.utf8.lexicographicallyPrecedes(right.utf8)
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
