import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("The samples validate as intended")
struct SampleValidationTests {
    private func files(in folder: String) throws -> [String] {
        try InputFiles.collect([TestSupport.samplesDirectory.appendingPathComponent(folder).path]).files
    }

    @Test("all 40 format-1 files of round 2021 are valid")
    func round2021() throws {
        let validator = try TestSupport.validator()
        let files = try files(in: "2021")
        #expect(files.count == 40)
        for file in files {
            let outcome = validator.validate(fileAt: file)
            #expect(outcome.isValid, "\(file): \(outcome.findings.map(\.formatted))")
            #expect(outcome.format == "statusrapport-1")
        }
    }

    @Test("all 28 format-2 files of round 2022 and the revision are valid")
    func round2022() throws {
        let validator = try TestSupport.validator()
        let files = try files(in: "2022")
        #expect(files.count == 29)
        for file in files {
            let outcome = validator.validate(fileAt: file)
            #expect(outcome.isValid, "\(file): \(outcome.findings.map(\.formatted))")
            #expect(outcome.format == "statusreport-2")
        }
    }

    /// Each broken sample, the reason it is rejected for, where, and what the lead is told.
    static let broken: [(file: String, reason: RejectionReason, line: Int, column: Int, message: String)] = [
        ("01-unclosed-element.xml", .notWellFormed, 33, 18,
         "the end tag </Udfordring> does not match the start tag <Tiltag> opened on line 32"),
        ("02-mismatched-end-tag.xml", .notWellFormed, 13, 39,
         "the end tag </Navn> does not match the start tag <Name> opened on line 13"),
        ("03-unescaped-ampersand.xml", .notWellFormed, 21, 23,
         "a bare '&' in the text: write it as &amp; (for example \"Data &amp; analyse\")"),
        ("04-latin1-bytes-utf8-declared.xml", .notWellFormed, 22, 35,
         "the file is not valid UTF-8 (bytes 0xF8 0x6B 0x6F 0x6E); save it as UTF-8, or declare its real encoding, e.g. <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"),
        ("05-doctype-internal-entity.xml", .forbiddenDTD, 2, 1,
         "the file declares a DOCTYPE; submissions may not carry a DTD or entity declarations, so the file is refused unread"),
        ("06-unknown-namespace.xml", .unknownQuestionnaire, 2, 1,
         "<Statusrapport> is in namespace \"urn:signaturprojekter:statusrapport:3\", which is not a known questionnaire; known: urn:signaturprojekter:statusrapport:1 (statusrapport-1), urn:signaturprojekter:statusreport:2 (statusreport-2)"),
        ("07-missing-projektid.xml", .schemaInvalid, 6, 5, "<Titel> is not expected here; expected <ProjektID>"),
        ("08-projektid-wrong-pattern.xml", .schemaInvalid, 6, 5,
         "<ProjektID> has the value \"SP-21-36\"; expected a project id such as SP-2020-007 (SP, the start year, a number of 2-3 digits)"),
        ("09-alvorlighed-as-text.xml", .schemaInvalid, 23, 7,
         "<Alvorlighed> has the value \"høj\"; expected a whole number from 1 (minor) to 5 (critical), or left empty"),
        ("10-loest-maaske.xml", .schemaInvalid, 24, 7, "<Loest> has the value \"måske\"; expected ja, nej or delvist, or left empty"),
        ("11-danish-date-format.xml", .schemaInvalid, 4, 3,
         "<Indsendt> has the value \"12-11-2021\"; expected a date and time such as 2021-11-15T14:30:00"),
        ("12-elements-out-of-order.xml", .schemaInvalid, 9, 5, "<Domain> is not expected here; expected <Status>"),
        ("13-unknown-element-budget.xml", .schemaInvalid, 14, 5,
         "<Budget> is not expected here: <Projekt> has no such element at this place"),
        ("14-submissionid-not-uuid.xml", .schemaInvalid, 2, 1,
         "the attribute submissionId of <StatusReport> has the value \"{BCACFE6C-C0C6-4BBA-A204-8377E5B6B38A}\"; expected a UUID such as 3f2b8c1e-5d4a-4e6b-9c7d-2a1b0c9d8e7f"),
        ("15-severity-critical.xml", .schemaInvalid, 17, 5,
         "the attribute severity of <Challenge> has the value \"critical\"; expected low, medium or high"),
    ]

    @Test("each broken sample fails with its expected line, column and message", arguments: broken.indices)
    func brokenSample(index: Int) throws {
        let expected = Self.broken[index]
        let path = TestSupport.samplesDirectory.appendingPathComponent("invalid/\(expected.file)").path
        let outcome = try TestSupport.validator().validate(fileAt: path)
        #expect(outcome.rejection == expected.reason)
        let finding = try #require(outcome.findings.first)
        #expect(outcome.findings.count == 1)
        #expect(finding.line == expected.line)
        #expect(finding.column == expected.column)
        #expect(finding.message == expected.message)
        #expect(finding.severity == .error)
    }

    @Test("every file in samples/invalid is covered by the table above")
    func everyBrokenSampleIsListed() throws {
        let names = try files(in: "invalid").map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(names == Self.broken.map(\.file))
    }
}
