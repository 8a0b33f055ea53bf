import SurveyModel
import SurveyXML

/// The terms of one vocabulary, prepared once at load so that matching an answer costs a few
/// hash lookups per word: no string is folded, inflected or compiled per call.
///
/// A term is a set of words (function words removed: "adgang til data" is adgang + data). Each
/// distinct word (text and match kind) is stored once and shared by the terms that use it.
struct TermIndex: Sendable {
    struct Word: Sendable, Hashable {
        /// Folded base form.
        let text: String
        let match: VocabularyTerm.Match

        /// Whether the word may be found inside a compound (dataadgang, leverandørstyring).
        var allowsCompounds: Bool { match == .part && text.utf8.count >= 4 }
        var allowsTypos: Bool { match == .part || match == .word }
    }

    struct Term: Sendable {
        /// Index into the vocabulary's entries.
        let entry: Int
        /// Index into that entry's terms.
        let termInEntry: Int
        let words: [Int]
        let weight: Double
        /// Made only of the vocabulary's common words ("model", "system").
        let isCommon: Bool
    }

    /// A stem that an answer word may be a typo of.
    struct TypoTarget: Sendable {
        let word: Int
        let stem: String
    }

    let words: [Word]
    /// Whether each word is an `acronym` (read without copying the word).
    let isAcronym: [Bool]
    let terms: [Term]
    let termsByWord: [[Int]]
    /// Every inflected form of every word (exact words: the word itself) → words.
    let forms: [String: [Int]]
    /// Base forms of the words allowed inside compounds → words.
    let bases: [String: [Int]]
    /// The first four bytes of every key of `bases`: a cheap test before slicing a substring.
    let basePrefixes: Set<UInt32>
    /// The distinct lengths of the keys of `bases`, ascending.
    let baseLengths: [Int]
    /// Deletion neighbourhoods of typo-tolerant stems → the stems.
    let typoTargets: [String: [TypoTarget]]
    /// Answer words skipped before matching: function words and generic words.
    let skippedWords: Set<String>
    /// The longest key of `forms`, in bytes: no longer part of an answer word can be a form.
    let longestForm: Int
    /// The longest stem of `typoTargets`, in bytes.
    let longestTypoStem: Int
    /// What a common term counts beside a term of other words, relative to its weight.
    let commonWeight: Double
    /// Word hits and short-text scores already computed (shared by the copies of this index).
    let cache = MatchCache()

    /// Answer tokens longer than this (in folded bytes) are not looked into: no word of the
    /// questionnaires' languages is that long (Danish dictionary words stop near 50 letters).
    static let longestWord = 64

    /// Indexes the terms of `entries`. A term left without words once `functionWords` are
    /// removed is skipped (the loader reports it).
    init(entries: [VocabularyEntry], functionWords: Set<String>, genericWords: Set<String>,
         commonWords: Set<String> = [], commonWeight: Double = 1) {
        var words: [Word] = []
        var wordIDs: [Word: Int] = [:]
        var terms: [Term] = []
        for (entryIndex, entry) in entries.enumerated() {
            for (termInEntry, term) in entry.terms.enumerated() {
                let texts = Self.contentWords(of: term.text, functionWords: functionWords)
                guard !texts.isEmpty else { continue }
                var ids: [Int] = []
                for text in texts {
                    let word = Word(text: text, match: term.match)
                    let id = wordIDs[word] ?? words.count
                    if id == words.count {
                        words.append(word)
                        wordIDs[word] = id
                    }
                    if !ids.contains(id) { ids.append(id) }
                }
                terms.append(Term(entry: entryIndex, termInEntry: termInEntry, words: ids, weight: term.weight,
                                  isCommon: texts.allSatisfy(commonWords.contains)))
            }
        }

        var termsByWord = Array(repeating: [Int](), count: words.count)
        for (termIndex, term) in terms.enumerated() {
            for word in term.words { termsByWord[word].append(termIndex) }
        }

        var forms: [String: [Int]] = [:]
        var bases: [String: [Int]] = [:]
        var typoTargets: [String: [TypoTarget]] = [:]
        for (id, word) in words.enumerated() {
            let wordForms: Set<String> = switch word.match {
            case .exact, .acronym: WordForms.apostropheForms(of: word.text)
            case .part, .word: WordForms.forms(of: word.text)
            }
            for form in wordForms { forms[form, default: []].append(id) }
            if word.allowsCompounds { bases[word.text, default: []].append(id) }
            guard word.allowsTypos else { continue }
            for stem in WordForms.typoStems(of: word.text) where stem.utf8.count >= TypoTolerance.minimumLengthForSwaps {
                for key in TypoTolerance.deletionNeighbourhood(stem) {
                    typoTargets[key, default: []].append(TypoTarget(word: id, stem: stem))
                }
            }
        }

        self.words = words
        self.isAcronym = words.map { $0.match == .acronym }
        self.terms = terms
        self.termsByWord = termsByWord
        self.forms = forms
        self.bases = bases
        self.basePrefixes = Set(bases.keys.compactMap { Self.prefixCode(Array($0.utf8), at: 0) })
        self.baseLengths = Set(bases.keys.map(\.utf8.count)).sorted()
        self.typoTargets = typoTargets
        self.skippedWords = functionWords.union(genericWords)
        self.commonWeight = commonWeight
        longestForm = forms.keys.map(\.utf8.count).max() ?? 0
        longestTypoStem = typoTargets.values.joined().map(\.stem.utf8.count).max() ?? 0
    }

    /// The folded words of a term, function words removed.
    static func contentWords(of text: String, functionWords: Set<String>) -> [String] {
        TextFolding.words(text).filter { !functionWords.contains($0) }
    }

    /// Four bytes from `offset` as one number, or nil when fewer remain.
    static func prefixCode(_ bytes: [UInt8], at offset: Int) -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}
