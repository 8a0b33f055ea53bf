import Foundation
import SurveyModel
import SurveyXML

/// The questions of one questionnaire format and when each must be answered, read from
/// `dictionary.xml` beside the format's XSD. The completeness checks are driven by it.
///
///     <Question field="challenges[N].mitigation" source="Udfordringer/Udfordring/Tiltag" kind="text">
///       <Label lang="da">Hvilke tiltag har I iværksat?</Label>
///       <Label lang="en">What measures did you take?</Label>
///       <RequiredWhen field="challenges[N].resolved" in="yes partly"/>
///     </Question>
public struct DataDictionary: Sendable, Hashable {
    public var format: String
    /// In questionnaire order.
    public var questions: [Question]

    public struct Question: Sendable, Hashable {
        /// A canonical field path; `[N]` marks a question asked once per item of a list.
        public var field: String
        /// Where the answer stands in the questionnaire (documentation).
        public var source: String
        public var kind: Kind
        public var labelDanish: String
        public var labelEnglish: String
        public var requirement: Requirement

        /// The list a `[N]` question repeats over (`challenges`), or nil.
        public var collection: String? {
            guard ItemMarker.isASCII(field) else { return field.range(of: "[N]").map { String(field[..<$0.lowerBound]) } }
            return ItemMarker.firstOffset(inASCII: field).map { String(decoding: field.utf8.prefix($0), as: UTF8.self) }
        }

        /// The field for item `index` (1-based): `challenges[N].severity` → `challenges[2].severity`.
        public func field(item index: Int) -> String {
            ItemMarker.replace(in: field, with: index)
        }
    }

    public enum Kind: String, Sendable, Hashable {
        case text, code, email, category, list, flag
    }

    public enum Requirement: Sendable, Hashable {
        case optional
        case required
        /// Required when the canonical value of `field` is one of `values`.
        case requiredWhen(field: String, values: [String])
    }

    /// The question a concrete field path answers, and for an item its list and 1-based number:
    /// `challenges[2].description` → (the `challenges[N].description` question, ("challenges", 2)).
    public func question(answering field: String) -> (question: Question, item: (collection: String, index: Int)?)? {
        let pattern: String
        let item: (collection: String, index: Int)?
        switch FieldPath(field) {
        case .item(let collection, let index, let leaf):
            pattern = collection + "[N]" + (leaf.map { "." + $0 } ?? "")
            item = (collection, index)
        case .top:
            pattern = field
            item = nil
        }
        return questions.first { $0.field == pattern }.map { ($0, item) }
    }

    public init(format: String, questions: [Question]) {
        self.format = format
        self.questions = questions
    }

    /// Reads and validates `dictionary.xml` in `folder` against `dictionary.xsd`.
    public static func load(from url: URL, schema: XMLSchema) throws(DataFile.Failure) -> DataDictionary {
        let root = try DataFile.load(url.path, schema: schema)
        let questions = root.children(named: "Question").map { element in
            let labels = element.children(named: "Label")
            let label = { (language: String) in labels.first { $0.attribute("lang") == language }?.text ?? "" }
            var requirement = Requirement.optional
            if element.child("Required") != nil { requirement = .required }
            if let condition = element.child("RequiredWhen") {
                requirement = .requiredWhen(
                    field: condition.attribute("field") ?? "",
                    values: (condition.attribute("in") ?? "").split(separator: " ").map(String.init))
            }
            return Question(
                field: element.attribute("field") ?? "",
                source: element.attribute("source") ?? "",
                kind: Kind(rawValue: element.attribute("kind") ?? "") ?? .text,
                labelDanish: Answer.collapsed(label("da")) ?? "",
                labelEnglish: Answer.collapsed(label("en")) ?? "",
                requirement: requirement)
        }
        return DataDictionary(format: root.attribute("format") ?? "", questions: questions)
    }
}

/// `[N]` in a field path, found and replaced without Foundation's string search: these run for
/// every question of every submission. ASCII paths (all real ones) take the byte scan; anything
/// else goes to Foundation, so the result is always the same as `replacingOccurrences`.
enum ItemMarker {
    /// The UTF-8 offset of the first `[N]` in `path`, which must be ASCII.
    static func firstOffset(inASCII path: String) -> Int? {
        var before: (UInt8, UInt8) = (0, 0)
        for (offset, byte) in path.utf8.enumerated() {
            if before == (0x5B, 0x4E), byte == 0x5D { return offset - 2 }
            before = (before.1, byte)
        }
        return nil
    }

    static func isASCII(_ path: String) -> Bool {
        path.utf8.allSatisfy { $0 < 0x80 }
    }

    /// `path` with every `[N]` replaced by `[index]`.
    static func replace(in path: String, with index: Int) -> String {
        guard isASCII(path) else {
            return path.replacingOccurrences(of: "[N]", with: "[\(index)]")
        }
        let utf8 = Array(path.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count + 8)
        let number = Array(String(index).utf8)
        var position = 0
        while position < utf8.count {
            if position + 2 < utf8.count, utf8[position] == 0x5B, utf8[position + 1] == 0x4E, utf8[position + 2] == 0x5D {
                result.append(0x5B)
                result.append(contentsOf: number)
                result.append(0x5D)
                position += 3
            } else {
                result.append(utf8[position])
                position += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
