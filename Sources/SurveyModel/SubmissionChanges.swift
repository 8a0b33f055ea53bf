/// What changed between two revisions of a submission, answer by answer, at the fields' stable
/// paths (`project.phase`, `challenges[2].severity`): what the analysts see as a revision's
/// history.
public struct SubmissionChange: Sendable, Hashable, Codable {
    public var field: String
    /// The answer as the earlier revision had it (nil: not given).
    public var before: String?
    /// The answer as the later revision has it (nil: not given).
    public var after: String?

    public init(field: String, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }
}

extension Submission {
    /// Every answer given, at its field path, in questionnaire order: the canonical value, or
    /// what was written when it has none (a code the mapping did not know, say).
    public var answersByField: [(field: String, answer: String)] {
        var answers: [(String, String)] = []
        func add(_ field: String, _ answer: Answer) {
            if let text = answer.value ?? answer.raw.flatMap(Answer.collapsed) { answers.append((field, text)) }
        }
        add("project.title", project.title)
        add("project.authority", project.authority)
        add("project.authorityType", project.authorityType)
        add("project.authorityCode", project.authorityCode)
        add("project.domain", project.domain)
        add("project.phase", project.phase)
        add("project.status", project.status)
        add("lead.name", lead.name)
        add("lead.email", lead.email)
        for challenge in challenges {
            let path = "challenges[\(challenge.position)]"
            add("\(path).category", challenge.category)
            add("\(path).code", challenge.code)
            add("\(path).label", challenge.label)
            add("\(path).description", challenge.description)
            add("\(path).severity", challenge.severity)
            add("\(path).resolved", challenge.resolved)
            add("\(path).mitigation", challenge.mitigation)
        }
        for mitigation in mitigations {
            add("mitigations[\(mitigation.position)].code", mitigation.code)
            add("mitigations[\(mitigation.position)].text", mitigation.text)
        }
        add("operationsPlan", operationsPlan)
        add("usesStateITProjectModel", usesStateITProjectModel)
        add("comments", comments)
        return answers
    }

    /// The answers that differ between `earlier` and this revision: changed, added or taken
    /// away, in this revision's order (then the earlier one's for answers taken away).
    public func changes(since earlier: Submission) -> [SubmissionChange] {
        let before = earlier.answersByField
        let old = Dictionary(before.map { ($0.field, $0.answer) }, uniquingKeysWith: { first, _ in first })
        let now = answersByField
        let new = Dictionary(now.map { ($0.field, $0.answer) }, uniquingKeysWith: { first, _ in first })
        var changes = now.compactMap { field, answer in
            old[field] == answer ? nil : SubmissionChange(field: field, before: old[field], after: answer)
        }
        changes += before.compactMap { field, answer in
            new[field] == nil ? SubmissionChange(field: field, before: answer, after: nil) : nil
        }
        return changes
    }
}
