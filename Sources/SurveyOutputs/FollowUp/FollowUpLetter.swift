import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore

/// Writes one draft e-mail per project lead, in Danish: polite, and specific about every
/// answer that is missing, blank, a placeholder, required by another answer, malformed or
/// unplaceable, quoting the question's label and what was written, and saying how to send a
/// corrected questionnaire. A finding asked before says when it was first asked. Meant to be
/// sent as it is.
///
///     let composer = FollowUpLetterComposer(date: Date(), vocabularies: vocabularies)
///     let message = composer.letter(for: leads[0])
///     message.subject   // "Opfølgning på statusrapport 2021 for SP-2020-005: 3 svar mangler eller skal rettes"
public struct FollowUpLetterComposer: Sendable {
    /// The sender: From, and the signature under the letter.
    public var sender: MailAddress
    /// The Date header.
    public var date: Date
    /// When the corrections are wanted, in Danish ("15. januar 2023"); no deadline when nil.
    public var replyBy: String?

    /// A placeholder sender for the analyst to change (`--from`): the `.example` domain is
    /// reserved and delivers nowhere.
    public static let defaultSender = MailAddress(
        name: "Opfølgning på signaturprojekterne", address: "opfoelgning@signaturprojekter.example")

    /// The challenge categories a lead may choose from, in the taxonomy's order: (code, Danish label).
    public var categories: [(code: String, danishLabel: String)]
    /// The labels a condition's coded answer is quoted by («Delvist», not «partly»).
    public var answerLabels: AnswerLabels

    /// A composer signing as `sender`, dating its letters `date`, naming the categories of
    /// `vocabularies`' challenge taxonomy; with `dictionaries` (each format's data dictionary),
    /// a condition's coded answer is quoted by its Danish label.
    public init(sender: MailAddress = defaultSender, date: Date, replyBy: String? = nil, vocabularies: Vocabularies,
                dictionaries: [String: DataDictionary] = [:]) {
        self.sender = sender
        self.date = date
        self.replyBy = replyBy
        categories = vocabularies.challenges.categories.map { ($0.code, $0.danishLabel) }
        answerLabels = AnswerLabels(vocabularies: vocabularies, dictionaries: dictionaries)
    }

    /// The letter to one lead about all their listed findings.
    public func letter(for group: LeadFindings) -> MailMessage {
        MailMessage(
            from: sender,
            to: MailAddress(name: group.lead.name, address: group.lead.hasPlausibleEmail ? group.lead.email : nil),
            subject: subject(for: group), date: date, body: body(for: group), extraHeaders: Self.headers(for: group.lead))
    }

    /// A draft's own headers: X-Unsent, and a warning when the lead's address cannot be used.
    static func headers(for lead: ProjectLead) -> [MailHeader] {
        var headers: [MailHeader] = [MailHeader("X-Unsent", "1")]
        if !lead.hasPlausibleEmail {
            let written = lead.email.map { " (\"\(LetterText.quoted($0))\")" } ?? ""
            headers.append(MailHeader("X-Survey-Intake-Warning", HeaderText.unstructured(
                "the project lead's e-mail address is missing or not valid\(written); fill in To before sending",
                used: "X-Survey-Intake-Warning:".count)))
        }
        return headers
    }

    func subject(for group: LeadFindings) -> String {
        let count = "\(group.findingCount) svar mangler eller skal rettes"
        if group.projects.count == 1, let project = group.projects.first {
            let rounds = project.submissions.map { String($0.round) }
            let reports = rounds.count == 1 ? "statusrapport" : "statusrapporterne"
            return "Opfølgning på \(reports) \(LetterText.list(rounds)) for \(project.projectId): \(count)"
        }
        return "Opfølgning på statusrapporterne for \(LetterText.list(group.projects.map(\.projectId))): \(count)"
    }

    func body(for group: LeadFindings) -> String {
        let name = group.lead.name.map { HeaderText.cleaned($0) }.flatMap { $0.isEmpty ? nil : $0 }
        var lines: [String] = ["Kære \(name ?? "projektleder")", ""]
        lines += LetterText.wrap(introduction(for: group))
        for submission in group.submissions {
            lines += [""] + section(for: submission)
        }
        let findings = group.submissions.flatMap(\.findings)
        if findings.contains(where: { $0.rule == .unmapped && Self.isCategory($0.field) }) {
            lines += [""] + LetterText.wrap("Rapportens kategorier for udfordringer er: \(categoryList).")
        }
        lines += ["", "Sådan sender I rettelserne", ""]
        lines += resubmission(for: group)
        if let replyBy {
            let reports = group.submissions.count == 1 ? "den rettede rapport" : "de rettede rapporter"
            lines += [""] + LetterText.wrap("Vi vil sætte pris på at få \(reports) senest \(replyBy).")
        }
        lines += [""] + LetterText.wrap("Hvis der er svar, I ikke kan give endnu, eller hvis noget er uklart, så skriv "
            + "endelig tilbage – så finder vi ud af det sammen.")
        lines += ["", "Med venlig hilsen", "", sender.name ?? sender.address ?? ""]
        return lines.joined(separator: "\n") + "\n"
    }

    private func introduction(for group: LeadFindings) -> String {
        let count = group.findingCount
        let answers = count == 1 ? "ét svar, som vi mangler eller ikke kan bruge, som det står"
            : "\(count) svar, som vi mangler eller ikke kan bruge, som de står"
        if group.submissions.count == 1, let submission = group.submissions.first {
            let title = submission.title.map { " «\(LetterText.quoted($0))»" } ?? ""
            return "Tak for jeres statusrapport for \(submission.round) om signaturprojektet \(submission.projectId)\(title). "
                + "Vi har gennemgået den, og der er \(answers). Vil du se på \(count == 1 ? "det" : "dem") nedenfor og sende os en rettet udgave "
                + "af rapporten? Så kan projektet indgå fuldt ud i den samlede opfølgning på signaturprojekterne."
        }
        let projects = group.projects.map(\.projectId)
        let about = projects.count == 1 ? "signaturprojektet \(projects[0])" : "signaturprojekterne \(LetterText.list(projects))"
        return "Tak for jeres statusrapporter om \(about). Vi har gennemgået dem, og i \(group.submissions.count) "
            + "rapporter er der i alt \(answers). Vil du se på dem nedenfor og sende os rettede udgaver af rapporterne? "
            + "Så kan \(projects.count == 1 ? "projektet" : "projekterne") indgå fuldt ud i den samlede opfølgning "
            + "på signaturprojekterne."
    }

    /// A heading for the report, where it came from, and its findings numbered in questionnaire order.
    private func section(for submission: SubmissionFindings) -> [String] {
        let title = submission.title.map { " «\(LetterText.quoted($0))»" } ?? ""
        var lines = LetterText.wrap("\(submission.projectId)\(title) – statusrapport for \(submission.round)")
        let file = LetterText.plain(URL(fileURLWithPath: submission.sourceFile).lastPathComponent)
        let sent = LetterText.date(submission.submittedAt).map { "Indsendt \($0), filen \(file)" } ?? "Filen \(file)"
        lines += LetterText.wrap(sent)
        lines.append("")
        for (index, stored) in submission.findings.enumerated() {
            let finding = labelled(stored, format: submission.format)
            let number = "\(index + 1). "
            let asked = finding.firstAsked.flatMap { LetterText.date($0.at) }.map { " Vi spurgte første gang den \($0)." } ?? ""
            lines += LetterText.wrap(Self.sentence(for: finding) + asked, first: number,
                                     rest: String(repeating: " ", count: number.count))
        }
        return lines
    }

    /// `finding` with its condition's coded answer labelled from the vocabularies (the store
    /// keeps what was written; the label is found again here, by the question the condition is on).
    func labelled(_ finding: OpenFinding, format: String) -> OpenFinding {
        guard var condition = finding.condition, condition.writtenLabelDanish == nil,
              let field = answerLabels.conditionField(of: finding.field, format: format),
              let labels = answerLabels.labels(of: condition.written, field: field) else { return finding }
        condition.writtenLabelDanish = labels.danish
        condition.writtenLabelEnglish = labels.english
        var labelled = finding
        labelled.condition = condition
        return labelled
    }

    /// How to send a corrected questionnaire, for the formats this lead used: one paragraph when
    /// all reports share a format, else a line per format.
    private func resubmission(for group: LeadFindings) -> [String] {
        let single = group.submissions.count == 1
        var opening = "Ret svarene ovenfor i den spørgeskemafil, I indsendte, og send hele filen igen som svar på denne "
            + "e-mail. De øvrige svar kan stå, som de er."
        let closing = single ? "Den første udgave bliver gemt, men det er den rettede, der indgår i opfølgningen."
            : "De første udgaver bliver gemt, men det er de rettede, der indgår i opfølgningen."
        let formats = Dictionary(grouping: group.submissions, by: \.format)
        guard formats.count > 1 else {
            opening += " " + Self.instructionSentence(for: group.submissions.first?.format ?? "") + " " + closing
            return LetterText.wrap(opening)
        }
        var lines = LetterText.wrap(opening) + [""]
        for format in formats.keys.sorted() {
            let reports = formats[format] ?? []
            let rounds = Set(reports.map(\.round)).sorted().map(String.init)
            let which = (reports.count == 1 ? "Rapporten" : "Rapporterne") + " for \(LetterText.list(rounds))"
            lines += LetterText.wrap("\(which): \(Self.instruction(for: format))", first: "- ", rest: "  ")
        }
        return lines + [""] + LetterText.wrap(closing)
    }

    /// What makes a corrected file of `format` replace the first one.
    static func instruction(for format: String) -> String {
        switch format {
        case "statusrapport-1":
            return "sæt «Indsendt» til det tidspunkt, hvor I retter filen, så den rettede udgave afløser den første."
        case "statusreport-2":
            return "giv filen et nyt submissionId (en ny UUID), og sæt «SubmittedAt» til det tidspunkt, hvor I retter den. "
                + "En fil med samme submissionId som den første, men med andet indhold, bliver afvist."
        default:
            return "sæt indsendelsestidspunktet til det tidspunkt, hvor I retter filen, så den rettede udgave afløser den første."
        }
    }

    /// `instruction(for:)` as a sentence of its own.
    static func instructionSentence(for format: String) -> String {
        LetterText.capitalised(instruction(for: format))
    }
}

extension FollowUpLetterComposer {
    /// The letters' Date: `SOURCE_DATE_EPOCH` when set (reproducible letters), else now.
    public static func letterDate() -> Date {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int64(epoch) {
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        return Date()
    }

    /// Reads a sender given as `Name <address>` or `address`; nil when there is no plausible address.
    public static func sender(from text: String) -> MailAddress? {
        let text = text.trimmingWhitespace()
        var name: String?
        var address = text
        if text.hasSuffix(">"), let open = text.lastIndex(of: "<") {
            address = String(text[text.index(after: open)..<text.index(before: text.endIndex)]).trimmingWhitespace()
            let display = String(text[..<open]).trimmingWhitespace()
            let unquoted = display.hasPrefix("\"") && display.hasSuffix("\"") && display.count >= 2
                ? String(display.dropFirst().dropLast()) : display
            name = unquoted.isEmpty ? nil : unquoted
        }
        return EmailAddress.isPlausible(address) ? MailAddress(name: name, address: address) : nil
    }
}
