import SurveyModel

/// The web form of one questionnaire format: its sections and questions for rendering, and the
/// way from a lead's answers to a document the pipeline accepts (`document(_:…)`) and back
/// (`answers(from:)`).
///
///     let form = QuestionnaireForm(format: format, dictionary: checker.dictionary, vocabularies: vocabularies)
///     for section in form?.sections ?? [] { … }
///
/// Only `statusreport-2` has a form; any other format gives nil.
public struct QuestionnaireForm: Sendable {
    public let format: QuestionnaireFormat
    public let dictionary: DataDictionary
    /// In questionnaire order.
    public let sections: [FormSection]
    /// The codes each coded field takes, by field path with `[N]`.
    let options: [String: [FormOption]]
    /// The dictionary's questions by field path with `[N]`.
    let questionsByField: [String: FormQuestion]

    /// Nil for a format without a form builder (only `statusreport-2` has one).
    public init?(format: QuestionnaireFormat, dictionary: DataDictionary, vocabularies: Vocabularies) {
        guard format.id == "statusreport-2", dictionary.format == format.id else { return nil }
        self.format = format
        self.dictionary = dictionary
        let options = StatusreportV2Form.options(vocabularies)
        self.options = options
        var sections: [FormSection] = []
        for question in dictionary.questions where question.kind != .list && question.kind != .category {
            let sectionID = StatusreportV2Form.section(of: question.field)
            if sections.last?.id != sectionID {
                let titles = StatusreportV2Form.sectionTitles[sectionID] ?? (sectionID, sectionID)
                sections.append(FormSection(id: sectionID, titleDanish: titles.danish, titleEnglish: titles.english,
                                            collection: question.collection, questions: []))
                if sectionID == "challenges" {
                    sections[sections.count - 1].questions.append(StatusreportV2Form.noChallengesQuestion)
                }
            }
            let hint = StatusreportV2Form.hints(for: question.field, manifest: format.manifest)
            sections[sections.count - 1].questions.append(FormQuestion(
                field: question.field, labelDanish: question.labelDanish, labelEnglish: question.labelEnglish,
                input: StatusreportV2Form.input(for: question, options: options),
                requirement: question.requirement, hintDanish: hint.danish, hintEnglish: hint.english))
        }
        self.sections = sections
        var byField: [String: FormQuestion] = [:]
        for question in sections.flatMap(\.questions) { byField[question.field] = question }
        self.questionsByField = byField
    }
}

/// One part of the form: the project, the lead, the challenges (repeated), the general
/// measures (repeated), and the rest.
public struct FormSection: Sendable, Hashable {
    public var id: String
    public var titleDanish: String
    public var titleEnglish: String
    /// `challenges` or `mitigations` when the section is a block shown once per item; its
    /// questions' fields then carry `[N]`.
    public var collection: String?
    public var questions: [FormQuestion]
}

/// One question of the form, labelled as the data dictionary labels it.
public struct FormQuestion: Sendable, Hashable {
    /// The field path; `[N]` in a repeated section (`challenges[N].severity`).
    public var field: String
    public var labelDanish: String
    public var labelEnglish: String
    public var input: Input
    public var requirement: DataDictionary.Requirement
    public var hintDanish: String?
    public var hintEnglish: String?

    public enum Input: Sendable, Hashable {
        /// One line of text.
        case text
        /// A textarea: descriptions, measures, plans, comments.
        case longText
        case email
        /// One of the codes, or none.
        case select([FormOption])
        /// Yes, no or not answered (`true`, `false`, "").
        case yesNo
        /// A checkbox whose field is posted (with any value) when ticked: `noChallenges`.
        case checkbox
    }

    /// The field of item `index` (1-based): `challenges[N].code` → `challenges[2].code`.
    public func field(item index: Int) -> String {
        ItemMarker.replace(in: field, with: index)
    }
}

/// One choice of a select: the code written to the document and its labels.
public struct FormOption: Sendable, Hashable {
    public var code: String
    public var labelDanish: String
    public var labelEnglish: String

    public init(code: String, labelDanish: String, labelEnglish: String) {
        self.code = code
        self.labelDanish = labelDanish
        self.labelEnglish = labelEnglish
    }
}

/// What only format 2's form knows: its codes, sections, hints and inputs.
enum StatusreportV2Form {
    /// The enumerations of statusreport-2.xsd (without the empty one, which is "not answered").
    ///
    /// How the labels are matched: the v2 XSD writes the vocabularies' own codes (the mapping
    /// hands them to `Vocabularies.normalise…`, which looks the code up as is), so each option
    /// takes the labels of the vocabulary entry with the same code (`Vocabulary.entry(code:)`).
    /// `FormTests` checks that every code here is a top-level code of its vocabulary. Project
    /// status has no vocabulary: its labels are `statusLabels`.
    static let codes: [String: (vocabulary: String?, codes: [String])] = [
        "project.authorityType": ("authorityTypes", ["municipality", "region"]),
        "project.domain": ("domains", ["health", "climate-energy", "employment", "administration", "social", "education", "other"]),
        "project.phase": ("phases", ["preparation", "development", "pilot", "implementation", "operation", "completed", "stopped"]),
        "project.status": (nil, ["on-track", "delayed", "paused", "stopped"]),
        "challenges[N].code": ("challenges", ["data", "infrastructure", "legal", "competencies", "operations", "project-management",
                                              "vendor-management", "organisation", "ethics", "finance", "other"]),
        "challenges[N].severity": ("severity", ["low", "medium", "high"]),
        "challenges[N].resolved": ("resolved", ["yes", "no", "partly"]),
        "mitigations[N].code": ("mitigations", ["early-data-access", "anonymisation", "transparency", "it-project-model",
                                                "vendor-governance", "competence-building", "other"]),
    ]

    static let statusLabels: [String: (danish: String, english: String)] = [
        "on-track": ("Følger planen", "On track"),
        "delayed": ("Forsinket", "Delayed"),
        "paused": ("Sat på pause", "Paused"),
        "stopped": ("Stoppet", "Stopped"),
    ]

    static func options(_ vocabularies: Vocabularies) -> [String: [FormOption]] {
        codes.mapValues { entry in
            entry.codes.map { code in
                if let name = entry.vocabulary, let found = vocabulary(name, in: vocabularies)?.entry(code: code) {
                    return FormOption(code: code, labelDanish: found.danishLabel, labelEnglish: found.englishLabel)
                }
                let labels = statusLabels[code] ?? (code, code)
                return FormOption(code: code, labelDanish: labels.danish, labelEnglish: labels.english)
            }
        }
    }

    static func vocabulary(_ name: String, in vocabularies: Vocabularies) -> Vocabulary? {
        switch name {
        case "authorityTypes": vocabularies.authorityTypes
        case "domains": vocabularies.domains
        case "phases": vocabularies.phases
        case "challenges": vocabularies.challenges
        case "severity": vocabularies.severity
        case "resolved": vocabularies.resolved
        case "mitigations": vocabularies.mitigations
        default: nil
        }
    }

    static let sectionTitles: [String: (danish: String, english: String)] = [
        "project": ("Projektet", "The project"),
        "lead": ("Projektleder", "Project lead"),
        "challenges": ("Udfordringer", "Challenges"),
        "mitigations": ("Generelle tiltag", "General measures"),
        "other": ("Drift og bemærkninger", "Operation and comments"),
    ]

    static func section(of field: String) -> String {
        if field.hasPrefix("project.") { return "project" }
        if field.hasPrefix("lead.") { return "lead" }
        if field.hasPrefix("challenges") { return "challenges" }
        if field.hasPrefix("mitigations") { return "mitigations" }
        return "other"
    }

    static let noChallengesQuestion = FormQuestion(
        field: "noChallenges", labelDanish: "Ingen udfordringer i år", labelEnglish: "No challenges this year",
        input: .checkbox, requirement: .optional, hintDanish: nil, hintEnglish: nil)

    static let longTextFields: Set<String> = [
        "challenges[N].description", "challenges[N].mitigation", "mitigations[N].text", "operationsPlan", "comments",
    ]

    static func input(for question: DataDictionary.Question, options: [String: [FormOption]]) -> FormQuestion.Input {
        if let choices = options[question.field] { return .select(choices) }
        switch question.kind {
        case .email: return .email
        case .flag: return .yesNo
        default: return longTextFields.contains(question.field) ? .longText : .text
        }
    }

    /// format.json's `expected` key of each field, and a Danish hint beside it.
    static let expectedKeys: [String: String] = [
        "project.authorityType": "Authority/@type", "project.authorityCode": "Authority/@code",
        "project.domain": "Domain", "project.phase": "Phase", "project.status": "Status",
        "challenges[N].code": "Challenge/@category", "challenges[N].severity": "Challenge/@severity",
        "challenges[N].resolved": "Challenge/@resolved", "mitigations[N].code": "Mitigation/@code",
        "usesStateITProjectModel": "UsesStateITProjectModel",
    ]

    static let danishHints: [String: String] = [
        "project.authorityCode": "kommune- eller regionskoden på 3-4 cifre, fx 461",
        "lead.email": "fx navn@kommune.dk",
        "challenges[N].label": "udfyldes når kategorien er \"Andet\"",
        "mitigations[N].text": "skal udfyldes når typen er \"Andet\"",
    ]

    static func hints(for field: String, manifest: FormatManifest) -> (danish: String?, english: String?) {
        (danishHints[field], expectedKeys[field].flatMap { manifest.expected[$0] })
    }
}
