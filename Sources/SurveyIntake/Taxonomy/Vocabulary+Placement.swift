import SurveyModel
import SurveyXML

/// Choosing entries from scores: the shared core of the classifier and the normalisers.
extension Vocabulary {
    /// Entry scores of `text` (by index into `entries`); empty for nil or blank text.
    func scores(in text: String?, allowTypos: Bool) -> [Int: Double] {
        guard let text, !text.isEmpty else { return [:] }
        return index.scores(in: text, allowTypos: allowTypos)
    }

    /// What each term found in `text` counts (by index into the index's terms); empty for nil
    /// or blank text. A short text (a label, a measure) is read with typos forgiven and its
    /// common words in full when nothing else was found; a description without typos and
    /// with common words always weighed down.
    ///
    /// Weighed down, the common terms of one category count once: "modellen", "træning af
    /// model" and "træningsdata" in one description say together no more than that it is an
    /// AI project, so only the heaviest stays.
    func termScores(in text: String?, short: Bool) -> [Int: Double] {
        guard let text, !text.isEmpty else { return [:] }
        let index = self.index
        let found = index.termScores(in: text, allowTypos: short)
        guard var weighted = index.weighted(found, commonAloneInFull: short) else { return found }
        var heaviestCommon: [Int: (term: Int, weight: Double)] = [:]
        for (term, weight) in weighted.sorted(by: { $0.key < $1.key }) where index.terms[term].isCommon {
            let category = categoryOfEntry[index.terms[term].entry]
            if let kept = heaviestCommon[category], kept.weight >= weight {
                weighted[term] = nil
            } else {
                if let kept = heaviestCommon[category] { weighted[kept.term] = nil }
                heaviestCommon[category] = (term, weight)
            }
        }
        return weighted
    }

    /// The best of the scored entries that pass `filter`, by score, then priority, then the
    /// order of the file; nil when none reaches `threshold`.
    func best(of scores: [Int: Double], threshold: Double, where filter: (VocabularyEntry) -> Bool = { _ in true })
        -> (entry: Int, score: Double)? {
        ranked(scores, where: filter).first { $0.score >= threshold }
    }

    /// The scored entries that pass `filter`, best first: by score, then priority, then the
    /// order of the file.
    func ranked(_ scores: [Int: Double], where filter: (VocabularyEntry) -> Bool = { _ in true }) -> [(entry: Int, score: Double)] {
        scores
            .filter { filter(entries[$0.key]) }
            .sorted { lhs, rhs in
                if lhs.value != rhs.value { return lhs.value > rhs.value }
                let lhsPriority = entries[lhs.key].priority, rhsPriority = entries[rhs.key].priority
                if lhsPriority != rhsPriority { return lhsPriority > rhsPriority }
                return lhs.key < rhs.key
            }
            .map { ($0.key, $0.value) }
    }

    /// The entry a text is placed in, or nil: the best must reach `threshold` and lead the
    /// second by `margin`, so that evidence split between two entries places nothing. When
    /// `namedTie` is set, two entries that are both named outright (a synonym each, score 1 or
    /// more, as in the label "Data og jura") go by score, then priority.
    func decide(_ ranked: [(entry: Int, score: Double)], threshold: Double, margin: Double, namedTie: Bool) -> Int? {
        guard let first = ranked.first, first.score >= threshold else { return nil }
        guard ranked.count > 1 else { return first.entry }
        let second = ranked[1].score
        if first.score - second >= margin - 1e-9 { return first.entry }
        if namedTie, second >= 1 { return first.entry }
        return nil
    }

    /// The terms that counted for `entry` and its subentries, most weight first: what decided
    /// a placement in it.
    func evidence(_ termScores: [Int: Double], for entry: Int) -> [PlacementEvidence] {
        let index = self.index
        return termScores
            .filter { term, _ in
                let owner = index.terms[term].entry
                return owner == entry || categoryOfEntry[owner] == entry
            }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { term, weight in
                let found = index.terms[term]
                return PlacementEvidence(term: entries[found.entry].terms[found.termInEntry].text,
                                         code: entries[found.entry].code, weight: weight)
            }
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

/// One term of a vocabulary that counted towards a placement: what an analyst reads to see
/// why a text landed where it did.
///
///     PlacementEvidence(term: "hjemmel", code: "legal.basis", weight: 1).summary
///     // "\"hjemmel\" → legal.basis"
public struct PlacementEvidence: Sendable, Hashable, Codable {
    /// The term as the vocabulary file writes it ("hjemmel", "adgang til data").
    public var term: String
    /// The code of the entry the term belongs to ("legal.basis").
    public var code: String
    /// What the term counted in this text.
    public var weight: Double

    public init(term: String, code: String, weight: Double) {
        self.term = term
        self.code = code
        self.weight = weight
    }

    /// `"hjemmel" → legal.basis`.
    public var summary: String { "\"\(term)\" → \(code)" }

    /// The summaries of `evidence` joined by "; ", or nil when there is none.
    public static func summary(of evidence: [PlacementEvidence]) -> String? {
        evidence.isEmpty ? nil : evidence.map(\.summary).joined(separator: "; ")
    }
}
