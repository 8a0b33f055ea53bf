import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore

/// The web form of a lead's round: generated from the round's format (its data dictionary and
/// vocabularies), filled from what the lead has already given, and turned back into the
/// format's XML on the server. Works without JavaScript: conditional questions are shown with
/// the condition under their label, and items are added and removed by buttons that post.
struct FormPage {
    let door: FrontDoor
    let lead: LeadRoutes.Lead

    var form: QuestionnaireForm? { door.forms[lead.round.format] }
    var dictionary: DataDictionary? { door.pipeline.completeness.checker(for: lead.round.format)?.dictionary }

    /// What the form opens with: the lead's draft, else their current submission in the round (a
    /// revision), else the project facts of their previous round, else nothing.
    func startingAnswers(_ form: QuestionnaireForm) throws -> (answers: FormAnswers, source: Source) {
        let store = door.store
        // A draft written by an older form that no longer decodes is passed over, not shown as an error.
        if let draft = try store.draft(round: lead.round.year, projectId: lead.link.projectId),
           let answers = try? JSONDecoder().decode(FormAnswers.self, from: Data(draft.json.utf8)) {
            return (answers, .draft(draft.savedAt))
        }
        if let current = try store.currentSubmission(projectId: lead.link.projectId, round: lead.round.year),
           let submission = try submission(sha256: current.sha256) {
            return (form.answers(from: submission), .current)
        }
        if let previous = try store.previousSubmission(projectId: lead.link.projectId, before: lead.round.year),
           let submission = try submission(sha256: previous.sha256) {
            return (form.projectFacts(from: submission), .previous(previous.round))
        }
        return (FormAnswers(fields: []).addingChallenge(), .empty)
    }

    enum Source {
        case draft(String), current, previous(Int), empty
    }

    /// The stored original, through the pipeline again: the canonical submission it gives today.
    private func submission(sha256: String) throws -> Submission? {
        guard let bytes = try door.store.original(sha256: sha256) else { return nil }
        return bytes.withUnsafeBytes { door.pipeline.process(bytes: $0, path: "stored:\(sha256.prefix(12))") }.submission
    }

    func saveDraft(_ answers: FormAnswers) throws {
        let json = String(decoding: try JSONEncoder().encode(answers), as: UTF8.self)
        try door.store.saveDraft(json, round: lead.round.year, projectId: lead.link.projectId, at: door.settings.now())
    }

    /// The questionnaire XML of the answers, or why it cannot be built.
    func document(_ answers: FormAnswers) -> Result<[UInt8], FormError> {
        guard let form else {
            return .failure(FormError(field: nil, messageEnglish: "this round's format has no web form; upload the XML instead",
                                      messageDanish: "rundens format har ingen webformular; upload XML-filen i stedet"))
        }
        // Whole seconds: two sends within one second are told apart by their order of arrival.
        let now = door.settings.now()
        let submittedAt = now.count > 20 ? String(now.prefix(19)) + "Z" : now
        do {
            return .success(try form.document(answers, projectId: lead.link.projectId, round: lead.round.year,
                                              submissionId: UUID().uuidString.lowercased(), submittedAt: submittedAt))
        } catch {
            return .failure(error)
        }
    }

    // MARK: Rendering

    /// The form's section of the lead's page.
    func section(answers posted: FormAnswers?, problem: FormError?) throws -> String {
        let words = lead.words
        guard let form else {
            return "<h2 id=\"form\">\(words("Formular", "Form"))</h2>\n<p>"
                + words("Rundens format (\(Pages.escape(lead.round.format))) har ingen webformular. Upload spørgeskemaet som XML nedenfor.",
                        "This round's format (\(Pages.escape(lead.round.format))) has no web form. Upload the questionnaire as XML below.")
                + "</p>"
        }
        let start = try posted.map { (answers: $0, source: Source.draft(door.settings.now())) } ?? startingAnswers(form)
        let answers = start.answers
        let origin: String = switch start.source {
        case .draft(let time): words("Formularen viser jeres kladde (gemt \(time)).", "The form shows your draft (saved \(time)).")
        case .current: words("Formularen viser jeres seneste besvarelse i runden; det I sender, erstatter den.",
                             "The form shows your latest submission in this round; what you send replaces it.")
        case .previous(let year): words("Projektets oplysninger er hentet fra jeres besvarelse i \(year). Tjek dem.",
                                        "The project's facts are taken from your submission of \(year). Check them.")
        case .empty: words("Udfyld formularen. Felter med * skal besvares.", "Fill in the form. Fields marked * are required.")
        }
        // What the lead should fix, by field: the form's own problem, then the latest receipt's findings.
        var problems: [String: String] = [:]
        if let latest = try door.store.receipts(round: lead.round.year, projectId: lead.link.projectId, limit: 1).first {
            for finding in latest.receipt.findings {
                if let field = finding.field { problems[field] = finding.localized(danish: words.language.isDanish).message }
            }
        }
        if let problem, let field = problem.field { problems[field] = words(problem.messageDanish, problem.messageEnglish) }
        let problemBanner = problem.map {
            "<p class=\"notice error\" role=\"alert\">\(Pages.escape(words($0.messageDanish, $0.messageEnglish)))</p>"
        } ?? ""

        var html = """
            <h2 id="form">\(words("Formular", "Form"))</h2>
            <p>\(Pages.escape(origin))</p>
            \(problemBanner)
            <form method="post" action="/lead/form" id="questionnaire" novalidate>
            <input type="hidden" name="csrf" value="\(Pages.escape(lead.session.csrf))">
            <button type="submit" name="action" value="save" class="secondary">\(words("Gem kladde", "Save draft"))</button>

            """
        for section in form.sections {
            if let collection = section.collection {
                let count = collection == "challenges" ? answers.challengeCount : answers.mitigationCount
                html += "<fieldset id=\"section-\(Pages.escape(section.id))\"><legend>\(Pages.escape(words(section.titleDanish, section.titleEnglish)))</legend>\n"
                // Asked once for the section (the "no challenges" box), not per item.
                for question in section.questions where question.input == .checkbox {
                    let checked = answers.noChallenges ? " checked" : ""
                    html += "<label class=\"checkbox\"><input type=\"checkbox\" name=\"\(Pages.escape(question.field))\" value=\"true\" "
                        + "id=\"\(Pages.anchor(question.field))\"\(checked)> \(Pages.escape(words(question.labelDanish, question.labelEnglish)))</label>\n"
                }
                if let problem = problems[collection] {
                    html += "<span class=\"problem\" id=\"\(Pages.anchor(collection))\">\(Pages.escape(problem))</span>\n"
                }
                let noun = collection == "challenges" ? words("Udfordring", "Challenge") : words("Tiltag", "Measure")
                let singular = collection == "challenges" ? "challenge" : "mitigation"
                for item in stride(from: 1, through: count, by: 1) {
                    html += "<fieldset class=\"item\" id=\"\(singular)-\(item)\"><legend>\(noun) \(item)</legend>\n"
                    for question in section.questions where question.input != .checkbox {
                        html += render(question, field: question.field(item: item),
                                       answers: answers, problems: problems, words: words)
                    }
                    html += "<button type=\"submit\" name=\"action\" value=\"remove-\(singular)-\(item)\" class=\"secondary\">"
                        + words("Fjern \(noun.lowercased()) \(item)", "Remove \(noun.lowercased()) \(item)") + "</button>\n</fieldset>\n"
                }
                html += "<button type=\"submit\" name=\"action\" value=\"add-\(singular)\" class=\"secondary\" id=\"add-\(singular)\">"
                    + words("Tilføj \(noun.lowercased())", "Add \(noun.lowercased())") + "</button>\n</fieldset>\n"
            } else {
                html += "<fieldset id=\"section-\(Pages.escape(section.id))\"><legend>\(Pages.escape(words(section.titleDanish, section.titleEnglish)))</legend>\n"
                for question in section.questions {
                    html += render(question, field: question.field, answers: answers, problems: problems, words: words)
                }
                html += "</fieldset>\n"
            }
        }
        html += """
            <button type="submit" name="action" value="send" id="send">\(words("Send besvarelsen", "Send the submission"))</button>
            <button type="submit" name="action" value="save" class="secondary" id="save">\(words("Gem kladde", "Save draft"))</button>
            </form>
            """
        return html
    }

    /// One question: its label as on paper, when it is required, its input filled with the answer.
    private func render(_ question: FormQuestion, field: String, answers: FormAnswers, problems: [String: String],
                        words: Pages.Words) -> String {
        let id = Pages.anchor(field)
        let name = Pages.escape(field)
        let value = answers.values[field] ?? ""
        let label = Pages.escape(words(question.labelDanish, question.labelEnglish))
        var hints: [String] = []
        if case .requiredWhen(let conditionField, let values) = question.requirement {
            let condition = conditionLabel(conditionField, words: words)
            let options = values.map { optionLabel(conditionField, code: $0, words: words) }.joined(separator: words(" eller ", " or "))
            hints.append(words("Skal besvares, når \(condition) er \(options).", "Required when \(condition) is \(options)."))
        }
        // A select list shows its choices itself; its hint would only list the codes again.
        if case .select = question.input {} else if let hint = words.language.isDanish ? question.hintDanish : question.hintEnglish {
            hints.append(hint)
        }
        let problem = problems[field]
        let labelText = question.requirement == .required ? "<span class=\"required\">\(label)</span>" : label
        var html = "<div class=\"question\(problem == nil ? "" : " invalid")\">\n<label for=\"\(id)\">\(labelText)"
        for hint in hints { html += " <span class=\"hint\">\(Pages.escape(hint))</span>" }
        html += "</label>\n"
        let describedBy = problem == nil ? "" : " aria-describedby=\"\(id)-problem\" aria-invalid=\"true\""
        switch question.input {
        case .text:
            html += "<input type=\"text\" id=\"\(id)\" name=\"\(name)\" value=\"\(Pages.escape(value))\"\(describedBy)>\n"
        case .email:
            html += "<input type=\"email\" id=\"\(id)\" name=\"\(name)\" value=\"\(Pages.escape(value))\" autocomplete=\"email\"\(describedBy)>\n"
        case .longText:
            html += "<textarea id=\"\(id)\" name=\"\(name)\" rows=\"4\"\(describedBy)>\(Pages.escape(value))</textarea>\n"
        case .select(let options):
            html += "<select id=\"\(id)\" name=\"\(name)\"\(describedBy)>\n<option value=\"\">\(words("– vælg –", "– choose –"))</option>\n"
            for option in options {
                let selected = option.code == value ? " selected" : ""
                html += "<option value=\"\(Pages.escape(option.code))\"\(selected)>\(Pages.escape(words(option.labelDanish, option.labelEnglish)))</option>\n"
            }
            html += "</select>\n"
        case .checkbox:
            let checked = value.isEmpty ? "" : " checked"
            html += "<input type=\"checkbox\" id=\"\(id)\" name=\"\(name)\" value=\"true\"\(checked)\(describedBy)>\n"
        case .yesNo:
            html += "<select id=\"\(id)\" name=\"\(name)\"\(describedBy)>\n"
            for (code, danish, english) in [("", "– ikke besvaret –", "– not answered –"), ("true", "Ja", "Yes"), ("false", "Nej", "No")] {
                html += "<option value=\"\(code)\"\(code == value ? " selected" : "")>\(words(danish, english))</option>\n"
            }
            html += "</select>\n"
        }
        if let problem { html += "<span class=\"problem\" id=\"\(id)-problem\">\(Pages.escape(problem))</span>\n" }
        return html + "</div>\n"
    }

    /// The label of the question a condition is about (`challenges[N].resolved` → "Løst?").
    private func conditionLabel(_ field: String, words: Pages.Words) -> String {
        guard let question = dictionary?.questions.first(where: { $0.field == field }) else { return field }
        return "«\(words(question.labelDanish, question.labelEnglish))»"
    }

    /// The label of one of a coded question's answers, as its select list shows it.
    private func optionLabel(_ field: String, code: String, words: Pages.Words) -> String {
        for section in form?.sections ?? [] {
            for question in section.questions where question.field == field {
                if case .select(let options) = question.input, let option = options.first(where: { $0.code == code }) {
                    return "«\(words(option.labelDanish, option.labelEnglish))»"
                }
            }
        }
        return "«\(code)»"
    }
}
