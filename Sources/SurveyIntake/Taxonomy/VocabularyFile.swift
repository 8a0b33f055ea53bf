import Foundation
import SurveyModel
import SurveyXML

/// Reads one vocabulary file: parses it, validates it against `vocabulary.xsd`, checks what the
/// schema cannot (the name, subcategory codes, terms made of function words only) and turns
/// it into entries. Every problem is a finding with the file, line and column.
enum VocabularyFile {
    static let namespace = "urn:survey-intake:vocabulary:1"

    /// What a valid file holds, before its terms are indexed.
    struct Contents {
        var name: String
        var description: String
        var entries: [VocabularyEntry]
        /// Folded words of `<ignore>`.
        var ignoredWords: Set<String>
        /// Folded words of `<generic>`.
        var genericWords: Set<String>
        /// Folded words of `<common>`, and the weight it gives them.
        var commonWords: Set<String>
        var commonWeight: Double
    }

    /// The file's contents, or nil and every problem found (errors only).
    ///
    /// - Parameter functionWords: the words dropped from terms; a term of nothing else is a problem.
    static func read(_ url: URL, schema: XMLSchema, functionWords: Set<String>) -> (contents: Contents?, problems: [Finding]) {
        let path = url.relativePath
        func problem(_ line: Int, _ column: Int, _ message: String) -> Finding {
            Finding(severity: .error, file: path, line: line, column: column, message: message)
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return (nil, [problem(0, 0, "cannot read the vocabulary file")])
        }
        let document: XMLDocument
        do {
            document = try XMLDocument.parse([UInt8](data))
        } catch {
            let diagnostics = error.diagnostics.isEmpty
                ? [XMLDiagnostic(stage: .parsing, code: 0, message: "not well-formed XML", line: 1, column: 1)]
                : error.diagnostics
            return (nil, diagnostics.map { problem($0.line, $0.column, withoutNamespaces($0.message)) })
        }
        let invalid = schema.validate(document)
        guard invalid.isEmpty else {
            return (nil, invalid.map { problem($0.line, $0.column, withoutNamespaces($0.message)) })
        }

        let root = document.root
        var problems: [Finding] = []
        let name = root.attribute("name") ?? ""
        let expectedName = url.deletingPathExtension().lastPathComponent
        if name != expectedName {
            problems.append(problem(root.position.line, root.position.column,
                                    "the vocabulary is named \"\(name)\" but its file says \"\(expectedName)\"; they must agree"))
        }
        var entries: [VocabularyEntry] = []
        for element in root.children(named: "entry") {
            let category = entry(from: element, parent: nil)
            entries.append(category)
            for child in element.children(named: "entry") {
                let subentry = entry(from: child, parent: category.code)
                if !subentry.code.hasPrefix(category.code + ".") {
                    problems.append(problem(child.position.line, child.position.column,
                                            "subcategory \(subentry.code) must start with its category's code: \(category.code).…"))
                }
                entries.append(subentry)
            }
        }
        for entry in entries {
            for term in entry.terms where TermIndex.contentWords(of: term.text, functionWords: functionWords).isEmpty {
                problems.append(problem(term.position.line, term.position.column,
                                        "the \(term.kind.rawValue) \"\(term.text)\" of \(entry.code) has no words once function words are left out"))
            }
        }
        guard problems.isEmpty else { return (nil, problems) }
        let contents = Contents(
            name: name,
            description: collapsed(root.child("description")?.text ?? ""),
            entries: entries,
            ignoredWords: words(of: root.child("ignore")),
            genericWords: words(of: root.child("generic")),
            commonWords: words(of: root.child("common")),
            commonWeight: root.child("common")?.attribute("weight").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } ?? 1
        )
        return (contents, [])
    }

    private static func entry(from element: XMLElementNode, parent: String?) -> VocabularyEntry {
        let label = element.child("label")
        let terms = element.children.compactMap { child -> VocabularyTerm? in
            guard let kind = VocabularyTerm.Kind(rawValue: child.name) else { return nil }
            return VocabularyTerm(
                text: collapsed(child.text),
                kind: kind,
                match: child.attribute("match").flatMap(VocabularyTerm.Match.init(rawValue:)) ?? .part,
                weight: child.attribute("weight").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) },
                languages: (child.attribute("lang") ?? "").split(separator: " ").map(String.init),
                position: child.position
            )
        }
        return VocabularyEntry(
            code: element.attribute("code") ?? "",
            parent: parent,
            danishLabel: collapsed(label?.attribute("da") ?? ""),
            englishLabel: collapsed(label?.attribute("en") ?? ""),
            description: collapsed(element.child("description")?.text ?? ""),
            priority: element.attribute("priority").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0,
            terms: terms,
            position: element.position
        )
    }

    private static func words(of list: XMLElementNode?) -> Set<String> {
        Set((list?.children(named: "word") ?? []).flatMap { TextFolding.words($0.text) })
    }

    /// Whitespace collapsed, as `xs:token` reads it.
    private static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// libxml2's message without `{urn:…}` namespace prefixes.
    private static func withoutNamespaces(_ message: String) -> String {
        message.replacingOccurrences(of: "{\(namespace)}", with: "")
    }
}
