import Foundation
import SurveyModel
import SurveyXML

/// One vocabulary file, loaded and indexed: `challenges.xml`, `phases.xml` …
///
/// Entries come in document order, each category followed by its subcategories.
///
///     let phases = vocabularies.phases
///     phases.entry(code: "pilot")?.danishLabel   // "Afprøvning"
public final class Vocabulary: Sendable {
    /// The vocabulary's name, which is also its file name without `.xml`: "challenges".
    public let name: String
    /// The file it was read from.
    public let file: String
    /// What the vocabulary is about, in one line.
    public let description: String
    public let entries: [VocabularyEntry]
    /// Whole words that say nothing about any entry ("andet", "udfordringer"); they are skipped
    /// in answers.
    public let genericWords: Set<String>
    /// Words every project in the field uses, whatever its challenge ("model", "system",
    /// "løsning"), folded: a term made only of them counts `commonWeight` of its weight when
    /// the text has a term of other words too (`<common>` in the file).
    public let commonWords: Set<String>
    /// What a term of common words counts, relative to its weight, beside other terms.
    public let commonWeight: Double
    /// The terms, prepared for matching. Built on first use: building the indexes is most of
    /// loading the vocabularies, and an ingest that finds nothing new matches nothing.
    var index: TermIndex { lazyIndex.value }
    let lazyIndex: BuiltOnce<TermIndex>
    /// For each entry, the index of its category (itself for a category).
    let categoryOfEntry: [Int]
    private let entryByCode: [String: Int]
    /// Entries by their code folded like an answer ("climate energy"), so that codes pass through.
    let entryByFoldedCode: [String: Int]

    init(name: String, file: String, description: String, entries: [VocabularyEntry],
         genericWords: Set<String>, commonWords: Set<String> = [], commonWeight: Double = 1,
         index: @escaping @Sendable () -> TermIndex) {
        self.name = name
        self.file = file
        self.description = description
        self.entries = entries
        self.genericWords = genericWords
        self.commonWords = commonWords
        self.commonWeight = commonWeight
        lazyIndex = BuiltOnce(index)
        var entryByCode: [String: Int] = [:]
        for (position, entry) in entries.enumerated() where entryByCode[entry.code] == nil {
            entryByCode[entry.code] = position
        }
        self.entryByCode = entryByCode
        self.entryByFoldedCode = Dictionary(entries.enumerated().map { (TextFolding.fold($1.code), $0) }) { first, _ in first }
        self.categoryOfEntry = entries.enumerated().map { position, entry in
            entry.parent.flatMap { entryByCode[$0] } ?? position
        }
    }

    /// The entry with `code`, if any.
    public func entry(code: String) -> VocabularyEntry? {
        entryIndex(code: code).map { entries[$0] }
    }

    /// The position of the entry with `code` in `entries`.
    func entryIndex(code: String) -> Int? {
        entryByCode[code]
    }

    /// The top-level entries, in document order.
    public var categories: [VocabularyEntry] {
        entries.filter { $0.parent == nil }
    }

    /// The subentries of the category `code`, in document order.
    /// The codes of the top-level entries, in the file's order.
    public var codes: [String] { categories.map(\.code) }

    public func subentries(of code: String) -> [VocabularyEntry] {
        entries.filter { $0.parent == code }
    }
}

/// A code of a vocabulary with its labels and the terms that identify it.
public struct VocabularyEntry: Sendable, Hashable {
    /// "data" or, for a subcategory, "data.access".
    public var code: String
    /// The category's code, for a subcategory.
    public var parent: String?
    public var danishLabel: String
    public var englishLabel: String
    /// One line saying what belongs here.
    public var description: String
    /// Breaks ties: of two categories (or two subcategories) with the same score, the higher wins.
    public var priority: Int
    public var terms: [VocabularyTerm]
    /// Where the entry's start tag is in its file.
    public var position: SourcePosition

    public init(code: String, parent: String? = nil, danishLabel: String, englishLabel: String,
                description: String, priority: Int = 0, terms: [VocabularyTerm] = [],
                position: SourcePosition = SourcePosition(line: 0, column: 0)) {
        self.code = code
        self.parent = parent
        self.danishLabel = danishLabel
        self.englishLabel = englishLabel
        self.description = description
        self.priority = priority
        self.terms = terms
        self.position = position
    }
}

/// A word or phrase that identifies an entry.
public struct VocabularyTerm: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A name a lead may give the entry; weight 1 by default.
        case synonym
        /// A phrase that points to the entry in free text; weight 0.5 by default.
        case keyword
    }

    /// How each word of the term meets the words of an answer (see `vocabulary.xsd`).
    public enum Match: String, Sendable, Hashable {
        /// The word, its inflections, and the word inside a compound.
        case part
        /// The word and its inflections only.
        case word
        /// The folded word exactly, and its apostrophe plurals (GPU'er, API'et).
        case exact
        /// An abbreviation that is also an ordinary word or the short form of one ("MDR" and
        /// "mdr.", "IT" and English "it"): the word as for `exact`, but only where it stands
        /// apart as an abbreviation: written in capitals, or joined by a hyphen ("it-system").
        case acronym
    }

    /// As written in the file.
    public var text: String
    public var kind: Kind
    public var match: Match
    public var weight: Double
    /// "da", "en", or both; empty when not given.
    public var languages: [String]
    public var position: SourcePosition

    public init(text: String, kind: Kind = .synonym, match: Match = .part, weight: Double? = nil,
                languages: [String] = [], position: SourcePosition = SourcePosition(line: 0, column: 0)) {
        self.text = text
        self.kind = kind
        self.match = match
        self.weight = weight ?? (kind == .synonym ? 1 : 0.5)
        self.languages = languages
        self.position = position
    }
}

/// A value built by the first caller that asks for it, once, whichever thread that is.
final class BuiltOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    /// Read and written only with `lock` held.
    private var built: Value?
    private var build: (@Sendable () -> Value)?

    init(_ build: @escaping @Sendable () -> Value) {
        self.build = build
    }

    /// Whether the value has been built (for tests).
    var isBuilt: Bool {
        lock.lock()
        defer { lock.unlock() }
        return built != nil
    }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let value = build!()
        built = value
        build = nil
        return value
    }
}
