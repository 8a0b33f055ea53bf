import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SurveyModel
import SurveyIntake
import SurveyStore

/// The analysts' pages for one request: what the session's role may do decides which forms show
/// (a viewer sees no review form; the routes refuse its posts as well).
struct AnalystPages {
    let door: FrontDoor
    let session: Session
    let role: AnalystRole

    private var words: Pages.Words { Pages.Words(language: session.language) }

    /// A submission id as one segment of a path (ids are UUIDs or the lead's own, so escaped).
    static func pathComponent(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? id
    }

    private func csrfField() -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(Pages.escape(session.csrf))\">"
    }

    private func stateOptions(selected: ReviewState?) -> String {
        ReviewState.allCases.map { state in
            "<option value=\"\(state.rawValue)\"\(state == selected ? " selected" : "")>\(AnalystRoutes.reviewWord(state, words: words))</option>"
        }.joined()
    }

    // MARK: The round

    func overview(_ request: Request) throws -> Response {
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
        let changes = role.mayChange

        let roundLinks = rounds.map { round in
            round.year == year ? "<strong>\(round.year)</strong>" : "<a href=\"/analyst?round=\(round.year)\">\(round.year)</a>"
        }.joined(separator: " · ")
        let rows = progress.map { item -> String in
            let state = item.submissionId == nil
                ? "<td class=\"missing\">\(words("mangler", "missing"))</td>"
                : "<td>\(words("sendt", "sent")) \(Pages.escape(item.submittedAt ?? ""))</td>"
            let completeness = item.completeness.map { "\(Int(($0 * 100).rounded())) %" } ?? ""
            let pick = changes ? "<td>" + (item.submissionId.map { id in
                "<input type=\"checkbox\" name=\"submission\" value=\"\(Pages.escape(id))\" form=\"bulk\" "
                    + "aria-label=\"\(words("Vælg", "Choose")) \(Pages.escape(item.entry.projectId))\">"
            } ?? "") + "</td>" : ""
            let project = item.submissionId.map { id in
                "<a href=\"/analyst/submission/\(Self.pathComponent(id))\"><code>\(Pages.escape(item.entry.projectId))</code></a>"
            } ?? "<code>\(Pages.escape(item.entry.projectId))</code>"
            let review = item.submissionId.map { id -> String in
                guard changes else { return Pages.escape(AnalystRoutes.reviewWord(item.reviewState ?? .received, words: words)) }
                return "<form method=\"post\" action=\"/analyst/review\" class=\"review\">" + csrfField()
                    + "<input type=\"hidden\" name=\"round\" value=\"\(year)\">"
                    + "<input type=\"hidden\" name=\"submission\" value=\"\(Pages.escape(id))\">"
                    + "<select name=\"state\" aria-label=\"\(words("Gennemgang", "Review"))\">\(stateOptions(selected: item.reviewState))</select>"
                    + "<input type=\"text\" name=\"comment\" placeholder=\"\(words("Kommentar", "Comment"))\" aria-label=\"\(words("Kommentar", "Comment"))\">"
                    + "<button type=\"submit\">\(words("Gem", "Save"))</button></form>"
            } ?? ""
            return "<tr>\(pick)<td>\(project)</td><td>\(Pages.escape(item.entry.title ?? ""))</td>"
                + "<td>\(Pages.escape(item.entry.leadName ?? ""))</td>\(state)<td>\(completeness)</td>"
                + "<td>\(item.flagCount.map(String.init) ?? "")</td><td>\(item.receipts)</td><td>\(review)</td></tr>"
        }.joined(separator: "\n")
        // Many at once: the table's boxes belong to this form (HTML's form attribute; no script).
        let bulk = changes ? """
            <form method="post" action="/analyst/review" id="bulk" class="review">
            \(csrfField())<input type="hidden" name="round" value="\(year)">
            <label for="bulk-state">\(words("De valgte besvarelser", "The chosen submissions"))</label>
            <select name="state" id="bulk-state">\(stateOptions(selected: nil))</select>
            <input type="text" name="comment" placeholder="\(words("Kommentar", "Comment"))" aria-label="\(words("Kommentar", "Comment"))">
            <button type="submit">\(words("Gem for de valgte", "Save for the chosen"))</button>
            </form>
            """ : "<p class=\"hint\">\(words("Din konto kan se, ikke ændre.", "Your account can look, not change."))</p>"
        let receiptRows = receipts.map { stored in
            "<tr><td>\(Pages.escape(stored.receivedAt))</td><td><code>\(Pages.escape(stored.projectId))</code></td>"
                + "<td>\(Pages.escape(Pages.statusWord(stored.receipt.status, words: words)))</td><td>\(stored.via.rawValue)</td>"
                + "<td>\(stored.receipt.findings.count)</td><td><code>\(Pages.escape(stored.receipt.receiptId))</code></td></tr>"
        }.joined(separator: "\n")
        let flagItems = flags.flatMap(\.submissions).flatMap { submission in
            submission.findings.map { finding in
                "<li><a href=\"/analyst/submission/\(Self.pathComponent(submission.submissionId))\"><code>\(Pages.escape(submission.projectId))</code></a> · "
                    + "\(Pages.escape(words(finding.labelDanish, finding.label))): \(Pages.escape(words(finding.messageDanish, finding.message)))</li>"
            }
        }
        let body = """
            <h1>\(words("Runde", "Round")) \(year)</h1>
            <p>\(words("Runder", "Rounds")): \(roundLinks)</p>
            <p class="hint">\(words("Logget ind som", "Logged in as")) \(Pages.escape(session.analyst?.name ?? "")) (\(role == .analyst ? words("analytiker", "analyst") : words("læser", "viewer"))). \(words("Siden opdateres hvert halve minut.", "The page refreshes every half minute."))</p>
            <p class="summary">\(words("\(sent) af \(progress.count) projekter har sendt.", "\(sent) of \(progress.count) projects have sent."))</p>
            <h2>\(words("Projekter", "Projects"))</h2>
            \(bulk)
            <table id="progress"><thead><tr>\(changes ? "<th>\(words("Vælg", "Choose"))</th>" : "")<th>\(words("Projekt", "Project"))</th><th>\(words("Titel", "Title"))</th><th>\(words("Projektleder", "Lead"))</th>
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

    // MARK: One submission

    private func unknown(_ id: String) -> Response {
        .html(.notFound, Pages.message(title: words("Ukendt besvarelse", "Unknown submission"),
                                       text: words("Datasættet har ingen besvarelse med id’et \(id).", "The dataset has no submission with the id \(id)."),
                                       language: session.language, link: ("/analyst", words("Til runden", "To the round"))))
    }

    /// One submission: what it is, its review, its findings, every revision of its project and
    /// round, and what this one changed against the one before.
    func submission(_ id: String) throws -> Response {
        guard let item = try door.store.lookUp(id), item.kind == .submission, let submissionId = item.submissionId else { return unknown(id) }
        let reviews = try door.store.reviews(of: submissionId)
        let flags = try door.store.flags(ofSubmission: submissionId)
        let format = try door.store.format(ofSubmission: submissionId)
        let dictionary = format.flatMap { door.pipeline.completeness.checker(for: $0)?.dictionary }
        let path = Self.pathComponent(submissionId)

        let origin: String = switch item.origin.kind {
        case .file: words("fil", "file") + " " + item.origin.name
        case .upload: words("upload eller API", "upload or API")
        case .form: words("webformular", "web form")
        }
        let facts: [(String, String)] = [
            (words("Projekt", "Project"), item.projectId ?? ""),
            (words("Runde", "Round"), item.round.map(String.init) ?? ""),
            (words("Status", "Status"), statusWord(item.status)),
            (words("Indsendt", "Submitted"), item.submittedAt ?? ""),
            (words("Modtaget", "Received"), item.ingestedAt),
            (words("Kilde", "Source"), origin),
            (words("Fuldstændighed", "Completeness"), item.completeness.map { "\(Int(($0 * 100).rounded())) %" } ?? ""),
            ("SHA-256", item.sha256 ?? ""),
            (words("Gennemgang", "Review"), AnalystRoutes.reviewWord(reviews.last?.state ?? .received, words: words)),
        ]
        let factRows = facts.map { "<tr><th>\(Pages.escape($0.0))</th><td>\(Pages.escape($0.1))</td></tr>" }.joined(separator: "\n")
        let reviewForm = role.mayChange ? """
            <form method="post" action="/analyst/review" class="review" id="review">
            \(csrfField())<input type="hidden" name="submission" value="\(Pages.escape(submissionId))"><input type="hidden" name="back" value="\(Pages.escape(submissionId))">
            <select name="state" aria-label="\(words("Gennemgang", "Review"))">\(stateOptions(selected: reviews.last?.state))</select>
            <input type="text" name="comment" placeholder="\(words("Kommentar", "Comment"))" aria-label="\(words("Kommentar", "Comment"))">
            <button type="submit">\(words("Gem", "Save"))</button>
            </form>
            """ : ""
        let reviewItems = reviews.reversed().map { review in
            "<li>\(Pages.escape(review.at)) · \(Pages.escape(AnalystRoutes.reviewWord(review.state, words: words))) · \(Pages.escape(review.analyst))"
                + (review.comment.map { ": " + Pages.escape($0) } ?? "") + "</li>"
        }.joined(separator: "\n")
        let isCurrent = item.status == "current"
        let findingRows = flags.map { flag -> String in
            let question = Pages.label(of: flag.field, dictionary: dictionary, words: words) ?? words(flag.labelDanish, flag.label)
            var state = Pages.escape(flagStateWord(flag.state))
            if let asked = flag.firstAsked, flag.state == .asked {
                state += " " + Pages.escape(String(asked.at.prefix(10)) + " " + (asked.by == .letter ? words("i brev", "by letter") : words("på kvittering", "on a receipt")))
            }
            if let waiver = flag.waiver { state += ": " + Pages.escape(waiver.reason) + " (" + Pages.escape(waiver.analyst) + ")" }
            let waive = role.mayChange && isCurrent && flag.state != .waived
                ? "<form method=\"post\" action=\"/analyst/waive\" class=\"waive\" id=\"waive-\(flag.position)\">" + csrfField()
                    + "<input type=\"hidden\" name=\"submission\" value=\"\(Pages.escape(submissionId))\">"
                    + "<input type=\"hidden\" name=\"field\" value=\"\(Pages.escape(flag.field))\"><input type=\"hidden\" name=\"rule\" value=\"\(flag.rule.rawValue)\">"
                    + "<input type=\"text\" name=\"reason\" required placeholder=\"\(words("Hvorfor det ikke betyder noget", "Why it does not matter"))\" "
                    + "aria-label=\"\(words("Grund", "Reason"))\"><button type=\"submit\" class=\"secondary\">\(words("Frafald", "Waive"))</button></form>"
                : ""
            return "<tr><td>\(Pages.escape(question))</td><td><code>\(Pages.escape(flag.field))</code></td><td>\(flag.rule.rawValue)</td>"
                + "<td>\(Pages.escape(words(flag.messageDanish, flag.message)))</td><td>\(Pages.escape(flag.value ?? ""))</td>"
                + "<td class=\"state\">\(state)\(waive)</td></tr>"
        }.joined(separator: "\n")
        let challenges = try door.store.challenges(ofSubmission: submissionId)
        let challengeRows = challenges.map { challenge -> String in
            let correct = role.mayChange
                ? "<form method=\"post\" action=\"/analyst/correct\" class=\"correct\" id=\"correct-\(challenge.position)\">" + csrfField()
                    + "<input type=\"hidden\" name=\"submission\" value=\"\(Pages.escape(submissionId))\"><input type=\"hidden\" name=\"challenge\" value=\"\(challenge.position)\">"
                    + "<select name=\"category\" aria-label=\"\(words("Ret kategorien", "Correct the category"))\">\(categoryOptions(selected: challenge.subcategory ?? challenge.category))</select>"
                    + "<input type=\"text\" name=\"note\" placeholder=\"\(words("Note", "Note"))\" aria-label=\"\(words("Note", "Note"))\">"
                    + "<button type=\"submit\" class=\"secondary\">\(words("Ret", "Correct"))</button></form>"
                : ""
            return "<tr id=\"challenge-\(challenge.position)\"><td>\(challenge.position)</td><td>\(Pages.escape(categoryLabel(challenge.category)))"
                + (challenge.subcategory.map { " · " + Pages.escape(categoryLabel($0)) } ?? "") + correct + "</td>"
                + "<td>\(Pages.escape(sourceWord(challenge.categorySource)))</td><td>\(Pages.escape(challenge.label ?? challenge.rawCategory ?? ""))</td>"
                + "<td>\(Pages.escape(challenge.description ?? ""))</td></tr>"
        }.joined(separator: "\n")
        let history = item.history.map { entry -> String in
            let this = entry.submissionId == submissionId
            let link = this ? "<strong><code>\(Pages.escape(entry.submissionId))</code></strong>"
                : "<a href=\"/analyst/submission/\(Self.pathComponent(entry.submissionId))\"><code>\(Pages.escape(entry.submissionId))</code></a>"
            return "<tr><td>\(Pages.escape(entry.submittedAt))</td><td>\(link)</td><td>\(Pages.escape(statusWord(entry.status)))</td></tr>"
        }.joined(separator: "\n")
        let changes = try changesSincePrevious(item, dictionary: dictionary)
        let title = "\(item.projectId ?? "") · \(words("runde", "round")) \(item.round.map(String.init) ?? "")"
        let body = """
            <p><a href="/analyst\(item.round.map { "?round=\($0)" } ?? "")">\(words("Til runden", "To the round"))</a></p>
            <h1>\(Pages.escape(title))</h1>
            <table id="facts">\(factRows)</table>
            \(item.hasOriginal ? "<p><a href=\"/analyst/submission/\(path)/original\">\(words("Originalen, som modtaget", "The original, as received"))</a></p>" : "")
            <h2>\(words("Gennemgang", "Review"))</h2>
            \(reviewForm)
            <ul id="reviews">\(reviewItems.isEmpty ? "<li>\(words("Ingen endnu.", "None yet."))</li>" : reviewItems)</ul>
            <h2>\(words("Fund", "Findings")) (\(flags.count))</h2>
            \(flags.isEmpty ? "<p id=\"findings\">\(words("Ingen: alle svar er givet.", "None: every answer is given."))</p>" : """
            <table id="findings"><thead><tr><th>\(words("Spørgsmål", "Question"))</th><th>\(words("Felt", "Field"))</th><th>\(words("Regel", "Rule"))</th>
            <th>\(words("Besked", "Message"))</th><th>\(words("Skrevet", "Written"))</th><th>\(words("Tilstand", "State"))</th></tr></thead>
            <tbody>
            \(findingRows)
            </tbody></table>
            """)
            <h2>\(words("Udfordringer", "Challenges")) (\(challenges.count))</h2>
            \(challenges.isEmpty ? "<p id=\"challenges\">\(words("Ingen.", "None."))</p>" : """
            <table id="challenges"><thead><tr><th>#</th><th>\(words("Kategori", "Category"))</th><th>\(words("Placeret ud fra", "Placed by"))</th>
            <th>\(words("Betegnelse", "Label"))</th><th>\(words("Beskrivelse", "Description"))</th></tr></thead>
            <tbody>
            \(challengeRows)
            </tbody></table>
            """)
            <h2>\(words("Revisioner", "Revisions"))</h2>
            <table id="history"><thead><tr><th>\(words("Indsendt", "Submitted"))</th><th>\(words("Besvarelse", "Submission"))</th><th>\(words("Status", "Status"))</th></tr></thead>
            <tbody>
            \(history)
            </tbody></table>
            \(changes)
            """
        return .html(.ok, Pages.page(title: title, language: session.language, switchTo: "/analyst/submission/\(path)", body: body))
    }

    /// What this revision changed against the one before it (derived again from both originals).
    private func changesSincePrevious(_ item: StoredItem, dictionary: DataDictionary?) throws -> String {
        guard let index = item.history.firstIndex(where: { $0.submissionId == item.submissionId }), index > 0 else { return "" }
        let previous = item.history[index - 1]
        guard let earlier = try door.store.lookUp(previous.submissionId).flatMap(derived), let later = try derived(item) else {
            return "<p class=\"hint\">\(words("Ændringerne kan ikke vises: en original mangler i datasættet.", "The changes cannot be shown: an original is missing from the dataset."))</p>"
        }
        let changes = later.changes(since: earlier)
        let rows = changes.map { change -> String in
            let question = Pages.label(of: change.field, dictionary: dictionary, words: words) ?? change.field
            return "<tr><td>\(Pages.escape(question))</td><td><code>\(Pages.escape(change.field))</code></td>"
                + "<td>\(Pages.escape(change.before ?? "–"))</td><td>\(Pages.escape(change.after ?? "–"))</td></tr>"
        }.joined(separator: "\n")
        return """
            <h2>\(words("Ændret siden", "Changed since")) \(Pages.escape(previous.submittedAt)) (\(changes.count))</h2>
            <table id="changes"><thead><tr><th>\(words("Spørgsmål", "Question"))</th><th>\(words("Felt", "Field"))</th>
            <th>\(words("Før", "Before"))</th><th>\(words("Nu", "Now"))</th></tr></thead>
            <tbody>
            \(rows)
            </tbody></table>
            """
    }

    /// A taxonomy code's label in the reader's language (the code itself when the vocabulary lacks it).
    private func categoryLabel(_ code: String) -> String {
        guard let entry = door.pipeline.mapper.normaliser.vocabularies.challenges.entry(code: code) else { return code }
        return words(entry.danishLabel, entry.englishLabel)
    }

    /// The taxonomy's categories, each followed by its subcategories, for a correction.
    private func categoryOptions(selected: String) -> String {
        let taxonomy = door.pipeline.mapper.normaliser.vocabularies.challenges
        return taxonomy.categories.map { category in
            ([category] + taxonomy.subentries(of: category.code)).map { entry -> String in
                let label = entry.parent == nil ? categoryLabel(entry.code) : "– " + categoryLabel(entry.code)
                return "<option value=\"\(Pages.escape(entry.code))\"\(entry.code == selected ? " selected" : "")>\(Pages.escape(label))</option>"
            }.joined()
        }.joined()
    }

    private func flagStateWord(_ state: FlagState) -> String {
        switch state {
        case .open: words("åben", "open")
        case .asked: words("spurgt", "asked")
        case .answered: words("besvaret", "answered")
        case .waived: words("frafaldet", "waived")
        }
    }

    private func sourceWord(_ source: String) -> String {
        switch source {
        case "coded": words("koden i besvarelsen", "the code in the answer")
        case "label": words("betegnelsen", "the label")
        case "description": words("beskrivelsen", "the description")
        case "unmapped": words("ikke placeret", "not placed")
        case "analyst": words("analytiker", "analyst")
        default: source
        }
    }

    private func statusWord(_ status: String) -> String {
        switch status {
        case "current": words("gældende", "current")
        case "superseded": words("erstattet", "superseded")
        case "withdrawn": words("trukket tilbage", "withdrawn")
        default: status
        }
    }

    /// A stored submission as the pipeline derives it from its original; nil without one.
    private func derived(_ item: StoredItem) throws -> Submission? {
        guard let sha = item.sha256, let bytes = try door.store.original(sha256: sha) else { return nil }
        return bytes.withUnsafeBytes { door.pipeline.process(bytes: $0, path: item.origin.name) }.submission
    }

    /// The original bytes exactly as received, shown as text: nothing in them runs or renders.
    func original(_ id: String) throws -> Response {
        guard let item = try door.store.lookUp(id), item.kind == .submission, let sha = item.sha256,
              let bytes = try door.store.original(sha256: sha) else { return unknown(id) }
        return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8",
                                               .contentDisposition: "inline; filename=\"\(sha.prefix(16)).xml\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
