import Foundation
import SurveyModel
import SurveyXML

/// Results of matching remembered across answers: what each answer word hits, and the scores
/// of each short answer text. An intake sees the same words thousands of times (Danish
/// descriptions share most of their words, and phases, domains and labels repeat whole), and
/// matching a word that is no vocabulary word costs a typo search every time.
///
/// Matching is a pure function of the text, so a remembered result is the result. Shared by
/// the workers of one run behind a lock; each table is emptied when it reaches its capacity,
/// so memory stays bounded however many distinct words a batch holds (a few MB at most).
final class MatchCache: Sendable {
    /// A vocabulary word found in one answer word, without the word's position in the answer.
    struct TokenHit: Hashable, Sendable {
        let word: Int
        let lower: Int
        let upper: Int
        let isModifier: Bool
    }

    struct Key: Hashable, Sendable {
        let text: String
        let allowTypos: Bool
    }

    /// Texts longer than this (in UTF-8 bytes) are not remembered whole: labels and coded
    /// answers repeat, sentences rarely do, and their words are remembered anyway.
    static let longestText = 64

    private let tokens: LockedTable<Key, [TokenHit]>
    private let texts: LockedTable<Key, [Int: Double]>

    init(tokenCapacity: Int = 50_000, textCapacity: Int = 4_096) {
        tokens = LockedTable(capacity: tokenCapacity)
        texts = LockedTable(capacity: textCapacity)
    }

    /// The hits of `token`, computed by `compute` the first time.
    func hits(of token: String, allowTypos: Bool, compute: () -> [TokenHit]) -> [TokenHit] {
        Self.lookUp(Key(text: token, allowTypos: allowTypos), in: tokens, compute: compute)
    }

    /// The entry scores of `text`, computed by `compute` the first time when the text is short.
    func scores(of text: String, allowTypos: Bool, compute: () -> [Int: Double]) -> [Int: Double] {
        guard text.utf8.count <= Self.longestText else { return compute() }
        return Self.lookUp(Key(text: text, allowTypos: allowTypos), in: texts, compute: compute)
    }

    /// How many results each table holds now (for tests).
    var counts: (tokens: Int, texts: Int) {
        (tokens.count, texts.count)
    }

    private static func lookUp<Value: Sendable>(_ key: Key, in table: LockedTable<Key, Value>, compute: () -> Value) -> Value {
        if let known = table.value(for: key) { return known }
        // Computed outside the lock: two workers may compute the same key once each.
        let value = compute()
        table.insert(value, for: key)
        return value
    }
}

/// A dictionary behind a lock, emptied when it reaches `capacity` entries.
///
/// An `NSLock` (a pthread mutex), not `Synchronization.Mutex`: on Linux the latter hands a
/// contended lock over inside the kernel (a priority-inheritance futex), which ThreadSanitizer
/// cannot see, so it reports the accesses the mutex orders as races — on correct code, in 3 of
/// 10 runs of a 20-line program (see RELIABILITY.md, "Sanitizers"). ThreadSanitizer intercepts
/// pthread mutexes, so with this lock a report would mean a real race.
private final class LockedTable<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    /// Read and written only with `lock` held.
    private var entries: [Key: Value] = [:]
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    func value(for key: Key) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    func insert(_ value: Value, for key: Key) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = value
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }
}
