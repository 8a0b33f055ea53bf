import Foundation

/// One text of an evaluation set with the code an analyst gave it.
public struct EvaluationCase: Sendable, Hashable, Codable {
    /// How the text is classified.
    public enum Kind: String, Sendable, Hashable, Codable, CodingKeyRepresentable, CaseIterable {
        /// A lead's own label, classified without a description.
        case label
        /// A challenge's description under a generic label ("Andet"): the description alone places it.
        case description
        /// A format 1 general measure, placed in the mitigation codes.
        case measure
    }

    /// The line in the file, from 1.
    public var line: Int
    /// A category, a subcategory (`legal.basis`), a mitigation code, or `other`.
    public var expected: String
    public var kind: Kind
    public var text: String

    public init(line: Int, expected: String, kind: Kind, text: String) {
        self.line = line
        self.expected = expected
        self.kind = kind
        self.text = text
    }

    /// The top-level code: `legal` for `legal.basis`.
    public var expectedCategory: String { EvaluationCase.category(of: expected) }

    /// The top-level part of a code.
    static func category(of code: String) -> String { String(code.prefix { $0 != "." }) }
}

/// A problem with an evaluation file: where it is and what is wrong.
public struct EvaluationSetError: Error, LocalizedError, Equatable {
    public var file: String
    public var line: Int
    public var message: String

    public var errorDescription: String? { "\(file):\(line): \(message)" }
}

/// Reads an evaluation set: tab-separated `expected`, `kind`, `text`, one text a line.
///
/// A first line `expected<TAB>kind<TAB>text` is a header; blank lines and lines starting with
/// `#` are skipped.
///
///     let cases = try EvaluationSet.parse("legal.basis\tlabel\tManglende hjemmel\n", file: "x.tsv")
///     cases[0].expectedCategory   // "legal"
public enum EvaluationSet {
    public static func parse(_ contents: String, file: String) throws(EvaluationSetError) -> [EvaluationCase] {
        var cases: [EvaluationCase] = []
        // "\r\n" is one Character in Swift: split on either line end.
        for (offset, line) in contents.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .enumerated() {
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if offset == 0, fields.first == "expected" { continue }
            guard fields.count == 3 else {
                throw EvaluationSetError(file: file, line: offset + 1,
                                         message: "\(fields.count) fields, expected 3: expected<TAB>kind<TAB>text")
            }
            let expected = fields[0].trimmingCharacters(in: .whitespaces)
            guard !expected.isEmpty else {
                throw EvaluationSetError(file: file, line: offset + 1, message: "the expected code is empty")
            }
            guard let kind = EvaluationCase.Kind(rawValue: fields[1].trimmingCharacters(in: .whitespaces)) else {
                throw EvaluationSetError(file: file, line: offset + 1,
                                         message: "kind \"\(fields[1])\" is not label, description or measure")
            }
            cases.append(EvaluationCase(line: offset + 1, expected: expected, kind: kind, text: fields[2]))
        }
        return cases
    }

    /// The cases of the file at `url`.
    public static func load(_ url: URL) throws(EvaluationSetError) -> [EvaluationCase] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw EvaluationSetError(file: url.relativePath, line: 0, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw EvaluationSetError(file: url.relativePath, line: 0, message: "not UTF-8")
        }
        return try parse(text, file: url.relativePath)
    }
}
