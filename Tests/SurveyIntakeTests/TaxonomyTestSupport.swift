import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// The vocabularies and fixtures the taxonomy tests share.
enum TaxonomyTestSupport {
    /// The registry folder in the checkout, so tests read the files analysts edit.
    static let registryDirectory = TestSupport.schemasDirectory

    /// The checked-in vocabularies, loaded once for all tests.
    static let loaded = Result { () throws(VocabularyError) in try Vocabularies.load(from: registryDirectory) }

    static func vocabularies() throws -> Vocabularies {
        try loaded.get()
    }

    static func classifier() throws -> TaxonomyClassifier {
        TaxonomyClassifier(vocabularies: try vocabularies())
    }

    /// The text of `Fixtures/name`.
    static func fixture(_ name: String) throws -> String {
        try TestSupport.fixture(name)
    }

    /// A copy of the registry's vocabularies folder in a fresh temporary registry folder, for
    /// tests that break a file.
    static func editableRegistry() throws -> URL {
        let registry = try TestSupport.temporaryDirectory()
        try FileManager.default.copyItem(
            at: registryDirectory.appendingPathComponent(Vocabularies.folderName).resolvingSymlinksInPath(),
            to: registry.appendingPathComponent(Vocabularies.folderName))
        return registry
    }

    /// Replaces `original` by `replacement` in the vocabulary file `name` of `registry`.
    static func edit(_ name: String, in registry: URL, replacing original: String, with replacement: String) throws {
        let url = registry.appendingPathComponent(Vocabularies.folderName).appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        try #require(text.contains(original), "\(name) has no \(original)")
        try text.replacingOccurrences(of: original, with: replacement).write(to: url, atomically: true, encoding: .utf8)
    }
}
