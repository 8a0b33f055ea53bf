// LOCAL ONLY, not committed: stands in for the helper's form API until it is merged.
import SurveyModel
import SurveyIntake
struct FormAnswers: Sendable, Hashable, Codable {
    var values: [String: String] = [:]; var noChallenges = false; var challengeCount = 0; var mitigationCount = 0
    init(fields: [(name: String, value: String)]) {}
    func addingChallenge() -> FormAnswers { self }
    func addingMitigation() -> FormAnswers { self }
    func removingChallenge(at: Int) -> FormAnswers { self }
    func removingMitigation(at: Int) -> FormAnswers { self }
}
struct FormError: Error, Sendable, Hashable { var field: String; var messageEnglish: String; var messageDanish: String }
struct FormOption: Sendable { var code: String; var labelDanish: String; var labelEnglish: String }
struct FormQuestion: Sendable {
    enum Input: Sendable { case text, longText, email, select([FormOption]), yesNo }
    var field: String; var labelDanish: String; var labelEnglish: String; var input: Input
    var requirement: DataDictionary.Requirement; var hintDanish: String?; var hintEnglish: String?
}
struct FormSection: Sendable { var id: String; var titleDanish: String; var titleEnglish: String; var collection: String?; var questions: [FormQuestion] }
struct QuestionnaireForm: Sendable {
    var sections: [FormSection] = []
    init?(format: QuestionnaireFormat, dictionary: DataDictionary, vocabularies: Vocabularies) { return nil }
    func document(_ a: FormAnswers, projectId: String, round: Int, submissionId: String, submittedAt: String) throws(FormError) -> [UInt8] { [] }
    func answers(from s: Submission) -> FormAnswers { FormAnswers(fields: []) }
    func projectFacts(from s: Submission) -> FormAnswers { FormAnswers(fields: []) }
}
