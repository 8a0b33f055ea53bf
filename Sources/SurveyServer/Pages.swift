import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyOutputs

/// The front door's pages, Danish first, every word in English too. Everything a lead or the
/// store wrote is escaped (`Markup.escape`): nothing typed becomes markup.
enum Pages {
    /// The words of one page in the reader's language.
    struct Words {
        let language: PageLanguage

        func callAsFunction(_ danish: String, _ english: String) -> String {
            language.isDanish ? danish : english
        }
    }

    static func escape(_ text: String) -> String { Markup.escape(text) }

    /// A whole page: the shell, the language switch, the body.
    static func page(title: String, language: PageLanguage, switchTo path: String?, body: String, refresh: Int? = nil) -> String {
        let words = Words(language: language)
        let other = language.isDanish ? PageLanguage.english : .danish
        let switchLink = path.map { path in
            let separator = path.contains("?") ? "&" : "?"
            return "<a class=\"language\" href=\"\(escape(path + separator + "lang=" + other.rawValue))\" hreflang=\"\(other.rawValue)\">"
                + words("English", "Dansk") + "</a>"
        } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            \(refresh.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? "")
            <title>\(escape(title))</title>
            <link rel="stylesheet" href="/static/site.css">
            </head>
            <body>
            <header><span class="brand">\(words("Signaturprojekter · statusrapport", "Signature projects · status report"))</span>\(switchLink)</header>
            <main>
            \(body)
            </main>
            </body>
            </html>
            """
    }

    /// A page that only says something went wrong (or right), with a way on.
    static func message(title: String, text: String, language: PageLanguage, link: (href: String, label: String)? = nil) -> String {
        let more = link.map { "<p><a href=\"\(escape($0.href))\">\(escape($0.label))</a></p>" } ?? ""
        return page(title: title, language: language, switchTo: nil,
                    body: "<h1>\(escape(title))</h1>\n<p>\(escape(text))</p>\n\(more)")
    }

    static func notice(_ notice: Session.Notice?, words: Words) -> String {
        guard let notice else { return "" }
        return "<p class=\"notice\(notice.isError ? " error" : "")\" role=\"status\">\(escape(words(notice.danish, notice.english)))</p>"
    }

    // MARK: Receipts

    static func statusWord(_ status: Receipt.Status, words: Words) -> String {
        switch status {
        case .accepted: words("Modtaget", "Accepted")
        case .unchanged: words("Uændret – det samme var allerede modtaget", "Unchanged – the same was received before")
        case .rejected: words("Afvist", "Rejected")
        }
    }

    /// The label of the question a finding is about, as the lead saw it: "Udfordring 2 · Beskrivelse".
    static func label(of field: String?, dictionary: DataDictionary?, words: Words) -> String? {
        guard let field, let (question, item) = dictionary?.question(answering: field) else { return nil }
        let label = words(question.labelDanish, question.labelEnglish)
        guard let item else { return label }
        let noun = switch item.collection {
        case "challenges": words("Udfordring", "Challenge")
        case "mitigations": words("Tiltag", "Measure")
        default: item.collection
        }
        return "\(noun) \(item.index) · \(label)"
    }

    /// The receipt as a section of a page: status, numbers, every finding with its question.
    static func receipt(_ stored: StoredReceipt, dictionary: DataDictionary?, words: Words, fixLink: String?) -> String {
        let receipt = stored.receipt
        var rows: [(String, String)] = [
            (words("Kvitteringsnummer", "Receipt number"), receipt.receiptId),
            (words("Modtaget", "Received"), stored.receivedAt),
        ]
        if let id = receipt.submissionId { rows.append((words("Besvarelsens id", "Submission id"), id)) }
        if let sha = receipt.sha256 { rows.append((words("SHA-256 af det gemte", "SHA-256 of what was stored"), sha)) }
        if let completeness = receipt.completeness {
            rows.append((words("Fuldstændighed", "Completeness"), "\(Int((completeness * 100).rounded())) %"))
        }
        if let reason = receipt.reason { rows.append((words("Årsag", "Reason"), reason.rawValue)) }
        let facts = rows.map { "<tr><th scope=\"row\">\(escape($0.0))</th><td><code>\(escape($0.1))</code></td></tr>" }.joined(separator: "\n")
        let summary: String
        switch (receipt.status, receipt.findings.isEmpty) {
        case (.rejected, _):
            summary = words("Besvarelsen er ikke gemt. Ret det nedenfor og send igen.",
                            "The submission was not stored. Fix what is listed below and send it again.")
        case (_, true):
            summary = words("Alle krævede svar er givet. Tak!", "Every required answer is given. Thank you!")
        case (_, false):
            summary = words("Besvarelsen er gemt, men \(receipt.findings.count) svar mangler eller er ufuldstændige. Ret dem og send igen.",
                            "The submission is stored, but \(receipt.findings.count) answers are missing or incomplete. Fix them and send again.")
        }
        let findings = receipt.findings.map { finding in
            let question = label(of: finding.field, dictionary: dictionary, words: words) ?? finding.element ?? ""
            // A form's XML was written by the server: its lines mean nothing to the lead.
            let place = finding.line > 0 && stored.via != .form ? words("linje \(finding.line), kolonne \(finding.column)", "line \(finding.line), column \(finding.column)") : ""
            let target = finding.field.flatMap { field in fixLink.map { "\($0)#\(anchor(field))" } }
            let questionCell = target.map { "<a href=\"\(escape($0))\">\(escape(question))</a>" } ?? escape(question)
            return "<li class=\"finding \(finding.severity.rawValue)\"><strong>\(questionCell)</strong> "
                + "<span class=\"message\">\(escape(finding.localized(danish: words.language.isDanish).message))</span>"
                + (place.isEmpty ? "" : " <span class=\"place\">(\(escape(place)))</span>") + "</li>"
        }.joined(separator: "\n")
        let again = fixLink.map { "<p><a class=\"button\" href=\"\(escape($0))\">\(words("Ret og send igen", "Fix and send again"))</a></p>" } ?? ""
        return """
            <section class="receipt \(receipt.status.rawValue)" id="receipt">
            <h1>\(escape(statusWord(receipt.status, words: words)))</h1>
            <p class="summary">\(escape(summary))</p>
            <table class="facts">
            \(facts)
            </table>
            \(findings.isEmpty ? "" : "<h2>\(words("Det skal rettes", "What to fix"))</h2>\n<ol class=\"findings\">\n\(findings)\n</ol>")
            \(again)
            </section>
            """
    }

    /// The id of a form input for a field path (`challenges[2].severity` → `f-challenges-2-severity`).
    static func anchor(_ field: String) -> String {
        "f-" + String(field.unicodeScalars.map { scalar -> Character in
            CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII ? Character(scalar) : "-"
        }).replacingOccurrences(of: "--", with: "-").trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    /// The list of earlier receipts on the lead's page.
    static func receiptList(_ receipts: [StoredReceipt], words: Words) -> String {
        guard !receipts.isEmpty else {
            return "<p>\(words("Ingen besvarelser er sendt endnu i denne runde.", "Nothing has been sent in this round yet."))</p>"
        }
        let items = receipts.map { stored in
            let via = switch stored.via {
            case .form: words("formular", "form")
            case .upload: words("upload", "upload")
            case .api: "API"
            }
            let completeness = stored.receipt.completeness.map { " · \(Int(($0 * 100).rounded())) %" } ?? ""
            return "<li><a href=\"/lead/receipts/\(escape(stored.receipt.receiptId))\">\(escape(stored.receivedAt))</a> · "
                + "\(escape(statusWord(stored.receipt.status, words: words))) · \(escape(via))\(escape(completeness))</li>"
        }.joined(separator: "\n")
        return "<ul class=\"receipts\">\n\(items)\n</ul>"
    }

    static let styleSheet = """
        :root { --ink: #1b1b1b; --muted: #5a5a5a; --line: #d0d0d0; --accent: #0b5394; --bad: #a4161a; --good: #2b6a2f; --warn: #8a5a00; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fafafa; }
        header { display: flex; justify-content: space-between; align-items: center; padding: .6rem 1rem; background: var(--accent); color: #fff; }
        header a { color: #fff; }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.6rem; margin: .5rem 0; }
        h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        code { font-size: .85rem; word-break: break-all; }
        #progress td code, #receipts td:nth-child(2) code { white-space: nowrap; word-break: normal; }
        form#bulk, form#review { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
        form#bulk select, form#bulk input[type=text], form#review select, form#review input[type=text] { width: auto; flex: 1 1 10rem; }
        form#bulk button, form#bulk label, form#review button { margin: 0; }
        #progress td { font-size: .95rem; }
        form.waive, form.correct { display: flex; gap: .3rem; margin-top: .3rem; }
        form.waive input[type=text], form.correct select, form.correct input[type=text] { width: auto; min-width: 0; flex: 1 1 6rem; font-size: .9rem; }
        form.correct select { max-width: 12rem; } form.correct input[type=text] { max-width: 7rem; }
        #findings td code, #changes td code { word-break: normal; overflow-wrap: anywhere; }
        form.waive button, form.correct button { margin: 0; padding: .2rem .6rem; font-size: .9rem; }
        .notice { padding: .6rem .8rem; background: #e8f1fb; border-left: 4px solid var(--accent); }
        .notice.error, .receipt.rejected { border-left: 4px solid var(--bad); }
        .receipt { background: #fff; padding: .5rem 1rem 1rem; border-left: 4px solid var(--good); margin-bottom: 1.5rem; }
        .finding { margin: .4rem 0; }
        .finding .place { color: var(--muted); }
        .finding.warning strong { color: var(--warn); }
        .finding.error strong { color: var(--bad); }
        fieldset { border: 1px solid var(--line); background: #fff; margin: 1rem 0; padding: .5rem 1rem 1rem; }
        legend { font-weight: 600; }
        label { display: block; margin-top: .8rem; font-weight: 500; }
        .required::after { content: " *"; color: var(--bad); }
        .hint { display: block; color: var(--muted); font-size: .9rem; font-weight: 400; }
        input[type=text], input[type=email], select, textarea { width: 100%; padding: .4rem; font: inherit; border: 1px solid #999; border-radius: 3px; }
        textarea { min-height: 5rem; }
        .invalid input, .invalid select, .invalid textarea { border: 2px solid var(--bad); }
        .problem { color: var(--bad); font-size: .9rem; display: block; }
        button, .button { display: inline-block; margin: .8rem .5rem 0 0; padding: .5rem 1rem; font: inherit; border: 1px solid var(--accent);
          background: var(--accent); color: #fff; border-radius: 3px; text-decoration: none; cursor: pointer; }
        button.secondary { background: #fff; color: var(--accent); }
        @media (max-width: 40rem) { main { padding: .5rem; } th, td { display: block; } }
        """
}
