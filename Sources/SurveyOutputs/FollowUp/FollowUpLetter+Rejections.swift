import Foundation
import SurveyModel
import SurveyIntake

extension FollowUpLetterComposer {
    /// The most errors a letter lists; the rest are counted ("og 12 fejl mere").
    static let listedErrors = 20

    /// The letter to the lead of a rejected file: which file, why it could not be received,
    /// every error (up to `listedErrors`) with its line and column, and how to send it again.
    ///
    ///     composer.letter(for: rejection).subject
    ///     // "Statusrapport 2022 for SP-2021-032 kunne ikke modtages: 1 fejl skal rettes"
    public func letter(for rejection: UnresolvedRejection) -> MailMessage {
        let lead = rejection.lead
        let project = HeaderText.cleaned(rejection.claimed.projectId ?? "")
        let round = rejection.claimed.round.map(String.init) ?? ""
        let count = rejection.errors.count
        let subject = "Statusrapport \(round) for \(project) kunne ikke modtages: "
            + (count == 1 ? "1 fejl skal rettes" : "\(count) fejl skal rettes")
        return MailMessage(from: sender, to: MailAddress(name: lead.name, address: lead.hasPlausibleEmail ? lead.email : nil),
                           subject: subject, date: date, body: body(for: rejection), extraHeaders: Self.headers(for: lead))
    }

    func body(for rejection: UnresolvedRejection) -> String {
        let name = rejection.lead.name.map { HeaderText.cleaned($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let project = LetterText.plain(rejection.claimed.projectId ?? "")
        let round = rejection.claimed.round.map(String.init) ?? ""
        let file = LetterText.plain(rejection.originKind == .file
            ? URL(fileURLWithPath: rejection.source).lastPathComponent : rejection.source)
        let received = LetterText.date(rejection.receivedAt).map { ", som vi modtog den \($0)," } ?? ""
        var lines: [String] = ["Kære \(name ?? "projektleder")", ""]
        lines += LetterText.wrap("Tak for jeres statusrapport for \(round) om signaturprojektet \(project). Vi kunne desværre "
            + "ikke tage imod filen \(file)\(received) \(Self.why(rejection.reason)). Filen er gemt, men rapporten indgår "
            + "ikke i opfølgningen på signaturprojekterne, før vi har modtaget en rettet udgave.")
        if rejection.earlier > 0 {
            lines += [""] + LetterText.wrap(rejection.earlier == 1
                ? "Vi har også modtaget én tidligere fil for samme runde, som heller ikke kunne modtages; det er den seneste, "
                    + "der står nedenfor."
                : "Vi har også modtaget \(rejection.earlier) tidligere filer for samme runde, som heller ikke kunne modtages; "
                    + "det er den seneste, der står nedenfor.")
        }
        lines += ["", "Det skal rettes", ""]
        for (index, error) in rejection.errors.prefix(Self.listedErrors).enumerated() {
            let number = "\(index + 1). "
            let place = error.line > 0 ? "Linje \(error.line), kolonne \(error.column): " : ""
            lines += LetterText.wrap(place + LetterText.plain(error.messageDanish ?? error.message), first: number,
                                     rest: String(repeating: " ", count: number.count))
        }
        if rejection.errors.count > Self.listedErrors {
            lines += LetterText.wrap("… og \(rejection.errors.count - Self.listedErrors) fejl mere. Ret dem ovenfor, så viser "
                + "den næste kontrol resten.")
        }
        lines += ["", "Sådan sender I rettelserne", ""]
        var instruction = "Ret fejlene i filen, og send hele filen igen som svar på denne e-mail. Linje og kolonne "
            + "viser, hvor i filen fejlen står; de øvrige svar kan stå, som de er."
        if rejection.reason == .conflict {
            instruction += " " + Self.instructionSentence(for: rejection.format ?? "")
        }
        lines += LetterText.wrap(instruction)
        if let replyBy {
            lines += [""] + LetterText.wrap("Vi vil sætte pris på at få den rettede fil senest \(replyBy).")
        }
        lines += [""] + LetterText.wrap("Hvis noget er uklart, så skriv endelig tilbage – så finder vi ud af det sammen.")
        lines += ["", "Med venlig hilsen", "", sender.name ?? sender.address ?? ""]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Why a file of this reason could not be received, as the end of a Danish sentence.
    static func why(_ reason: RejectionReason) -> String {
        switch reason {
        case .schemaInvalid: return "fordi nogle svar ikke har den form, spørgeskemaet kræver"
        case .notWellFormed: return "fordi den ikke er gyldig XML"
        case .forbiddenDTD: return "fordi den indeholder en DOCTYPE-erklæring, som vi af sikkerhedshensyn ikke læser"
        case .unknownQuestionnaire: return "fordi den ikke er et af de spørgeskemaer, vi kender"
        case .conflict: return "fordi den har samme submissionId som en rapport, vi allerede har modtaget, men et andet indhold"
        case .tooLarge: return "fordi den er større, end en statusrapport må være"
        case .unreadable, .notThisLink: return "fordi vi ikke kunne læse den"
        }
    }
}
