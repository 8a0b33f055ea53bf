import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import SurveyModel
import SurveyStore
import SurveyService
@testable import SurveyServer

/// The web form through the server: drafts, items added, a send with blanks, the fix, the revision.
@Suite struct ServerFormTests {
    /// Every answer of a complete statusreport-2 form but those in `leaving`.
    static func answers(leaving blank: Set<String> = []) -> [(String, String)] {
        [
            ("project.title", "Projekt et"), ("project.authority", "Odense Kommune"), ("project.authorityType", "municipality"),
            ("project.authorityCode", "461"), ("project.domain", "health"), ("project.phase", "pilot"),
            ("project.status", "on-track"), ("lead.name", "Anne Leder"), ("lead.email", "anne@example.dk"),
            ("challenges[1].code", "data"), ("challenges[1].description", "Adgangen til data tog et halvt år."),
            ("challenges[1].severity", "high"), ("challenges[1].resolved", "no"),
        ].filter { !blank.contains($0.0) }
    }

    @Test func sendWithTwoBlanksThenFixThem() async throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-001"])
        try await fixture.test { client in
            let cookie = try await client.openLink(token)
            let csrf = try await client.csrf(cookie: cookie)
            let page = try await client.execute(uri: "/lead", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("name=\"challenges[1].description\""))
            #expect(page.contains("Projektleders e-mail"))

            let first = try await client.post("/lead/form", form: [("csrf", csrf), ("action", "send")]
                + Self.answers(leaving: ["lead.email", "challenges[1].description"]), cookie: cookie)
            #expect(first.status == .seeOther, "\(first.text)")
            let receipt = try await client.execute(uri: try #require(first.headers[.location]), method: .get, headers: [.cookie: cookie]).text
            #expect(receipt.contains("<h1>Modtaget</h1>"))
            #expect(receipt.contains("Projektleders e-mail"))
            #expect(receipt.contains("Udfordring 1 · Beskrivelse"))
            #expect(receipt.contains("href=\"/lead#f-lead-email\""))

            // The form opens with what was sent, the two questions marked.
            let again = try await client.execute(uri: "/lead", method: .get, headers: [.cookie: cookie]).text
            #expect(again.contains("value=\"Projekt et\""))
            #expect(again.components(separatedBy: "class=\"question invalid\"").count - 1 == 2)

            let second = try await client.post("/lead/form", form: [("csrf", csrf), ("action", "send")] + Self.answers(), cookie: cookie)
            let done = try await client.execute(uri: try #require(second.headers[.location]), method: .get, headers: [.cookie: cookie]).text
            #expect(done.contains("Alle krævede svar er givet"))
            #expect(done.contains("100 %"))
        }
        let store = try fixture.store()
        let current = try #require(try store.currentSubmission(projectId: "SP-2020-001", round: 2022))
        let item = try #require(try store.lookUp(current.submissionId))
        #expect(item.origin.kind == .form)
        #expect(item.findings.isEmpty)
        #expect(item.history.map(\.status) == ["superseded", "current"])
        let first = try #require(try store.lookUp(item.history[0].submissionId))
        #expect(Set(first.findings.compactMap(\.field)) == ["lead.email", "challenges[1].description"])
    }

    @Test func draftsAndItemsAreKeptOnTheServer() async throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-001"])
        try await fixture.test { client in
            let cookie = try await client.openLink(token)
            let csrf = try await client.csrf(cookie: cookie)
            let saved = try await client.post("/lead/form", form: [("csrf", csrf), ("action", "save"), ("project.title", "<script>x</script> & co")],
                                              cookie: cookie)
            #expect(saved.status == .seeOther)
            // A new session (another day, the link again) finds the draft, escaped.
            let later = try await client.openLink(token)
            let page = try await client.execute(uri: "/lead", method: .get, headers: [.cookie: later]).text
            #expect(page.contains("value=\"&lt;script&gt;x&lt;/script&gt; &amp; co\""))
            #expect(!page.contains("<script>"))
            #expect(page.contains("kladde"))

            let laterCSRF = try await client.csrf(cookie: later)
            _ = try await client.post("/lead/form", form: [("csrf", laterCSRF), ("action", "add-challenge"), ("challenges[1].code", "legal")],
                                      cookie: later)
            let grown = try await client.execute(uri: "/lead", method: .get, headers: [.cookie: later]).text
            #expect(grown.contains("name=\"challenges[2].description\""))
            #expect(!grown.contains("name=\"challenges[3].description\""))
        }
        #expect(try fixture.store().draft(round: 2022, projectId: "SP-2020-001") != nil)
        #expect(try fixture.store().receipts(round: 2022, projectId: "SP-2020-001").isEmpty)
    }

    @Test func anAnswerTheFormatCannotHoldIsSaidOnThePage() async throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-001"])
        try await fixture.test { client in
            let cookie = try await client.openLink(token)
            let csrf = try await client.csrf(cookie: cookie)
            let response = try await client.post("/lead/form", form: [("csrf", csrf), ("action", "send"), ("project.domain", "astrology")],
                                                 cookie: cookie)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("role=\"alert\""))
            #expect(response.text.contains("Område"))
        }
        #expect(try fixture.store().receipts(round: 2022, projectId: "SP-2020-001").isEmpty)
    }

    @Test func theFormOpensWithThePreviousRoundsProjectFacts() async throws {
        let fixture = try ServerFixture()
        // The project's 2021 report, ingested earlier by the CLI's path.
        let store = try fixture.store()
        let round = Round(year: 2023, format: "statusreport-2", deadline: "2023-11-30", openedAt: "2022-10-01T00:00:00Z")
        try store.open(round, roster: [RosterEntry(projectId: "SP-2020-001", title: nil, authority: nil, authorityType: nil, leadName: nil, leadEmail: nil)],
                       replace: false)
        let issued = try SubmissionLinks.issue(store: store, round: round, expiresAt: "2023-12-14T23:59:59Z", baseURL: "http://test",
                                               reissue: false, now: "2022-10-01T00:00:00Z")
        let outcome = String(try #require(issued.issued.first).url.dropFirst("http://test/r/".count))
        try await fixture.test { client in
            _ = try await client.api(try ServerFixture.sample("2022/SP-2020-001.xml"), token: fixture.tokens["SP-2020-001"])
            let cookie = try await client.openLink(outcome)
            let page = try await client.execute(uri: "/lead", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("hentet fra jeres besvarelse i 2022"))
            #expect(page.contains("name=\"project.title\""))
        }
    }
}
