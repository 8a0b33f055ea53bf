import Foundation

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
            field.range(of: "[N]").map { String(field[..<$0.lowerBound]) }
        }

        /// The field for item `index` (1-based): `challenges[N].severity` → `challenges[2].severity`.
        public func field(item index: Int) -> String {
            field.replacingOccurrences(of: "[N]", with: "[\(index)]")
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
