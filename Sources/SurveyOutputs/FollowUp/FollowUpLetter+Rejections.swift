import Foundation
import SurveyModel
import SurveyIntake

extension FollowUpLetterComposer {
    /// The most errors a letter lists; the rest are counted ("og 12 fejl mere", "and 12 more errors").
    static let listedErrors = 20

    /// The letter to the lead of a rejected file: which file, why it could not be received,
    /// every error (up to `listedErrors`) with its line and column, and how to send it again;
    /// in Danish, then in English (each error's English message). The subject is Danish.
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
        let project = LetterText.plain(rejection.claimed.projectId ?? "")
        let round = rejection.claimed.round.map(String.init) ?? ""
        let file = LetterText.plain(rejection.originKind == .file
            ? URL(fileURLWithPath: rejection.source).lastPathComponent : rejection.source)
        return LetterText.bilingual { danish in
            var lines = greeting(for: rejection.lead, danish: danish)
            let received = LetterText.date(rejection.receivedAt, danish: danish)
                .map { danish ? ", som vi modtog den \($0)," : ", which we received on \($0)," } ?? ""
            lines += LetterText.wrap(danish
                ? "Tak for jeres statusrapport for \(round) om signaturprojektet \(project). Vi kunne desværre ikke tage "
                    + "imod filen \(file)\(received) \(Self.why(rejection.reason, danish: true)). Filen er gemt, men "
                    + "rapporten indgår ikke i opfølgningen på signaturprojekterne, før vi har modtaget en rettet udgave."
                : "Thank you for your status report for \(round) on signature project \(project). Unfortunately we could "
                    + "not accept the file \(file)\(received) \(Self.why(rejection.reason, danish: false)). The file is "
                    + "kept, but the report is not part of the follow-up on the signature projects until we have "
                    + "received a corrected version.")
            if rejection.earlier > 0 {
                lines += [""] + LetterText.wrap(Self.earlierFiles(rejection.earlier, danish: danish))
            }
            lines += ["", danish ? "Det skal rettes" : "What to correct", ""]
            for (index, error) in rejection.errors.prefix(Self.listedErrors).enumerated() {
                let number = "\(index + 1). "
                let place = error.line > 0
                    ? (danish ? "Linje \(error.line), kolonne \(error.column): " : "Line \(error.line), column \(error.column): ")
                    : ""
                let message = danish ? error.messageDanish ?? error.message : error.message
                lines += LetterText.wrap(place + LetterText.plain(message), first: number,
                                         rest: String(repeating: " ", count: number.count))
            }
            let more = rejection.errors.count - Self.listedErrors
            if more > 0 {
                lines += LetterText.wrap(danish
                    ? "… og \(more) fejl mere. Ret dem ovenfor, så viser den næste kontrol resten."
                    : "… and \(more) more \(more == 1 ? "error" : "errors"). Correct the ones above, and the next check "
                        + "will show the rest.")
            }
            lines += ["", danish ? "Sådan sender I rettelserne" : "How to send the corrections", ""]
            var instruction = danish
                ? "Ret fejlene i filen, og send hele filen igen som svar på denne e-mail. Linje og kolonne viser, hvor i "
                    + "filen fejlen står; de øvrige svar kan stå, som de er."
                : "Correct the errors in the file, and send the whole file again in reply to this e-mail. The line and "
                    + "column show where in the file each error is; the other answers can stay as they are."
            if rejection.reason == .conflict {
                instruction += " " + Self.instructionSentence(for: rejection.format ?? "", danish: danish)
            }
            lines += LetterText.wrap(instruction)
            if let replyBy {
                lines += [""] + LetterText.wrap(danish
                    ? "Vi vil sætte pris på at få den rettede fil senest \(Self.replyDate(replyBy, danish: true))."
                    : "We would appreciate the corrected file by \(Self.replyDate(replyBy, danish: false)).")
            }
            lines += [""] + LetterText.wrap(danish
                ? "Hvis noget er uklart, så skriv endelig tilbage – så finder vi ud af det sammen."
                : "If anything is unclear, please write back – and we will sort it out together.")
            return lines + signature(danish: danish)
        }
    }

    /// That `earlier` files for the same round could not be received either, and that the letter is about the latest.
    static func earlierFiles(_ earlier: Int, danish: Bool) -> String {
        switch (danish, earlier == 1) {
        case (true, true):
            return "Vi har også modtaget én tidligere fil for samme runde, som heller ikke kunne modtages; det er den "
                + "seneste, der står nedenfor."
        case (true, false):
            return "Vi har også modtaget \(earlier) tidligere filer for samme runde, som heller ikke kunne modtages; det er "
                + "den seneste, der står nedenfor."
        case (false, true):
            return "We have also received one earlier file for the same round that could not be accepted either; the "
                + "one below is the latest."
        case (false, false):
            return "We have also received \(earlier) earlier files for the same round that could not be accepted either; "
                + "the one below is the latest."
        }
    }

    /// Why a file of this reason could not be received, as the end of a sentence.
    static func why(_ reason: RejectionReason, danish: Bool) -> String {
        switch reason {
        case .schemaInvalid:
            return danish ? "fordi nogle svar ikke har den form, spørgeskemaet kræver"
                : "because some answers do not have the form the questionnaire requires"
        case .notWellFormed: return danish ? "fordi den ikke er gyldig XML" : "because it is not valid XML"
        case .forbiddenDTD:
            return danish ? "fordi den indeholder en DOCTYPE-erklæring, som vi af sikkerhedshensyn ikke læser"
                : "because it contains a DOCTYPE declaration, which we do not read, for security reasons"
        case .unknownQuestionnaire:
            return danish ? "fordi den ikke er et af de spørgeskemaer, vi kender"
                : "because it is not one of the questionnaires we know"
        case .conflict:
            return danish ? "fordi den har samme submissionId som en rapport, vi allerede har modtaget, men et andet indhold"
                : "because it has the same submissionId as a report we have already received, but different content"
        case .tooLarge:
            return danish ? "fordi den er større, end en statusrapport må være" : "because it is larger than a status report may be"
        case .unreadable, .notThisLink: return danish ? "fordi vi ikke kunne læse den" : "because we could not read it"
        }
    }
}
