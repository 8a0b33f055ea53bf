import Foundation
import SurveyModel
import SurveyXML

/// Reads one of the tool's own XML data files (a data dictionary, the placeholder list …),
/// validated against its XSD, so that an analyst's edit that breaks the file is reported
/// with file, line and column instead of being half-understood.
public enum DataFile {
    /// Why a data file could not be used: a setup error.
    public struct Failure: Error, LocalizedError, Sendable {
        public var findings: [Finding]

        public var errorDescription: String? {
            findings.map(\.formatted).joined(separator: "\n")
        }
    }

    /// Parses `path` and validates it against `schema`; returns the root element.
    public static func load(_ path: String, schema: XMLSchema) throws(Failure) -> XMLElementNode {
        let outcome = SubmissionValidator(target: .schema(schema)).validate(fileAt: path)
        guard let root = outcome.document else { throw Failure(findings: outcome.findings) }
        return root
    }

    /// Compiles the XSD at `path`, turning a compile error into a `Failure`.
    public static func schema(_ path: String) throws(Failure) -> XMLSchema {
        do {
            return try XMLSchema(contentsOf: path)
        } catch {
            throw Failure(findings: error.diagnostics.map {
                Finding(severity: .error, file: $0.file ?? path, line: $0.line, column: $0.column,
                        message: "the schema does not compile: \($0.message)")
            })
        }
    }
}
