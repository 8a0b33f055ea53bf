import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SurveyModel
import SurveyStore
import SurveyService

/// The analysts' view of a round, live: who has sent, who has not, the receipts as they come,
/// the open flags. Behind the analysts' token (given to `serve` at start-up, never a default);
/// without one the pages answer 404. The CLI's `flags`, `report` and exports read the same store.
struct AnalystRoutes {
    let door: FrontDoor
    static let loginCookie = "si_login"

    func add(to router: Router<BasicRequestContext>) {
        router.get("/analyst/login") { request, _ -> Response in
            guard door.settings.analystToken != nil else { return closed(request) }
            return loginPage(language(of: request, default: .danish), failed: false)
        }
        router.post("/analyst/login") { request, _ -> Response in
            guard let expected = door.settings.analystToken else { return closed(request) }
            guard let body = try await body(of: request, limit: 64 * 1024) else { return Response(status: .contentTooLarge) }
            let fields = formFields(body)
            let language = fields.last(where: { $0.name == "lang" }).flatMap { PageLanguage(rawValue: $0.value) } ?? .danish
            // Login CSRF: the form's nonce must match the cookie set with it (another site sets neither).
            guard let nonce = fields.last(where: { $0.name == "nonce" })?.value, let cookieNonce = request.cookies[Self.loginCookie]?.value,
                  constantTimeEquals(nonce, cookieNonce) else {
                return loginPage(language, failed: true, status: .forbidden)
            }
            guard let token = fields.last(where: { $0.name == "token" })?.value, constantTimeEquals(token, expected) else {
                return loginPage(language, failed: true, status: .unauthorized)
            }
            let session = await door.sessions.create(.analyst, language: language)
            var headers = HTTPFields()
            headers.append(HTTPField(name: .setCookie, value: FrontDoorServer.cookieHeader(session.id, door: door)))
            headers.append(HTTPField(name: .setCookie, value: setCookieValue(Self.loginCookie, "", secure: door.settings.secureCookies, maxAge: 0)))
            return .seeOther("/analyst", headers: headers)
        }
        router.post("/analyst/review") { request, _ -> Response in
            guard door.settings.analystToken != nil else { return closed(request) }
            guard let session = await session(of: request, door: door), session.role == .analyst else {
                return .seeOther("/analyst/login")
            }
            return try await review(request, session)
        }
        router.get("/analyst") { request, _ -> Response in
            guard door.settings.analystToken != nil else { return closed(request) }
            guard let session = await session(of: request, door: door), session.role == .analyst else {
                return .seeOther("/analyst/login")
            }
            return try overview(request, session)
        }
    }

    /// A review state for one or more submissions (`submission` repeated), from the round's table.
    private func review(_ request: Request, _ session: Session) async throws -> Response {
        guard let body = try await body(of: request, limit: 256 * 1024) else { return Response(status: .contentTooLarge) }
        let fields = formFields(body)
        let words = Pages.Words(language: session.language)
        guard let csrf = fields.last(where: { $0.name == "csrf" })?.value, constantTimeEquals(csrf, session.csrf) else {
            return .html(.forbidden, Pages.message(title: words("Siden er forældet", "The page is out of date"),
                                                   text: words("Åbn siden igen; intet er ændret.", "Open the page again; nothing was changed."),
                                                   language: session.language, link: ("/analyst", words("Til runden", "To the round"))))
        }
        let ids = fields.filter { $0.name == "submission" }.map(\.value)
        let round = fields.last(where: { $0.name == "round" }).flatMap { Int($0.value) }
        guard let state = fields.last(where: { $0.name == "state" }).flatMap({ ReviewState(rawValue: $0.value) }), !ids.isEmpty else {
            return .html(.badRequest, Pages.message(title: words("Intet valgt", "Nothing chosen"),
                                                    text: words("Vælg en besvarelse og en tilstand.", "Choose a submission and a state."),
                                                    language: session.language, link: ("/analyst", words("Til runden", "To the round"))))
        }
        let comment = fields.last(where: { $0.name == "comment" })?.value.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            // Until analysts have named accounts (issue 17), the web's reviews are signed as such.
            try door.store.review(ids, state: state, comment: comment?.isEmpty == false ? comment : nil,
                                  analyst: "analyst (web)", at: door.settings.now())
        } catch let unknown as UnknownSubmissions {
            return .html(.notFound, Pages.message(title: words("Ukendt besvarelse", "Unknown submission"),
                                                  text: unknown.errorDescription ?? "", language: session.language,
                                                  link: ("/analyst", words("Til runden", "To the round"))))
        }
        return .seeOther("/analyst" + (round.map { "?round=\($0)" } ?? ""))
    }

    private func closed(_ request: Request) -> Response {
        let words = Pages.Words(language: language(of: request, default: .danish))
        return .html(.notFound, Pages.message(title: words("Ikke åben", "Not open"),
                                              text: words("Analytikernes sider er lukket: serveren blev startet uden analytiker-token.",
                                                          "The analysts' pages are closed: the server was started without an analyst token."),
                                              language: words.language))
    }

    private func loginPage(_ language: PageLanguage, failed: Bool, status: HTTPResponse.Status = .ok) -> Response {
        let words = Pages.Words(language: language)
        let nonce = SubmissionLinks.token()
        let problem = failed ? "<p class=\"notice error\" role=\"alert\">\(words("Forkert token, eller siden var forældet. Prøv igen.", "Wrong token, or the page was out of date. Try again."))</p>" : ""
        let body = """
            <h1>\(words("Analytikere", "Analysts"))</h1>
            \(problem)
            <form method="post" action="/analyst/login">
            <input type="hidden" name="nonce" value="\(nonce)">
            <input type="hidden" name="lang" value="\(language.rawValue)">
            <label for="token">\(words("Analytiker-token", "Analyst token"))</label>
            <input type="password" id="token" name="token" autocomplete="current-password" required>
            <button type="submit">\(words("Log ind", "Log in"))</button>
            </form>
            """
        return .html(status, Pages.page(title: words("Analytikere", "Analysts"), language: language, switchTo: "/analyst/login", body: body),
                     headers: [.setCookie: setCookieValue(Self.loginCookie, nonce, secure: door.settings.secureCookies, maxAge: 600)])
    }

    static func reviewWord(_ state: ReviewState, words: Pages.Words) -> String {
        switch state {
        case .received: words("modtaget", "received")
        case .hasIssues: words("har mangler", "has issues")
        case .approved: words("godkendt", "approved")
        case .rejected: words("afvist", "rejected")
        }
    }

    private func overview(_ request: Request, _ session: Session) throws -> Response {
        let words = Pages.Words(language: session.language)
        let rounds = try door.store.rounds()
        guard let latest = rounds.map(\.year).max() else {
            return .html(.ok, Pages.message(title: words("Ingen runder", "No rounds"),
                                            text: words("Åbn en runde med survey-intake round open.", "Open a round with survey-intake round open."),
                                            language: session.language))
        }
        let year = request.uri.queryParameters.get("round").flatMap(Int.init).flatMap { wanted in rounds.first { $0.year == wanted }?.year } ?? latest
        let progress = try door.store.progress(round: year)
        let receipts = try door.store.receipts(round: year, limit: 50)
        let flags = try door.store.openFindings(OpenFindingsFilter(rounds: [year]))
        let sent = progress.filter { $0.submissionId != nil }.count

        let roundLinks = rounds.map { round in
            round.year == year ? "<strong>\(round.year)</strong>" : "<a href=\"/analyst?round=\(round.year)\">\(round.year)</a>"
        }.joined(separator: " · ")
        let rows = progress.map { item in
            let state = item.submissionId == nil
                ? "<td class=\"missing\">\(words("mangler", "missing"))</td>"
                : "<td>\(words("sendt", "sent")) \(Pages.escape(item.submittedAt ?? ""))</td>"
            let completeness = item.completeness.map { "\(Int(($0 * 100).rounded())) %" } ?? ""
            let review = item.submissionId.map { id in
                let options = ReviewState.allCases.map { state in
                    "<option value=\"\(state.rawValue)\"\(state == item.reviewState ? " selected" : "")>\(Self.reviewWord(state, words: words))</option>"
                }.joined()
                return "<form method=\"post\" action=\"/analyst/review\" class=\"review\">"
                    + "<input type=\"hidden\" name=\"csrf\" value=\"\(Pages.escape(session.csrf))\">"
                    + "<input type=\"hidden\" name=\"round\" value=\"\(year)\">"
                    + "<input type=\"hidden\" name=\"submission\" value=\"\(Pages.escape(id))\">"
                    + "<select name=\"state\" aria-label=\"\(words("Gennemgang", "Review"))\">\(options)</select>"
                    + "<input type=\"text\" name=\"comment\" placeholder=\"\(words("Kommentar", "Comment"))\" aria-label=\"\(words("Kommentar", "Comment"))\">"
                    + "<button type=\"submit\">\(words("Gem", "Save"))</button></form>"
            } ?? ""
            return "<tr><td><code>\(Pages.escape(item.entry.projectId))</code></td><td>\(Pages.escape(item.entry.title ?? ""))</td>"
                + "<td>\(Pages.escape(item.entry.leadName ?? ""))</td>\(state)<td>\(completeness)</td>"
                + "<td>\(item.flagCount.map(String.init) ?? "")</td><td>\(item.receipts)</td><td>\(review)</td></tr>"
        }.joined(separator: "\n")
        let receiptRows = receipts.map { stored in
            "<tr><td>\(Pages.escape(stored.receivedAt))</td><td><code>\(Pages.escape(stored.projectId))</code></td>"
                + "<td>\(Pages.escape(Pages.statusWord(stored.receipt.status, words: words)))</td><td>\(stored.via.rawValue)</td>"
                + "<td>\(stored.receipt.findings.count)</td><td><code>\(Pages.escape(stored.receipt.receiptId))</code></td></tr>"
        }.joined(separator: "\n")
        let flagItems = flags.flatMap(\.submissions).flatMap { submission in
            submission.findings.map { finding in
                "<li><code>\(Pages.escape(submission.projectId))</code> · \(Pages.escape(words(finding.labelDanish, finding.label))): "
                    + "\(Pages.escape(words(finding.messageDanish, finding.message)))</li>"
            }
        }
        let body = """
            <h1>\(words("Runde", "Round")) \(year)</h1>
            <p>\(words("Runder", "Rounds")): \(roundLinks)</p>
            <p class="hint">\(words("Siden opdateres hvert halve minut.", "The page refreshes every half minute."))</p>
            <p class="summary">\(words("\(sent) af \(progress.count) projekter har sendt.", "\(sent) of \(progress.count) projects have sent."))</p>
            <h2>\(words("Projekter", "Projects"))</h2>
            <table id="progress"><thead><tr><th>\(words("Projekt", "Project"))</th><th>\(words("Titel", "Title"))</th><th>\(words("Projektleder", "Lead"))</th>
            <th>\(words("Status", "Status"))</th><th>\(words("Fuldstændighed", "Completeness"))</th><th>\(words("Flag", "Flags"))</th><th>\(words("Kvitteringer", "Receipts"))</th><th>\(words("Gennemgang", "Review"))</th></tr></thead>
            <tbody>
            \(rows)
            </tbody></table>
            <h2>\(words("Seneste kvitteringer", "Latest receipts"))</h2>
            <table id="receipts"><thead><tr><th>\(words("Modtaget", "Received"))</th><th>\(words("Projekt", "Project"))</th><th>\(words("Status", "Status"))</th>
            <th>\(words("Vej", "Via"))</th><th>\(words("Fund", "Findings"))</th><th>\(words("Kvittering", "Receipt"))</th></tr></thead>
            <tbody>
            \(receiptRows)
            </tbody></table>
            <h2>\(words("Åbne flag", "Open flags")) (\(flagItems.count))</h2>
            <ul id="flags">
            \(flagItems.joined(separator: "\n"))
            </ul>
            <form method="post" action="/logout"><button class="secondary" type="submit">\(words("Log ud", "Log out"))</button></form>
            """
        return .html(.ok, Pages.page(title: "\(words("Runde", "Round")) \(year)", language: session.language,
                                     switchTo: "/analyst?round=\(year)", body: body, refresh: 30))
    }
}
