import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("flags: open findings grouped by lead, project and round")
struct OpenFindingsTests {
    private func findings(_ filter: OpenFindingsFilter = OpenFindingsFilter()) throws -> [LeadFindings] {
        let (store, _) = try FollowUpFixture.store()
        return try store.openFindings(filter)
    }

    @Test("leads are grouped by address ignoring case, then by name; sorted by address, name-only leads last")
    func groupingByLead() throws {
        let leads = try findings()
        #expect(leads.map(\.lead.email) == ["anne.testesen@testrup.dk", "bo.orsted.region.dk", "bo.orsted@region.dk", nil])
        #expect(leads.map(\.lead.name) == ["Anne Testesen", "Bo Ørsted", "Bo Ørsted", "Carl Uden Mail"])
        #expect(leads.map(\.findingCount) == [7, 1, 1, 3])
    }

    @Test("a lead's projects by id, each project's rounds in order; the superseded submission's flags are left out")
    func projectsAndRounds() throws {
        let anne = try #require(try findings().first)
        #expect(anne.projects.map(\.projectId) == ["SP-2020-001", "SP-2021-003"])
        #expect(anne.projects[0].submissions.map(\.round) == [2021, 2022])
        #expect(anne.projects[0].submissions.map(\.submissionId)
            == ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000f"])
        // The title of the latest round that has one (2021's is missing).
        #expect(anne.projects[0].title == "Tidlig opsporing af tryksår")
        #expect(!anne.submissions.flatMap(\.findings).contains { $0.field == "operationsPlan" })
    }

    @Test("findings in questionnaire order, numbered by position")
    func questionnaireOrder() throws {
        let anne = try #require(try findings().first)
        let first = anne.projects[0].submissions[0]
        #expect(first.findings.map(\.position) == [1, 2, 3])
        #expect(first.findings.map(\.field) == ["project.title", "challenges[2].mitigation", "challenges[3].category"])
        #expect(anne.projects[0].submissions[1].findings.map(\.field) == ["project.domain", "challenges[1].mitigation"])
        #expect(first.findings[0].labelDanish == "Projektets titel")
        #expect(first.findings[0].label == "Project title")
        #expect(first.findings[0].line == 7)
    }

    @Test("--round keeps that round's submissions only")
    func roundFilter() throws {
        let leads = try findings(OpenFindingsFilter(rounds: [2022]))
        #expect(leads.map(\.lead.email) == ["anne.testesen@testrup.dk", "bo.orsted.region.dk"])
        #expect(leads.flatMap(\.submissions).map(\.submissionId)
            == ["00000000-0000-4000-8000-00000000000f", "00000000-0000-4000-8000-00000000000g"])
    }

    @Test("--rule keeps those rules only, and drops leads left without findings")
    func ruleFilter() throws {
        let leads = try findings(OpenFindingsFilter(rules: [.placeholder]))
        #expect(leads.map(\.lead.name) == ["Anne Testesen"])
        #expect(leads[0].submissions.map(\.projectId) == ["SP-2020-001", "SP-2021-003"])
        #expect(leads[0].submissions.flatMap(\.findings).map(\.value) == ["Følger", "Udfyldes senere", " xx "])
    }

    @Test("--project matches ids in any case, and filters combine")
    func projectFilter() throws {
        let leads = try findings(OpenFindingsFilter(projects: ["sp-2021-004"], rules: [.missing, .noChallenges]))
        #expect(leads.count == 1)
        #expect(leads[0].lead == ProjectLead(email: nil, name: "Carl Uden Mail"))
        #expect(leads[0].submissions[0].findings.map(\.rule) == [.missing, .noChallenges])
    }

    @Test("text: a heading per lead and per project round, then compiler-style lines")
    func textWriter() throws {
        let text = OpenFindingsTextWriter().write(try findings(OpenFindingsFilter(rounds: [2022])))
        #expect(text == """
            == Anne Testesen <anne.testesen@testrup.dk>: 2 findings in 1 project
            -- SP-2020-001, round 2022: Tidlig opsporing af tryksår (Testrup Kommune)
            inbox/2022/SP-2020-001.xml:8:5: warning: [missing] project.domain: "Domain" is not answered. (open)
            inbox/2022/SP-2020-001.xml:19:5: warning: [placeholder] challenges[1].mitigation: Challenge 1: "What was done \
            about it?" holds the placeholder "Følger" instead of an answer. It must be answered because "Resolved?" is \
            answered "partly". (open)

            == Bo Ørsted <bo.orsted.region.dk>: 1 finding in 1 project
            -- SP-2020-002, round 2022: Energioptimering med maskinlæring (Region Testland)
            inbox/2022/SP-2020-002.xml:14:5: warning: [invalid-format] lead.email: "Project lead's e-mail" is not a valid \
            e-mail address: "bo.orsted.region.dk". (open)

            """)
    }

    @Test("text in Danish; a lead without address is named as such")
    func textWriterDanish() throws {
        let text = OpenFindingsTextWriter(danish: true).write(try findings(OpenFindingsFilter(projects: ["SP-2021-004"])))
        #expect(text.hasPrefix("== Carl Uden Mail (ingen e-mailadresse): 3 fund i 1 projekt\n-- SP-2021-004, runde 2021"))
        #expect(text.contains("inbox/2021/SP-2021-004.xml:16:5: warning: [missing] lead.email: «Projektlederens e-mail» er ikke besvaret. (åben)\n"))
        #expect(OpenFindingsTextWriter().write([]) == "")
    }

    @Test("CSV: one row per finding in listing order, RFC 4180")
    func csvWriter() throws {
        let csv = OpenFindingsCSVWriter().write(try findings(OpenFindingsFilter(rules: [.missing])))
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "lead_email,lead_name,project_id,round,submission_id,source_file,position,field,rule,label,label_da,"
            + "value,message,message_da,line,column,state,first_asked_at,first_asked_by,answered_by,answered_at,waived_at,"
            + "waived_by,waive_reason")
        #expect(lines[1] == "anne.testesen@testrup.dk,Anne Testesen,SP-2020-001,2021,00000000-0000-4000-8000-00000000000a,"
            + "inbox/2021/SP-2020-001.xml,1,project.title,missing,Project title,Projektets titel,,"
            + "\"\"\"Project title\"\" is not answered.\",«Projektets titel» er ikke besvaret.,7,5,open,,,,,,,")
        #expect(lines.count == 5)
        #expect(lines[3].hasPrefix(",Carl Uden Mail,SP-2021-004,2021,"))
        #expect(lines[4] == "")
    }

    @Test("JSON: leads, projects, submissions and findings with snake_case keys and counts")
    func jsonWriter() throws {
        let json = OpenFindingsJSONWriter().write(try findings())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["lead_count"] as? Int == 4)
        #expect(object["finding_count"] as? Int == 12)
        let leads = try #require(object["leads"] as? [[String: Any]])
        let anne = try #require(leads.first)
        #expect((anne["lead"] as? [String: String])?["email"] == "anne.testesen@testrup.dk")
        let project = try #require((anne["projects"] as? [[String: Any]])?.first)
        #expect(project["project_id"] as? String == "SP-2020-001")
        let submission = try #require((project["submissions"] as? [[String: Any]])?.first)
        #expect(submission["source_file"] as? String == "inbox/2021/SP-2020-001.xml")
        let finding = try #require((submission["findings"] as? [[String: Any]])?.first)
        #expect(finding["label_da"] as? String == "Projektets titel")
        #expect(finding["rule"] as? String == "missing")
        #expect(json.contains("\"findings\" : ["))
    }

    @Test("a folder without intake.sqlite is a clear error, and nothing is created there")
    func noDataset() throws {
        let directory = try TestSupport.temporaryDirectory().appendingPathComponent("nothing-here")
        #expect(throws: StoreReadError.noDataset(directory.path)) { try IntakeStore(readingFrom: directory) }
        #expect(!FileManager.default.fileExists(atPath: directory.path))
        #expect(StoreReadError.noDataset("data").errorDescription
            == "no dataset in data: data/intake.sqlite does not exist; run survey-intake ingest PATH… --out data first")
    }

    @Test("a file that is not a dataset is refused as such")
    func notADataset() throws {
        let directory = try TestSupport.temporaryDirectory()
        try Data("not sqlite".utf8).write(to: directory.appendingPathComponent("intake.sqlite"))
        let path = directory.appendingPathComponent("intake.sqlite").path
        #expect(throws: StoreReadError.unknownSchema(path)) { try IntakeStore(readingFrom: directory) }
    }

    @Test("the read-only store reads what was written")
    func readOnlyStoreReads() throws {
        let (_, directory) = try FollowUpFixture.store()
        let store = try IntakeStore(readingFrom: directory)
        #expect(try store.openFindings().count == 4)
    }
}
