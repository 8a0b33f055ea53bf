import Foundation

/// Runs independent work on several threads and hands the results back in input order.
///
/// Work is done in chunks so that memory stays flat however many items there are: each chunk
/// is processed on `jobs` threads, then its results are delivered, in order, on the calling
/// thread. With `jobs == 1` everything runs on the calling thread.
public enum ParallelWork {
    public static func forEach<Item: Sendable, Result: Sendable>(
        _ items: [Item],
        jobs: Int,
        chunkSize: Int = 256,
        work: @Sendable (Item) -> Result,
        deliver: (Int, Result) throws -> Void
    ) rethrows {
        let jobs = max(1, jobs)
        var start = 0
        while start < items.count {
            let end = min(items.count, start + chunkSize)
            let chunk = Array(items[start..<end])
            let results = map(chunk, jobs: jobs, work: work)
            for (offset, result) in results.enumerated() {
                try deliver(start + offset, result)
            }
            start = end
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
        var start = 0
        while start < items.count {
            let end = min(items.count, start + chunkSize)
            try deliver(start..<end, map(Array(items[start..<end]), jobs: max(1, jobs), work: work))
            start = end
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
