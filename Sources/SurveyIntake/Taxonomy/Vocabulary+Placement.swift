import SurveyModel
import SurveyXML

/// Choosing entries from scores: the shared core of the classifier and the normalisers.
extension Vocabulary {
    /// Entry scores of `text` (by index into `entries`); empty for nil or blank text.
    func scores(in text: String?, allowTypos: Bool) -> [Int: Double] {
        guard let text, !text.isEmpty else { return [:] }
        return index.scores(in: text, allowTypos: allowTypos)
    }

    /// The best of the scored entries that pass `filter`, by score, then priority, then the
    /// order of the file; nil when none reaches `threshold`.
    func best(of scores: [Int: Double], threshold: Double, where filter: (VocabularyEntry) -> Bool = { _ in true })
        -> (entry: Int, score: Double)? {
        let ranked = scores
            .filter { $0.value >= threshold && filter(entries[$0.key]) }
            .sorted { lhs, rhs in
                if lhs.value != rhs.value { return lhs.value > rhs.value }
                let lhsPriority = entries[lhs.key].priority, rhsPriority = entries[rhs.key].priority
                if lhsPriority != rhsPriority { return lhsPriority > rhsPriority }
                return lhs.key < rhs.key
            }
        return ranked.first.map { ($0.key, $0.value) }
    }

    /// Scores summed per category: a category scores for its own terms and its subcategories'.
    func categoryScores(_ scores: [Int: Double]) -> [Int: Double] {
        var totals: [Int: Double] = [:]
        for (entry, score) in scores.sorted(by: { $0.key < $1.key }) { totals[categoryOfEntry[entry], default: 0] += score }
        return totals
    }

    /// The code `text` stands for in a flat vocabulary (phases, domains …): a code itself passes
    /// through ("pilot", "climate-energy"); other text is placed by its terms; nil when blank or
    /// when nothing matches.
    func normalise(_ text: String?) -> String? {
        guard let text else { return nil }
        let folded = TextFolding.fold(text)
        guard !folded.isEmpty else { return nil }
        if let entry = entryByFoldedCode[folded] { return entries[entry].code }
        let scores = categoryScores(scores(in: text, allowTypos: true))
        return best(of: scores, threshold: Self.textThreshold).map { entries[$0.entry].code }
    }

    /// The score a short text needs to be placed: one keyword is enough.
    static let textThreshold = 0.5
}
