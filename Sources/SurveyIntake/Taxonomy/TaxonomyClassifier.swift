import SurveyModel
import SurveyXML

/// How a challenge was placed in the taxonomy: the `category_source` column of challenges.csv.
public enum ClassificationMethod: String, Sendable, Codable {
    /// Format 2's coded `@category`.
    case coded
    /// The lead's own label (format 1 Kategori, format 2 OtherCategory).
    case label
    /// The description, because the label was generic ("Andet"), empty or unknown.
    case description
    /// Nothing placed it: the category is `other` and the raw label is kept.
    case unmapped
}

/// Where a challenge sits in the taxonomy.
public struct Classification: Sendable, Hashable {
    /// The top-level code; "other" when unmapped.
    public var category: String
    /// The subcategory code, such as "legal.gdpr", when the text says enough.
    public var subcategory: String?
    public var method: ClassificationMethod

    public init(category: String, subcategory: String? = nil, method: ClassificationMethod) {
        self.category = category
        self.subcategory = subcategory
        self.method = method
    }

    /// The most specific code: the subcategory when there is one, else the category.
    public var code: String { subcategory ?? category }
}

/// A placement with what decided it: the classification, the terms that counted for it, and
/// the categories that scored, best first (for `taxonomy classify --explain` and `evaluate`).
public struct Placement: Sendable, Hashable {
    public var classification: Classification
    /// The terms that placed the text in its category and subcategory, most weight first;
    /// empty when unmapped or coded without a subcategory.
    public var evidence: [PlacementEvidence]
    /// The categories the deciding text scored in, best first (the label's when the label
    /// decided or nothing did, else the description's).
    public var candidates: [CategoryScore]

    public init(classification: Classification, evidence: [PlacementEvidence] = [], candidates: [CategoryScore] = []) {
        self.classification = classification
        self.evidence = evidence
        self.candidates = candidates
    }

    /// `"hjemmel" → legal.basis; "samtykke" → legal.gdpr`, or nil when nothing decided.
    public var evidenceSummary: String? { PlacementEvidence.summary(of: evidence) }
}

/// A category and what a text scored in it.
public struct CategoryScore: Sendable, Hashable, Codable {
    public var code: String
    public var score: Double

    public init(code: String, score: Double) {
        self.code = code
        self.score = score
    }
}

/// Places a challenge in the taxonomy of `challenges.xml` from what the lead wrote.
///
/// The label decides when it names a category; a generic label ("Andet", "Øvrigt", empty) or
/// one the vocabulary does not know hands over to the description, which must say more (one
/// synonym or two keywords) before it places anything. Either way the best category must lead
/// the second by a clear margin (`labelMargin`, `descriptionMargin`); evidence split between
/// two categories places nothing, and the answer is `other`, `unmapped`, never a guess. Words
/// every AI project uses ("modellen", "systemet", `<common>` in the vocabulary) count little
/// beside the words that say what the problem is. Only a label that names two categories
/// outright ("Data og jura") is settled by the categories' `priority` (legal before data).
/// The subcategory must likewise lead its siblings, or only the category is given.
///
///     let classifier = TaxonomyClassifier(vocabularies: try .shipped())
///     classifier.classify(label: "Manglende hjemmel", description: nil)
///     // legal, legal.basis, .label
///     classifier.classify(label: "Andet", description: "Leverandøren leverede for sent")
///     // vendor-management, vendor-management.delivery, .description
///     classifier.place(label: "Rettigheder til modellen", description: nil).evidenceSummary
///     // "\"rettighed\" → vendor-management.contract"
///     classifier.classify(label: "Corona", description: nil)
///     // other, .unmapped
public struct TaxonomyClassifier: Sendable {
    /// Where what fits nowhere goes.
    public static let fallbackCode = "other"
    /// A label is placed by one keyword or more.
    static let labelThreshold = 0.5
    /// A description needs a synonym, or two keywords.
    static let descriptionThreshold = 0.75
    /// How far the best category of a label must lead the second: half a keyword.
    static let labelMargin = 0.25
    /// How far the best category of a description must lead the second: a keyword.
    static let descriptionMargin = 0.5
    /// A subcategory needs a keyword, and must lead its siblings.
    static let subcategoryThreshold = 0.5
    static let subcategoryMargin = 0.25

    private let taxonomy: Vocabulary

    public init(vocabularies: Vocabularies) {
        taxonomy = vocabularies.challenges
    }

    /// Places a challenge from the lead's label and description.
    ///
    /// - Parameters:
    ///   - label: the lead's own label (format 1 Kategori / format 2 OtherCategory).
    ///   - description: the free text.
    public func classify(label: String?, description: String?) -> Classification {
        place(label: label, description: description).classification
    }

    /// `classify(label:description:)` with the evidence that decided it.
    public func place(label: String?, description: String?) -> Placement {
        let labelTerms = taxonomy.termScores(in: label, short: true)
        let labelRanked = taxonomy.ranked(taxonomy.categoryScores(taxonomy.index.entryScores(labelTerms)))
        if let category = taxonomy.decide(labelRanked, threshold: Self.labelThreshold, margin: Self.labelMargin, namedTie: true) {
            var evidence = taxonomy.evidence(labelTerms, for: category)
            var subcategory = bestSubcategory(of: category, labelTerms)
            if subcategory == nil {
                let descriptionTerms = taxonomy.termScores(in: description, short: false)
                subcategory = bestSubcategory(of: category, descriptionTerms)
                if let subcategory { evidence += taxonomy.evidence(descriptionTerms, for: subcategory) }
            }
            return placement(category, subcategory, .label, evidence, labelRanked)
        }
        let descriptionTerms = taxonomy.termScores(in: description, short: false)
        let descriptionRanked = taxonomy.ranked(taxonomy.categoryScores(taxonomy.index.entryScores(descriptionTerms)))
        if let category = taxonomy.decide(descriptionRanked, threshold: Self.descriptionThreshold,
                                          margin: Self.descriptionMargin, namedTie: false) {
            return placement(category, bestSubcategory(of: category, descriptionTerms), .description,
                             taxonomy.evidence(descriptionTerms, for: category), descriptionRanked)
        }
        return Placement(classification: Classification(category: Self.fallbackCode, method: .unmapped),
                         candidates: candidates(labelRanked.isEmpty ? descriptionRanked : labelRanked))
    }

    /// Places a challenge that format 2 coded: the category is `code`; the label and
    /// description only choose the subcategory. A code the taxonomy does not have, or
    /// `other`, is placed from the label and description as if uncoded.
    public func classify(code: String, label: String?, description: String?) -> Classification {
        place(code: code, label: label, description: description).classification
    }

    /// `classify(code:label:description:)` with the evidence for the subcategory.
    public func place(code: String, label: String?, description: String?) -> Placement {
        let folded = TextFolding.fold(code)
        guard let category = taxonomy.entryByFoldedCode[folded], taxonomy.entries[category].parent == nil,
              taxonomy.entries[category].code != Self.fallbackCode else {
            return place(label: label, description: description)
        }
        let labelTerms = taxonomy.termScores(in: label, short: true)
        var subcategory = bestSubcategory(of: category, labelTerms)
        var evidence = subcategory.map { taxonomy.evidence(labelTerms, for: $0) } ?? []
        if subcategory == nil {
            let descriptionTerms = taxonomy.termScores(in: description, short: false)
            subcategory = bestSubcategory(of: category, descriptionTerms)
            evidence = subcategory.map { taxonomy.evidence(descriptionTerms, for: $0) } ?? []
        }
        return placement(category, subcategory, .coded, evidence, [])
    }

    private func placement(_ category: Int, _ subcategory: Int?, _ method: ClassificationMethod,
                           _ evidence: [PlacementEvidence], _ ranked: [(entry: Int, score: Double)]) -> Placement {
        Placement(classification: Classification(category: taxonomy.entries[category].code,
                                                 subcategory: subcategory.map { taxonomy.entries[$0].code }, method: method),
                  evidence: evidence, candidates: candidates(ranked))
    }

    private func candidates(_ ranked: [(entry: Int, score: Double)]) -> [CategoryScore] {
        ranked.prefix(4).map { CategoryScore(code: taxonomy.entries[$0.entry].code, score: $0.score) }
    }

    /// The subcategory of `category` the terms point to, when one leads its siblings.
    private func bestSubcategory(of category: Int, _ termScores: [Int: Double]) -> Int? {
        guard !termScores.isEmpty else { return nil }
        let categoryCode = taxonomy.entries[category].code
        let ranked = taxonomy.ranked(taxonomy.index.entryScores(termScores)) { $0.parent == categoryCode }
        return taxonomy.decide(ranked, threshold: Self.subcategoryThreshold, margin: Self.subcategoryMargin, namedTie: false)
    }
}
