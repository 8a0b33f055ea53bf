/// Size and modification time of a file, to skip unchanged inputs without reading them.
public struct FileStamp: Sendable, Hashable {
    public var size: Int64
    /// Nanoseconds since the epoch.
    public var modified: Int64

    public init(size: Int64, modified: Int64) {
        self.size = size
        self.modified = modified
    }
}
