import Foundation
import SurveyModel
import SurveyXML

/// Turns a validated document of one questionnaire format into a canonical `Submission`.
///
/// One mapping per format; a new format needs a new schema, a new mapping registered in
/// `SubmissionMapper`, a data dictionary and vocabulary entries — nothing else in the pipeline.
public protocol SubmissionMapping: Sendable {
    /// The format id this mapping reads (`format.json`'s `id`).
    var formatID: String { get }
    func map(_ root: XMLElementNode, source: SubmissionSource, normaliser: AnswerNormaliser) -> Submission
    /// `map`, and the evidence of every placement the taxonomy made on the way.
    func mapWithEvidence(_ root: XMLElementNode, source: SubmissionSource, normaliser: AnswerNormaliser)
        -> (submission: Submission, evidence: SubmissionEvidence)
    /// The project, round and lead a document names, read where `map` reads them, from a
    /// document that need not have passed its schema (a rejected file): nothing is required.
    func claimedIdentity(_ root: XMLElementNode) -> ClaimedIdentity
}

extension SubmissionMapping {
    /// A mapping that keeps no evidence: none for any challenge or measure.
    public func mapWithEvidence(_ root: XMLElementNode, source: SubmissionSource, normaliser: AnswerNormaliser)
        -> (submission: Submission, evidence: SubmissionEvidence) {
        let submission = map(root, source: source, normaliser: normaliser)
        return (submission, SubmissionEvidence(challenges: submission.challenges.map { _ in nil },
                                               mitigations: submission.mitigations.map { _ in nil }))
    }
}

/// What decided each placement of one submission: for every challenge and every general
/// measure, in questionnaire order (`challenges[i]` is `Submission.challenges[i]`'s), the
/// vocabulary terms that placed it with the code each belongs to, such as
/// `"hjemmel" → legal.basis; "samtykke" → legal.gdpr`; nil where nothing was placed from text
/// (unmapped, or coded without a subcategory).
///
/// Kept beside the submission rather than in it: the submission is what the lead wrote, in
/// canonical form, and its canonical JSON (CanonicalJSON) lists its fields exactly.
public struct SubmissionEvidence: Sendable, Hashable, Codable {
    public var challenges: [String?]
    public var mitigations: [String?]

    public init(challenges: [String?] = [], mitigations: [String?] = []) {
        self.challenges = challenges
        self.mitigations = mitigations
    }

    /// The evidence of the challenge at `position` (1-based, as `Submission.Challenge.position`).
    public func challenge(position: Int) -> String? {
        challenges.indices.contains(position - 1) ? challenges[position - 1] : nil
    }

    /// The evidence of the general measure at `position` (1-based, as `Submission.Mitigation.position`).
    public func mitigation(position: Int) -> String? {
        mitigations.indices.contains(position - 1) ? mitigations[position - 1] : nil
    }
}

/// What the pipeline knows about the file a document came from.
public struct SubmissionSource: Sendable, Hashable {
    /// SHA-256 of the file's bytes, hex.
    public var sha256: String
    public var formatVersion: String

    public init(sha256: String, formatVersion: String) {
        self.sha256 = sha256
        self.formatVersion = formatVersion
    }
}

/// The vocabularies and the classifier, as the mappings use them.
public struct AnswerNormaliser: Sendable {
    public let vocabularies: Vocabularies
    public let classifier: TaxonomyClassifier
    /// How many threads place the challenges of a document that has at least
    /// `parallelPlacementFrom` of them.
    public let placementJobs: Int

    /// From this many challenges in one document, they are placed on `placementJobs` threads.
    /// Real reports have 1–15; only a generated or hostile file reaches it, and there placing the
    /// descriptions is most of the cost (RELIABILITY.md, "The heaviest valid files").
    public static let parallelPlacementFrom = 512

    public init(vocabularies: Vocabularies, placementJobs: Int = 1) {
        self.vocabularies = vocabularies
        classifier = TaxonomyClassifier(vocabularies: vocabularies)
        self.placementJobs = max(1, placementJobs)
    }

    /// `place(item)` for each of `items`, in order; on `placementJobs` threads when there are at
    /// least `parallelPlacementFrom` (each placement depends on its own item only).
    func placements<Item: Sendable>(_ items: [Item], _ place: @Sendable (Item) -> Placement) -> [Placement] {
        ParallelWork.map(items, jobs: items.count >= Self.parallelPlacementFrom ? placementJobs : 1, work: place)
    }

    /// An answer normalised to a vocabulary code; `raw` kept as written.
    func code(_ element: XMLElementNode?, in parent: XMLElementNode?, _ normalise: (String?) -> String?) -> Answer {
        let raw = element?.text
        return Answer(raw: raw, value: normalise(raw), position: element?.position ?? parent?.position)
    }

    /// An attribute normalised to a code; placed at the element that carries (or would carry) it.
    func code(attribute name: String, of element: XMLElementNode?, _ normalise: (String?) -> String?) -> Answer {
        let raw = element?.attribute(name)
        return Answer(raw: raw, value: normalise(raw), position: element?.position)
    }

    /// A free-text answer.
    func text(_ element: XMLElementNode?, in parent: XMLElementNode?) -> Answer {
        Answer.text(element?.text, at: element?.position ?? parent?.position)
    }
}

/// The mapping for each registered format.
public struct SubmissionMapper: Sendable {
    public let normaliser: AnswerNormaliser
    private let mappings: [String: any SubmissionMapping]

    /// The mappings this version of the tool knows.
    public static let builtIn: [any SubmissionMapping] = [StatusrapportV1Mapping(), StatusreportV2Mapping()]

    public init(vocabularies: Vocabularies, mappings: [any SubmissionMapping] = SubmissionMapper.builtIn, placementJobs: Int = 1) {
        normaliser = AnswerNormaliser(vocabularies: vocabularies, placementJobs: placementJobs)
        self.mappings = Dictionary(uniqueKeysWithValues: mappings.map { ($0.formatID, $0) })
    }

    /// Whether `format` can be mapped.
    public func supports(_ format: String) -> Bool {
        mappings[format] != nil
    }

    /// Maps a validated document; nil when no mapping is registered for its format.
    public func map(_ root: XMLElementNode, format: String, source: SubmissionSource) -> Submission? {
        mappings[format]?.map(root, source: source, normaliser: normaliser)
    }

    /// `map`, with the evidence of the taxonomy's placements.
    public func mapWithEvidence(_ root: XMLElementNode, format: String, source: SubmissionSource)
        -> (submission: Submission, evidence: SubmissionEvidence)? {
        mappings[format]?.mapWithEvidence(root, source: source, normaliser: normaliser)
    }

    /// What a document of `format` says about itself, valid or not; nil when no mapping is
    /// registered for the format or the document names nothing.
    public func claimedIdentity(_ root: XMLElementNode, format: String) -> ClaimedIdentity? {
        mappings[format].map { $0.claimedIdentity(root) }.flatMap { $0.isEmpty ? nil : $0 }
    }
}


extension Submission {
    /// A stable id for a format without `submissionId`: the file's SHA-256 in UUID layout
    /// (version 8, "custom"), so the same bytes always get the same id.
    public static func derivedID(sha256: String) -> String {
        var digits = Array(sha256.prefix(32))
        guard digits.count == 32 else { return sha256 }
        digits[12] = "8"
        let variant = Array("89ab")[Int(String(digits[16]), radix: 16).map { $0 & 3 } ?? 0]
        digits[16] = variant
        let text = String(digits)
        let cuts = [8, 12, 16, 20]
        var parts: [String] = []
        var start = text.startIndex
        for cut in cuts {
            let end = text.index(text.startIndex, offsetBy: cut)
            parts.append(String(text[start..<end]))
            start = end
        }
        parts.append(String(text[start...]))
        return parts.joined(separator: "-")
    }
}
