import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("The samples' incomplete answers")
struct SampleCompletenessTests {
    /// Every finding expected over samples/2021 and samples/2022: file, field, rule, line.
    /// The gaps are the ones samples/README.md describes; every other sample is complete.
    static let expected: [String] = [
        "2021/SP-2020-005.xml project.title missing 7",
        "2021/SP-2020-005.xml project.domain missing 12",
        "2021/SP-2020-005.xml challenges[3].mitigation placeholder 38",
        "2021/SP-2020-008.xml lead.email invalid-format 17",
        "2021/SP-2020-008.xml challenges[2].severity missing 27",
        "2021/SP-2020-013.xml project.phase placeholder 13",
        "2021/SP-2020-013.xml challenges[1].mitigation placeholder 25",
        "2021/SP-2020-013.xml challenges[2].description placeholder 29",
        "2021/SP-2020-013.xml mitigations[1].text placeholder 48",
        "2021/SP-2021-022.xml challenges[1].mitigation conditional 20",
        "2021/SP-2021-022.xml challenges[2].mitigation placeholder 31",
        "2021/SP-2021-029.xml challenges no-challenges 2",
        "2021/SP-2021-033.xml challenges[2].category unmapped 28",
        "2021/SP-2021-033.xml challenges[3].category unmapped 34",
        "2021/SP-2021-033.xml challenges[3].description missing 35",
        "2022/SP-2020-004.xml operationsPlan conditional 2",
        "2022/SP-2020-016.xml project.domain missing 8",
        "2022/SP-2020-016.xml challenges[1].description placeholder 18",
        "2022/SP-2020-016.xml challenges[2].mitigation placeholder 22",
        "2022/SP-2020-018.xml challenges[2].label conditional 21",
        "2022/SP-2020-018.xml mitigations[2].text conditional 31",
        "2022/SP-2021-028.xml challenges[2].mitigation conditional 21",
        "2022/SP-2021-028.xml challenges[3].category unmapped 25",
        "2022/SP-2021-030.xml lead.email invalid-format 14",
        "2022/SP-2021-030.xml challenges[1].severity missing 17",
        "2022/SP-2021-034.xml challenges[1].mitigation placeholder 19",
        "2022/SP-2021-034.xml operationsPlan conditional 2",
    ]

    @Test("exactly the expected findings, in questionnaire order, and none in the complete files")
    func exactFindings() throws {
        let pipeline = try TestSupport.pipeline()
        let root = TestSupport.samplesDirectory.path + "/"
        let files = try InputFiles.collect([root + "2021", root + "2022"]).files
        var found: [String] = []
        for file in files {
            let report = try #require(pipeline.process(fileAt: file).completeness)
            let name = String(file.dropFirst(root.count))
            found += report.findings.map { "\(name) \($0.field) \($0.rule.rawValue) \($0.position.line)" }
        }
        #expect(found == Self.expected)
    }

    @Test("the messages quote the question's label in both languages, and a coded answer by its label")
    func messages() throws {
        let pipeline = try TestSupport.pipeline()
        let report = try #require(pipeline.process(
            fileAt: TestSupport.samplesDirectory.appendingPathComponent("2021/SP-2021-022.xml").path).completeness)
        #expect(report.findings.first?.messageDanish
            == "Udfordring 1: «Hvilke tiltag har I iværksat?» skal besvares, fordi «Er udfordringen løst?» er besvaret med «Ja».")
        #expect(report.findings.first?.messageEnglish
            == "Challenge 1: \"What measures did you take?\" must be answered because \"Has the challenge been resolved?\" is answered \"Yes\".")
        #expect(report.findings.first?.condition?.written == "ja")
        #expect(report.findings.first?.labelEnglish == "What measures did you take?")
    }

    @Test("scores: complete files score 1, incomplete ones less")
    func scores() throws {
        let pipeline = try TestSupport.pipeline()
        let complete = try #require(pipeline.process(
            fileAt: TestSupport.samplesDirectory.appendingPathComponent("2021/SP-2020-001.xml").path).completeness)
        #expect(complete.score == 1)
        let incomplete = try #require(pipeline.process(
            fileAt: TestSupport.samplesDirectory.appendingPathComponent("2021/SP-2020-005.xml").path).completeness)
        #expect(incomplete.answeredCount == incomplete.requiredCount - 3)
        #expect(incomplete.score < 1)
    }
}
