import Foundation
import Testing
@testable import SurveyStore

/// A lock that finds the dataset busy must close its descriptor once. It closed it in `init`
/// and again in `deinit` (which runs when a class's throwing init fails after its properties are
/// set): the second `close` could take a descriptor another thread had just opened — a SQLite
/// connection's, an export's temporary file ("disk I/O error", "Bad file descriptor" beside a
/// running ingest).
@Suite("the ingest lock: a busy dataset closes nothing twice")
struct IngestLockTests {
    @Test("refused locks while another thread opens and writes files: every write lands")
    func busyClosesOnce() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let holder = try IngestLock(directory: directory, wait: false)
        defer { withExtendedLifetime(holder) {} }
        let scratch = directory.appendingPathComponent("scratch").path
        let failures = Failures()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            for _ in 0..<20_000 {
                let fd = open(scratch, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
                guard fd >= 0 else { continue }
                var byte: UInt8 = 1
                if write(fd, &byte, 1) != 1 { failures.add() }
                close(fd)
            }
            done.signal()
        }
        var refused = 0
        for _ in 0..<20_000 {
            do {
                _ = try IngestLock(directory: directory, wait: false)
            } catch is IngestLock.Busy {
                refused += 1
            }
        }
        done.wait()
        #expect(refused == 20_000)
        #expect(failures.count == 0, "a write failed: its descriptor was closed by another thread's lock")
    }
}

private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add() { lock.lock(); value += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return value }
}
