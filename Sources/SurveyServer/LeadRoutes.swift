import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import SurveyModel
import SurveyIntake
import SurveyStore

/// The lead's pages. `GET /r/TOKEN` checks the link, records its use, starts a session and
/// sends the browser on to `/lead`, so the token is in no later address, history entry or
/// referrer. Every post carries the session's CSRF token.
struct LeadRoutes {
    let door: FrontDoor

    /// What every lead page knows: who is asking, with which link, for which round.
    struct Lead {
        var session: Session
        var link: SubmissionLink
        var round: Round
        var entry: RosterEntry?
        var words: Pages.Words { Pages.Words(language: session.language) }
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/r/{token}") { request, context -> Response in
            try await open(request, token: context.parameters.require("token"))
        }
        router.get("/lead") { request, _ -> Response in
            try await withLead(request) { lead in try await page(lead) }
        }
        router.get("/lead/receipts/{id}") { request, context -> Response in
            let id = try context.parameters.require("id")
            return try await withLead(request) { lead in try receiptPage(lead, id: id) }
        }
        router.post("/lead/upload") { request, _ -> Response in
            try await withLead(request) { lead in try await upload(request, lead) }
        }
        router.post("/lead/form") { request, _ -> Response in
            try await withLead(request) { lead in try await form(request, lead) }
        }
    }

    // MARK: Opening a link

    private func open(_ request: Request, token: String) async throws -> Response {
        let language = language(of: request, default: .danish)
        let words = Pages.Words(language: language)
        switch try door.link(token: token) {
        case .failure(let refusal):
            let text = switch refusal {
            case .unknown: words("Linket er ukendt. Tjek at hele linket fra mailen er med, eller bed analytikerne om et nyt.",
                                 "This link is unknown. Check that the whole link from the mail was used, or ask the analysts for a new one.")
            case .revoked: words("Linket er tilbagekaldt, fordi der er udsendt et nyt. Brug det nyeste link, I har fået.",
                                 "This link was revoked because a new one was sent. Use the latest link you received.")
            case .expired: words("Linket er udløbet. Bed analytikerne om et nyt, hvis I stadig skal indberette.",
                                 "This link has expired. Ask the analysts for a new one if you still need to report.")
            }
            return .html(.unauthorized, Pages.message(title: words("Linket virker ikke", "The link does not work"), text: text,
                                                      language: language))
        case .success(let link):
            try door.store.recordUse(of: link.id, at: door.settings.now(), action: "opened")
            let session = await door.sessions.create(.lead(linkId: link.id), language: language)
            return .seeOther("/lead", headers: [.setCookie: FrontDoorServer.cookieHeader(session.id, door: door)])
        }
    }

    /// Runs `body` for the request's lead, or answers with a page telling them to open their link again.
    private func withLead(_ request: Request, _ body: (Lead) async throws -> Response) async throws -> Response {
        let fallback = language(of: request, default: .danish)
        let words = Pages.Words(language: fallback)
        guard let session = await session(of: request, door: door), case .lead(let linkId) = session.role,
              let link = try door.link(id: linkId),
              let round = try door.store.rounds().first(where: { $0.year == link.round }) else {
            return .html(.unauthorized, Pages.message(
                title: words("Åbn jeres link igen", "Open your link again"),
                text: words("Siden kræver, at I åbner linket fra jeres mail (sessionen er udløbet, eller linket gælder ikke længere). Jeres kladde er gemt.",
                            "This page needs the link from your mail (the session has ended, or the link is no longer valid). Your draft is saved."),
                language: fallback))
        }
        let entry = try door.store.roster(of: round.year).first(where: { $0.projectId == link.projectId })
        return try await body(Lead(session: session, link: link, round: round, entry: entry))
    }

    private func checkCSRF(_ value: String?, _ lead: Lead) -> Bool {
        guard let value else { return false }
        return constantTimeEquals(value, lead.session.csrf)
    }

    private func forbidden(_ lead: Lead) -> Response {
        let words = lead.words
        return .html(.forbidden, Pages.message(
            title: words("Formularen er forældet", "The form is out of date"),
            text: words("Siden blev åbnet i en tidligere session. Åbn siden igen og send derfra; intet er ændret.",
                        "The page was opened in an earlier session. Open the page again and send from there; nothing was changed."),
            language: lead.session.language, link: ("/lead", words("Til jeres side", "To your page"))))
    }

    // MARK: The page

    private func page(_ lead: Lead, answers posted: FormAnswers? = nil, problem: FormError? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let words = lead.words
        let notice = await door.sessions.takeNotice(lead.session.id)
        let receipts = try door.store.receipts(round: lead.round.year, projectId: lead.link.projectId)
        let title = lead.entry?.title ?? lead.link.projectId
        let formSection = try FormPage(door: door, lead: lead).section(answers: posted, problem: problem)
        let body = """
            <h1>\(Pages.escape(title))</h1>
            <p class="project">\(Pages.escape(lead.link.projectId)) · \(words("runde", "round")) \(lead.round.year) · \(words("frist", "deadline")) \(Pages.escape(lead.round.deadline))\(lead.entry?.authority.map { " · " + Pages.escape($0) } ?? "")</p>
            \(Pages.notice(notice, words: words))
            <h2>\(words("Jeres kvitteringer", "Your receipts"))</h2>
            \(Pages.receiptList(receipts, words: words))
            \(formSection)
            <h2 id="upload">\(words("Upload en XML-fil", "Upload an XML file"))</h2>
            <p>\(words("Har jeres eget system dannet spørgeskemaet som XML (format \(Pages.escape(lead.round.format))), kan I uploade filen her.",
                       "If your own system exported the questionnaire as XML (format \(Pages.escape(lead.round.format))), upload the file here."))</p>
            <form method="post" action="/lead/upload" enctype="multipart/form-data">
            <input type="hidden" name="csrf" value="\(Pages.escape(lead.session.csrf))">
            <label for="file">\(words("XML-fil", "XML file")) <span class="hint">\(words("højst", "at most")) \(sizeWords(door.settings.maxBytes))</span></label>
            <input type="file" id="file" name="file" accept=".xml,application/xml,text/xml" required>
            <button type="submit" id="upload-button">\(words("Upload og send", "Upload and send"))</button>
            </form>
            <form method="post" action="/logout"><button class="secondary" type="submit">\(words("Log ud", "Log out"))</button></form>
            """
        return .html(status, Pages.page(title: "\(title) – \(lead.round.year)", language: lead.session.language, switchTo: "/lead", body: body))
    }

    private func receiptPage(_ lead: Lead, id: String) throws -> Response {
        let json = id.hasSuffix(".json")
        let receiptId = json ? String(id.dropLast(5)) : id
        guard let stored = try door.store.receipt(id: receiptId), stored.round == lead.round.year,
              stored.projectId == lead.link.projectId else {
            let words = lead.words
            return .html(.notFound, Pages.message(title: words("Kvitteringen findes ikke", "No such receipt"),
                                                  text: words("Der er ingen kvittering med det nummer for jeres projekt.",
                                                              "There is no receipt with that number for your project."),
                                                  language: lead.session.language, link: ("/lead", words("Til jeres side", "To your page"))))
        }
        if json {
            return .json(.ok, [UInt8](try APIRoutes.encoder.encode(stored.receipt)))
        }
        let words = lead.words
        let dictionary = door.pipeline.completeness.checker(for: lead.round.format)?.dictionary
        let section = Pages.receipt(stored, dictionary: dictionary, words: words, fixLink: "/lead")
        let body = """
            <p><a href="/lead">← \(words("Til jeres side", "To your page"))</a> · <a href="/lead/receipts/\(Pages.escape(receiptId)).json">JSON</a></p>
            \(section)
            """
        return .html(.ok, Pages.page(title: Pages.statusWord(stored.receipt.status, words: words), language: lead.session.language,
                                     switchTo: "/lead/receipts/\(receiptId)", body: body))
    }

    // MARK: Sending

    /// The receipt of a submission just made: its page (303), or 429 when the link sent too many.
    private func sent(_ bytes: [UInt8], via: StoredReceipt.Via, _ lead: Lead) async throws -> Response {
        if let wait = await door.limiter.admit(lead.link.id) {
            let words = lead.words
            return .html(.tooManyRequests, Pages.message(
                title: words("For mange indsendelser", "Too many submissions"),
                text: words("Der er sendt mange besvarelser med jeres link det seneste minut. Vent \(wait) sekunder og prøv igen; jeres kladde er gemt.",
                            "Many submissions were made with your link in the last minute. Wait \(wait) seconds and try again; your draft is saved."),
                language: lead.session.language, link: ("/lead", words("Til jeres side", "To your page"))),
                headers: [.retryAfter: String(wait)])
        }
        let submitted = try await door.submit(bytes, via: via, link: lead.link)
        return .seeOther("/lead/receipts/\(submitted.receipt.receiptId)")
    }

    private func tooLarge(_ request: Request, _ lead: Lead) -> Response {
        let words = lead.words
        let limit = sizeWords(door.settings.maxBytes)
        let size = request.headers[.contentLength].flatMap(Int.init).map(sizeWords)
        return .html(.contentTooLarge, Pages.message(
            title: words("Filen er for stor", "The file is too large"),
            text: words("Et spørgeskema må højst fylde \(limit)\(size.map { "; det sendte fyldte \($0)" } ?? ""). Intet er gemt.",
                        "A questionnaire may be at most \(limit)\(size.map { "; what was sent was \($0)" } ?? ""). Nothing was stored."),
            language: lead.session.language, link: ("/lead", words("Til jeres side", "To your page"))))
    }

    private func upload(_ request: Request, _ lead: Lead) async throws -> Response {
        // The file, the CSRF field and multipart's own lines: a little above the questionnaire limit.
        guard let body = try await body(of: request, limit: door.settings.maxBytes + 64 * 1024) else { return tooLarge(request, lead) }
        let words = lead.words
        guard let contentType = request.headers[.contentType], let boundary = Self.boundary(contentType) else {
            return .html(.badRequest, Pages.message(title: words("Ingen fil", "No file"),
                                                    text: words("Vælg en XML-fil og send formularen igen.", "Choose an XML file and send the form again."),
                                                    language: lead.session.language, link: ("/lead", words("Til jeres side", "To your page"))))
        }
        let parts: [String: [UInt8]]
        do {
            parts = try Self.multipartFields(body, boundary: boundary)
        } catch {
            return .html(.badRequest, Pages.message(title: words("Upload mislykkedes", "The upload failed"),
                                                    text: words("Browseren sendte en ufuldstændig formular. Prøv igen.",
                                                                "The browser sent an incomplete form. Try again."),
                                                    language: lead.session.language, link: ("/lead", words("Til jeres side", "To your page"))))
        }
        guard checkCSRF(parts["csrf"].map { String(decoding: $0, as: UTF8.self) }, lead) else { return forbidden(lead) }
        guard let file = parts["file"], !file.isEmpty else {
            var session = lead.session
            session.notice = .init(danish: "Vælg en XML-fil før I trykker Upload.", english: "Choose an XML file before pressing Upload.", isError: true)
            await door.sessions.update(session)
            return .seeOther("/lead#upload")
        }
        guard file.count <= door.settings.maxBytes else { return tooLarge(request, lead) }
        return try await sent(file, via: .upload, lead)
    }

    static func boundary(_ contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            return value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? String(value.dropFirst().dropLast()) : value
        }
        return nil
    }

    /// The parts of a multipart/form-data body by their field name (the last of a repeated name).
    static func multipartFields(_ body: ByteBuffer, boundary: String) throws -> [String: [UInt8]] {
        let parser = MultipartParser(boundary: boundary)
        var fields: [String: [UInt8]] = [:]
        var name: String?
        var current: [UInt8] = []
        parser.onHeader = { header, value in
            guard header.lowercased() == "content-disposition" else { return }
            name = Self.dispositionName(value)
        }
        parser.onBody = { chunk in
            current.append(contentsOf: chunk.readableBytesView)
        }
        parser.onPartComplete = {
            if let name { fields[name] = current }
            name = nil
            current = []
        }
        try parser.execute(body)
        return fields
    }

    /// `form-data; name="file"; filename="a.xml"` → `file`.
    static func dispositionName(_ value: String) -> String? {
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "name" else { continue }
            return pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    // MARK: The form

    private func form(_ request: Request, _ lead: Lead) async throws -> Response {
        guard let body = try await body(of: request, limit: door.settings.maxBytes) else { return tooLarge(request, lead) }
        let fields = formFields(body)
        guard checkCSRF(fields.last(where: { $0.name == "csrf" })?.value, lead) else { return forbidden(lead) }
        let form = FormPage(door: door, lead: lead)
        let action = fields.last(where: { $0.name == "action" })?.value ?? "send"
        var answers = FormAnswers(fields: fields.map { (name: $0.name, value: $0.value) })
        switch action {
        case "add-challenge": answers = answers.addingChallenge()
        case "add-mitigation": answers = answers.addingMitigation()
        case let remove where remove.hasPrefix("remove-challenge-"):
            if let index = Int(remove.dropFirst("remove-challenge-".count)) { answers = answers.removingChallenge(at: index) }
        case let remove where remove.hasPrefix("remove-mitigation-"):
            if let index = Int(remove.dropFirst("remove-mitigation-".count)) { answers = answers.removingMitigation(at: index) }
        default: break
        }
        // Whatever the lead asked for, what they typed is kept first.
        try form.saveDraft(answers)
        guard action == "send" else {
            var session = lead.session
            if action == "save" {
                session.notice = .init(danish: "Kladden er gemt. I kan vende tilbage med jeres link og fortsætte.",
                                       english: "The draft is saved. Come back with your link to go on.", isError: false)
                await door.sessions.update(session)
            }
            return .seeOther("/lead#form")
        }
        switch form.document(answers) {
        case .success(let bytes):
            return try await sent(bytes, via: .form, lead)
        case .failure(let problem):
            return try await page(lead, answers: answers, problem: problem, status: .unprocessableContent)
        }
    }
}
