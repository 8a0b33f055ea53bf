import Foundation
import SurveyModel
import SurveyXML

/// What `format.json` beside each XSD says about a questionnaire format.
///
///     {
///       "id": "statusrapport-1", "namespace": "urn:signaturprojekter:statusrapport:1",
///       "root": "Statusrapport", "version": "1.0", "round": 2021,
///       "schema": "statusrapport-1.xsd",
///       "expected": { "Alvorlighed": "a whole number from 1 (minor) to 5 (critical), or left empty" }
///     }
///
/// `expected` tells a project lead, in plain words, what a field takes; keys are element
/// names or `Element/@attribute`. Validation messages quote it.
public struct FormatManifest: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    public var namespace: String
    public var root: String
    public var version: String
    public var round: Int
    /// The XSD's file name, relative to the manifest.
    public var schema: String
    public var expected: [String: String]

    public init(
        id: String, title: String, namespace: String, root: String, version: String,
        round: Int, schema: String, expected: [String: String] = [:]
    ) {
        self.id = id
        self.title = title
        self.namespace = namespace
        self.root = root
        self.version = version
        self.round = round
        self.schema = schema
        self.expected = expected
    }

    /// The plain-language description of what `element` (or its `attribute`) takes.
    public func expectation(element: String?, attribute: String? = nil) -> String? {
        guard let element else { return nil }
        if let attribute { return expected["\(element)/@\(attribute)"] }
        return expected[element]
    }
}

/// A registered questionnaire format: its manifest and its compiled schema.
public struct QuestionnaireFormat: Sendable {
    public let manifest: FormatManifest
    public let schema: XMLSchema
    /// The folder holding the manifest, the XSD and (later) the data dictionary.
    public let directory: URL

    public var id: String { manifest.id }
}
