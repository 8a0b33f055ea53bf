import Synchronization

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

    let tokenCapacity: Int
    let textCapacity: Int
    private let tokens = Mutex<[Key: [TokenHit]]>([:])
    private let texts = Mutex<[Key: [Int: Double]]>([:])

    init(tokenCapacity: Int = 50_000, textCapacity: Int = 4_096) {
        self.tokenCapacity = tokenCapacity
        self.textCapacity = textCapacity
    }

    /// The hits of `token`, computed by `compute` the first time.
    func hits(of token: String, allowTypos: Bool, compute: () -> [TokenHit]) -> [TokenHit] {
        Self.lookUp(Key(text: token, allowTypos: allowTypos), in: tokens, capacity: tokenCapacity, compute: compute)
    }

    /// The entry scores of `text`, computed by `compute` the first time when the text is short.
    func scores(of text: String, allowTypos: Bool, compute: () -> [Int: Double]) -> [Int: Double] {
        guard text.utf8.count <= Self.longestText else { return compute() }
        return Self.lookUp(Key(text: text, allowTypos: allowTypos), in: texts, capacity: textCapacity, compute: compute)
    }

    /// How many results each table holds now (for tests).
    var counts: (tokens: Int, texts: Int) {
        (tokens.withLock { $0.count }, texts.withLock { $0.count })
    }

    private static func lookUp<Value: Sendable>(_ key: Key, in table: borrowing Mutex<[Key: Value]>, capacity: Int,
                                      compute: () -> Value) -> Value {
        if let known = table.withLock({ $0[key] }) { return known }
        // Computed outside the lock: two workers may compute the same key once each.
        let value = compute()
        table.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[key] = value
        }
        return value
    }
}
