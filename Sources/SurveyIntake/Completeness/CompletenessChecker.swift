import SurveyModel
import SurveyXML

/// Flags the incomplete answers of a canonical submission, driven by its format's data
/// dictionary: which questions are required, which only when another answer says so.
///
///     let checker = CompletenessChecker(dictionary: dictionary, placeholders: placeholders)
///     let report = checker.check(submission)
///     report.findings.map(\.field)   // ["project.phase", "challenges[1].mitigation"]
///     report.score                   // 0.92
public struct CompletenessChecker: Sendable {
    public let dictionary: DataDictionary
    public let placeholders: PlaceholderList
    /// The labels a condition's coded answer is quoted by; codes are quoted as written without it.
    public let answerLabels: AnswerLabels?
    /// Per question (same order as `dictionary.questions`): its paths worked out once.
    private let plans: [QuestionPlan]

    public init(dictionary: DataDictionary, placeholders: PlaceholderList, answerLabels: AnswerLabels? = nil) {
        self.dictionary = dictionary
        self.placeholders = placeholders
        self.answerLabels = answerLabels
        plans = dictionary.questions.map { QuestionPlan($0, in: dictionary) }
    }

    public func check(_ submission: Submission) -> CompletenessReport {
        var report = CompletenessReport(findings: [], requiredCount: 0, answeredCount: 0)
        forEachAskedQuestion(of: submission) { index, item in
            check(index, item: item, in: submission, into: &report)
        }
        return report
    }

    /// Every question as asked of this submission, in questionnaire order: a run of `[N]`
    /// questions is asked item by item (all of challenge 1, then all of challenge 2 …).
    private func forEachAskedQuestion(of submission: Submission, _ body: (Int, Int?) -> Void) {
        var index = 0
        let count = plans.count
        while index < count {
            guard let collection = plans[index].collection else {
                body(index, nil)
                index += 1
                continue
            }
            var end = index
            while end < count, plans[end].collection == collection { end += 1 }
            let items = submission.count(of: collection)
            if items > 0 {
                for item in 1...items {
                    for question in index..<end { body(question, item) }
                }
            }
            index = end
        }
    }

    private func check(_ index: Int, item: Int?, in submission: Submission, into report: inout CompletenessReport) {
        let question = dictionary.questions[index]
        let plan = plans[index]
        // The concrete path (`challenges[2].severity`), built only for a finding.
        let field = { item.map { question.field(item: $0) } ?? question.field }
        let context = MessageContext(question: question, item: item, collection: plan.collection)

        if question.kind == .list {
            guard question.requirement == .required else { return }
            report.requiredCount += 1
            if submission.count(of: question.field) > 0 || (question.field == "challenges" && submission.declaredNoChallenges) {
                report.answeredCount += 1
            } else {
                report.findings.append(context.finding(field: field(), rule: .noChallenges, value: nil, position: submission.location))
            }
            return
        }

        let answer = submission.answer(at: plan.path.path(item: item)) ?? .absent
        let position = answer.position
            ?? item.flatMap { submission.location(of: plan.collection ?? "", item: $0) }
            ?? submission.location
        let condition = activeCondition(of: question, plan: plan, item: item, in: submission)
        let isRequired: Bool
        switch question.requirement {
        case .optional: isRequired = false
        case .required: isRequired = true
        case .requiredWhen: isRequired = condition != nil
        }
        if isRequired { report.requiredCount += 1 }

        guard let raw = answer.raw, Answer.collapsed(raw) != nil else {
            if isRequired {
                let rule: CompletenessRule = condition == nil ? .missing : .conditional
                report.findings.append(context.finding(field: field(), rule: rule, value: nil, position: position, condition: condition))
            }
            return
        }
        if placeholders.matches(raw) {
            report.findings.append(context.finding(field: field(), rule: .placeholder, value: raw, position: position, condition: condition))
            return
        }
        if isRequired { report.answeredCount += 1 }

        switch question.kind {
        case .email where !EmailAddress.isPlausible(raw):
            report.findings.append(context.finding(field: field(), rule: .invalidFormat, value: raw, position: position))
        case .category where item.map({ submission.challenges[$0 - 1].categorySource == "unmapped" }) == true:
            report.findings.append(context.finding(field: field(), rule: .unmapped, value: raw, position: position))
        case .code where answer.value == nil:
            report.findings.append(context.finding(field: field(), rule: .unmapped, value: raw, position: position))
        default:
            break
        }
    }

    /// The condition that makes a `RequiredWhen` question required here, with the question
    /// it refers to and the answer that triggered it; nil when it does not hold.
    private func activeCondition(
        of question: DataDictionary.Question, plan: QuestionPlan, item: Int?, in submission: Submission
    ) -> FindingCondition? {
        guard case .requiredWhen(let template, let values) = question.requirement, let condition = plan.condition else { return nil }
        guard let answer = submission.answer(at: condition.path.path(item: item)), let value = answer.value,
              values.contains(value) else { return nil }
        let referenced = condition.referenced
        let labels = answerLabels?.labels(of: value, field: template)
        return FindingCondition(
            labelDanish: referenced?.labelDanish ?? template, labelEnglish: referenced?.labelEnglish ?? template,
            written: Answer.collapsed(answer.raw ?? value) ?? value,
            writtenLabelDanish: labels?.danish, writtenLabelEnglish: labels?.english)
    }
}

/// A question's field paths taken apart once, instead of building `challenges[2].severity` and
/// parsing it again for every item of every submission.
private struct QuestionPlan: Sendable {
    let collection: String?
    let path: PathPlan
    /// For a `RequiredWhen` question: the field it depends on, and that field's question.
    let condition: (path: PathPlan, referenced: DataDictionary.Question?)?

    init(_ question: DataDictionary.Question, in dictionary: DataDictionary) {
        collection = question.collection
        path = PathPlan(template: question.field)
        if case .requiredWhen(let template, _) = question.requirement {
            condition = (PathPlan(template: template), dictionary.questions.first { $0.field == template })
        } else {
            condition = nil
        }
    }
}

/// How to get the `FieldPath` of a template (`challenges[N].severity`) for item n: exactly what
/// `FieldPath(template with [N] replaced by [n])` gives, without building and parsing the string.
private struct PathPlan: Sendable {
    let template: String
    let hasMarker: Bool
    /// The path when it does not depend on the item (no `[N]`, or no item).
    let fixed: FieldPath
    /// `collection[n].leaf` for every n, when parsing the template for items 1, 2 and 10 shows it.
    let perItem: (collection: String, leaf: String?)?

    init(template: String) {
        self.template = template
        hasMarker = template.contains("[N]")
        fixed = FieldPath(template)
        let samples = [1, 2, 10].map { FieldPath(ItemMarker.replace(in: template, with: $0)) }
        if case .item(let collection, 1, let leaf) = samples[0],
           samples[1] == .item(collection: collection, index: 2, leaf: leaf),
           samples[2] == .item(collection: collection, index: 10, leaf: leaf),
           template.components(separatedBy: "[N]").count == 2 {
            perItem = (collection, leaf)
        } else {
            perItem = nil
        }
    }

    func path(item: Int?) -> FieldPath {
        guard let item, hasMarker else { return fixed }
        if let perItem { return .item(collection: perItem.collection, index: item, leaf: perItem.leaf) }
        return FieldPath(ItemMarker.replace(in: template, with: item))
    }
}
