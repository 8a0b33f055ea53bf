import Foundation
import SurveyModel

/// A label an analyst placed by hand: the text as written, where it belongs, and how many
/// corrections said so.
public struct CorrectedLabel: Sendable, Hashable {
    public var label: String
    public var category: String
    public var subcategory: String?
    public var corrections: Int

    /// The code placed: the subcategory when there is one, else the category.
    public var code: String { subcategory ?? category }

    public init(label: String, category: String, subcategory: String?, corrections: Int = 1) {
        self.label = label
        self.category = category
        self.subcategory = subcategory
        self.corrections = corrections
    }
}

/// The synonyms that would have placed the analysts' corrected labels by themselves (`taxonomy
/// suggest`): each corrected label the classifier misplaces becomes a `<synonym>` of the entry
/// it was corrected to, unless the classifier already places it right, its corrections
/// disagree, another entry already has it as a term, or it has no words that could carry it.
/// Every suggested term is tried: the vocabulary with the terms added is loaded (validated as
/// any vocabulary file) and each label classified again; a term that still does not place its
/// label is left out too.
public struct SynonymSuggestion: Sendable {
    /// One synonym to add.
    public struct Term: Sendable, Hashable {
        /// The entry: a category or a subcategory code.
        public var code: String
        /// As the leads wrote it (whitespace collapsed).
        public var text: String
        public var corrections: Int
    }

    /// Why a corrected label gives no synonym.
    public enum LeftOut: Sendable, Hashable {
        /// The classifier places it as corrected already (a correction made before a
        /// vocabulary edit, or of a challenge placed from its description).
        case alreadyPlaced(label: String, code: String)
        /// Corrections put labels of the same folded text in different entries.
        case disagreeing(label: String, codes: [String])
        /// Another entry has the text as a term: adding it here would make the two collide.
        case claimed(label: String, code: String, by: String)
        /// Corrected to `other`: no synonym can unplace a label.
        case toOther(label: String)
        /// Only function words or generic words ("Andet", "Øvrige udfordringer"): a term of them places nothing.
        case noWords(label: String)
        /// With the synonym added, the label is placed elsewhere still (`placed`).
        case stillMisplaced(label: String, code: String, placed: String)
        /// Not a line a vocabulary file can hold: over 400 characters, or with control characters.
        case unfit(label: String)
    }

    /// Every corrected label whose corrections agree, one per folded text, in folded order.
    public var labels: [CorrectedLabel] = []

    public var terms: [Term]
    public var leftOut: [LeftOut]
    /// `challenges.xml` with the terms added, each under its entry's description.
    public var vocabularyText: String

    /// Suggests synonyms for `corrected` against the challenge taxonomy of `vocabularies`.
    ///
    /// - Throws: `VocabularyError` when the vocabulary file cannot be read, or the amended copy
    ///   does not load (which a term that is a valid line of text never causes).
    public init(corrected: [CorrectedLabel], vocabularies: Vocabularies) throws {
        let taxonomy = vocabularies.challenges
        let classifier = TaxonomyClassifier(vocabularies: vocabularies)
        let file = vocabularies.directory.appendingPathComponent("challenges.xml")
        guard let original = try? String(contentsOf: file, encoding: .utf8) else {
            throw VocabularyError.invalid(file: file.relativePath, line: 0, column: 0, message: "cannot be read")
        }
        var claimedBy: [String: String] = [:]
        for entry in taxonomy.entries {
            for term in entry.terms { claimedBy[TextFolding.fold(term.text)] = claimedBy[TextFolding.fold(term.text)] ?? entry.code }
        }
        var leftOut: [LeftOut] = []
        var candidates: [Term] = []
        var labels: [String: CorrectedLabel] = [:]
        var agreeing: [CorrectedLabel] = []
        for (key, group) in Dictionary(grouping: corrected, by: { TextFolding.fold($0.label) }).sorted(by: { $0.key < $1.key }) {
            let text = group[0].label.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let codes = Set(group.map(\.code)).sorted()
            guard codes.count == 1, let first = group.first else {
                leftOut.append(.disagreeing(label: text, codes: codes))
                continue
            }
            let label = CorrectedLabel(label: text, category: first.category, subcategory: first.subcategory,
                                       corrections: group.reduce(0) { $0 + $1.corrections })
            agreeing.append(label)
            if text.count > 400 || text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                leftOut.append(.unfit(label: text))
            } else if label.category == TaxonomyClassifier.fallbackCode {
                leftOut.append(.toOther(label: text))
            } else if Self.places(classifier, label) {
                leftOut.append(.alreadyPlaced(label: text, code: label.code))
            } else if let owner = claimedBy[key], owner != label.code {
                leftOut.append(.claimed(label: text, code: label.code, by: owner))
            } else if !Self.hasWords(key, taxonomy: taxonomy, functionWords: vocabularies.functionWords) {
                leftOut.append(.noWords(label: text))
            } else {
                candidates.append(Term(code: label.code, text: text, corrections: label.corrections))
                labels[text] = label
            }
        }
        // Try the terms; drop those that do not place their label, and try again without them.
        var text = original
        while true {
            text = Self.adding(candidates, to: original)
            guard !candidates.isEmpty else { break }
            let amended = try Self.load(text, beside: vocabularies.directory)
            let amendedClassifier = TaxonomyClassifier(vocabularies: amended)
            let failing = candidates.filter { labels[$0.text].map { !Self.places(amendedClassifier, $0) } ?? true }
            guard !failing.isEmpty else { break }
            for term in failing {
                let placed = amendedClassifier.classify(label: term.text, description: nil).code
                leftOut.append(.stillMisplaced(label: term.text, code: term.code, placed: placed))
            }
            candidates.removeAll { failing.contains($0) }
        }
        terms = candidates
        self.leftOut = leftOut
        self.labels = agreeing
        vocabularyText = text
    }

    /// Whether the classifier places `label`, alone, as it was corrected.
    static func places(_ classifier: TaxonomyClassifier, _ label: CorrectedLabel) -> Bool {
        let placed = classifier.classify(label: label.label, description: nil)
        return placed.category == label.category && (label.subcategory == nil || placed.subcategory == label.subcategory)
    }

    /// Whether the folded text has a word that is neither a function word nor a generic one.
    static func hasWords(_ folded: String, taxonomy: Vocabulary, functionWords: Set<String>) -> Bool {
        let generic = Set(taxonomy.genericWords.map(TextFolding.fold))
        return folded.split(separator: " ").contains { !functionWords.contains(String($0)) && !generic.contains(String($0)) }
    }

    /// `text` (a challenges.xml) with each term as a `<synonym>` after its entry's description.
    static func adding(_ terms: [Term], to text: String) -> String {
        var text = text
        for term in terms {
            guard let start = text.range(of: "<entry code=\"\(term.code)\""),
                  let description = text.range(of: "</description>", range: start.upperBound..<text.endIndex) else { continue }
            let lineStart = text[..<description.lowerBound].lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
            let indent = String(text[lineStart...].prefix { $0 == " " })
            text.insert(contentsOf: "\n\(indent)\(element(term))", at: description.upperBound)
        }
        return text
    }

    /// The term in the vocabulary file's form: `<synonym>text</synonym>`, the text escaped.
    public static func element(_ term: Term) -> String {
        var escaped = ""
        for character in term.text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return "<synonym>\(escaped)</synonym>"
    }

    /// The vocabularies with `challenges` as `text`: the other files copied from `directory`
    /// into a temporary registry, loaded and validated as `--schemas` would load them.
    static func load(_ text: String, beside directory: URL) throws -> Vocabularies {
        let registry = FileManager.default.temporaryDirectory.appendingPathComponent("survey-intake-suggest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: registry) }
        let folder = registry.appendingPathComponent(Vocabularies.folderName)
        try FileManager.default.createDirectory(at: registry, withIntermediateDirectories: true)
        // The folder's real path, and the copy's challenges.xml removed before it is written: a
        // link in the registry (to the folder or the file) is never written through.
        try FileManager.default.copyItem(at: directory.resolvingSymlinksInPath(), to: folder)
        let challenges = folder.appendingPathComponent("challenges.xml")
        try FileManager.default.removeItem(at: challenges)
        try Data(text.utf8).write(to: challenges)
        return try Vocabularies.load(from: registry)
    }
}
