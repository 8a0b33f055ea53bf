import Foundation
import SurveyModel
import SurveyXML

/// A completeness checker per questionnaire format, loaded from the registry folder:
/// `dictionary.xml` in each format's folder and `placeholders.xml` at the top, both validated
/// against `dictionary.xsd`.
public struct CompletenessCatalog: Sendable {
    public let checkers: [String: CompletenessChecker]

    public init(checkers: [String: CompletenessChecker]) {
        self.checkers = checkers
    }

    /// Each format's data dictionary, by format id.
    public var dictionaries: [String: DataDictionary] { checkers.mapValues(\.dictionary) }

    /// Loads the dictionaries of every format in `registry`; each format must have one. With
    /// `vocabularies`, a condition's coded answer is quoted by its labels.
    public static func load(for registry: QuestionnaireRegistry,
                            vocabularies: Vocabularies? = nil) throws(DataFile.Failure) -> CompletenessCatalog {
        let schema = try DataFile.schema(registry.directory.appendingPathComponent("dictionary.xsd").path)
        let placeholders = try PlaceholderList.load(
            registry.directory.appendingPathComponent("placeholders.xml").path, schema: schema)
        var dictionaries: [String: DataDictionary] = [:]
        for format in registry.formats {
            let url = format.directory.appendingPathComponent("dictionary.xml")
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw DataFile.Failure(findings: [Finding(
                    severity: .error, file: url.path, line: 0, column: 0,
                    message: "format \(format.id) has no data dictionary (dictionary.xml)")])
            }
            let dictionary = try DataDictionary.load(from: url, schema: schema)
            guard dictionary.format == format.id else {
                throw DataFile.Failure(findings: [Finding(
                    severity: .error, file: url.path, line: 2, column: 1,
                    message: "the dictionary is for format \"\(dictionary.format)\", but its folder holds format \"\(format.id)\"")])
            }
            dictionaries[format.id] = dictionary
        }
        let labels = vocabularies.map { AnswerLabels(vocabularies: $0, dictionaries: dictionaries) }
        return CompletenessCatalog(checkers: dictionaries.mapValues {
            CompletenessChecker(dictionary: $0, placeholders: placeholders, answerLabels: labels)
        })
    }

    public func checker(for format: String) -> CompletenessChecker? {
        checkers[format]
    }
}
