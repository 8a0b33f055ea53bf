import Foundation
import SurveyModel
import SurveyXML

/// Runs independent work on several threads and hands the results back in input order.
///
/// Work is done in chunks so that memory stays flat however many items there are: each chunk
/// is processed on `jobs` threads and its results are delivered, in order, on the calling
/// thread, while the next chunk is already being processed (so delivering — storing, printing —
/// overlaps the work instead of leaving the cores idle); at most two chunks are in memory.
/// With `jobs == 1` everything runs on the calling thread, one chunk after the other.
public enum ParallelWork {
    public static func forEach<Item: Sendable, Result: Sendable>(
        _ items: [Item],
        jobs: Int,
        chunkSize: Int = 256,
        work: @Sendable (Item) -> Result,
        deliver: (Int, Result) throws -> Void
    ) rethrows {
        try forEachChunk(items, jobs: jobs, chunkSize: chunkSize, work: work) { range, results in
            for (offset, result) in results.enumerated() {
                try deliver(range.lowerBound + offset, result)
            }
        }
    }

    /// Like `forEach`, but hands over each chunk's results at once (for one transaction per chunk).
    public static func forEachChunk<Item: Sendable, Result: Sendable>(
        _ items: [Item],
        jobs: Int,
        chunkSize: Int = 256,
        work: @Sendable (Item) -> Result,
        deliver: (Range<Int>, [Result]) throws -> Void
    ) rethrows {
        let jobs = max(1, jobs)
        let size = max(1, chunkSize)
        let chunks = stride(from: 0, to: items.count, by: size).map { $0..<min(items.count, $0 + size) }
        guard jobs > 1, chunks.count > 1 else {
            for chunk in chunks {
                try deliver(chunk, map(Array(items[chunk]), jobs: jobs, work: work))
            }
            return
        }
        // `work` runs on another thread while `deliver` runs here; every chunk started is waited
        // for before this function returns (or throws), so `work` never outlives the call.
        try withoutActuallyEscaping(work) { work in
            var current = map(Array(items[chunks[0]]), jobs: jobs, work: work)
            for position in chunks.indices {
                let next = position + 1 < chunks.count ? chunks[position + 1] : nil
                let pending = next.map { range in PendingChunk { map(Array(items[range]), jobs: jobs, work: work) } }
                defer { _ = pending?.wait() }
                try deliver(chunks[position], current)
                if let pending { current = pending.wait() }
            }
        }
    }

    /// `items.map(work)`, computed on up to `jobs` threads.
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], jobs: Int, work: @Sendable (Item) -> Result
    ) -> [Result] {
        guard jobs > 1, items.count > 1 else { return items.map(work) }
        let slots = ResultSlots<Result>(count: items.count)
        let next = NextIndex()
        DispatchQueue.concurrentPerform(iterations: min(jobs, items.count)) { _ in
            while let index = next.take(below: items.count) {
                slots.store(work(items[index]), at: index)
            }
        }
        return slots.collect()
    }
}

/// One slot per item, each written by exactly one worker (the one that took its index), read
/// only after `concurrentPerform` has returned: no two threads touch the same slot. A raw
/// buffer, not an array property, so that writes to different slots are not one exclusive
/// access to a shared array.
private final class ResultSlots<Result>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Result?>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func store(_ result: Result, at index: Int) {
        precondition(index >= 0 && index < count)
        base[index] = result
    }

    func collect() -> [Result] {
        (0..<count).map { base[$0]! }
    }
}

/// One chunk being processed on a background thread; `wait()` returns its results. Used by one
/// thread (the delivering one) after creation; the semaphore orders the background write of
/// `results` before any read.
///
/// The dispatched block holds this object, never `compute` itself. `compute` captures the
/// caller's `work`, which `forEachChunk` lends out with `withoutActuallyEscaping`, and that traps
/// ("closure argument was escaped") if anything still holds `work` when it ends. libdispatch
/// releases a block only after it has run, that is after it signalled: a block that captured
/// `compute` could still hold `work` when the caller's `wait()` had returned — a trap in up to
/// 1 call in 4 with tiny chunks (first seen under ThreadSanitizer). `run()` lets go of
/// `compute` before the signal.
private final class PendingChunk<Result: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Set here, taken and dropped by the background thread before it signals.
    private var compute: (@Sendable () -> [Result])?
    private var results: [Result] = []
    private var finished = false

    init(_ compute: @escaping @Sendable () -> [Result]) {
        self.compute = compute
        DispatchQueue.global().async { [self] in
            run()
            done.signal()
        }
    }

    /// Computes the results; `compute` is released when this returns.
    private func run() {
        guard let compute else { return }
        self.compute = nil
        results = compute()
    }

    /// Blocks until the chunk is done; may be called again.
    func wait() -> [Result] {
        if !finished {
            done.wait()
            finished = true
        }
        return results
    }
}

/// Hands out indices 0, 1, 2 … to workers, under a lock.
private final class NextIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        defer { value += 1 }
        return value
    }
}
