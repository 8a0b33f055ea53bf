import Foundation
import SurveyModel
import SurveyXML

/// Why the vocabularies could not be loaded: a setup error (exit status 2).
///
/// Every problem inside a file carries its place, so that the message reads like a compiler's:
///
///     schemas/vocabularies/challenges.xml:41:7: Element 'synonym', attribute 'matc': The attribute 'matc' is not allowed.
public enum VocabularyError: Error, LocalizedError, Equatable {
    /// The registry folder has no `vocabularies/` folder.
    case missingDirectory(String)
    /// `vocabulary.xsd` itself does not compile.
    case schemaDoesNotCompile(file: String, line: Int, message: String)
    /// A file that is missing or unreadable (line 0), is not well-formed, breaks
    /// `vocabulary.xsd`, or is inconsistent (a subcategory code outside its category, a term of
    /// function words only).
    case invalid(file: String, line: Int, column: Int, message: String)

    public var errorDescription: String? {
        switch self {
        case .missingDirectory(let path):
            return "\(path): no vocabularies folder; expected the vocabulary files there"
        case .schemaDoesNotCompile(let file, let line, let message):
            return "\(file):\(line): the vocabulary schema does not compile: \(message)"
        case .invalid(let file, let line, _, let message) where line == 0:
            return "\(file): \(message)"
        case .invalid(let file, let line, let column, let message):
            return "\(file):\(line):\(column): \(message)"
        }
    }

    /// The first of `problems` (findings of one file) as an error.
    static func invalid(_ problem: Finding) -> VocabularyError {
        .invalid(file: problem.file, line: problem.line, column: problem.column, message: problem.message)
    }
}
