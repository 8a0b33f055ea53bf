import Foundation
import SurveyModel

/// One ingest per dataset folder at a time: an exclusive `flock` on `DIR/.ingest.lock`, held
/// for the life of this object and released by the kernel if the process dies.
public final class IngestLock {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock; when another ingest holds it, either waits (calling `waiting` once
    /// first) or throws `IngestLock.Busy`.
    public init(directory: URL, wait: Bool, waiting: () -> Void = {}) throws {
        path = directory.appendingPathComponent(".ingest.lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Busy(path: path, reason: String(cString: strerror(errno))) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            // No close here: `deinit` closes the descriptor, also when this init throws (a class's
            // deinit runs once its properties are set). Closing it here too closed it twice, and
            // the second close took whatever another thread had opened under that number.
            guard errno == EWOULDBLOCK, wait else {
                throw Busy(path: path, reason: "another survey-intake ingest is writing to this dataset", anotherIngest: true)
            }
            waiting()
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    throw Busy(path: path, reason: String(cString: strerror(errno)))
                }
            }
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    public struct Busy: Error, LocalizedError {
        public var path: String
        /// In English: the system's words when the lock file could not be used.
        public var reason: String
        /// True when another ingest holds the lock (not a system error).
        public var anotherIngest = false
        public var errorDescription: String? { "\(path): \(reason)" }

        /// In English, or in Danish (a system error keeps the system's words after a Danish lead-in).
        public func description(danish: Bool) -> String {
            guard danish else { return "\(path): \(reason)" }
            return anotherIngest ? "\(path): en anden survey-intake ingest skriver til dette datasæt"
                : "\(path): låsen kan ikke bruges: \(reason)"
        }
    }
}
