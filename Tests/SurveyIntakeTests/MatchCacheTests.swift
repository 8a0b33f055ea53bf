import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("Taxonomy: results remembered across answers")
struct MatchCacheTests {
    @Test("a word's hits are computed once, then read back")
    func computedOnce() {
        let cache = MatchCache(tokenCapacity: 10, textCapacity: 10)
        var computed = 0
        let hit = MatchCache.TokenHit(word: 3, lower: 0, upper: 4, isModifier: false)
        for _ in 0..<3 {
            let hits = cache.hits(of: "data", allowTypos: true) {
                computed += 1
                return [hit]
            }
            #expect(hits == [hit])
        }
        #expect(computed == 1)
        // Typo tolerance is part of the key: the same word without it is computed afresh.
        _ = cache.hits(of: "data", allowTypos: false) {
            computed += 1
            return []
        }
        #expect(computed == 2)
    }

    @Test("a table is emptied when full, so memory stays bounded")
    func bounded() {
        let cache = MatchCache(tokenCapacity: 3, textCapacity: 3)
        for word in ["a", "b", "c", "d", "e"] {
            _ = cache.hits(of: word, allowTypos: true) { [] }
            #expect(cache.counts.tokens <= 3)
        }
        #expect(cache.counts.tokens == 2)  // emptied at "d", then "d" and "e"
    }

    @Test("a long text is not remembered whole")
    func longText() {
        let cache = MatchCache(tokenCapacity: 10, textCapacity: 10)
        let long = String(repeating: "adgang til data ", count: 5)
        var computed = 0
        for _ in 0..<2 { _ = cache.scores(of: long, allowTypos: true) { computed += 1; return [:] } }
        #expect(computed == 2)
        #expect(cache.counts.texts == 0)
    }

    @Test("results do not depend on what was remembered before")
    func sameResults() throws {
        // Two separately loaded vocabularies (two caches), fed the labels in opposite orders:
        // each label meets a different cache state in each, and a third pass reads back.
        let classifier = try TaxonomyTestSupport.classifier()
        let other = TaxonomyClassifier(vocabularies: try Vocabularies.load(from: TaxonomyTestSupport.registryDirectory))
        let lines = try TaxonomyTestSupport.fixture("classification-eval.tsv").split(separator: "\n")
        let labels = lines.compactMap { $0.split(separator: "\t").first.map(String.init) }.filter { !$0.hasPrefix("#") }
        try #require(labels.count > 300)
        let description = "Vi mangler adgang til data, og hjemlen er uafklaret"
        let first = labels.map { classifier.classify(label: $0, description: description) }
        let reversed = labels.reversed().map { other.classify(label: $0, description: description) }.reversed()
        let again = labels.map { classifier.classify(label: $0, description: description) }
        #expect(first.map(\.code) == reversed.map(\.code))
        #expect(first.map(\.method) == reversed.map(\.method))
        #expect(first.map(\.code) == again.map(\.code))
        #expect(Set(first.map(\.code)).count > 20)
    }
}

@Suite("Taxonomy: indexes built on first use")
struct LazyIndexTests {
    @Test("loading the vocabularies builds no index; the first classification builds the ones it needs")
    func builtOnFirstUse() throws {
        let vocabularies = try Vocabularies.load(from: TaxonomyTestSupport.registryDirectory)
        #expect(!vocabularies.challenges.lazyIndex.isBuilt)
        #expect(!vocabularies.phases.lazyIndex.isBuilt)
        let placed = TaxonomyClassifier(vocabularies: vocabularies).classify(label: "Manglende hjemmel", description: nil)
        #expect(placed.code == "legal.basis")
        #expect(vocabularies.challenges.lazyIndex.isBuilt)
        #expect(!vocabularies.phases.lazyIndex.isBuilt)
    }

    @Test("many threads asking at once get one value, built once")
    func builtOnce() {
        let builds = Counter()
        let once = BuiltOnce<[Int]> {
            builds.increment()
            return Array(0..<1_000)
        }
        let sums = Counter()
        DispatchQueue.concurrentPerform(iterations: 64) { _ in
            sums.add(once.value.reduce(0, +))
        }
        #expect(builds.value == 1)
        #expect(sums.value == 64 * 499_500)
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        func increment() { add(1) }

        func add(_ amount: Int) {
            lock.lock()
            count += amount
            lock.unlock()
        }

        var value: Int {
            lock.lock()
            defer { lock.unlock() }
            return count
        }
    }
}
