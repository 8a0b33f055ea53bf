import SurveyModel
import SurveyXML

extension TermIndex {
    /// A part of one answer word: `token` counts the answer's words after skipped words are gone.
    struct Span: Hashable {
        let token: Int
        let lower: Int
        let upper: Int

        func contains(_ other: Span) -> Bool {
            token == other.token && lower <= other.lower && other.upper <= upper
        }

        func overlaps(_ other: Span) -> Bool {
            token == other.token && lower < other.upper && other.lower < upper
        }
    }

    /// A vocabulary word found in an answer.
    struct WordHit: Hashable {
        let word: Int
        let span: Span
        /// Found as the first part of a compound (data in datakompetencer): the compound's
        /// head (kompetencer) decides what it is about, so a modifier counts less.
        let isModifier: Bool
    }

    /// A whole term found in an answer.
    struct TermMatch {
        let term: Int
        let weight: Double
        let spans: [Span]

        var length: Int { spans.reduce(0) { $0 + $1.upper - $1.lower } }

        func covers(_ other: TermMatch) -> Bool {
            other.spans.allSatisfy { inner in spans.contains { $0.contains(inner) } }
        }
    }

    /// What a term found as a compound's modifier counts, relative to its weight.
    static let modifierFactor = 0.75

    /// Each entry's score in `text`: the sum over its terms found of what each counts (see
    /// `termScores(in:allowTypos:)`).
    func scores(in text: String, allowTypos: Bool) -> [Int: Double] {
        entryScores(termScores(in: text, allowTypos: allowTypos))
    }

    /// Term scores summed per entry, in term order: the same answer gets the same scores in every run.
    func entryScores(_ termScores: [Int: Double]) -> [Int: Double] {
        var scores: [Int: Double] = [:]
        for (term, weight) in termScores.sorted(by: { $0.key < $1.key }) { scores[terms[term].entry, default: 0] += weight }
        return scores
    }

    /// What each term found in `text` counts (by index into `terms`): its weight, less as a
    /// compound's modifier (common terms at full weight: see `weighted(_:commonAloneInFull:)`).
    ///
    /// A match inside a longer match is dropped first, whatever its entry: in "data protection
    /// law" the term "data protection" (legal) hides "data" (data); in "mangel på data
    /// scientists", "data scientist" does. An `acronym` word counts only where the answer
    /// writes it as one ("MDR", "IT-system"; not "6 mdr.").
    ///
    /// The work is near-linear in the length of `text`: a token longer than `longestWord` is no word
    /// (it is counted, so that term distances stay right, but not looked into), and matches are
    /// only compared with the matches on the same tokens. Answers come from outside: a label of
    /// one 20,000-letter word, or a description repeating "adgang til data" for 600 KB, took
    /// hours and minutes before (see FuzzRegressionTests).
    func termScores(in text: String, allowTypos: Bool) -> [Int: Double] {
        cache.scores(of: text, allowTypos: allowTypos) { computeTermScores(in: text, allowTypos: allowTypos) }
    }

    private func computeTermScores(in text: String, allowTypos: Bool) -> [Int: Double] {
        let tokens = TextFolding.words(text).filter { !skippedWords.contains($0) }
        var hits: [WordHit] = []
        var acronymHits = false
        let longest = max(Self.longestWord, longestForm)
        for (position, token) in tokens.enumerated() where token.utf8.count <= longest {
            let found = cache.hits(of: token, allowTypos: allowTypos) { tokenHits(in: token, allowTypos: allowTypos) }
            for hit in found {
                if isAcronym[hit.word] { acronymHits = true }
                let span = Span(token: position, lower: hit.lower, upper: hit.upper)
                hits.append(WordHit(word: hit.word, span: span, isModifier: hit.isModifier))
            }
        }
        // Rare ("IT", "mdr"): only then is the text read again for how its words are written.
        if acronymHits {
            let marked = TextFolding.tokens(text)
            let standsApart = zip(marked.words, marked.standsApart).filter { !skippedWords.contains($0.0) }.map(\.1)
            hits.removeAll { isAcronym[$0.word] && !standsApart[$0.span.token] }
        }
        guard !hits.isEmpty else { return [:] }
        let matches = termMatches(Set(hits))
        // A match can only be covered by a match on its first token. Tables indexed by token
        // (tokens are 0..<tokens.count), not dictionaries: a long answer has a match on most of
        // its tokens, and hashing and freeing a dictionary of arrays was most of the work (the
        // same indices, in the same order, as a `[Int: [Int]]` gave).
        var matchesByToken = [[Int]](repeating: [], count: tokens.count)
        for (index, match) in matches.enumerated() {
            for (offset, span) in match.spans.enumerated()
            where !match.spans[..<offset].contains(where: { $0.token == span.token }) {
                matchesByToken[span.token].append(index)
            }
        }
        let survivors = matches.filter { match in
            !matchesByToken[match.spans[0].token].contains { other in
                matches[other].length > match.length && matches[other].covers(match)
            }
        }
        // Two terms of one entry on the same words ("licens" and "license" in "licenserne")
        // are one piece of evidence: the heavier counts.
        // Compared only with the matches kept on the same first token, without hashing spans.
        var kept: [TermMatch] = []
        var keptByToken = [[Int]](repeating: [], count: tokens.count)
        kept.reserveCapacity(survivors.count)
        for match in survivors {
            let entry = terms[match.term].entry, token = match.spans[0].token
            if let same = keptByToken[token].first(where: { terms[kept[$0].term].entry == entry && kept[$0].spans == match.spans }) {
                if (match.weight, -match.term) > (kept[same].weight, -kept[same].term) { kept[same] = match }
            } else {
                keptByToken[token].append(kept.count)
                kept.append(match)
            }
        }
        var best: [Int: Double] = [:]
        for match in kept { best[match.term] = max(best[match.term] ?? 0, match.weight) }
        return best
    }

    /// `termScores` with the common terms ("modellen", "systemet") brought down to
    /// `commonWeight` of their weight: always when `commonAloneInFull` is false (a description
    /// must say more than that it has a model and users), else only when a term of other words
    /// was found too (the label "Data" is data; "Rettigheder til modellen" is about rights).
    /// Nil when nothing is weighed down.
    func weighted(_ termScores: [Int: Double], commonAloneInFull: Bool) -> [Int: Double]? {
        guard commonWeight != 1, termScores.keys.contains(where: { terms[$0].isCommon }) else { return nil }
        if commonAloneInFull, !termScores.keys.contains(where: { !terms[$0].isCommon }) { return nil }
        var weighted = termScores
        for (term, weight) in termScores where terms[term].isCommon { weighted[term] = weight * commonWeight }
        return weighted
    }

    /// The vocabulary words in one answer word: whole, as a compound's head or modifier, or
    /// with one typo.
    private func tokenHits(in token: String, allowTypos: Bool) -> [MatchCache.TokenHit] {
        let bytes = Array(token.utf8)
        let count = bytes.count
        var hits: [MatchCache.TokenHit] = []
        func add(_ ids: [Int]?, _ lower: Int, _ upper: Int, modifier: Bool, compoundsOnly: Bool) {
            for id in ids ?? [] where !compoundsOnly || words[id].allowsCompounds {
                hits.append(MatchCache.TokenHit(word: id, lower: lower, upper: upper, isModifier: modifier))
            }
        }
        add(forms[token], 0, count, modifier: false, compoundsOnly: false)
        // The head of a compound: the word ends with a form of a vocabulary word (leverandørstyring).
        // Only the last `longestForm` letters can be one.
        if count >= 6 {
            for start in stride(from: max(2, count - longestForm), through: count - 4, by: 1) {
                add(forms[String(decoding: bytes[start...], as: UTF8.self)], start, count, modifier: false, compoundsOnly: true)
            }
        }
        // A modifier: a base followed by at least three more letters (dataadgang, ledelsesopbakning).
        if count >= 7 {
            for start in 0...(count - 7) where start == 0 || start >= 2 {
                guard let code = Self.prefixCode(bytes, at: start), basePrefixes.contains(code) else { continue }
                for length in baseLengths {
                    let end = start + length
                    guard end + 3 <= count else { break }
                    add(bases[String(decoding: bytes[start..<end], as: UTF8.self)], start, end, modifier: true, compoundsOnly: true)
                }
            }
        }
        // A typo is looked for unless the word is already known whole: a part found
        // (ledelse in ledelsesopbaking) does not mean the rest is right.
        let knownWhole = hits.contains { $0.lower == 0 && $0.upper == count }
        if allowTypos, !knownWhole, count >= TypoTolerance.minimumLengthForSwaps {
            collectTypoHits(bytes, into: &hits)
        }
        return hits
    }

    /// Hits for a word with one typo, as a whole word or, in a long word, as one part of it.
    private func collectTypoHits(_ bytes: [UInt8], into hits: inout [MatchCache.TokenHit]) {
        let count = bytes.count
        // A part is within one letter of a stem, plus an ending: longer parts cannot be a typo.
        let longestPart = longestTypoStem + 1 + WordForms.longestEnding
        var candidates: [(lower: Int, upper: Int, modifier: Bool)] = count <= longestPart ? [(0, count, false)] : []
        if count >= 9 {
            for end in stride(from: 5, through: min(count - 3, longestPart), by: 1) { candidates.append((0, end, true)) }
            for start in stride(from: max(3, count - longestPart), through: count - 5, by: 1) {
                candidates.append((start, count, false))
            }
        }
        var found: [MatchCache.TokenHit] = []
        for candidate in candidates {
            let text = String(decoding: bytes[candidate.lower..<candidate.upper], as: UTF8.self)
            let whole = candidate.lower == 0 && candidate.upper == count
            for ending in WordForms.endingsLongestFirst
            where text.hasSuffix(ending) && text.utf8.count - ending.utf8.count >= TypoTolerance.minimumLengthForSwaps {
                let typed = String(text.dropLast(ending.count))
                for key in TypoTolerance.deletionNeighbourhood(typed) {
                    for target in typoTargets[key] ?? []
                    where whole || (words[target.word].allowsCompounds && target.stem.utf8.count >= TypoTolerance.minimumLengthInCompounds) {
                        guard TypoTolerance.isTypo(typed, of: target.stem) else { continue }
                        let hit = MatchCache.TokenHit(word: target.word, lower: candidate.lower, upper: candidate.upper,
                                                      isModifier: candidate.modifier)
                        if !found.contains(hit) { found.append(hit) }
                    }
                }
            }
        }
        hits.append(contentsOf: found)
    }

    /// Every occurrence of every term whose words were all hit. The words of a term may come
    /// in any order, at most two other words apart.
    private func termMatches(_ hits: Set<WordHit>) -> [TermMatch] {
        var hitsByWord: [Int: [WordHit]] = [:]
        for hit in hits { hitsByWord[hit.word, default: []].append(hit) }
        for word in hitsByWord.keys {
            hitsByWord[word]?.sort { ($0.span.token, $0.span.lower, $0.span.upper) < ($1.span.token, $1.span.lower, $1.span.upper) }
        }
        let candidates = Set(hitsByWord.keys.flatMap { termsByWord[$0] }).sorted()
        var matches: [TermMatch] = []
        for termIndex in candidates {
            let term = terms[termIndex]
            guard term.words.allSatisfy({ hitsByWord[$0] != nil }) else { continue }
            if term.words.count == 1 {
                for hit in hitsByWord[term.words[0]] ?? [] {
                    let weight = term.weight * (hit.isModifier ? Self.modifierFactor : 1)
                    matches.append(TermMatch(term: termIndex, weight: weight, spans: [hit.span]))
                }
                continue
            }
            var seen: Set<[Span]> = []
            for anchor in hitsByWord[term.words[0]] ?? [] {
                guard let spans = spans(of: term, around: anchor, hitsByWord), seen.insert(spans).inserted else { continue }
                matches.append(TermMatch(term: termIndex, weight: term.weight, spans: spans))
            }
        }
        return matches
    }

    /// For a term of several words: the hit of each word nearest the anchor, or nil.
    private func spans(of term: Term, around anchor: WordHit, _ hitsByWord: [Int: [WordHit]]) -> [Span]? {
        var chosen = [anchor.span]
        // A hit further from the anchor than this fails the distance check below: look only at
        // the hits within reach (each word's hits are sorted by token).
        let reach = term.words.count + 1
        for word in term.words.dropFirst() {
            let sorted = hitsByWord[word] ?? []
            var low = 0, high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle].span.token < anchor.span.token - reach { low = middle + 1 } else { high = middle }
            }
            let nearest = sorted[low...].prefix { $0.span.token <= anchor.span.token + reach }
                .filter { hit in !chosen.contains { $0.overlaps(hit.span) } }
                .min { abs($0.span.token - anchor.span.token) < abs($1.span.token - anchor.span.token) }
            guard let nearest else { return nil }
            chosen.append(nearest.span)
        }
        let tokens = chosen.map(\.token)
        guard let first = tokens.min(), let last = tokens.max(), last - first <= term.words.count + 1 else { return nil }
        return chosen.sorted { ($0.token, $0.lower) < ($1.token, $1.lower) }
    }
}
