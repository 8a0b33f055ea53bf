import SurveyModel
import SurveyXML

/// The canonical field paths of a submission — the names the data dictionaries, `flags.csv`
/// and findings use: `project.title`, `lead.email`, `challenges[2].severity`, `operationsPlan` …
extension Submission {
    /// The answer at a concrete field path (`challenges[2].severity`, not `[N]`); nil when the
    /// path names no field or an item that does not exist.
    public func answer(for field: String) -> Answer? {
        answer(at: FieldPath(field))
    }

    /// The answer at a field path already taken apart.
    func answer(at path: FieldPath) -> Answer? {
        switch path {
        case .item(let collection, let index, let leaf):
            switch collection {
            case "challenges":
                guard index <= challenges.count, let leaf else { return nil }
                return challenges[index - 1].answer(for: leaf)
            case "mitigations":
                guard index <= mitigations.count, let leaf else { return nil }
                return mitigations[index - 1].answer(for: leaf)
            default:
                return nil
            }
        case .top(let head, let leaf):
            switch (head, leaf) {
            case ("project", "title"?): return project.title
            case ("project", "authority"?): return project.authority
            case ("project", "authorityType"?): return project.authorityType
            case ("project", "authorityCode"?): return project.authorityCode
            case ("project", "domain"?): return project.domain
            case ("project", "phase"?): return project.phase
            case ("project", "status"?): return project.status
            case ("lead", "name"?): return lead.name
            case ("lead", "email"?): return lead.email
            case ("operationsPlan", nil): return operationsPlan
            case ("usesStateITProjectModel", nil): return usesStateITProjectModel
            case ("comments", nil): return comments
            default: return nil
            }
        }
    }

    /// How many items a repeated section has (`challenges`, `mitigations`).
    public func count(of collection: String) -> Int {
        switch collection {
        case "challenges": return challenges.count
        case "mitigations": return mitigations.count
        default: return 0
        }
    }

    /// Where item `index` (1-based) of a repeated section starts, for findings about it as a whole.
    public func location(of collection: String, item index: Int) -> SourcePosition? {
        switch collection {
        case "challenges" where index >= 1 && index <= challenges.count: return challenges[index - 1].location
        case "mitigations" where index >= 1 && index <= mitigations.count: return mitigations[index - 1].text.position
        default: return nil
        }
    }
}

extension Submission.Challenge {
    func answer(for leaf: String) -> Answer? {
        switch leaf {
        case "category": return category
        case "label": return label
        case "code": return code
        case "description": return description
        case "severity": return severity
        case "resolved": return resolved
        case "mitigation": return mitigation
        default: return nil
        }
    }
}

extension Submission.Mitigation {
    func answer(for leaf: String) -> Answer? {
        switch leaf {
        case "code": return code
        case "text": return text
        default: return nil
        }
    }
}

/// A concrete field path taken apart: an item of a repeated section (`challenges[2].severity`)
/// or a top-level field (`lead.email`, `comments`). `answer(for:)` parses each path it is given;
/// the completeness checker parses each question's path once (see `CompletenessChecker`).
enum FieldPath: Sendable, Hashable {
    /// `collection[index].leaf`, index 1-based.
    case item(collection: String, index: Int, leaf: String?)
    case top(head: String, leaf: String?)

    init(_ field: String) {
        let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
        let head = parts[0]
        let leaf = parts.count > 1 ? parts[1] : nil
        if let open = head.firstIndex(of: "["), head.hasSuffix("]"),
           let index = Int(head[head.index(after: open)..<head.index(before: head.endIndex)]), index >= 1 {
            self = .item(collection: String(head[..<open]), index: index, leaf: leaf)
        } else {
            self = .top(head: head, leaf: leaf)
        }
    }
}
