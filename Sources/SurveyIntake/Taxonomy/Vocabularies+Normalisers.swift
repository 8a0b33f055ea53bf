import SurveyModel
import SurveyXML

/// The normalisers of single answers: each turns what a lead wrote into a canonical code of
/// docs/questionnaires.md, or nil when the answer is blank or cannot be placed (the data
/// dictionary then flags it). A canonical code always passes through unchanged, so format 2's
/// coded answers go through the same call.
extension Vocabularies {
    /// The lifecycle phase: "Idéfase" → preparation, "Udviklingsfase" → development,
    /// "Pilotdrift" → pilot, "Udrulning" → implementation, "I drift" → operation,
    /// "Lukket" → completed, "Stoppet" → stopped.
    public func normalisePhase(_ text: String?) -> String? {
        phases.normalise(text)
    }

    /// The policy domain: "Sundhed og ældre" → health, "Klima og energi" → climate-energy,
    /// "Beskæftigelse" → employment, "Børn og unge" → social.
    public func normaliseDomain(_ text: String?) -> String? {
        domains.normalise(text)
    }

    /// The authority type: "kommune", "Odense Kommune", "municipality" → municipality;
    /// "region", "Region Syddanmark" → region.
    public func normaliseAuthorityType(_ text: String?) -> String? {
        authorityTypes.normalise(text)
    }

    /// The severity: format 1's "1"–"2" → low, "3" → medium, "4"–"5" → high; format 2's
    /// low, medium, high pass through. "7" → nil.
    public func normaliseSeverity(_ text: String?) -> String? {
        severity.normalise(text)
    }

    /// Whether a challenge was resolved: ja/yes → yes, nej/no → no, delvist/partly → partly.
    public func normaliseResolved(_ text: String?) -> String? {
        resolved.normalise(text)
    }

    /// The mitigation code of a general measure written as free text (format 1's Tiltag).
    ///
    ///     classifyMitigation("Vi tog dataadgang med i planlægningen fra start")
    ///     // (code: "early-data-access", source: "text")
    ///     classifyMitigation("Kaffe til alle")     // (code: "other", source: "unmapped")
    ///
    /// - Returns: the code and how it was found: `text` when the terms placed it, `unmapped`
    ///   (with code `other`) when they did not: the `code_source` column of mitigations.csv.
    public func classifyMitigation(_ text: String?) -> (code: String, source: String) {
        let placed = placeMitigation(text)
        return (placed.code, placed.source)
    }

    /// `classifyMitigation(_:)` with the terms that decided it. Like a challenge label, the
    /// best code needs a keyword and must lead the second by half a keyword; two codes named
    /// outright go by priority.
    public func placeMitigation(_ text: String?) -> MitigationPlacement {
        let terms = mitigations.termScores(in: text, short: true)
        let ranked = mitigations.ranked(mitigations.categoryScores(mitigations.index.entryScores(terms)))
        guard let entry = mitigations.decide(ranked, threshold: Vocabulary.textThreshold, margin: TaxonomyClassifier.labelMargin,
                                             namedTie: true),
              mitigations.entries[entry].code != TaxonomyClassifier.fallbackCode else {
            return MitigationPlacement(code: TaxonomyClassifier.fallbackCode, source: "unmapped", evidence: [])
        }
        return MitigationPlacement(code: mitigations.entries[entry].code, source: "text",
                                   evidence: mitigations.evidence(terms, for: entry))
    }
}

/// Where a general measure was placed in the mitigation codes, and why.
public struct MitigationPlacement: Sendable, Hashable {
    /// A mitigation code; `other` when none fits.
    public var code: String
    /// `text` or `unmapped`.
    public var source: String
    /// The terms that decided it, most weight first.
    public var evidence: [PlacementEvidence]

    public init(code: String, source: String, evidence: [PlacementEvidence]) {
        self.code = code
        self.source = source
        self.evidence = evidence
    }

    /// `"dataadgang" → early-data-access`, or nil when unmapped.
    public var evidenceSummary: String? { PlacementEvidence.summary(of: evidence) }
}
