import Foundation
import SurveyModel

/// The draft invitation to one project lead for a round: the lead's own secret link, the
/// deadline, what the link is for and what to do if it was not meant for them. Danish first,
/// then the same in English; meant to be sent as it is (`X-Unsent: 1`, a draft).
public struct InvitationLetter: Sendable {
    public var sender: MailAddress
    public var date: Date

    public init(sender: MailAddress = FollowUpLetterComposer.defaultSender, date: Date) {
        self.sender = sender
        self.date = date
    }

    /// The letter, or nil when the roster has no valid address for the lead.
    public func letter(round: Round, entry: RosterEntry, url: String, expiresAt: String) -> MailMessage? {
        guard let address = entry.leadEmail, EmailAddress.isPlausible(address) else { return nil }
        let project = entry.title.map { "\(entry.projectId) (\($0))" } ?? entry.projectId
        let greeting = entry.leadName.map { "Kære \($0)" } ?? "Kære projektleder"
        let body = [
            "\(greeting)",
            "",
        ] + LetterText.wrap("Det er tid til den årlige statusrapport for signaturprojektet \(project), runde \(round.year). "
            + "Fristen er \(Self.danishDate(round.deadline)).") + [""]
        + LetterText.wrap("Brug dette link, som kun gælder for jeres projekt, når I indsender rapporten. "
            + "I får straks at vide, om noget mangler eller skal rettes, og kan rette og sende igen indtil fristen:") + ["", "  \(url)", ""]
        + LetterText.wrap("Linket virker til og med \(Self.danishDate(String(expiresAt.prefix(10)))). Del det ikke: "
            + "alt, der sendes med det, registreres som jeres projekts indberetning. Er brevet ikke til jer, så svar "
            + "på denne mail, så lukker vi linket.") + ["", "Med venlig hilsen", "", sender.name ?? sender.address ?? "", "", "-- ", ""]
        + LetterText.wrap("English: it is time for the yearly status report of signature project \(project), round "
            + "\(round.year), due \(round.deadline). Use the link above, which is for your project only, to submit "
            + "it; you are told at once if anything is missing or wrong, and can correct and resubmit until the "
            + "deadline. The link works until \(String(expiresAt.prefix(10))). Do not share it.")
        return MailMessage(from: sender, to: MailAddress(name: entry.leadName, address: address),
                           subject: "Statusrapport \(round.year) for \(entry.projectId): jeres link til indberetningen",
                           date: date, body: body.joined(separator: "\n") + "\n", extraHeaders: [MailHeader("X-Unsent", "1")])
    }

    /// `2024-11-30` → `30. november 2024` (`LetterText.date`); as written when it is not a date.
    static func danishDate(_ day: String) -> String {
        LetterText.date(day) ?? day
    }
}

extension InvitationLetter {
    /// The draft reminder to a lead whose project has sent nothing for the round: the deadline
    /// (passed or not), and a new link when one was issued for the reminder (`url`), else the
    /// invitation's link. Danish first, then English; a draft (`X-Unsent: 1`).
    public func reminder(round: Round, entry: RosterEntry, url: String?, expiresAt: String?, today: String) -> MailMessage? {
        guard let address = entry.leadEmail, EmailAddress.isPlausible(address) else { return nil }
        let project = entry.title.map { "\(entry.projectId) (\($0))" } ?? entry.projectId
        let greeting = entry.leadName.map { "Kære \($0)" } ?? "Kære projektleder"
        let passed = round.deadline < today
        let deadline = Self.danishDate(round.deadline)
        var body = ["\(greeting)", ""]
        body += LetterText.wrap("Vi har endnu ikke modtaget statusrapporten for signaturprojektet \(project), runde \(round.year). "
            + (passed ? "Fristen var \(deadline)." : "Fristen er \(deadline)."))
        body.append("")
        if let url, let expiresAt {
            body += LetterText.wrap("Brug dette nye link, som kun gælder for jeres projekt; det afløser linket fra invitationen "
                + "og virker til og med \(Self.danishDate(String(expiresAt.prefix(10)))):") + ["", "  \(url)", ""]
        } else {
            body += LetterText.wrap("Brug linket fra invitationen. Kan I ikke finde det, så svar på denne mail, så sender vi et nyt.") + [""]
        }
        body += LetterText.wrap("I får straks at vide, om noget mangler eller skal rettes. Er projektet stoppet, eller er "
            + "brevet ikke til jer, så svar på denne mail.") + ["", "Med venlig hilsen", "", sender.name ?? sender.address ?? "", "", "-- ", ""]
        body += LetterText.wrap("English: we have not yet received the status report of signature project \(project), round "
            + "\(round.year); the deadline \(passed ? "was" : "is") \(round.deadline). "
            + (url != nil ? "Use the new link above, which replaces the one in the invitation. " : "Use the link in the invitation, or reply to ask for a new one. ")
            + "If the project has stopped, or this letter is not for you, please reply.")
        return MailMessage(from: sender, to: MailAddress(name: entry.leadName, address: address),
                           subject: "Påmindelse: statusrapport \(round.year) for \(entry.projectId)",
                           date: date, body: body.joined(separator: "\n") + "\n", extraHeaders: [MailHeader("X-Unsent", "1")])
    }
}
