import Foundation
import SurveyModel
import SurveyXML

/// What `format.json` beside each XSD says about a questionnaire format.
///
///     {
///       "id": "statusrapport-1", "namespace": "urn:signaturprojekter:statusrapport:1",
///       "root": "Statusrapport", "version": "1.0", "round": 2021,
///       "schema": "statusrapport-1.xsd",
///       "expected": { "Alvorlighed": "a whole number from 1 (minor) to 5 (critical), or left empty" },
///       "expected_da": { "Alvorlighed": "et helt tal fra 1 (mindre) til 5 (kritisk), eller tom" }
///     }
///
/// `expected` tells a project lead, in plain words, what a field takes; keys are element
/// names or `Element/@attribute`. Validation messages quote it; the Danish messages quote
/// `expected_da` (optional; a key it lacks falls back to `expected`).
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
    /// `expected` in Danish, by the same keys.
    public var expectedDanish: [String: String]?

    enum CodingKeys: String, CodingKey {
        case id, title, namespace, root, version, round, schema, expected
        case expectedDanish = "expected_da"
    }

    public init(
        id: String, title: String, namespace: String, root: String, version: String,
        round: Int, schema: String, expected: [String: String] = [:], expectedDanish: [String: String]? = nil
    ) {
        self.id = id
        self.title = title
        self.namespace = namespace
        self.root = root
        self.version = version
        self.round = round
        self.schema = schema
        self.expected = expected
        self.expectedDanish = expectedDanish
    }

    /// The plain-language description of what `element` (or its `attribute`) takes, in Danish
    /// when `danish` and the manifest has it so.
    public func expectation(element: String?, attribute: String? = nil, danish: Bool = false) -> String? {
        guard let element else { return nil }
        let key = attribute.map { "\(element)/@\($0)" } ?? element
        return (danish ? expectedDanish?[key] : nil) ?? expected[key]
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
