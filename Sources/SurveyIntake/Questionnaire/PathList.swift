/// The paths `InputFiles` finds, held compactly: each folder's path once, each file as its folder
/// and its own name, the names' UTF-8 back to back in one buffer. A path is made when it is read
/// (`list[i]`). 100,000 files of a folder take about 3 MB this way, against 17 MB as an array of
/// strings, so what an ingest holds per file named stays small.
///
///     var list = PathList()
///     let folder = list.addFolder("samples/2022/")
///     list.append("SP-2020-004.xml", in: folder)
///     list[0]   // "samples/2022/SP-2020-004.xml"
public struct PathList: RandomAccessCollection, Sendable, Equatable {
    /// Each folder's path as shown, its separator included ("samples/2022/"); "" for paths
    /// appended whole.
    private var folders: [[UInt8]] = [[]]
    /// The UTF-8 of every file's own name, back to back.
    private var names: [UInt8] = []
    private var entries: [Entry] = []

    private struct Entry: Sendable, Equatable {
        var folder: Int32
        var start: Int32
        var count: Int32
    }

    public init() {}

    /// A list of whole paths, in the order given.
    public init(_ paths: some Sequence<String>) {
        for path in paths { append(path) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }

    public subscript(position: Int) -> String {
        let entry = entries[position]
        var bytes = folders[Int(entry.folder)]
        bytes += names[Int(entry.start)..<Int(entry.start + entry.count)]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Adds a folder whose files are appended by `append(_:in:)`; `path` ends with its separator.
    public mutating func addFolder(_ path: String) -> Int {
        folders.append(Array(path.utf8))
        return folders.count - 1
    }

    /// Appends the file `name` of `folder` (from `addFolder`).
    public mutating func append(_ name: String, in folder: Int) {
        precondition(folders.indices.contains(folder), "not a folder of this list")
        let start = names.count
        names += name.utf8
        entries.append(Entry(folder: Int32(folder), start: Int32(start), count: Int32(names.count - start)))
    }

    /// Appends a whole path.
    public mutating func append(_ path: String) {
        append(path, in: 0)
    }

    /// Sorts the paths from `start` on by the bytes of their UTF-8 (what
    /// `a.utf8.lexicographicallyPrecedes(b.utf8)` says), without making them.
    public mutating func sort(from start: Int) {
        let folders = folders
        let names = names
        entries[start...].sort { left, right in
            Self.precedes(left, right, folders: folders, names: names)
        }
    }

    private static func precedes(_ left: Entry, _ right: Entry, folders: [[UInt8]], names: [UInt8]) -> Bool {
        folders[Int(left.folder)].withUnsafeBufferPointer { leftFolder in
            folders[Int(right.folder)].withUnsafeBufferPointer { rightFolder in
                names.withUnsafeBufferPointer { all in
                    let leftName = UnsafeBufferPointer(rebasing: all[Int(left.start)..<Int(left.start + left.count)])
                    let rightName = UnsafeBufferPointer(rebasing: all[Int(right.start)..<Int(right.start + right.count)])
                    if left.folder == right.folder { return leftName.lexicographicallyPrecedes(rightName) }
                    return Chained(leftFolder, leftName).lexicographicallyPrecedes(Chained(rightFolder, rightName))
                }
            }
        }
    }

    /// Two byte buffers read as one.
    private struct Chained: Sequence, IteratorProtocol {
        var first: UnsafeBufferPointer<UInt8>.Iterator
        var second: UnsafeBufferPointer<UInt8>.Iterator

        init(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>) {
            self.first = first.makeIterator()
            self.second = second.makeIterator()
        }

        mutating func next() -> UInt8? {
            first.next() ?? second.next()
        }
    }

    public static func == (left: PathList, right: PathList) -> Bool {
        left.elementsEqual(right)
    }
}
