import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SurveyModel
import SurveyXML

/// Reads a submission file whole, refusing it before reading when it is over the size limit.
public enum SourceFile {
    public enum Failure: Error, Sendable {
        case tooLarge(size: Int)
        case unreadable(String)
    }

    public static func read(_ path: String, maxBytes: Int) -> Result<[UInt8], Failure> {
        // O_NONBLOCK: opening a FIFO (say `inbox/x.xml` made by mkfifo) without it waits for a
        // writer, for ever; with it the open returns at once and the FIFO is refused below.
        // Reads of a regular file never block, so the flag changes nothing for them.
        // A name that is not UTF-8 comes as `\xHH` escapes (see `PathName`): open its real bytes.
        let descriptor = PathName.withFileSystemPath(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else { return .failure(.unreadable(errnoDescription())) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.unreadable(errnoDescription())) }
        guard status.st_mode & S_IFMT == S_IFREG else { return .failure(.unreadable("not a regular file")) }
        let size = Int(status.st_size)
        guard size <= maxBytes else { return .failure(.tooLarge(size: size)) }

        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, size - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(errnoDescription()))
            }
            if count == 0 { break }
            filled += count
        }
        // A file that grew while we read is read up to the size we checked; one that shrank is cut.
        if filled < size { bytes.removeLast(size - filled) }
        return .success(bytes)
    }

    private static func errnoDescription() -> String {
        String(cString: strerror(errno))
    }
}

extension FileStamp {
    /// The stamp of the file at `path`; nil when it cannot be stat'ed.
    public init?(path: String) {
        var status = stat()
        guard PathName.withFileSystemPath(path, { stat($0, &status) }) == 0 else { return nil }
        self.init(size: Int64(status.st_size),
                  modified: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec))
    }
}
