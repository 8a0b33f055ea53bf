import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore

/// Writes one draft e-mail per project lead, in Danish and then in English: polite, and specific about every
/// answer that is missing, blank, a placeholder, required by another answer, malformed or
/// unplaceable, quoting the question's label and what was written, and saying how to send a
/// corrected questionnaire. A finding asked before says when it was first asked. Meant to be
/// sent as it is. The English letter follows the Danish one's signature after a `-- ` line;
/// the subject is Danish.
///
///     let composer = FollowUpLetterComposer(date: Date(), vocabularies: vocabularies)
///     let message = composer.letter(for: leads[0])
///     message.subject   // "Opfølgning på statusrapport 2021 for SP-2020-005: 3 svar mangler eller skal rettes"
public struct FollowUpLetterComposer: Sendable {
    /// The sender: From, and the signature under the letter.
    public var sender: MailAddress
    /// The Date header.
    public var date: Date
    /// When the corrections are wanted: a day ("2023-01-15", "15. januar 2023"), which each
    /// language writes its own way, or other text, written as it is; no deadline when nil.
    public var replyBy: String?

    /// A placeholder sender for the analyst to change (`--from`): the `.example` domain is
    /// reserved and delivers nowhere.
    public static let defaultSender = MailAddress(
        name: "Opfølgning på signaturprojekterne", address: "opfoelgning@signaturprojekter.example")

    /// The challenge categories a lead may choose from, in the taxonomy's order: (code, Danish
    /// label, English label).
    public var categories: [(code: String, danishLabel: String, englishLabel: String)]
    /// The labels a condition's coded answer is quoted by («Delvist», not «partly»).
    public var answerLabels: AnswerLabels

    /// A composer signing as `sender`, dating its letters `date`, naming the categories of
    /// `vocabularies`' challenge taxonomy; with `dictionaries` (each format's data dictionary),
    /// a condition's coded answer is quoted by its label (Danish, and English in the English part).
    public init(sender: MailAddress = defaultSender, date: Date, replyBy: String? = nil, vocabularies: Vocabularies,
                dictionaries: [String: DataDictionary] = [:]) {
        self.sender = sender
        self.date = date
        self.replyBy = replyBy
        categories = vocabularies.challenges.categories.map { ($0.code, $0.danishLabel, $0.englishLabel) }
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
        LetterText.bilingual { danish in
            var lines = greeting(for: group.lead, danish: danish)
            lines += LetterText.wrap(introduction(for: group, danish: danish))
            for submission in group.submissions {
                lines += [""] + section(for: submission, danish: danish)
            }
            let findings = group.submissions.flatMap(\.findings)
            if findings.contains(where: { $0.rule == .unmapped && Self.isCategory($0.field) }) {
                lines += [""] + LetterText.wrap((danish ? "Rapportens kategorier for udfordringer er: "
                    : "The report's categories of challenges are: ") + categoryList(danish: danish) + ".")
            }
            lines += ["", danish ? "Sådan sender I rettelserne" : "How to send the corrections", ""]
            lines += resubmission(for: group, danish: danish)
            if let replyBy {
                let single = group.submissions.count == 1
                lines += [""] + LetterText.wrap(danish
                    ? "Vi vil sætte pris på at få \(single ? "den rettede rapport" : "de rettede rapporter") senest "
                        + "\(Self.replyDate(replyBy, danish: true))."
                    : "We would appreciate \(single ? "the corrected report" : "the corrected reports") by "
                        + "\(Self.replyDate(replyBy, danish: false)).")
            }
            lines += [""] + LetterText.wrap(danish
                ? "Hvis der er svar, I ikke kan give endnu, eller hvis noget er uklart, så skriv endelig tilbage – så "
                    + "finder vi ud af det sammen."
                : "If there are answers you cannot give yet, or if anything is unclear, please write back – and we "
                    + "will sort it out together.")
            return lines + signature(danish: danish)
        }
    }

    /// "Kære NAME" or "Dear NAME" (the lead's name without control characters), then an empty line.
    func greeting(for lead: ProjectLead, danish: Bool) -> [String] {
        let name = lead.name.map { HeaderText.cleaned($0) }.flatMap { $0.isEmpty ? nil : $0 }
        return [danish ? "Kære \(name ?? "projektleder")" : "Dear \(name ?? "project lead")", ""]
    }

    /// The closing and the sender's name.
    func signature(danish: Bool) -> [String] {
        ["", danish ? "Med venlig hilsen" : "Kind regards", "", sender.name ?? sender.address ?? ""]
    }

    /// `replyBy` in the letter's language when it is a day (`2023-01-15`, `15. januar 2023`,
    /// `15 January 2023`), else as written.
    static func replyDate(_ replyBy: String, danish: Bool) -> String {
        replyByDay(replyBy).flatMap { LetterText.date($0, danish: danish) } ?? replyBy
    }

    /// The day `--reply-by` names, as `2023-01-15`, when it is written `2023-01-15`,
    /// `15. januar 2023` or `15 January 2023`; nil for anything else.
    public static func replyByDay(_ text: String) -> String? {
        LetterText.day(text)
    }

    private func introduction(for group: LeadFindings, danish: Bool) -> String {
        let count = group.findingCount
        let answers = danish
            ? (count == 1 ? "ét svar, som vi mangler eller ikke kan bruge, som det står"
                : "\(count) svar, som vi mangler eller ikke kan bruge, som de står")
            : (count == 1 ? "is one answer that we are missing or cannot use as it stands"
                : "are \(count) answers that we are missing or cannot use as they stand")
        if group.submissions.count == 1, let submission = group.submissions.first {
            let title = submission.title.map { " " + LetterText.quote(LetterText.quoted($0), danish: danish) } ?? ""
            return danish
                ? "Tak for jeres statusrapport for \(submission.round) om signaturprojektet \(submission.projectId)\(title). "
                    + "Vi har gennemgået den, og der er \(answers). Vil du se på \(count == 1 ? "det" : "dem") nedenfor og "
                    + "sende os en rettet udgave af rapporten? Så kan projektet indgå fuldt ud i den samlede opfølgning "
                    + "på signaturprojekterne."
                : "Thank you for your status report for \(submission.round) on signature project "
                    + "\(submission.projectId)\(title). We have been through it, and there \(answers). Could you look at "
                    + "\(count == 1 ? "it" : "them") below and send us a corrected version of the report? Then the project "
                    + "can be fully included in the overall follow-up on the signature projects."
        }
        let projects = group.projects.map(\.projectId)
        let reports = group.submissions.count
        if danish {
            let about = projects.count == 1 ? "signaturprojektet \(projects[0])" : "signaturprojekterne \(LetterText.list(projects))"
            return "Tak for jeres statusrapporter om \(about). Vi har gennemgået dem, og i \(reports) "
                + "rapporter er der i alt \(answers). Vil du se på dem nedenfor og sende os rettede udgaver af rapporterne? "
                + "Så kan \(projects.count == 1 ? "projektet" : "projekterne") indgå fuldt ud i den samlede opfølgning "
                + "på signaturprojekterne."
        }
        let about = projects.count == 1 ? "signature project \(projects[0])"
            : "signature projects \(LetterText.list(projects, danish: false))"
        return "Thank you for your status reports on \(about). We have been through them, and across the \(reports) "
            + "reports there \(answers). Could you look at them below and send us corrected versions of the reports? "
            + "Then \(projects.count == 1 ? "the project" : "the projects") can be fully included in the overall "
            + "follow-up on the signature projects."
    }

    /// A heading for the report, where it came from, and its findings numbered in questionnaire order.
    private func section(for submission: SubmissionFindings, danish: Bool) -> [String] {
        let title = submission.title.map { " " + LetterText.quote(LetterText.quoted($0), danish: danish) } ?? ""
        var lines = LetterText.wrap("\(submission.projectId)\(title) – \(danish ? "statusrapport" : "status report") "
            + "for \(submission.round)")
        let file = LetterText.plain(URL(fileURLWithPath: submission.sourceFile).lastPathComponent)
        let sent = LetterText.date(submission.submittedAt, danish: danish)
            .map { danish ? "Indsendt \($0), filen \(file)" : "Submitted \($0), file \(file)" }
        lines += LetterText.wrap(sent ?? (danish ? "Filen \(file)" : "File \(file)"))
        lines.append("")
        for (index, stored) in submission.findings.enumerated() {
            let finding = labelled(stored, format: submission.format)
            let number = "\(index + 1). "
            let asked = finding.firstAsked.flatMap { LetterText.date($0.at, danish: danish) }
                .map { danish ? " Vi spurgte første gang den \($0)." : " We first asked on \($0)." } ?? ""
            lines += LetterText.wrap(Self.sentence(for: finding, danish: danish) + asked, first: number,
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
    private func resubmission(for group: LeadFindings, danish: Bool) -> [String] {
        let single = group.submissions.count == 1
        var opening = danish
            ? "Ret svarene ovenfor i den spørgeskemafil, I indsendte, og send hele filen igen som svar på denne "
                + "e-mail. De øvrige svar kan stå, som de er."
            : "Correct the answers above in the questionnaire file you sent, and send the whole file again in reply "
                + "to this e-mail. The other answers can stay as they are."
        let closing = switch (danish, single) {
        case (true, true): "Den første udgave bliver gemt, men det er den rettede, der indgår i opfølgningen."
        case (true, false): "De første udgaver bliver gemt, men det er de rettede, der indgår i opfølgningen."
        case (false, true): "The first version is kept, but it is the corrected one that counts in the follow-up."
        case (false, false): "The first versions are kept, but it is the corrected ones that count in the follow-up."
        }
        let formats = Dictionary(grouping: group.submissions, by: \.format)
        guard formats.count > 1 else {
            opening += " " + Self.instructionSentence(for: group.submissions.first?.format ?? "", danish: danish) + " " + closing
            return LetterText.wrap(opening)
        }
        var lines = LetterText.wrap(opening) + [""]
        for format in formats.keys.sorted() {
            let reports = formats[format] ?? []
            let rounds = LetterText.list(Set(reports.map(\.round)).sorted().map(String.init), danish: danish)
            let which = danish ? (reports.count == 1 ? "Rapporten" : "Rapporterne") + " for \(rounds)"
                : (reports.count == 1 ? "The report" : "The reports") + " for \(rounds)"
            lines += LetterText.wrap("\(which): \(Self.instruction(for: format, danish: danish))", first: "- ", rest: "  ")
        }
        return lines + [""] + LetterText.wrap(closing)
    }

    /// What makes a corrected file of `format` replace the first one, as the end of a sentence.
    static func instruction(for format: String, danish: Bool) -> String {
        let field = { (name: String) in LetterText.quote(name, danish: danish) }
        switch format {
        case "statusrapport-1":
            return danish
                ? "sæt \(field("Indsendt")) til det tidspunkt, hvor I retter filen, så den rettede udgave afløser den første."
                : "set \(field("Indsendt")) to the time you correct the file, so that the corrected version replaces the first."
        case "statusreport-2":
            return danish
                ? "giv filen et nyt submissionId (en ny UUID), og sæt \(field("SubmittedAt")) til det tidspunkt, hvor I "
                    + "retter den. En fil med samme submissionId som den første, men med andet indhold, bliver afvist."
                : "give the file a new submissionId (a new UUID), and set \(field("SubmittedAt")) to the time you correct "
                    + "it. A file with the same submissionId as the first but different content is rejected."
        default:
            return danish
                ? "sæt indsendelsestidspunktet til det tidspunkt, hvor I retter filen, så den rettede udgave afløser den første."
                : "set the submission time to the time you correct the file, so that the corrected version replaces the first."
        }
    }

    /// `instruction(for:danish:)` as a sentence of its own.
    static func instructionSentence(for format: String, danish: Bool) -> String {
        LetterText.capitalised(instruction(for: format, danish: danish))
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
