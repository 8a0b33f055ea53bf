import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("Mapping both formats to the canonical submission")
struct MappingTests {
    private func result(_ path: String) throws -> IntakeResult {
        try TestSupport.pipeline()
            .process(fileAt: TestSupport.samplesDirectory.appendingPathComponent(path).path)
    }

    private func submission(_ path: String) throws -> Submission {
        try #require(try result(path).submission)
    }

    @Test("every valid sample maps to a canonical submission with its identity")
    func everySampleMaps() throws {
        let pipeline = try TestSupport.pipeline()
        let files = try InputFiles.collect([
            TestSupport.samplesDirectory.appendingPathComponent("2021").path,
            TestSupport.samplesDirectory.appendingPathComponent("2022").path,
        ]).files
        var challenges = 0
        var ids: Set<String> = []
        for file in files {
            let result = pipeline.process(fileAt: file)
            let submission = try #require(result.submission, "\(file)")
            #expect(submission.projectId.hasPrefix("SP-"), "\(file)")
            #expect(file.contains(submission.projectId), "\(file) maps to \(submission.projectId)")
            #expect(submission.round == (file.contains("/2021/") ? 2021 : 2022))
            #expect(Timestamp.utc(submission.submittedAt) != nil, "\(file): \(submission.submittedAt)")
            #expect(result.completeness != nil)
            ids.insert(submission.submissionId)
            challenges += submission.challenges.count
        }
        #expect(files.count == 69)
        #expect(ids.count == 69)
        // 139 <Udfordring> in 2021 and 92 <Challenge> in 2022, counted with grep.
        #expect(challenges == 139 + 92)
    }

    @Test("format 1: fields, raw answers and positions")
    func format1() throws {
        let submission = try submission("2021/SP-2020-013.xml")
        #expect(submission.format == "statusrapport-1")
        #expect(submission.formatVersion == "1.0")
        #expect(submission.projectId == "SP-2020-013")
        #expect(submission.submittedAt == "2021-12-13T15:26:44+01:00")
        #expect(submission.project.title.value == "Intelligent visitation til hjemmepleje")
        #expect(submission.project.authority.value == "Holbæk Kommune")
        #expect(submission.project.phase.raw == "TBD")
        #expect(submission.project.phase.position == SourcePosition(line: 13, column: 5))
        #expect(submission.lead.email.value == "obch@holb.dk")
        #expect(submission.challenges.count == 4)
        let first = submission.challenges[0]
        #expect(first.position == 1)
        #expect(first.location == SourcePosition(line: 20, column: 5))
        #expect(first.category.raw == "Datakvalitet")
        #expect(first.severity.raw == "3")
        #expect(first.resolved.raw == "delvist")
        #expect(first.mitigation.value == "ved ikke")
        #expect(submission.challengesAnswered)
        #expect(!submission.declaredNoChallenges)
    }

    @Test("format 1: the submission id is derived from the file's SHA-256, stable and UUID-shaped")
    func derivedID() throws {
        let result = try result("2021/SP-2020-001.xml")
        let sha = try #require(result.sha256)
        let id = try #require(result.submission?.submissionId)
        #expect(id == Submission.derivedID(sha256: sha))
        #expect(id.count == 36)
        #expect(id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(id.replacingOccurrences(of: "-", with: "").prefix(12) == sha.prefix(12))
    }

    @Test("format 2: coded answers, OtherCategory, the mitigation codes and the operations plan")
    func format2() throws {
        let submission = try submission("2022/SP-2020-018.xml")
        #expect(submission.submissionId == "608e78ef-49cf-470a-9e3f-eaefbf82804e")
        #expect(submission.format == "statusreport-2")
        #expect(submission.project.authorityType.value == "region")
        #expect(submission.project.authorityCode.value == "1084")
        #expect(submission.project.domain.value == "health")
        #expect(submission.project.phase.value == "implementation")
        #expect(submission.project.status.value == "on-track")
        #expect(submission.challenges.map(\.code.raw) == ["operations", "other", "data"])
        #expect(submission.challenges.map(\.severity.value) == ["high", "medium", "medium"])
        #expect(submission.challenges.map(\.resolved.value) == ["partly", "no", "yes"])
        #expect(submission.challenges[0].categorySource == "coded")
        #expect(submission.challenges[0].category.value == "operations")
        #expect(submission.challenges[1].label.raw == nil)
        #expect(submission.mitigations.map(\.code.value) == ["transparency", "other"])
        #expect(submission.mitigations[1].text.raw == "")
        #expect(submission.usesStateITProjectModel.value == "true")
        #expect(submission.operationsPlan.value?.hasPrefix("Assistenten overgår til fuld drift") == true)
    }

    @Test("format 2: NoChallenges is a declared answer, not a missing one")
    func noChallenges() throws {
        let submission = try submission("2022/SP-2020-020.xml")
        #expect(submission.declaredNoChallenges)
        #expect(submission.challenges.isEmpty)
    }

    @Test("format 1 without Udfordringer: no challenges, section unanswered")
    func noChallengesSection() throws {
        let submission = try submission("2021/SP-2021-029.xml")
        #expect(!submission.challengesAnswered)
        #expect(submission.challenges.isEmpty)
    }

    @Test("xs:dateTime to UTC", arguments: [
        ("2021-11-15T14:30:00+01:00", "2021-11-15T13:30:00Z"),
        ("2021-11-15T00:30:00+01:00", "2021-11-14T23:30:00Z"),
        ("2022-03-01T12:00:00Z", "2022-03-01T12:00:00Z"),
        ("2022-03-01T12:00:00", "2022-03-01T12:00:00Z"),
        ("2020-02-29T23:59:59.250-02:30", "2020-03-01T02:29:59.250Z"),
    ])
    func utc(input: String, expected: String) {
        #expect(Timestamp.utc(input) == expected)
    }

    /// Written digit by digit; the same text as printf's "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld" was.
    @Test("the tool's timestamps", arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (1_669_975_200_250, "2022-12-02T10:00:00.250Z"),
        (1_669_975_200_007, "2022-12-02T10:00:00.007Z"),
        (951_868_799_000, "2000-02-29T23:59:59Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (-62_135_596_800_000, "0001-01-01T00:00:00Z"),
        (-62_198_755_200_000, "-001-01-01T00:00:00Z"),
        (253_402_300_800_000, "10000-01-01T00:00:00Z"),
    ])
    func timestamps(milliseconds: Int64, expected: String) {
        #expect(Timestamp.format(milliseconds: milliseconds) == expected)
    }

    @Test("not an xs:dateTime", arguments: ["12-11-2021", "2021-13-01T00:00:00", "2021-11-15", "2021-11-15T14:30:00+1"])
    func notDateTime(input: String) {
        #expect(Timestamp.utc(input) == nil)
    }
}
