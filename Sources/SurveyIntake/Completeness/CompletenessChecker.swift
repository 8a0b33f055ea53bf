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
    /// Per question (same order as `dictionary.questions`): its paths worked out once.
    private let plans: [QuestionPlan]

    public init(dictionary: DataDictionary, placeholders: PlaceholderList) {
        self.dictionary = dictionary
        self.placeholders = placeholders
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
    ) -> ActiveCondition? {
        guard case .requiredWhen(let template, let values) = question.requirement, let condition = plan.condition else { return nil }
        guard let answer = submission.answer(at: condition.path.path(item: item)), let value = answer.value,
              values.contains(value) else { return nil }
        let referenced = condition.referenced
        return ActiveCondition(
            labelDanish: referenced?.labelDanish ?? template, labelEnglish: referenced?.labelEnglish ?? template,
            written: Answer.collapsed(answer.raw ?? value) ?? value)
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

/// The answer that made a conditional question required.
struct ActiveCondition {
    var labelDanish: String
    var labelEnglish: String
    /// What the lead wrote there ("ja", "partly", "Implementering").
    var written: String
}

/// A plausible e-mail address: one @, a local part, a domain with a dot and a top-level part of
/// at least two letters, no spaces. Deliverability is not the tool's business.
enum EmailAddress {
    /// One address a letter can be sent to, checked strictly: after trimming, one RFC 5322
    /// addr-spec `local@domain` — a dot-atom on both sides (RFC 6531 letters and digits allowed
    /// beyond ASCII), so no comma, angle bracket, quote, parenthesis, white space or control
    /// character that could smuggle in a second recipient (`carl>,Spy<spy3@evil.example`) —
    /// within RFC 5321's lengths (64 before the `@`, 254 in all, 63 per domain label), with a
    /// top-level domain of two or more letters.
    static func isPlausible(_ text: String) -> Bool {
        let address = text.trimmingWhitespace()
        guard address.utf8.count <= 254 else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, isDotAtom(parts[0], extra: "!#$%&'*+-/=?^_`{|}~"), parts[0].utf8.count <= 64 else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last, top.count >= 2, top.allSatisfy(\.isLetter) else { return false }
        return labels.allSatisfy { label in
            label.utf8.count <= 63 && isDotAtom(label, extra: "-") && label.first != "-" && label.last != "-"
        }
    }

    /// Letters and digits (any script) and the ASCII `extra`, in dot-separated non-empty runs.
    private static func isDotAtom(_ text: Substring, extra: String) -> Bool {
        guard !text.isEmpty, text.first != ".", text.last != ".", !text.contains("..") else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            if scalar.isASCII {
                return (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                    || scalar == "." || extra.unicodeScalars.contains(scalar)
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .nonspacingMark, .spacingMark:
                return true
            default:
                return false
            }
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
