/// File paths held compactly: each folder's path once, each file as its folder and its own name,
/// the names' UTF-8 back to back in one buffer. A path is made when it is read (`list[i]`).
/// 100,000 files of a folder take about 3 MB this way, against 17 MB as an array of strings, so
/// what an ingest holds per file — the files named, the summary's lists of what it did — stays
/// small. Equal, hashed and encoded (a JSON array of strings) as the paths it holds.
///
///     var list = PathList()
///     list.append("samples/2022/SP-2020-004.xml")      // folder "samples/2022/" kept once
///     let folder = list.addFolder("samples/2021/")
///     list.append("SP-2020-001.xml", in: folder)
///     list[1]                                           // "samples/2021/SP-2020-001.xml"
public struct PathList: RandomAccessCollection, Sendable, Hashable, Codable, ExpressibleByArrayLiteral {
    /// Each folder's path as shown, its separator included ("samples/2022/"); the first is "".
    private var folders: [[UInt8]] = [[]]
    /// Where each folder is in `folders`, for `append(_:)`.
    private var folderIndex: [[UInt8]: Int] = [[]: 0]
    /// The UTF-8 of every file's own name, back to back.
    private var names: [UInt8] = []
    private var entries: [Entry] = []

    private struct Entry: Sendable, Hashable {
        var folder: Int32
        var start: Int32
        var count: Int32
    }

    public init() {}

    /// A list of the paths, in the order given.
    public init(_ paths: some Sequence<String>) {
        for path in paths { append(path) }
    }

    public init(arrayLiteral paths: String...) {
        self.init(paths)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }

    public subscript(position: Int) -> String {
        let entry = entries[position]
        var bytes = folders[Int(entry.folder)]
        bytes += names[Int(entry.start)..<Int(entry.start + entry.count)]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The folder `path` (ending with its separator), added unless it is there; its files are
    /// appended by `append(_:in:)`.
    public mutating func addFolder(_ path: String) -> Int {
        folder(Array(path.utf8))
    }

    private mutating func folder(_ bytes: [UInt8]) -> Int {
        if let known = folderIndex[bytes] { return known }
        folders.append(bytes)
        folderIndex[bytes] = folders.count - 1
        return folders.count - 1
    }

    /// Appends the file `name` of `folder` (from `addFolder`).
    public mutating func append(_ name: String, in folder: Int) {
        precondition(folders.indices.contains(folder), "not a folder of this list")
        appendName(name.utf8, in: folder)
    }

    /// Appends a whole path: its folder (up to the last `/`) is kept once for every path in it.
    public mutating func append(_ path: String) {
        let bytes = Array(path.utf8)
        let cut = (bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        appendName(bytes[cut...], in: folder(Array(bytes[..<cut])))
    }

    private mutating func appendName(_ name: some Collection<UInt8>, in folder: Int) {
        let start = names.count
        names += name
        entries.append(Entry(folder: Int32(folder), start: Int32(start), count: Int32(names.count - start)))
    }

    /// The bytes of the files' own names, together (what `reserveCapacity` needs for a copy; the
    /// names of paths dropped by `removeSubrange` stay counted: their bytes are not given back).
    public var nameBytes: Int { names.count }

    /// Makes room for `paths` more paths whose own names take `nameBytes` bytes together.
    public mutating func reserveCapacity(paths: Int, nameBytes: Int) {
        entries.reserveCapacity(entries.count + paths)
        names.reserveCapacity(names.count + nameBytes)
    }

    /// Gives back what the buffers hold beyond what they use (a list grows by doubling).
    public mutating func shrinkToFit() {
        names = names.withUnsafeBufferPointer { Array($0) }
        entries = entries.withUnsafeBufferPointer { Array($0) }
    }

    public static func += (list: inout PathList, paths: some Sequence<String>) {
        for path in paths { list.append(path) }
    }

    /// Removes the paths from `bounds.lowerBound` on.
    public mutating func removeSubrange(_ bounds: PartialRangeFrom<Int>) {
        entries.removeSubrange(bounds)
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

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for path in self { hasher.combine(path) }
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Array(self))
    }
}
