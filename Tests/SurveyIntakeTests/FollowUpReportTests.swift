import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("report: every table's numbers on the fixture dataset")
struct FollowUpReportTests {
    static let generatedAt = "2022-12-01T09:00:00Z"

    static func report(round: Int? = nil, top: Int = 10) throws -> FollowUpReport {
        let (store, _) = try FollowUpFixture.store()
        return try FollowUpReport(store: store, order: TestSupport.reportOrder(), round: round, top: top, generatedAt: generatedAt)
    }

    /// The rows of a cross table as label → counts, for compact expectations.
    private func rows(_ table: CrossTable) -> [String: [Int]] {
        Dictionary(uniqueKeysWithValues: zip(table.rows, table.counts))
    }

    @Test("overview: projects, current submissions, challenges, open findings, rejected files")
    func overview() throws {
        let overview = try Self.report().overview
        #expect(overview == .init(projects: 5, currentSubmissions: 7, challenges: 14, openFindings: 12, rejectedFiles: 3))
    }

    @Test("submissions per round: accepted, current, superseded; rejections by reason and format")
    func submissions() throws {
        let report = try Self.report()
        #expect(report.submissionsByRound == [.init(round: 2021, accepted: 4, current: 4, superseded: 0),
                                              .init(round: 2022, accepted: 4, current: 3, superseded: 1)])
        #expect(report.rejections == [.init(reason: "not-well-formed", format: nil, files: 1),
                                      .init(reason: "schema-invalid", format: "statusrapport-1", files: 1),
                                      .init(reason: "schema-invalid", format: "statusreport-2", files: 1)])
    }

    @Test("completeness per round and per authority type (not stated last)")
    func completeness() throws {
        let report = try Self.report()
        #expect(report.completenessByRound.map(\.key) == ["2021", "2022"])
        #expect(report.completenessByRound.map(\.submissions) == [4, 3])
        #expect(abs(report.completenessByRound[0].meanCompleteness - 0.85) < 1e-9)
        #expect(abs(report.completenessByRound[1].meanCompleteness - 2.9 / 3) < 1e-9)
        #expect(report.completenessByRound.map(\.withoutFindings) == [0, 1])
        #expect(report.completenessByRound.map(\.openFindings) == [9, 3])
        let byType = report.completenessByAuthorityType
        #expect(byType.map(\.key) == ["municipality", "region", CrossTable.notStated])
        #expect(byType.map(\.submissions) == [4, 2, 1])
        #expect(zip(byType.map(\.meanCompleteness), [0.9, 1.0, 0.7]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(byType.map(\.withoutFindings) == [1, 0, 0])
        #expect(byType.map(\.openFindings) == [7, 2, 3])
    }

    @Test("challenge categories × phase: every category, phases in lifecycle order, not stated last")
    func categoriesByPhase() throws {
        let table = try Self.report().categoriesByPhase
        #expect(try table.rows == TestSupport.reportOrder().categories)
        #expect(try table.columns == TestSupport.reportOrder().phases + [CrossTable.notStated])
        let counts = rows(table)
        //                                  prep dev pilot impl oper compl stop not-stated
        #expect(counts["data"] ==              [0, 1, 0, 1, 0, 0, 0, 1])
        #expect(counts["infrastructure"] ==    [0, 0, 0, 0, 0, 0, 0, 1])
        #expect(counts["legal"] ==             [1, 1, 0, 0, 0, 0, 1, 0])
        #expect(counts["competencies"] ==      [0, 0, 0, 1, 0, 0, 0, 0])
        #expect(counts["operations"] ==        [0, 0, 0, 1, 0, 0, 0, 0])
        #expect(counts["project-management"] == [0, 0, 0, 0, 0, 0, 0, 0])
        #expect(counts["vendor-management"] == [0, 0, 0, 0, 1, 0, 0, 0])
        #expect(counts["organisation"] ==      [0, 0, 0, 0, 1, 0, 0, 0])
        #expect(counts["ethics"] ==            [0, 0, 0, 0, 0, 0, 0, 0])
        #expect(counts["finance"] ==           [0, 0, 0, 0, 0, 0, 1, 0])
        #expect(counts["other"] ==             [0, 1, 0, 0, 0, 0, 0, 1])
        #expect(table.columnTotals == [1, 3, 0, 3, 2, 0, 2, 3])
        #expect(table.total == 14)
    }

    @Test("challenge categories × round (current submissions only)")
    func categoriesByRound() throws {
        let table = try Self.report().categoriesByRound
        #expect(table.columns == ["2021", "2022"])
        let counts = rows(table)
        #expect(counts["data"] == [2, 1])
        #expect(counts["legal"] == [2, 1])
        #expect(counts["other"] == [2, 0])
        #expect(counts["infrastructure"] == [1, 0])
        #expect(counts["operations"] == [0, 1])
        #expect(counts["competencies"] == [0, 1])
        #expect(counts["organisation"] == [0, 1])
        #expect(counts["vendor-management"] == [0, 1])
        #expect(counts["finance"] == [0, 1])
        #expect(table.columnTotals == [7, 7])
    }

    @Test("severity and resolution per category, with not stated")
    func outcomes() throws {
        let report = try Self.report()
        #expect(report.severityByCategory.columns == ["low", "medium", "high", CrossTable.notStated])
        let severity = rows(report.severityByCategory)
        #expect(severity["data"] == [1, 0, 1, 1])
        #expect(severity["legal"] == [0, 1, 2, 0])
        #expect(severity["other"] == [2, 0, 0, 0])
        #expect(severity["finance"] == [0, 1, 0, 0])
        #expect(report.severityByCategory.columnTotals == [3, 5, 5, 1])
        #expect(report.resolutionByCategory.columns == ["yes", "partly", "no", CrossTable.notStated])
        let resolution = rows(report.resolutionByCategory)
        #expect(resolution["data"] == [2, 0, 1, 0])
        #expect(resolution["legal"] == [0, 1, 2, 0])
        #expect(resolution["other"] == [1, 0, 1, 0])
        #expect(resolution["finance"] == [0, 0, 0, 1])
        #expect(report.resolutionByCategory.columnTotals == [4, 3, 6, 1])
    }

    @Test("mitigations: submissions listing each code per round (once per submission); placeholders are not unplaced measures")
    func mitigations() throws {
        let report = try Self.report()
        let table = report.mitigationsByRound
        #expect(try table.rows == TestSupport.reportOrder().mitigations.filter { $0 != "other" })
        #expect(table.columns == ["2021", "2022"])
        #expect(table.counts == [[1, 0], [1, 0], [0, 1], [0, 0], [0, 1], [0, 1]])
        // Apart: A's "Workshop med borgerne" could not be placed; C's "xx" is a placeholder, not counted.
        #expect(report.otherMitigationsByRound.rows == ["other", "unplaced"])
        #expect(report.otherMitigationsByRound.columns == ["2021", "2022"])
        #expect(report.otherMitigationsByRound.counts == [[0, 0], [1, 0]])
        #expect(report.unplacedMitigations == 1)
    }

    @Test("unmapped labels: grouped ignoring case and spacing, with projects; placeholders and category flags not repeated")
    func unmapped() throws {
        #expect(try Self.report().unmappedLabels == [
            .init(field: "challenges[N].category", written: "Corona", occurrences: 2, projects: ["SP-2020-001", "SP-2020-002"]),
            .init(field: "mitigations[N]", written: "Workshop med borgerne", occurrences: 1, projects: ["SP-2020-001"]),
            .init(field: "project.phase", written: "Opstart", occurrences: 1, projects: ["SP-2021-004"]),
        ])
    }

    @Test("projects with the most open findings: most first, ties by id, by rule, latest title and lead")
    func mostFindings() throws {
        let projects = try Self.report().projectsWithMostFindings
        #expect(projects.map(\.projectId) == ["SP-2020-001", "SP-2021-004", "SP-2020-002", "SP-2021-003"])
        #expect(projects.map(\.total) == [5, 3, 2, 2])
        #expect(projects[0].byRule == [.missing: 2, .conditional: 1, .unmapped: 1, .placeholder: 1])
        #expect(projects[0].rounds == [2021, 2022])
        #expect(projects[0].title == "Tidlig opsporing af tryksår")
        #expect(projects[0].leadName == "Anne Testesen")
        #expect(projects[2].byRule == [.unmapped: 1, .invalidFormat: 1])
        #expect(try Self.report(top: 2).projectsWithMostFindings.map(\.projectId) == ["SP-2020-001", "SP-2021-004"])
    }

    @Test("--round limits everything but the rejections to that round")
    func oneRound() throws {
        let report = try Self.report(round: 2022)
        #expect(report.overview == .init(projects: 3, currentSubmissions: 3, challenges: 7, openFindings: 3, rejectedFiles: 3))
        #expect(report.submissionsByRound == [.init(round: 2022, accepted: 4, current: 3, superseded: 1)])
        #expect(try report.categoriesByPhase.columns == TestSupport.reportOrder().phases)
        #expect(report.categoriesByRound.columns == ["2022"])
        #expect(report.mitigationsByRound.columns == ["2022"])
        #expect(report.unmappedLabels == [])
        #expect(report.projectsWithMostFindings.map(\.projectId) == ["SP-2020-001", "SP-2020-002"])
        #expect(report.rejections.count == 3)
    }

    @Test("an empty dataset gives an empty report, not an error")
    func emptyDataset() throws {
        let directory = try TestSupport.temporaryDirectory()
        _ = try IntakeStore(directory: directory)
        let report = try FollowUpReport(store: IntakeStore(readingFrom: directory), order: TestSupport.reportOrder(), generatedAt: Self.generatedAt)
        #expect(report.overview == .init(projects: 0, currentSubmissions: 0, challenges: 0, openFindings: 0, rejectedFiles: 0))
        #expect(report.categoriesByPhase.isEmpty)
        let markdown = MarkdownReportWriter().write(report)
        #expect(markdown.contains("\nNo file was rejected.\n"))
        #expect(markdown.contains("\nNo open findings.\n"))
        let html = HTMLReportWriter().write(report)
        #expect(try HTMLReportTests.parse(html).name == "html")
    }
}
