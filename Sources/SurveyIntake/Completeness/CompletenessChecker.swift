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

    public init(dictionary: DataDictionary, placeholders: PlaceholderList) {
        self.dictionary = dictionary
        self.placeholders = placeholders
    }

    public func check(_ submission: Submission) -> CompletenessReport {
        var report = CompletenessReport(findings: [], requiredCount: 0, answeredCount: 0)
        for (question, item) in askedQuestions(of: submission) {
            check(question, item: item, in: submission, into: &report)
        }
        return report
    }

    /// Every question as asked of this submission, in questionnaire order: a run of `[N]`
    /// questions is asked item by item (all of challenge 1, then all of challenge 2 …).
    private func askedQuestions(of submission: Submission) -> [(DataDictionary.Question, Int?)] {
        var asked: [(DataDictionary.Question, Int?)] = []
        var index = 0
        let questions = dictionary.questions
        while index < questions.count {
            guard let collection = questions[index].collection else {
                asked.append((questions[index], nil))
                index += 1
                continue
            }
            var end = index
            while end < questions.count, questions[end].collection == collection { end += 1 }
            let count = submission.count(of: collection)
            if count > 0 {
                for item in 1...count {
                    for question in questions[index..<end] { asked.append((question, item)) }
                }
            }
            index = end
        }
        return asked
    }

    private func check(
        _ question: DataDictionary.Question, item: Int?, in submission: Submission, into report: inout CompletenessReport
    ) {
        let field = item.map { question.field(item: $0) } ?? question.field
        let context = MessageContext(question: question, item: item, collection: question.collection)

        if question.kind == .list {
            guard question.requirement == .required else { return }
            report.requiredCount += 1
            if submission.count(of: question.field) > 0 || (question.field == "challenges" && submission.declaredNoChallenges) {
                report.answeredCount += 1
            } else {
                report.findings.append(context.finding(field: field, rule: .noChallenges, value: nil, position: submission.location))
            }
            return
        }

        let answer = submission.answer(for: field) ?? .absent
        let position = answer.position
            ?? item.flatMap { submission.location(of: question.collection ?? "", item: $0) }
            ?? submission.location
        let condition = activeCondition(of: question, item: item, in: submission)
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
                report.findings.append(context.finding(field: field, rule: rule, value: nil, position: position, condition: condition))
            }
            return
        }
        if placeholders.matches(raw) {
            report.findings.append(context.finding(field: field, rule: .placeholder, value: raw, position: position, condition: condition))
            return
        }
        if isRequired { report.answeredCount += 1 }

        switch question.kind {
        case .email where !EmailAddress.isPlausible(raw):
            report.findings.append(context.finding(field: field, rule: .invalidFormat, value: raw, position: position))
        case .category where item.map({ submission.challenges[$0 - 1].categorySource == "unmapped" }) == true:
            report.findings.append(context.finding(field: field, rule: .unmapped, value: raw, position: position))
        case .code where answer.value == nil:
            report.findings.append(context.finding(field: field, rule: .unmapped, value: raw, position: position))
        default:
            break
        }
    }

    /// The condition that makes a `RequiredWhen` question required here, with the question
    /// it refers to and the answer that triggered it; nil when it does not hold.
    private func activeCondition(
        of question: DataDictionary.Question, item: Int?, in submission: Submission
    ) -> ActiveCondition? {
        guard case .requiredWhen(let template, let values) = question.requirement else { return nil }
        let field = item.map { ItemMarker.replace(in: template, with: $0) } ?? template
        guard let answer = submission.answer(for: field), let value = answer.value, values.contains(value) else { return nil }
        let referenced = dictionary.questions.first { $0.field == template }
        return ActiveCondition(
            labelDanish: referenced?.labelDanish ?? template, labelEnglish: referenced?.labelEnglish ?? template,
            written: Answer.collapsed(answer.raw ?? value) ?? value)
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
    static func isPlausible(_ text: String) -> Bool {
        let address = text.trimmingWhitespace()
        guard !address.contains(where: { $0.isWhitespace }) else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }), let top = labels.last else { return false }
        return top.count >= 2 && top.allSatisfy(\.isLetter)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
