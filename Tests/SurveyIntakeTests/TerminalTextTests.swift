import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// Issue 13, item 15: control and bidi characters from outside are shown, not acted on.
@Suite("Terminal text: control and bidi characters escaped for printing")
struct TerminalTextTests {
    @Test("ESC sequences, BEL, CR, C1 CSI, DEL and bidi overrides are shown as \\u{…}; tab, letters and emoji stay")
    func escapes() {
        #expect(TerminalText.escaped("x\u{1B}[2J\u{1B}]0;pwned\u{07}.xml") == "x\\u{1B}[2J\\u{1B}]0;pwned\\u{7}.xml")
        #expect(TerminalText.escaped("\r4\u{9B}\u{202E}x\u{7F}") == "\\u{D}4\\u{9B}\\u{202E}x\\u{7F}")
        #expect(TerminalText.escaped("\u{061C}\u{200E}\u{200F}\u{202A}\u{2066}\u{2069}")
            == "\\u{61C}\\u{200E}\\u{200F}\\u{202A}\\u{2066}\\u{2069}")
        #expect(TerminalText.escaped("Tab\there, Ærø 😀") == "Tab\there, Ærø 😀")
    }

    @Test("line breaks: kept in text of several lines (LF and CRLF, not a lone CR), escaped in one line")
    func lineBreaks() {
        #expect(TerminalText.escaped("a\nb\r\nc\rd") == "a\nb\r\nc\\u{D}d")
        #expect(TerminalText.escaped("a\nb\r\nc", keepingLineBreaks: false) == "a\\u{A}b\\u{D}\\u{A}c")
    }

    @Test("JSON keeps its meaning: DEL, C1 and bidi as \\u escapes, the structure's line breaks kept")
    func json() throws {
        let encoded = try JSONEncoder().encode(["v": "\u{9B}\u{202E}\u{7F}\u{1B}"])
        let json = String(decoding: encoded, as: UTF8.self)
        let escaped = TerminalText.escapedJSON("[\n" + json + "\n]")
        #expect(!escaped.unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" })
        let decoded = try JSONDecoder().decode([[String: String]].self, from: Data(escaped.utf8))
        #expect(decoded == [["v": "\u{9B}\u{202E}\u{7F}\u{1B}"]])
    }

    @Test("flags text: a title and a value with ESC, CR, LF and U+202E stay on their lines, escaped")
    func flagsText() {
        let lead = ProjectLead(email: "anne@testrup.dk", name: "Anne\u{1B}[2J")
        let finding = OpenFinding(position: 1, field: "project.phase", rule: .placeholder, label: "Phase", labelDanish: "Fase",
                                  message: "\"Phase\" is a placeholder: \"x\r\nfake.xml:1:1: error: y\u{202E}\".",
                                  messageDanish: "d", value: "x", line: 3, column: 5)
        let submission = SubmissionFindings(submissionId: "s", projectId: "SP-2020-001", round: 2021, format: "statusrapport-1",
                                            sourceFile: "in\u{9B}box/a.xml", submittedAt: "2021-11-15T14:30:00+01:00",
                                            title: "T\r\u{202E}", authority: nil, lead: lead, findings: [finding])
        let leads = [LeadFindings(lead: lead, projects: [ProjectFindings(projectId: "SP-2020-001", title: "T\r\u{202E}", authority: nil,
                                                                        submissions: [submission])])]
        #expect(OpenFindingsTextWriter().write(leads) == """
            == Anne\\u{1B}[2J <anne@testrup.dk>: 1 finding in 1 project
            -- SP-2020-001, round 2021: T\\u{D}\\u{202E}
            in\\u{9B}box/a.xml:3:5: warning: [placeholder] project.phase: "Phase" is a placeholder: "x\\u{D}\\u{A}fake.xml:1:1: error: y\\u{202E}". (open)

            """)
    }
}
