import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyService

/// The analysts' pages: the round live (who has sent, who has not, the receipts as they come,
/// the open flags), one submission (its original, findings, reviews and what each revision
/// changed), and the review of one or many submissions.
///
/// Behind named accounts (`survey-intake analyst add`; role analyst changes, role viewer looks)
/// and, when `serve` was given one, the analysts' token; never a default password. With
/// neither, the pages answer 404. The CLI's `flags`, `report` and exports read the same store.
struct AnalystRoutes {
    let door: FrontDoor
    static let loginCookie = "si_login"
    /// Who a session opened with the analysts' token is, on what it signs.
    static let tokenAnalyst = "analyst (token)"

    func add(to router: Router<BasicRequestContext>) {
        router.get("/analyst/login") { request, _ -> Response in
            guard try isOpen() else { return closed(request) }
            return try loginPage(language(of: request, default: .danish), problem: nil)
        }
        router.post("/analyst/login") { request, _ -> Response in
            guard try isOpen() else { return closed(request) }
            return try await login(request)
        }
        router.post("/analyst/review") { request, _ -> Response in
            guard try isOpen() else { return closed(request) }
            guard let (session, analyst) = await analystSession(request) else { return .seeOther("/analyst/login") }
            guard analyst.role.mayChange else { return viewerRefused(session) }
            return try await review(request, session, by: analyst.name)
        }
        router.post("/analyst/waive") { request, _ -> Response in
            guard try isOpen() else { return closed(request) }
            guard let (session, analyst) = await analystSession(request) else { return .seeOther("/analyst/login") }
            guard analyst.role.mayChange else { return viewerRefused(session) }
            return try await waive(request, session, by: analyst.name)
        }
        router.post("/analyst/correct") { request, _ -> Response in
            guard try isOpen() else { return closed(request) }
            guard let (session, analyst) = await analystSession(request) else { return .seeOther("/analyst/login") }
            guard analyst.role.mayChange else { return viewerRefused(session) }
            return try await correct(request, session, by: analyst.name)
        }
        router.get("/analyst") { request, _ -> Response in
            guard try isOpen() else { return closed(request) }
            guard let (session, analyst) = await analystSession(request) else { return .seeOther("/analyst/login") }
            return try AnalystPages(door: door, session: session, role: analyst.role).overview(request)
        }
        router.get("/analyst/submission/{id}") { request, context -> Response in
            guard try isOpen() else { return closed(request) }
            guard let (session, analyst) = await analystSession(request) else { return .seeOther("/analyst/login") }
            let id = context.parameters.get("id") ?? ""
            return try AnalystPages(door: door, session: session, role: analyst.role).submission(id)
        }
        router.get("/analyst/submission/{id}/original") { request, context -> Response in
            guard try isOpen() else { return closed(request) }
            guard let (session, analyst) = await analystSession(request) else { return .seeOther("/analyst/login") }
            let id = context.parameters.get("id") ?? ""
            return try AnalystPages(door: door, session: session, role: analyst.role).original(id)
        }
    }

    /// The pages are open when `serve` has the analysts' token or the store an account.
    private func isOpen() throws -> Bool {
        if door.settings.analystToken != nil { return true }
        return try door.store.hasAnalystAccounts()
    }

    private func analystSession(_ request: Request) async -> (Session, (name: String, role: AnalystRole))? {
        guard let session = await session(of: request, door: door), let analyst = session.analyst else { return nil }
        return (session, analyst)
    }

    /// A name and password (or the analysts' token) for a session; failed tries are counted per
    /// name, and the sixth within ten minutes waits.
    private func login(_ request: Request) async throws -> Response {
        guard let body = try await body(of: request, limit: 64 * 1024) else { return Response(status: .contentTooLarge) }
        let fields = formFields(body)
        func field(_ name: String) -> String? { fields.last(where: { $0.name == name })?.value }
        let language = field("lang").flatMap(PageLanguage.init(rawValue:)) ?? .danish
        let words = Pages.Words(language: language)
        // Login CSRF: the form's nonce must match the cookie set with it (another site sets neither).
        guard let nonce = field("nonce"), let cookieNonce = request.cookies[Self.loginCookie]?.value,
              constantTimeEquals(nonce, cookieNonce) else {
            return try loginPage(language, problem: words("Siden var forældet. Prøv igen.", "The page was out of date. Try again."),
                                 status: .forbidden)
        }
        let name = field("name")?.trimmingCharacters(in: .whitespaces) ?? ""
        let key = name.isEmpty ? "token" : "account:" + name.lowercased()
        if let wait = await door.logins.wait(key) {
            let minutes = max(1, (wait + 59) / 60)
            return try loginPage(language, problem: words("For mange forkerte forsøg. Prøv igen om \(minutes) min.",
                                                          "Too many failed tries. Try again in \(minutes) min."),
                                 status: .tooManyRequests, headers: [.retryAfter: String(wait)])
        }
        let role: Session.Role
        if name.isEmpty {
            guard let expected = door.settings.analystToken, let token = field("token"), constantTimeEquals(token, expected) else {
                await door.logins.failed(key)
                return try loginPage(language, problem: words("Forkert token. Prøv igen.", "Wrong token. Try again."), status: .unauthorized)
            }
            role = .analyst(name: Self.tokenAnalyst, role: .analyst)
        } else {
            let credentials = try door.store.analystCredentials(name)
            // An unknown name is checked against a decoy hash: the answer takes as long either way.
            let matches = await Self.verify(field("password") ?? "", hash: credentials?.passwordHash ?? Passwords.decoy)
            guard matches, let account = credentials?.account else {
                await door.logins.failed(key)
                return try loginPage(language, problem: words("Forkert navn eller adgangskode. Prøv igen.", "Wrong name or password. Try again."),
                                     status: .unauthorized)
            }
            role = .analyst(name: account.name, role: account.role)
        }
        await door.logins.succeeded(key)
        let session = await door.sessions.create(role, language: language)
        var headers = HTTPFields()
        headers.append(HTTPField(name: .setCookie, value: FrontDoorServer.cookieHeader(session.id, door: door)))
        headers.append(HTTPField(name: .setCookie, value: setCookieValue(Self.loginCookie, "", secure: door.settings.secureCookies, maxAge: 0)))
        return .seeOther("/analyst", headers: headers)
    }

    /// bcrypt takes a quarter of a second by design: off the tasks that answer requests.
    static func verify(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Passwords.verify(password, hash: hash)) }
        }
    }

    /// A review state for one or more submissions (`submission` repeated), from the round's
    /// table or a submission's page (`back` = its id: the answer returns there).
    private func review(_ request: Request, _ session: Session, by analyst: String) async throws -> Response {
        let fields: [(name: String, value: String)]
        switch try await checkedFields(request, session, limit: 256 * 1024) {
        case .fields(let checked): fields = checked
        case .answer(let response): return response
        }
        let words = Pages.Words(language: session.language)
        let ids = fields.filter { $0.name == "submission" }.map(\.value)
        let round = fields.last(where: { $0.name == "round" }).flatMap { Int($0.value) }
        let back = fields.last(where: { $0.name == "back" })?.value
        guard let state = fields.last(where: { $0.name == "state" }).flatMap({ ReviewState(rawValue: $0.value) }), !ids.isEmpty else {
            return .html(.badRequest, Pages.message(title: words("Intet valgt", "Nothing chosen"),
                                                    text: words("Vælg en eller flere besvarelser og en tilstand.",
                                                                "Choose one or more submissions and a state."),
                                                    language: session.language, link: ("/analyst", words("Til runden", "To the round"))))
        }
        let comment = fields.last(where: { $0.name == "comment" })?.value.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            try door.store.review(ids, state: state, comment: comment?.isEmpty == false ? comment : nil,
                                  analyst: analyst, at: door.settings.now())
        } catch let unknown as UnknownSubmissions {
            return .html(.notFound, Pages.message(title: words("Ukendt besvarelse", "Unknown submission"),
                                                  text: unknown.errorDescription ?? "", language: session.language,
                                                  link: ("/analyst", words("Til runden", "To the round"))))
        }
        if let back, ids.contains(back) {
            return .seeOther("/analyst/submission/" + AnalystPages.pathComponent(back))
        }
        return .seeOther("/analyst" + (round.map { "?round=\($0)" } ?? ""))
    }

    enum Checked {
        /// In the order posted; a name may repeat (`submission` in a bulk review).
        case fields([(name: String, value: String)])
        case answer(Response)
    }

    /// A form post of an analyst's page: its fields once the session's CSRF token is checked,
    /// else the answer to give.
    private func checkedFields(_ request: Request, _ session: Session, limit: Int = 64 * 1024) async throws -> Checked {
        guard let body = try await body(of: request, limit: limit) else { return .answer(Response(status: .contentTooLarge)) }
        let fields = formFields(body)
        let words = Pages.Words(language: session.language)
        guard let csrf = fields.last(where: { $0.name == "csrf" })?.value, constantTimeEquals(csrf, session.csrf) else {
            return .answer(.html(.forbidden, Pages.message(title: words("Siden er forældet", "The page is out of date"),
                                                            text: words("Åbn siden igen; intet er ændret.", "Open the page again; nothing was changed."),
                                                            language: session.language, link: ("/analyst", words("Til runden", "To the round")))))
        }
        return .fields(fields)
    }

    /// A form's fields by name, the last one of a name winning.
    static func lastByName(_ fields: [(name: String, value: String)]) -> [String: String] {
        Dictionary(fields.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
    }

    private func refused(_ session: Session, _ status: HTTPResponse.Status, _ danish: String, _ english: String, back id: String?) -> Response {
        let words = Pages.Words(language: session.language)
        let link = id.map { ("/analyst/submission/" + AnalystPages.pathComponent($0), words("Tilbage til besvarelsen", "Back to the submission")) }
            ?? ("/analyst", words("Til runden", "To the round"))
        return .html(status, Pages.message(title: words("Intet er ændret", "Nothing was changed"), text: words(danish, english),
                                           language: session.language, link: link))
    }

    /// Waives one flag of a submission (its field and rule) with the reason given.
    private func waive(_ request: Request, _ session: Session, by analyst: String) async throws -> Response {
        let fields: [String: String]
        switch try await checkedFields(request, session) {
        case .fields(let checked): fields = Self.lastByName(checked)
        case .answer(let response): return response
        }
        guard let id = fields["submission"], let field = fields["field"], !field.isEmpty else {
            return refused(session, .badRequest, "Vælg et flag.", "Choose a flag.", back: nil)
        }
        guard let reason = fields["reason"]?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
            return refused(session, .badRequest, "Skriv hvorfor flaget frafaldes: grunden står i revisionssporet.",
                           "Write why the flag is waived: the reason goes in the audit log.", back: id)
        }
        let keys: [FlagKey]
        do {
            keys = try door.store.flagKeys(of: id, field: field, rule: fields["rule"].flatMap(CompletenessRule.init(rawValue:)))
        } catch let error as FlagSelectionError {
            return refused(session, .notFound, error.description(danish: true), error.description(danish: false), back: nil)
        }
        try door.store.waive(keys, reason: reason, analyst: analyst, at: door.settings.now())
        return .seeOther("/analyst/submission/" + AnalystPages.pathComponent(id))
    }

    /// Sets one challenge's category (a code of the taxonomy, or of one of its subcategories).
    private func correct(_ request: Request, _ session: Session, by analyst: String) async throws -> Response {
        let fields: [String: String]
        switch try await checkedFields(request, session) {
        case .fields(let checked): fields = Self.lastByName(checked)
        case .answer(let response): return response
        }
        guard let id = fields["submission"], let position = fields["challenge"].flatMap(Int.init) else {
            return refused(session, .badRequest, "Vælg en udfordring.", "Choose a challenge.", back: nil)
        }
        let taxonomy = door.pipeline.mapper.normaliser.vocabularies.challenges
        guard let code = fields["category"], let entry = taxonomy.entry(code: code) else {
            return refused(session, .badRequest, "Vælg en kategori fra taksonomien.", "Choose a category of the taxonomy.", back: id)
        }
        let note = fields["note"]?.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            try door.store.correct(.challenge(submissionId: id, position: position), category: entry.parent ?? entry.code,
                                   subcategory: entry.parent == nil ? nil : entry.code, note: note?.isEmpty == false ? note : nil,
                                   analyst: analyst, at: door.settings.now(), fold: TextFolding.fold)
        } catch is UnknownSubmissions {
            return refused(session, .notFound, "Datasættet har ingen besvarelse med id’et \(id).", "The dataset has no submission with the id \(id).", back: nil)
        } catch CorrectionRefusal.noSuchChallenge(_, _, let count) {
            return refused(session, .notFound, "Besvarelsen har ingen udfordring \(position): den har \(count).",
                           "The submission has no challenge \(position): it has \(count).", back: id)
        }
        return .seeOther("/analyst/submission/" + AnalystPages.pathComponent(id) + "#challenge-\(position)")
    }

    private func viewerRefused(_ session: Session) -> Response {
        let words = Pages.Words(language: session.language)
        return .html(.forbidden, Pages.message(title: words("Kun læseadgang", "Read only"),
                                               text: words("Din konto kan se, ikke ændre. Intet er ændret.",
                                                           "Your account can look, not change. Nothing was changed."),
                                               language: session.language, link: ("/analyst", words("Til runden", "To the round"))))
    }

    private func closed(_ request: Request) -> Response {
        let words = Pages.Words(language: language(of: request, default: .danish))
        return .html(.notFound, Pages.message(title: words("Ikke åben", "Not open"),
                                              text: words("Analytikernes sider er lukket: der er ingen analytikerkonto (survey-intake analyst add), og serveren blev startet uden analytiker-token.",
                                                          "The analysts' pages are closed: there is no analyst account (survey-intake analyst add), and the server was started without an analyst token."),
                                              language: words.language))
    }

    /// The login: name and password when the store has accounts; the token when `serve` has one.
    private func loginPage(_ language: PageLanguage, problem: String?, status: HTTPResponse.Status = .ok,
                           headers extra: HTTPFields = [:]) throws -> Response {
        let words = Pages.Words(language: language)
        let nonce = SubmissionLinks.token()
        let notice = problem.map { "<p class=\"notice error\" role=\"alert\">\(Pages.escape($0))</p>" } ?? ""
        let hidden = "<input type=\"hidden\" name=\"nonce\" value=\"\(nonce)\"><input type=\"hidden\" name=\"lang\" value=\"\(language.rawValue)\">"
        var forms: [String] = []
        if try door.store.hasAnalystAccounts() {
            forms.append("""
                <form method="post" action="/analyst/login" id="account-login">
                \(hidden)
                <label for="name">\(words("Navn", "Name"))</label>
                <input type="text" id="name" name="name" autocomplete="username" required>
                <label for="password">\(words("Adgangskode", "Password"))</label>
                <input type="password" id="password" name="password" autocomplete="current-password" required>
                <button type="submit">\(words("Log ind", "Log in"))</button>
                </form>
                """)
        }
        if door.settings.analystToken != nil {
            forms.append("""
                <form method="post" action="/analyst/login" id="token-login">
                \(hidden)
                <label for="token">\(words("Analytiker-token", "Analyst token"))</label>
                <input type="password" id="token" name="token" autocomplete="off" required>
                <button type="submit"\(forms.isEmpty ? "" : " class=\"secondary\"")>\(words("Log ind med token", "Log in with the token"))</button>
                </form>
                """)
        }
        let body = "<h1>\(words("Analytikere", "Analysts"))</h1>\n\(notice)\n" + forms.joined(separator: "\n")
        var headers = extra
        headers[.setCookie] = setCookieValue(Self.loginCookie, nonce, secure: door.settings.secureCookies, maxAge: 600)
        return .html(status, Pages.page(title: words("Analytikere", "Analysts"), language: language, switchTo: "/analyst/login", body: body),
                     headers: headers)
    }

    static func reviewWord(_ state: ReviewState, words: Pages.Words) -> String {
        switch state {
        case .received: words("modtaget", "received")
        case .hasIssues: words("har mangler", "has issues")
        case .approved: words("godkendt", "approved")
        case .rejected: words("afvist", "rejected")
        }
    }
}
