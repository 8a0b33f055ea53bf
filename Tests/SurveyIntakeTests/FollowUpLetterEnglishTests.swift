import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// Every letter to a lead is Danish, then (after the signature and a `-- ` line) English: the
/// same findings, numbered the same, with the English labels, dates and words.
@Suite("flags --letters: the English letter after the Danish one")
struct FollowUpLetterEnglishTests {
    /// The Danish and the English letter of `body`, split at the `-- ` line.
    private func parts(_ body: String) throws -> (danish: String, english: String) {
        let parts = body.components(separatedBy: "\n\n-- \n\n")
        try #require(parts.count == 2, "one `-- ` line between the Danish and the English letter")
        return (parts[0], parts[1])
    }

    /// The prose with its wrapped lines joined again (and the numbered lines' indent dropped).
    private func prose(_ text: String) -> String {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    private func composer(replyBy: String? = "15. januar 2023") throws -> FollowUpLetterComposer {
        FollowUpLetterComposer(date: FollowUpLetterTests.date, replyBy: replyBy, vocabularies: try TestSupport.vocabularies(),
                               dictionaries: try TestSupport.pipeline().completeness.dictionaries)
    }

    @Test("a follow-up letter: greeting, introduction, each finding with its English label, the categories, how to resubmit")
    func followUp() throws {
        let (store, _) = try FollowUpFixture.store()
        let anne = try #require(try store.openFindings().first)
        let (danish, english) = try parts(try composer().body(for: anne))
        #expect(danish.hasSuffix("Med venlig hilsen\n\nOpfølgning på signaturprojekterne"))
        #expect(english.hasPrefix("Dear Anne Testesen\n\nThank you for your status reports on signature projects SP-2020-001"))
        #expect(english.hasSuffix("\nKind regards\n\nOpfølgning på signaturprojekterne\n"))
        let text = prose(english)
        #expect(text.contains("We have been through them, and across the 3 reports there are 7 answers that we are missing "
            + "or cannot use as they stand."))
        #expect(english.contains("\nSP-2020-001 – status report for 2021\nSubmitted 12 November 2021, file SP-2020-001.xml\n\n"
            + "1. “Project title” has not been answered.\n"))
        #expect(english.contains("\nSP-2020-001 “Tidlig opsporing af tryksår” – status report for 2022\n"))
        // A conditional question: the condition's English label and its answer's English label.
        #expect(text.contains("2. Challenge 2: “What measures did you take?” has not been answered. It must be, because the "
            + "answer to “Has the challenge been resolved?” is “Partly”."))
        // A placeholder, required by a coded answer.
        #expect(text.contains("2. Challenge 1: “What was done about it?” says “Følger”, which we read as a placeholder, not "
            + "an answer. The question must be answered because the answer to “Resolved?” is “Partly”."))
        #expect(text.contains("2. General measure 1: “General measures” says “xx”, which we read as a placeholder, not an answer."))
        // An unmapped category, and the category list in English.
        #expect(text.contains("3. Challenge 3: “Category”: we cannot place the category “Corona” among the report's categories."))
        #expect(text.contains("The report's categories of challenges are: data, infrastructure, legal, competencies, "
            + "operations, project management (project-management), vendor management (vendor-management), "
            + "organisation, ethics, finance and other."))
        #expect(text.contains("How to send the corrections Correct the answers above in the questionnaire file you sent"))
        #expect(text.contains("- The reports for 2021: set “Indsendt” to the time you correct the file, so that the corrected "
            + "version replaces the first."))
        #expect(text.contains("- The report for 2022: give the file a new submissionId (a new UUID), and set “SubmittedAt”"))
        #expect(text.contains("The first versions are kept, but it is the corrected ones that count in the follow-up."))
        #expect(text.contains("We would appreciate the corrected reports by 15 January 2023."))
        #expect(prose(danish).contains("Vi vil sætte pris på at få de rettede rapporter senest 15. januar 2023."))
        // Every finding of the Danish letter is in the English one, numbered the same.
        let numbers = { (part: String) in part.split(separator: "\n").compactMap { $0.split(separator: ".").first.flatMap { Int($0) } } }
        #expect(numbers(english) == numbers(danish))
        #expect(numbers(english) == [1, 2, 3, 1, 2, 1, 2])
        for line in english.split(separator: "\n") { #expect(line.count <= 72, "\(line)") }
        #expect(!english.contains("«"), "English quotes “like this”")
    }

    @Test("a single report in one format: one resubmission paragraph; a finding asked before says when, in English")
    func singleReport() throws {
        let lead = ProjectLead(email: "carl@kk.dk", name: nil)
        let asked = FlagLife(firstAsked: FlagAsking(at: "2022-12-01T09:00:00Z", by: .letter))
        let finding = OpenFinding(position: 3, field: "operationsPlan", rule: .conditional, label: "Plan for the transition to operation",
                                  labelDanish: "Plan for overgang til drift", message: "m", messageDanish: "m", line: 12, column: 3,
                                  condition: FindingCondition(labelDanish: "Projektets fase", labelEnglish: "Project phase",
                                                              written: "implementation"), life: asked)
        let submission = SubmissionFindings(submissionId: "s", projectId: "SP-2021-004", round: 2022, format: "statusreport-2",
                                            sourceFile: "in/SP-2021-004.xml", submittedAt: "2022-11-30T23:59:00+01:00",
                                            title: "Prognoser", lead: lead, findings: [finding])
        let group = LeadFindings(lead: lead, projects: [ProjectFindings(projectId: "SP-2021-004", submissions: [submission])])
        let (danish, english) = try parts(try composer(replyBy: "2023-01-15").body(for: group))
        let text = prose(english)
        #expect(english.hasPrefix("Dear project lead\n\n"))
        #expect(text.hasPrefix("Dear project lead Thank you for your status report for 2022 on signature project "
            + "SP-2021-004 “Prognoser”. We have been through it, and there is one answer"))
        #expect(text.contains("Could you look at it below and send us a corrected version of the report?"))
        #expect(text.contains("1. “Plan for the transition to operation” has not been answered. It must be, because the answer "
            + "to “Project phase” is “Implementation”. We first asked on 1 December 2022."))
        #expect(prose(danish).contains("fordi «Projektets fase» er besvaret med «Implementering». Vi spurgte første gang den "
            + "1. december 2022."))
        #expect(text.contains("The other answers can stay as they are. Give the file a new submissionId (a new UUID), and set "
            + "“SubmittedAt” to the time you correct it."))
        #expect(text.contains("The first version is kept, but it is the corrected one that counts in the follow-up."))
        #expect(text.contains("We would appreciate the corrected report by 15 January 2023."))
        #expect(prose(danish).contains("senest 15. januar 2023."))
        #expect(!danish.contains("\n- ") && !english.contains("\n- "), "one format: no list of formats")
    }

    @Test("each rule's English sentence")
    func sentences() {
        func finding(_ rule: CompletenessRule, _ field: String, value: String? = nil) -> OpenFinding {
            OpenFinding(position: 1, field: field, rule: rule, label: "Question", labelDanish: "Spørgsmål", message: "",
                        messageDanish: "", value: value, line: 1, column: 1)
        }
        let sentence = { FollowUpLetterComposer.sentence(for: $0, danish: false) }
        #expect(sentence(finding(.missing, "mitigations[2].text")) == "General measure 2: “Question” has not been answered.")
        #expect(sentence(finding(.placeholder, "challenges[4].description", value: "  TBD \n"))
            == "Challenge 4: “Question” says “TBD”, which we read as a placeholder, not an answer.")
        #expect(sentence(finding(.conditional, "operationsPlan"))
            == "“Question” must be answered given your other answers, but has not been.")
        #expect(sentence(finding(.invalidFormat, "lead.email", value: "a.b")) == "“Question” is not a valid e-mail address: “a.b”.")
        #expect(sentence(finding(.unmapped, "project.domain", value: "Kultur"))
            == "“Question”: we do not recognise the answer “Kultur”. Please use one of the questionnaire's options, or "
                + "explain briefly what you mean.")
        #expect(sentence(finding(.encoding, "project.title", value: "HolbÃ¦k")).hasPrefix(
            "The file is saved as UTF-8 but names another character set in its first line, so æ, ø and å come out wrong "
                + "here, e.g. “HolbÃ¦k”."))
        #expect(sentence(finding(.noChallenges, "challenges")).hasPrefix("“Question”: no challenges are given."))
    }

    private func rejection(errors: [Finding], reason: RejectionReason = .schemaInvalid, format: String? = "statusreport-2",
                           source: String = "inbox/SP-2021-032.xml", lead: ProjectLead = ProjectLead(email: "peter@svendborg.dk",
                                                                                                       name: "Peter Laursen"),
                           earlier: Int = 0) -> UnresolvedRejection {
        UnresolvedRejection(rejectionId: 1, source: source, originKind: .file, receivedAt: "2022-11-20T10:00:00Z", reason: reason,
                            format: format, claimed: ClaimedIdentity(projectId: "SP-2021-032", round: 2022), lead: lead,
                            errors: errors, earlier: earlier)
    }

    private func error(line: Int, column: Int, english: String, danish: String) -> Finding {
        Finding(severity: .error, file: "inbox/SP-2021-032.xml", line: line, column: column, message: english,
                reason: .schemaInvalid, messageDanish: danish)
    }

    @Test("a rejection letter: each error's English message with its line and column, why, and how to resubmit")
    func rejectionLetter() throws {
        let letter = try composer().letter(for: rejection(errors: [
            error(line: 9, column: 5, english: "<Phase> has the value \"soon\"; expected one of pilot, operation",
                  danish: "<Phase> har værdien «soon»; forventet en af pilot, operation"),
            error(line: 0, column: 0, english: "The file ends too early", danish: "Filen slutter for tidligt"),
        ], earlier: 2))
        #expect(letter.subject == "Statusrapport 2022 for SP-2021-032 kunne ikke modtages: 2 fejl skal rettes")
        let (danish, english) = try parts(letter.body)
        #expect(danish.contains("\n1. Linje 9, kolonne 5: <Phase> har værdien «soon»; forventet en af\n   pilot, operation\n"))
        #expect(english.hasPrefix("Dear Peter Laursen\n\n"))
        let text = prose(english)
        #expect(text.contains("Thank you for your status report for 2022 on signature project SP-2021-032. Unfortunately we "
            + "could not accept the file SP-2021-032.xml, which we received on 20 November 2022, because some answers do "
            + "not have the form the questionnaire requires. The file is kept,"))
        #expect(text.contains("We have also received 2 earlier files for the same round that could not be accepted either; "
            + "the one below is the latest."))
        #expect(english.contains("\nWhat to correct\n\n1. Line 9, column 5: <Phase> has the value \"soon\"; expected one of\n"
            + "   pilot, operation\n2. The file ends too early\n"))
        #expect(text.contains("Correct the errors in the file, and send the whole file again in reply to this e-mail."))
        #expect(!text.contains("submissionId"), "only a conflict says how to replace the first file")
        #expect(text.contains("We would appreciate the corrected file by 15 January 2023."))
        #expect(english.hasSuffix("\nKind regards\n\nOpfølgning på signaturprojekterne\n"))
        for line in letter.body.split(separator: "\n") { #expect(line.count <= 72, "\(line)") }
    }

    @Test("a conflicting rejection says, in both languages, how to make the corrected file replace the first; more errors are counted")
    func conflictAndMoreErrors() throws {
        let errors = (1...23).map { error(line: $0, column: 1, english: "Error \($0)", danish: "Fejl \($0)") }
        let body = try composer(replyBy: nil).body(for: rejection(errors: errors, reason: .conflict, earlier: 1))
        let (danish, english) = try parts(body)
        #expect(prose(danish).contains("… og 3 fejl mere."))
        #expect(prose(danish).contains("de øvrige svar kan stå, som de er. Giv filen et nyt submissionId"))
        #expect(prose(danish).contains("Vi har også modtaget én tidligere fil for samme runde"))
        let text = prose(english)
        #expect(text.contains("because it has the same submissionId as a report we have already received, but different content."))
        #expect(text.contains("We have also received one earlier file for the same round that could not be accepted either;"))
        #expect(text.contains("20. Line 20, column 1: Error 20 … and 3 more errors. Correct the ones above, and the next check "
            + "will show the rest."))
        #expect(!text.contains("Error 21"))
        #expect(text.contains("the other answers can stay as they are. Give the file a new submissionId (a new UUID), and set "
            + "“SubmittedAt” to the time you correct it."))
        #expect(!text.contains("We would appreciate"), "no deadline unless asked for")
    }

    @Test("hostile text stays escaped in the English rejection letter too: the lead's name, the file name, an error message")
    func hostileText() throws {
        // The follow-up letter's value, title and file name: LetterHardeningTests.bodyEscapes.
        let lead = ProjectLead(email: "carl@kk.dk", name: "Carl\u{202E}\u{1B}[2J")
        let body = try composer().body(for: rejection(
            errors: [error(line: 3, column: 4, english: "bad \u{1B}]0;pwned\u{07} \u{202E}value", danish: "dårlig \u{202E}værdi")],
            source: "inbox/x\u{202E}lmx.xml", lead: lead))
        #expect(!body.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E },
                "no control or bidi character reaches the body")
        let (danish, english) = try parts(body)
        #expect(danish.hasPrefix("Kære Carl [2J\n"))
        #expect(english.hasPrefix("Dear Carl [2J\n"), "the name as the headers have it: controls removed")
        #expect(prose(english).contains("the file x\\u{202E}lmx.xml, which we received"))
        #expect(english.contains("1. Line 3, column 4: bad \\u{1B}]0;pwned\\u{7} \\u{202E}value\n"))
        #expect(danish.contains("1. Linje 3, kolonne 4: dårlig \\u{202E}værdi\n"))
    }

    @Test("--reply-by: a day as 2023-01-15, '15. januar 2023' or '15 January 2023'; each letter writes it its own way")
    func replyBy() {
        #expect(FollowUpLetterComposer.replyByDay("2023-01-15") == "2023-01-15")
        #expect(FollowUpLetterComposer.replyByDay("15. januar 2023") == "2023-01-15")
        #expect(FollowUpLetterComposer.replyByDay(" 5. Marts 2023 ") == "2023-03-05")
        #expect(FollowUpLetterComposer.replyByDay("15 January 2023") == "2023-01-15")
        #expect(FollowUpLetterComposer.replyByDay("fredag") == nil)
        #expect(FollowUpLetterComposer.replyByDay("32. januar 2023") == nil)
        #expect(FollowUpLetterComposer.replyByDay("2023-13-01") == nil)
        #expect(FollowUpLetterComposer.replyDate("2023-01-15", danish: true) == "15. januar 2023")
        #expect(FollowUpLetterComposer.replyDate("15. januar 2023", danish: false) == "15 January 2023")
        #expect(FollowUpLetterComposer.replyDate("snarest", danish: false) == "snarest", "not a day: as written")
    }
}
