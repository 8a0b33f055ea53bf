// TEMPORARY stand-in for the taxonomy API (Vocabularies, TaxonomyClassifier) so the pipeline builds
// until the taxonomy branch is merged; it normalises nothing. Deleted by that merge.
import Foundation
public enum ClassificationMethod: String, Sendable, Codable { case coded, label, description, unmapped }
public struct Classification: Sendable, Hashable { public var category: String; public var subcategory: String?; public var method: ClassificationMethod }
public struct Vocabularies: Sendable {
    public static func load(from registryDirectory: URL) throws -> Vocabularies { Vocabularies() }
    public func normalisePhase(_ text: String?) -> String? { nil }
    public func normaliseDomain(_ text: String?) -> String? { nil }
    public func normaliseAuthorityType(_ text: String?) -> String? { nil }
    public func normaliseSeverity(_ text: String?) -> String? { nil }
    public func normaliseResolved(_ text: String?) -> String? { nil }
    public func classifyMitigation(_ text: String?) -> (code: String, source: String) { ("other", "unmapped") }
}
public struct TaxonomyClassifier: Sendable {
    public init(vocabularies: Vocabularies) {}
    public func classify(label: String?, description: String?) -> Classification { Classification(category: "other", subcategory: nil, method: .unmapped) }
    public func classify(code: String, label: String?, description: String?) -> Classification { Classification(category: code, subcategory: nil, method: .coded) }
}
