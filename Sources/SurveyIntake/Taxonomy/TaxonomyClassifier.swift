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

/// Places a challenge in the taxonomy of `challenges.xml` from what the lead wrote.
///
/// The label decides when it names a category; a generic label ("Andet", "Øvrigt", empty) or
/// one the vocabulary does not know hands over to the description, which must say more (one
/// synonym or two keywords) before it places anything; otherwise the answer is `other`,
/// `unmapped`, never a guess. When several categories match, the higher score wins and equal
/// scores go to the category with the higher `priority` in the vocabulary (legal before data).
///
///     let classifier = TaxonomyClassifier(vocabularies: try .shipped())
///     classifier.classify(label: "Manglende hjemmel", description: nil)
///     // legal, legal.basis, .label
///     classifier.classify(label: "Andet", description: "Leverandøren leverede for sent")
///     // vendor-management, .description
///     classifier.classify(label: "Corona", description: nil)
///     // other, .unmapped
public struct TaxonomyClassifier: Sendable {
    /// Where what fits nowhere goes.
    public static let fallbackCode = "other"
    /// A label is placed by one keyword or more.
    static let labelThreshold = 0.5
    /// A description needs a synonym, or two keywords.
    static let descriptionThreshold = 1.0

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
        let labelScores = taxonomy.scores(in: label, allowTypos: true)
        if let category = bestCategory(labelScores, threshold: Self.labelThreshold) {
            let subcategory = bestSubcategory(of: category, labelScores)
                ?? bestSubcategory(of: category, taxonomy.scores(in: description, allowTypos: false))
            return Classification(category: taxonomy.entries[category].code, subcategory: subcategory, method: .label)
        }
        let descriptionScores = taxonomy.scores(in: description, allowTypos: false)
        if let category = bestCategory(descriptionScores, threshold: Self.descriptionThreshold) {
            return Classification(category: taxonomy.entries[category].code,
                                  subcategory: bestSubcategory(of: category, descriptionScores), method: .description)
        }
        return Classification(category: Self.fallbackCode, method: .unmapped)
    }

    /// Places a challenge that format 2 coded: the category is `code`; the label and
    /// description only choose the subcategory. A code the taxonomy does not have, or
    /// `other`, is placed from the label and description as if uncoded.
    public func classify(code: String, label: String?, description: String?) -> Classification {
        let folded = TextFolding.fold(code)
        guard let category = taxonomy.entryByFoldedCode[folded], taxonomy.entries[category].parent == nil,
              taxonomy.entries[category].code != Self.fallbackCode else {
            return classify(label: label, description: description)
        }
        let subcategory = bestSubcategory(of: category, taxonomy.scores(in: label, allowTypos: true))
            ?? bestSubcategory(of: category, taxonomy.scores(in: description, allowTypos: false))
        return Classification(category: taxonomy.entries[category].code, subcategory: subcategory, method: .coded)
    }

    private func bestCategory(_ scores: [Int: Double], threshold: Double) -> Int? {
        taxonomy.best(of: taxonomy.categoryScores(scores), threshold: threshold)?.entry
    }

    private func bestSubcategory(of category: Int, _ scores: [Int: Double]) -> String? {
        let categoryCode = taxonomy.entries[category].code
        return taxonomy.best(of: scores, threshold: Self.labelThreshold) { $0.parent == categoryCode }
            .map { taxonomy.entries[$0.entry].code }
    }
}
