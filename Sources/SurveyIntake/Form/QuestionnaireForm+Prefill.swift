import SurveyModel

extension QuestionnaireForm {
    /// The answers of a stored submission, to show the form again: each answer as written
    /// (`Answer.raw`, codes as codes, blank ones left out), the "no challenges" flag, and as many
    /// blocks as the submission has items (at most `FormAnswers.maxItems`).
    public func answers(from submission: Submission) -> FormAnswers {
        var values: [String: String] = [:]
        for field in FormAnswers.topFields {
            if let raw = submission.answer(for: field)?.raw, !raw.isEmpty { values[field] = raw }
        }
        let challenges = min(submission.challenges.count, FormAnswers.maxItems)
        let mitigations = min(submission.mitigations.count, FormAnswers.maxItems)
        for (collection, leaves, count) in [("challenges", FormAnswers.challengeLeaves, challenges),
                                            ("mitigations", FormAnswers.mitigationLeaves, mitigations)] where count > 0 {
            for index in 1...count {
                for leaf in leaves {
                    let field = "\(collection)[\(index)].\(leaf)"
                    if let raw = submission.answer(for: field)?.raw, !raw.isEmpty { values[field] = raw }
                }
            }
        }
        return FormAnswers(values: values, noChallenges: submission.declaredNoChallenges,
                           challengeCount: challenges, mitigationCount: mitigations)
    }

    /// What carries over from last round's submission: only the project's and the lead's
    /// answers (`project.*`, `lead.*`); this year's challenges and plans start blank.
    public func projectFacts(from submission: Submission) -> FormAnswers {
        let all = answers(from: submission)
        return FormAnswers(values: all.values.filter { $0.key.hasPrefix("project.") || $0.key.hasPrefix("lead.") })
    }
}
