import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// Issue 17, item 8: the report follows the conversation. A dataset of projects in rounds 2022,
/// 2023 and 2024 whose challenge categories persist, are resolved and appear:
///
/// | project     | 2022                                         | 2023                                 | 2024         |
/// |-------------|----------------------------------------------|--------------------------------------|--------------|
/// | SP-2022-001 | data (no), legal (yes), organisation (partly), ethics (yes + no) | data, legal, ethics, finance |   |
/// | SP-2022-002 | vendor-management                            | none listed, none declared (a superseded revision listed other) | |
/// | SP-2022-003 | competencies                                 | none, declared                       | competencies |
/// | SP-2023-004 |                                              | data                                 |              |
@Suite("report: each project across rounds, and review states per round")
struct ReportAcrossRoundsTests {
    typealias Fixture = FollowUpFixture
    static let hostileTitle = "<script>alert(1)</script> | *Tryk* [x](javascript:alert(2)) & \u{1B}[31mrød"

    static let submissions: [Fixture.Submission] = [
        .init(letter: "a", project: "SP-2022-001", round: 2022, submittedAt: "2022-11-10T10:00:00+01:00", title: "Første titel",
              authority: "Testrup Kommune", authorityType: "municipality", phase: "pilot", leadName: "Anne", leadEmail: "a@t.dk",
              completeness: 1, challenges: [
                  .init(category: "data", severity: "high", resolved: "no"),
                  .init(category: "legal", severity: "low", resolved: "yes"),
                  .init(category: "organisation", severity: "low", resolved: "partly"),
                  .init(category: "ethics", severity: "low", resolved: "yes"),
                  .init(category: "ethics", severity: "low", resolved: "no"),
              ]),
        .init(letter: "b", project: "SP-2022-001", round: 2023, submittedAt: "2023-11-10T10:00:00+01:00", title: hostileTitle,
              authority: "Testrup Kommune", authorityType: "municipality", phase: "implementation", leadName: "Anne",
              leadEmail: "a@t.dk", completeness: 1, challenges: [
                  .init(category: "data", severity: "high", resolved: "no"),
                  .init(category: "legal", severity: "low", resolved: "no"),
                  .init(category: "ethics", severity: "low", resolved: "partly"),
                  .init(category: "finance", severity: "low", resolved: "no"),
              ]),
        .init(letter: "c", project: "SP-2022-002", round: 2022, submittedAt: "2022-11-11T10:00:00+01:00", title: "Energi",
              authority: "Region Testland", authorityType: "region", phase: "pilot", leadName: "Bo", leadEmail: "b@r.dk",
              completeness: 1, challenges: [.init(category: "vendor-management", severity: "high", resolved: "no")]),
        .init(letter: "d", project: "SP-2022-002", round: 2023, status: "superseded", submittedAt: "2023-11-01T10:00:00+01:00",
              title: "Energi", authority: "Region Testland", authorityType: "region", phase: "pilot", leadName: "Bo",
              leadEmail: "b@r.dk", completeness: 1, challenges: [.init(category: "other", severity: "low", resolved: "no")]),
        .init(letter: "e", project: "SP-2022-002", round: 2023, submittedAt: "2023-11-12T10:00:00+01:00", title: "Energi",
              authority: "Region Testland", authorityType: "region", phase: "operation", leadName: "Bo", leadEmail: "b@r.dk",
              completeness: 0.9),
        .init(letter: "f", project: "SP-2022-003", round: 2022, submittedAt: "2022-11-12T10:00:00+01:00", title: "Chatbot",
              authority: "Testrup Kommune", authorityType: "municipality", phase: "pilot", leadName: "Carl", leadEmail: "c@t.dk",
              completeness: 1, challenges: [.init(category: "competencies", severity: "medium", resolved: "no")]),
        .init(letter: "g", project: "SP-2022-003", round: 2023, submittedAt: "2023-11-12T10:00:00+01:00", title: "Chatbot",
              authority: "Testrup Kommune", authorityType: "municipality", phase: "operation", leadName: "Carl",
              leadEmail: "c@t.dk", completeness: 1, declaredNoChallenges: true),
        .init(letter: "h", project: "SP-2022-003", round: 2024, submittedAt: "2024-11-12T10:00:00+01:00", title: "Chatbot",
              authority: "Testrup Kommune", authorityType: "municipality", phase: "operation", leadName: "Carl",
              leadEmail: "c@t.dk", completeness: 1, challenges: [.init(category: "competencies", severity: "low", resolved: "no")]),
        .init(letter: "i", project: "SP-2023-004", round: 2023, submittedAt: "2023-11-13T10:00:00+01:00", title: "Prognoser",
              authority: "Testrup Kommune", authorityType: "municipality", phase: "pilot", leadName: "Dorte", leadEmail: "d@t.dk",
              completeness: 1, challenges: [.init(category: "data", severity: "low", resolved: "no")]),
    ]

    static func ids(_ letters: [String]) -> [String] {
        submissions.filter { letters.contains($0.letter) }.map(\.id)
    }

    /// The dataset, with reviews: SP-2022-001's 2022 submission has issues, then is approved;
    /// its 2023 one is approved; SP-2022-002's current 2023 one is rejected, its superseded
    /// revision approved (not counted: not current).
    static func store() throws -> IntakeStore {
        let store = try IntakeStore(directory: try TestSupport.temporaryDirectory())
        var summary = IngestSummary()
        let run = try store.beginRun(at: "2024-12-01T09:00:00Z", toolVersion: "test")
        try store.record(submissions.map(Fixture.record), run: run, at: "2024-12-01T09:00:00Z", into: &summary)
        try store.finishRun(run, at: "2024-12-01T09:00:00Z", summary: summary, interrupted: false)
        for (letters, state, time) in [(["a"], ReviewState.hasIssues, "2024-12-02T09:00:00Z"), (["a", "b"], .approved, "2024-12-03T09:00:00Z"),
                                       (["e"], .rejected, "2024-12-03T10:00:00Z"), (["d"], .approved, "2024-12-03T11:00:00Z")] {
            try store.review(ids(letters), state: state, comment: nil, analyst: "tester", at: time)
        }
        return store
    }

    static func report(round: Int? = nil, danish: Bool = false) throws -> FollowUpReport {
        let vocabularies = try TestSupport.vocabularies()
        return try FollowUpReport(store: store(), order: ReportOrder(vocabularies: vocabularies, danish: danish), round: round,
                                  generatedAt: "2024-12-04T09:00:00Z")
    }

    @Test("persisted, resolved and new per project and pair of consecutive rounds; one round only is not compared")
    func classification() throws {
        let projects = try Self.report().acrossRounds.projects
        #expect(projects.map(\.projectId) == ["SP-2022-001", "SP-2022-002", "SP-2022-003"])
        #expect(projects.map(\.rounds) == [[2022, 2023], [2022, 2023], [2022, 2023, 2024]])
        #expect(projects[0].title == Self.hostileTitle, "the latest round's title")
        // data: open and again → persisted; ethics: one of two challenges not resolved → persisted;
        // legal: reported resolved, then again → resolved and new; organisation: gone → resolved.
        #expect(projects[0].changes == [.init(from: 2022, to: 2023, persisted: ["data", "ethics"], resolved: ["legal", "organisation"],
                                              new: ["legal", "finance"])])
        // The current 2023 submission lists none and does not say there were none; the superseded one is ignored.
        #expect(projects[1].changes == [.init(from: 2022, to: 2023, persisted: [], resolved: [], new: [], unanswered: 2023)])
        // "None" declared: resolved; then reported again: new.
        #expect(projects[2].changes == [.init(from: 2022, to: 2023, persisted: [], resolved: ["competencies"], new: []),
                                        .init(from: 2023, to: 2024, persisted: [], resolved: [], new: ["competencies"])])
    }

    @Test("the follow-up fixture: two projects in 2021 and 2022; the superseded 2022 revision is not compared")
    func followUpFixture() throws {
        let projects = try FollowUpReportTests.report().acrossRounds.projects
        #expect(projects == [
            .init(projectId: "SP-2020-001", title: "Tidlig opsporing af tryksår", rounds: [2021, 2022], changes: [
                .init(from: 2021, to: 2022, persisted: ["data"], resolved: ["legal", "other"], new: ["competencies", "operations"])]),
            .init(projectId: "SP-2020-002", title: "Energioptimering med maskinlæring", rounds: [2021, 2022], changes: [
                .init(from: 2021, to: 2022, persisted: [], resolved: ["data", "infrastructure", "other"],
                      new: ["vendor-management", "organisation"])]),
        ])
        #expect(try FollowUpReportTests.report().reviewStatesByRound == [.init(round: 2021, counts: [.received: 4]),
                                                                          .init(round: 2022, counts: [.received: 3])])
    }

    @Test("per category: projects that had it persist, resolved, new (once per project and column)")
    func byCategory() throws {
        let table = try Self.report().acrossRounds.byCategory
        #expect(table.columns == ["persisted", "resolved", "new"])
        #expect(try table.rows == TestSupport.reportOrder().categories)
        let counts = Dictionary(uniqueKeysWithValues: zip(table.rows, table.counts))
        #expect(counts["data"] == [1, 0, 0])
        #expect(counts["ethics"] == [1, 0, 0])
        #expect(counts["legal"] == [0, 1, 1])
        #expect(counts["organisation"] == [0, 1, 0])
        #expect(counts["finance"] == [0, 0, 1])
        #expect(counts["competencies"] == [0, 1, 1])
        #expect(counts["vendor-management"] == [0, 0, 0], "not comparable: not counted")
        #expect(table.total == 8)
    }

    @Test("--round N: only the pairs ending in N, compared with the round before it")
    func oneRound() throws {
        let latest = try Self.report(round: 2024).acrossRounds.projects
        #expect(latest.map(\.projectId) == ["SP-2022-003"])
        #expect(latest[0].changes == [.init(from: 2023, to: 2024, persisted: [], resolved: [], new: ["competencies"])])
        #expect(try Self.report(round: 2023).acrossRounds.projects.map { $0.changes.map(\.to) } == [[2023], [2023], [2023]])
        let first = try Self.report(round: 2022)
        #expect(first.acrossRounds.projects.isEmpty)
        #expect(MarkdownReportWriter().write(first).contains(
            "\nNo project has a current submission in round 2022 and in a round before it.\n"))
        #expect(MarkdownReportWriter(language: .da).write(first).contains(
            "\nIntet projekt har en aktuel indberetning i runde 2022 og i en runde før.\n"))
    }

    @Test("review states per round: the latest state of each current submission; none is received")
    func reviewStates() throws {
        let states = try Self.report().reviewStatesByRound
        #expect(states == [.init(round: 2022, counts: [.received: 2, .approved: 1]),
                           .init(round: 2023, counts: [.received: 2, .approved: 1, .rejected: 1]),
                           .init(round: 2024, counts: [.received: 1])])
        #expect(states.map(\.total) == [3, 4, 1])
        #expect(try Self.report(round: 2023).reviewStatesByRound.map(\.round) == [2023])
    }

    @Test("Markdown, English: the sections, the project rows, the lead's title escaped")
    func markdownEnglish() throws {
        let markdown = MarkdownReportWriter().write(try Self.report())
        #expect(markdown.contains("""

            ## Review states per round

            The current submissions of each round by the latest review state an analyst gave them (survey-intake review). \
            A submission not yet reviewed, and a new revision of a reviewed one, count as received.

            | Round | Received | Has issues | Approved | Rejected | Total |
            |---|---:|---:|---:|---:|---:|
            | 2022 | 2 | 0 | 1 | 0 | 3 |
            | 2023 | 2 | 0 | 1 | 1 | 4 |
            | 2024 | 1 | 0 | 0 | 0 | 1 |
            | **Total** | 5 | 0 | 2 | 1 | 8 |

            """))
        #expect(markdown.contains("""
            | Project | Title | Rounds | Persisted | Resolved | New |
            |---|---|---|---|---|---|
            | SP-2022-001 | \\<script\\>alert(1)\\</script\\> \\| \\*Tryk\\* \\[x\\](javascript:alert(2)) & \\u{1B}\\[31mrød | 2022 → 2023 | Data, Ethics | Legal, Organisation | Legal, Finance |
            | SP-2022-002 | Energi | 2022 → 2023 | Not comparable: round 2023 lists no challenges and does not say there were none |  |  |
            | SP-2022-003 | Chatbot | 2022 → 2023 | – | Competencies | – |
            | SP-2022-003 | Chatbot | 2023 → 2024 | – | – | Competencies |

            ### Per category

            """))
        #expect(markdown.contains("\n| Legal | 0 | 1 | 1 |\n"))
        #expect(markdown.contains("\n## Each project across rounds\n\nEach project with current submissions in two or more rounds: "))
        let sections = markdown.components(separatedBy: "\n").filter { $0.hasPrefix("## ") }
        #expect(sections == ["## Submissions per round", "## Review states per round", "## Completeness", "## Challenges by project phase",
                             "## Challenges by round", "## Severity and resolution by category", "## Each project across rounds",
                             "## Mitigations used", "## Unmapped labels", "## Projects with the most open findings",
                             "## Flags asked, answered and waived"])
    }

    @Test("Markdown, Danish: headings, notes, columns and the vocabularies' Danish labels")
    func markdownDanish() throws {
        let markdown = MarkdownReportWriter(language: .da).write(try Self.report(danish: true))
        #expect(markdown.contains("\n## Gennemgangsstatus pr. runde\n\nHver rundes aktuelle indberetninger efter den seneste status"))
        #expect(markdown.contains("\n| Runde | Modtaget | Har mangler | Godkendt | Afvist | I alt |\n"))
        #expect(markdown.contains("\n| **I alt** | 5 | 0 | 2 | 1 | 8 |\n"))
        #expect(markdown.contains("\n## Projekterne på tværs af runder\n\nHvert projekt med aktuelle indberetninger i to eller flere runder"))
        #expect(markdown.contains("\n| Projekt | Titel | Runder | Fortsat | Løst | Ny |\n"))
        let labels = try ReportOrder(vocabularies: TestSupport.vocabularies(), danish: true).labels
        let data = try #require(labels["data"]), ethics = try #require(labels["ethics"]), legal = try #require(labels["legal"])
        #expect(data != "Data" || ethics != "Ethics", "the Danish labels differ from the English")
        #expect(markdown.contains("| 2022 → 2023 | \(data), \(ethics) | \(legal), "))
        #expect(markdown.contains("| Kan ikke sammenlignes: runde 2023 angiver ingen udfordringer og siger ikke, at der ingen var |  |  |"))
        #expect(markdown.contains("\n### Pr. kategori\n\nHvor mange projekter der havde hver kategori fortsat, løst eller ny"))
        #expect(markdown.contains("\n| Kategori | Fortsat | Løst | Ny |\n"))
        #expect(!markdown.contains("Each project across rounds"))
    }

    @Test("HTML: the two sections in order, in the navigation, tables and chart; the hostile title is text, not markup")
    func html() throws {
        let page = HTMLReportWriter().write(try Self.report())
        let root = try HTMLReportTests.parse(page)
        #expect(root.all("section").compactMap { $0.attribute("id") } == [
            "submissions", "reviews", "completeness", "phases", "rounds", "outcomes", "across-rounds", "mitigations", "unmapped", "findings",
            "flag-states"])
        #expect(root.all("nav").flatMap { $0.all("a") }.map(\.text).contains("Each project across rounds"))
        #expect(root.all("script").isEmpty)
        #expect(!page.contains("<script>"))
        #expect(!page.contains("\u{1B}"), "control characters are dropped")
        let section = try #require(root.all("section").first { $0.attribute("id") == "across-rounds" })
        #expect(section.attribute("lang") == nil, "English, as the page")
        let tables = section.all("table")
        #expect(tables.map { $0.child("caption")?.text } == ["Challenge categories from round to round, by project",
                                                             "Projects by category and change"])
        let first = try #require(tables[0].descendant("tbody", "tr"))
        #expect(first.children.map(\.text) == ["SP-2022-001", "<script>alert(1)</script> | *Tryk* [x](javascript:alert(2)) & [31mrød",
                                               "2022\u{A0}→\u{A0}2023", "Data, Ethics", "Legal, Organisation", "Legal, Finance"])
        let bars = section.all("rect").filter { $0.attribute("class") == "bar" }
        #expect(bars.first { $0.attribute("data-row") == "Legal" && $0.attribute("data-series") == "New" }?.attribute("data-value") == "1")
        let reviews = try #require(root.all("section").first { $0.attribute("id") == "reviews" })
        #expect(reviews.all("tfoot").first?.child("tr")?.children.map(\.text) == ["Total", "5", "0", "2", "1", "8"])
    }

    @Test("HTML, Danish: the page says lang=da, the two sections with Danish headings in the navigation")
    func htmlDanish() throws {
        let root = try HTMLReportTests.parse(HTMLReportWriter(language: .da).write(try Self.report(danish: true)))
        #expect(root.attribute("lang") == "da")
        let sections = root.all("section").filter { ["reviews", "across-rounds"].contains($0.attribute("id") ?? "") }
        #expect(sections.map { $0.attribute("lang") } == [nil, nil], "the page's language, not the sections' own")
        #expect(sections.map { $0.child("h2")?.text } == ["Gennemgangsstatus pr. runde", "Projekterne på tværs af runder"])
        #expect(root.all("nav").flatMap { $0.all("a") }.map(\.text).contains("Projekterne på tværs af runder"))
        #expect(sections[1].all("table").first?.child("caption")?.text == "Udfordringernes kategorier fra runde til runde, pr. projekt")
    }

    @Test("a dataset with no project in two rounds, and no submission: plain sentences in both languages")
    func empty() throws {
        let directory = try TestSupport.temporaryDirectory()
        _ = try IntakeStore(directory: directory)
        let report = try FollowUpReport(store: IntakeStore(readingFrom: directory), order: TestSupport.reportOrder(),
                                        generatedAt: "2024-12-04T09:00:00Z")
        #expect(report.acrossRounds.projects.isEmpty)
        #expect(report.reviewStatesByRound.isEmpty)
        let english = MarkdownReportWriter().write(report)
        #expect(english.contains("\nNo project has current submissions in two or more rounds.\n"))
        #expect(english.contains("count as received.\n\nNo current submissions.\n"))
        let danish = MarkdownReportWriter(language: .da).write(report)
        #expect(danish.contains("\nIntet projekt har aktuelle indberetninger i to eller flere runder.\n"))
        #expect(try HTMLReportTests.parse(HTMLReportWriter(language: .da).write(report)).name == "html")
    }
}
