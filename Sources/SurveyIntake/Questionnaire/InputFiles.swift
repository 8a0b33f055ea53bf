import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SurveyModel
import SurveyXML

/// The files a command works on: each file named, and every `*.xml` below each folder named
/// (recursively, hidden entries skipped), sorted so that output is the same on every run.
///
/// Folders are read byte by byte (`opendir`/`readdir`), so a name that is not UTF-8 is found
/// and named with `\xHH` escapes (see `PathName`), never skipped. Symbolic links are followed,
/// but every file and folder is taken once, by device and inode: a file reached by several
/// names is listed under the first in this order — names without symbolic links before names
/// through them, then in byte order — and a link back to a folder it is in (`ln -s . a`,
/// `ln -s .. up`) is reported as a warning and skipped instead of being walked for ever.
public enum InputFiles {
    /// A path the user named that does not exist: a usage error (exit status 2).
    public struct MissingPath: Error, LocalizedError {
        public var path: String
        public var errorDescription: String? { description(danish: false) }

        /// `PATH: no such file or folder`, or in Danish.
        public func description(danish: Bool) -> String {
            danish ? "\(path): filen eller mappen findes ikke" : "\(path): no such file or folder"
        }
    }

    /// Device and inode: what makes two names the same file.
    struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64

        init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }

    /// Expands `paths` into files, in order: each argument's files sorted, arguments in the
    /// order given, each file once. Folders that cannot be listed are returned as errors,
    /// symbolic-link loops as warnings (in Danish when `danish`).
    public static func collect(_ paths: [String], danish: Bool = false) throws(MissingPath) -> (files: [String], problems: [Finding]) {
        let gathered = try gather(paths, danish: danish)
        return (Array(gathered.files), gathered.problems)
    }

    /// What `gather` finds: the files, the problems, and the folders named that hold no `*.xml`.
    public struct Gathered: Sendable {
        /// Held compactly (see `PathList`): an ingest of 100,000 files keeps the list to the end.
        public var files: PathList
        public var problems: [Finding]
        /// Folder arguments (as given) below which no `*.xml` file was found: for `ingest` and
        /// `validate` a usage error (exit status 2), since an empty run looks like success.
        public var emptyFolders: [String]
    }

    /// `collect`, also naming each folder argument that holds no `*.xml` file (a folder named
    /// twice, by any name, counts once).
    public static func gather(_ paths: [String], danish: Bool = false) throws(MissingPath) -> Gathered {
        var walk = Walk(danish: danish)
        var emptyFolders: [String] = []
        for path in paths {
            let bytes = PathName.fileSystemBytes(path)
            var status = stat()
            guard withCString(bytes, { stat($0, &status) }) == 0 else { throw MissingPath(path: path) }
            guard status.st_mode & S_IFMT == S_IFDIR else {
                if walk.seenFiles.insert(FileID(status)).inserted { walk.files.append(path) }
                continue
            }
            guard walk.visitedFolders.insert(FileID(status)).inserted else { continue }
            let start = walk.files.count
            walk.folder(Walk.Folder(display: path, bytes: bytes, chain: [(FileID(status), path)]))
            walk.followLinks()
            walk.files.sort(from: start)
            if walk.files.count == start { emptyFolders.append(path) }
        }
        walk.files.shrinkToFit()
        return Gathered(files: walk.files, problems: walk.problems, emptyFolders: emptyFolders)
    }

    /// One `collect`: what has been found and seen so far.
    private struct Walk {
        let danish: Bool
        var files = PathList()
        var problems: [Finding] = []
        var seenFiles: Set<FileID> = []
        var visitedFolders: Set<FileID> = []
        /// Symbolic links met, followed once every real folder of the argument is walked.
        var links: [Folder] = []

        init(danish: Bool) {
            self.danish = danish
        }

        /// A folder (or a link) to walk: its name as shown, its bytes, and the folders it is in
        /// (its own included, for a folder), to tell a loop.
        struct Folder {
            var display: String
            var bytes: [UInt8]
            var chain: [(id: FileID, display: String)]
        }

        mutating func folder(_ folder: Folder) {
            guard let directory = withCString(folder.bytes, { opendir($0) }) else {
                let reason = String(cString: strerror(errno))
                problems.append(Finding(severity: .error, file: folder.display, line: 0, column: 0,
                                        message: danish ? "mappen kan ikke læses: \(reason)" : "cannot list the folder: \(reason)",
                                        reason: .unreadable))
                return
            }
            defer { closedir(directory) }
            let descriptor = dirfd(directory)
            var entries: [(name: [UInt8], type: UInt8)] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in Array(raw[..<(raw.firstIndex(of: 0) ?? raw.count)]) }
                guard let first = name.first, first != UInt8(ascii: ".") else { continue }
                entries.append((name, entry.pointee.d_type))
            }
            entries.sort { left, right in
                left.name.withUnsafeBufferPointer { a in
                    right.name.withUnsafeBufferPointer { b in
                        let order = memcmp(a.baseAddress!, b.baseAddress!, min(a.count, b.count))
                        return order != 0 ? order < 0 : a.count < b.count
                    }
                }
            }
            let separator: [UInt8] = folder.bytes.last == UInt8(ascii: "/") ? [] : [UInt8(ascii: "/")]
            let displaySeparator = folder.display.hasSuffix("/") ? "" : "/"
            // The folder's path is kept once for all its files, when the first is found.
            var listed: Int?
            for (name, knownType) in entries {
                var type = knownType
                var status = stat()
                if type == UInt8(DT_UNKNOWN) {
                    guard withCString(name, { fstatat(descriptor, $0, &status, AT_SYMLINK_NOFOLLOW) }) == 0 else { continue }
                    type = Self.directoryType(of: status)
                }
                let shownName = PathName.string(fromBytes: name)
                var display: String { folder.display + displaySeparator + shownName }
                var bytes: [UInt8] { folder.bytes + separator + name }
                switch type {
                case UInt8(DT_LNK):
                    links.append(Folder(display: display, bytes: bytes, chain: folder.chain))
                case UInt8(DT_DIR):
                    guard withCString(name, { fstatat(descriptor, $0, &status, 0) }) == 0 else { continue }
                    let id = FileID(status)
                    if let ancestor = folder.chain.first(where: { $0.id == id }) {
                        // Reached through a link above (`ln -s .. up` finds the folder it is in).
                        problems.append(loop(display, leadsTo: ancestor.display))
                        continue
                    }
                    guard visitedFolders.insert(id).inserted else { continue }
                    self.folder(Folder(display: display, bytes: bytes, chain: folder.chain + [(id, display)]))
                default:
                    guard Self.isXMLName(name), withCString(name, { fstatat(descriptor, $0, &status, 0) }) == 0 else { continue }
                    guard seenFiles.insert(FileID(status)).inserted else { continue }
                    if listed == nil { listed = files.addFolder(folder.display + displaySeparator) }
                    files.append(shownName, in: listed!)
                }
            }
        }

        /// Follows the links met, in the order met (and those met on the way).
        mutating func followLinks() {
            var next = 0
            while next < links.count {
                let link = links[next]
                next += 1
                var status = stat()
                guard withCString(link.bytes, { stat($0, &status) }) == 0 else {
                    // A link to a link to itself; a dangling link is skipped as before.
                    if errno == ELOOP { problems.append(loop(link.display, leadsTo: nil)) }
                    continue
                }
                let id = FileID(status)
                if status.st_mode & S_IFMT == S_IFDIR {
                    if let ancestor = link.chain.first(where: { $0.id == id }) {
                        problems.append(loop(link.display, leadsTo: ancestor.display))
                    } else if visitedFolders.insert(id).inserted {
                        folder(Folder(display: link.display, bytes: link.bytes, chain: link.chain + [(id, link.display)]))
                    }
                } else if Self.isXMLName(link.bytes.split(separator: UInt8(ascii: "/")).last.map(Array.init) ?? []),
                          seenFiles.insert(id).inserted {
                    files.append(link.display)
                }
            }
            links.removeAll()
        }

        private func loop(_ path: String, leadsTo ancestor: String?) -> Finding {
            let message: String
            switch (ancestor, danish) {
            case let (ancestor?, false):
                message = "leads back to \(ancestor), a folder it is in (a symbolic-link loop): skipped"
            case let (ancestor?, true):
                message = "fører tilbage til \(ancestor), en mappe, det selv ligger i (en løkke af symbolske links): springes over"
            case (nil, false):
                message = "a symbolic link that leads back to itself (a loop): skipped"
            case (nil, true):
                message = "et symbolsk link, der fører tilbage til sig selv (en løkke): springes over"
            }
            return Finding(severity: .warning, file: path, line: 0, column: 0, message: message)
        }

        private static func directoryType(of status: stat) -> UInt8 {
            switch status.st_mode & S_IFMT {
            case S_IFLNK: return UInt8(DT_LNK)
            case S_IFDIR: return UInt8(DT_DIR)
            default: return UInt8(DT_REG)
            }
        }

        /// Ends in `.xml`, in any case.
        static func isXMLName(_ name: [UInt8]) -> Bool {
            guard name.count >= 4 else { return false }
            let tail = name[(name.count - 4)...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
            return tail == Array(".xml".utf8)
        }
    }

    private static func withCString<Result>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        var terminated = bytes
        terminated.append(0)
        return terminated.withUnsafeBytes { body($0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
    }
}
