import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SurveyModel
import SurveyStore
import SurveyService
import Testing
@testable import SurveyServer

/// Named analyst accounts on the web: the login, roles, the throttle, one submission's page.
@Suite struct AnalystAccountTests {
    static let firstId = "e57225f4-c206-45c0-a256-19f53edfeaa7"

    /// A fixture without the analysts' token, with an analyst and a viewer (cheap bcrypt cost:
    /// the cost is read from the hash, so the login checks them as it would any other).
    static func fixture(token: String? = nil) throws -> ServerFixture {
        let fixture = try ServerFixture(analystToken: token)
        let store = try fixture.store()
        try store.addAnalyst("mette", role: .analyst, passwordHash: Passwords.hash("mettes lange kodeord", cost: 4), actor: "test", at: "2022-10-01T00:00:00Z")
        try store.addAnalyst("ole", role: .viewer, passwordHash: Passwords.hash("oles lange kodeord!", cost: 4), actor: "test", at: "2022-10-01T00:00:00Z")
        return fixture
    }

    /// A revision of the first sample: a new id, a later time, another title (with markup in it).
    static func revision() throws -> [UInt8] {
        let text = String(decoding: try ServerFixture.sample("2022/SP-2020-001.xml"), as: UTF8.self)
            .replacingOccurrences(of: firstId, with: "0b6f4a52-8f0e-4d3c-9a31-5c2d7e8f9a10")
            .replacingOccurrences(of: "2022-11-21T13:40:05+01:00", with: "2022-11-25T09:00:00+01:00")
            .replacingOccurrences(of: "</Title>", with: " &lt;b&gt;ny&lt;/b&gt;</Title>")
        return Array(text.utf8)
    }

    @Test func anAnalystLogsInWithNameAndPasswordAndSignsWithTheName() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { client in
            let login = try await client.execute(uri: "/analyst/login", method: .get)
            #expect(login.status == .ok)
            #expect(login.text.contains("id=\"account-login\""))
            #expect(!login.text.contains("id=\"token-login\""))
            let wrong = try await client.analystLogin(name: "mette", password: "not her password")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Forkert navn eller adgangskode"))
            let nobody = try await client.analystLogin(name: "nobody", password: "mettes lange kodeord")
            #expect(nobody.status == .unauthorized)
            // Without the token configured, the token form is no way in.
            let token = try await client.analystLogin(name: "", password: "", token: "anything-at-all-0123")
            #expect(token.status == .unauthorized)

            let right = try await client.analystLogin(name: "METTE", password: "mettes lange kodeord")
            #expect(right.status == .seeOther)
            let session = try #require(right.cookie)
            _ = try await client.api(try ServerFixture.sample("2022/SP-2020-001.xml"), token: fixture.tokens["SP-2020-001"])
            let page = try await client.execute(uri: "/analyst", method: .get, headers: [.cookie: session]).text
            #expect(page.contains("Logget ind som mette (analytiker)"))
            let csrf = try #require(page.csrfField)
            let saved = try await client.post("/analyst/review", form: [("csrf", csrf), ("submission", Self.firstId), ("state", "approved")],
                                              cookie: session)
            #expect(saved.status == .seeOther)
        }
        let store = try fixture.store()
        #expect(try store.reviews(of: Self.firstId).map(\.analyst) == ["mette"])
        #expect(try store.auditLog().last?.actor == "mette")
    }

    @Test func aViewerLooksButCannotChange() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { client in
            _ = try await client.api(try ServerFixture.sample("2022/SP-2020-001.xml"), token: fixture.tokens["SP-2020-001"])
            let session = try #require(try await client.analystLogin(name: "ole", password: "oles lange kodeord!").cookie)
            let page = try await client.execute(uri: "/analyst", method: .get, headers: [.cookie: session])
            #expect(page.status == .ok)
            #expect(page.text.contains("Din konto kan se, ikke ændre."))
            #expect(!page.text.contains("action=\"/analyst/review\""))
            // The viewer's session has a CSRF token, though its pages show no form: the refusal is the role's.
            let sessionId = String(session.dropFirst("\(FrontDoorServer.sessionCookie)=".count))
            let csrf = try #require(await fixture.door.sessions.session(sessionId)?.csrf)
            let refused = try await client.post("/analyst/review", form: [("csrf", csrf), ("submission", Self.firstId), ("state", "approved")],
                                                cookie: session)
            #expect(refused.status == .forbidden)
            let submission = try await client.execute(uri: "/analyst/submission/\(Self.firstId)", method: .get, headers: [.cookie: session])
            #expect(submission.status == .ok)
            #expect(!submission.text.contains("action=\"/analyst/review\""))
        }
        #expect(try fixture.store().reviews(of: Self.firstId).isEmpty)
    }

    @Test func guessingAPasswordIsSlowedDownPerName() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { client in
            for _ in 0..<5 {
                #expect(try await client.analystLogin(name: "mette", password: "a wrong guess here").status == .unauthorized)
            }
            // The sixth try waits, even with the right password; another name does not.
            let throttled = try await client.analystLogin(name: "mette", password: "mettes lange kodeord")
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers[.retryAfter].flatMap(Int.init).map { $0 > 0 && $0 <= 600 } == true)
            #expect(throttled.text.contains("For mange forkerte forsøg"))
            #expect(try await client.analystLogin(name: "ole", password: "oles lange kodeord!").status == .seeOther)
        }
    }

    @Test func theTokenStillOpensThePagesWhenServeWasGivenOne() async throws {
        let fixture = try Self.fixture(token: "analyst-secret-0123456789")
        try await fixture.test { client in
            let login = try await client.execute(uri: "/analyst/login", method: .get).text
            #expect(login.contains("id=\"account-login\"") && login.contains("id=\"token-login\""))
            let session = try #require(try await client.analystLogin(name: "", password: "", token: "analyst-secret-0123456789").cookie)
            let page = try await client.execute(uri: "/analyst", method: .get, headers: [.cookie: session]).text
            #expect(page.contains("Logget ind som analyst (token)"))
        }
    }

    @Test func aSubmissionsPageShowsItsFindingsRevisionsChangesAndOriginal() async throws {
        let fixture = try Self.fixture()
        let revision = try Self.revision()
        let revisionId = "0b6f4a52-8f0e-4d3c-9a31-5c2d7e8f9a10"
        try await fixture.test { client in
            let token = fixture.tokens["SP-2020-001"]
            #expect(try await client.api(try ServerFixture.sample("2022/SP-2020-001.xml"), token: token).status == .created)
            #expect(try await client.api(revision, token: token).status == .created)
            let session = try #require(try await client.analystLogin(name: "mette", password: "mettes lange kodeord").cookie)

            let page = try await client.execute(uri: "/analyst/submission/\(revisionId)?lang=en", method: .get, headers: [.cookie: session])
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("SP-2020-001 · round 2022"))
            #expect(text.contains("<td>current</td>"))
            // Both revisions, the earlier one a link to its own page.
            #expect(text.contains("href=\"/analyst/submission/\(Self.firstId)\""))
            #expect(text.contains("<td>superseded</td>"))
            // What the revision changed: the title, escaped (the lead's markup is text).
            #expect(text.contains("<td><code>project.title</code></td>"))
            #expect(text.contains("&lt;b&gt;ny&lt;/b&gt;"))
            #expect(!text.contains("<b>ny</b>"))
            #expect(text.contains("Changed since 2022-11-21T13:40:05+01:00 (1)"))
            // Its challenges with their categories, and how each was placed.
            #expect(text.contains("<tr id=\"challenge-1\"><td>1</td>"))
            #expect(text.contains("the code in the answer"))

            let earlier = try await client.execute(uri: "/analyst/submission/\(Self.firstId)?lang=da", method: .get, headers: [.cookie: session]).text
            #expect(earlier.contains("<tr><th>Status</th><td>erstattet</td></tr>"))
            #expect(!earlier.contains("id=\"changes\""))

            let original = try await client.execute(uri: "/analyst/submission/\(revisionId)/original", method: .get, headers: [.cookie: session])
            #expect(original.status == .ok)
            #expect(original.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(Array(original.body.readableBytesView) == revision)

            let unknown = try await client.execute(uri: "/analyst/submission/nope", method: .get, headers: [.cookie: session])
            #expect(unknown.status == .notFound)
            // Without a session, the pages send to the login.
            let anonymous = try await client.execute(uri: "/analyst/submission/\(revisionId)/original", method: .get)
            #expect(anonymous.headers[.location] == "/analyst/login")
        }
    }

    @Test func manySubmissionsAreReviewedAtOnce() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { client in
            #expect(try await client.api(try ServerFixture.sample("2022/SP-2020-001.xml"), token: fixture.tokens["SP-2020-001"]).status == .created)
            #expect(try await client.api(try ServerFixture.sample("2022/SP-2020-002.xml"), token: fixture.tokens["SP-2020-002"]).status == .created)
            let session = try #require(try await client.analystLogin(name: "mette", password: "mettes lange kodeord").cookie)
            let page = try await client.execute(uri: "/analyst", method: .get, headers: [.cookie: session]).text
            #expect(page.contains("form=\"bulk\""))
            let csrf = try #require(page.csrfField)
            let store = try fixture.store()
            let ids = try ["SP-2020-001", "SP-2020-002"].map { project in
                try #require(try store.currentSubmission(projectId: project, round: 2022)).submissionId
            }
            let saved = try await client.post("/analyst/review", form: [("csrf", csrf), ("round", "2022"), ("state", "approved"),
                                                                        ("comment", "Set")] + ids.map { ("submission", $0) },
                                              cookie: session)
            #expect(saved.status == .seeOther)
            for id in ids { #expect(try store.reviews(of: id).map(\.state) == [.approved]) }
        }
    }
}

extension String {
    /// The value of the first hidden `csrf` field of a page.
    var csrfField: String? {
        range(of: "name=\"csrf\" value=\"").map { String(self[$0.upperBound...].prefix { $0 != "\"" }) }
    }
}

extension TestClientProtocol {
    /// Posts the analysts' login form (name and password, or the token when the name is empty).
    func analystLogin(name: String, password: String, token: String? = nil) async throws -> TestResponse {
        let login = try await execute(uri: "/analyst/login", method: .get)
        guard let cookie = login.cookie, let nonce = login.text.range(of: "name=\"nonce\" value=\"")
            .map({ String(login.text[$0.upperBound...].prefix { $0 != "\"" }) }) else { throw FixtureError("no login form") }
        var fields = [("nonce", nonce), ("name", name), ("password", password)]
        if let token { fields.append(("token", token)) }
        return try await post("/analyst/login", form: fields, cookie: cookie)
    }
}

/// Waiving a flag and correcting a category on a submission's page (issue 17, items 2, 3, 7).
@Suite struct AnalystActionPageTests {
    /// The first sample without its domain: one flag, project.domain [missing].
    static func withoutDomain() throws -> [UInt8] {
        Array(String(decoding: try ServerFixture.sample("2022/SP-2020-001.xml"), as: UTF8.self)
            .replacingOccurrences(of: "<Domain>health</Domain>", with: "<Domain/>").utf8)
    }

    @Test func anAnalystWaivesAFlagWithAReasonAndCorrectsACategory() async throws {
        let fixture = try AnalystAccountTests.fixture()
        let id = AnalystAccountTests.firstId
        try await fixture.test { client in
            #expect(try await client.api(try Self.withoutDomain(), token: fixture.tokens["SP-2020-001"]).status == .created)
            let session = try #require(try await client.analystLogin(name: "mette", password: "mettes lange kodeord").cookie)
            let page = try await client.execute(uri: "/analyst/submission/\(id)", method: .get, headers: [.cookie: session]).text
            #expect(page.contains("id=\"waive-1\""))
            #expect(page.contains("<td class=\"state\">spurgt 2022-11-01 på kvittering"), "the receipt listed it")
            #expect(page.contains("id=\"correct-1\""))
            let csrf = try #require(page.csrfField)

            let noReason = try await client.post("/analyst/waive", form: [("csrf", csrf), ("submission", id), ("field", "project.domain"),
                                                                          ("rule", "missing"), ("reason", "  ")], cookie: session)
            #expect(noReason.status == .badRequest)
            let noSuchFlag = try await client.post("/analyst/waive", form: [("csrf", csrf), ("submission", id), ("field", "project.title"),
                                                                            ("reason", "x")], cookie: session)
            #expect(noSuchFlag.status == .notFound)
            let waived = try await client.post("/analyst/waive", form: [("csrf", csrf), ("submission", id), ("field", "project.domain"),
                                                                        ("rule", "missing"), ("reason", "Domænet fremgår af titlen")], cookie: session)
            #expect(waived.status == .seeOther)

            let unknownCode = try await client.post("/analyst/correct", form: [("csrf", csrf), ("submission", id), ("challenge", "1"),
                                                                               ("category", "no-such-code")], cookie: session)
            #expect(unknownCode.status == .badRequest)
            let noChallenge = try await client.post("/analyst/correct", form: [("csrf", csrf), ("submission", id), ("challenge", "99"),
                                                                               ("category", "legal")], cookie: session)
            #expect(noChallenge.status == .notFound)
            let forged = try await client.post("/analyst/correct", form: [("submission", id), ("challenge", "1"), ("category", "legal")],
                                               cookie: session)
            #expect(forged.status == .forbidden)
            let corrected = try await client.post("/analyst/correct", form: [("csrf", csrf), ("submission", id), ("challenge", "1"),
                                                                             ("category", "legal"), ("note", "Handler om hjemmel")], cookie: session)
            #expect(corrected.status == .seeOther)

            let after = try await client.execute(uri: "/analyst/submission/\(id)", method: .get, headers: [.cookie: session]).text
            #expect(after.contains("frafaldet: Domænet fremgår af titlen (mette)"))
            #expect(!after.contains("id=\"waive-1\""))
            #expect(after.contains("<td>analytiker</td>"))
        }
        let store = try fixture.store()
        let flags = try store.flags(ofSubmission: id)
        #expect(flags.map(\.state) == [.waived])
        let first = try #require(try store.challenges(ofSubmission: id).first)
        #expect(first.category == "legal" && first.categorySource == "analyst")
        #expect(try store.auditLog().suffix(2).map(\.actor) == ["mette", "mette"])
    }

    @Test func aViewerCanNeitherWaiveNorCorrect() async throws {
        let fixture = try AnalystAccountTests.fixture()
        let id = AnalystAccountTests.firstId
        try await fixture.test { client in
            #expect(try await client.api(try Self.withoutDomain(), token: fixture.tokens["SP-2020-001"]).status == .created)
            let session = try #require(try await client.analystLogin(name: "ole", password: "oles lange kodeord!").cookie)
            let page = try await client.execute(uri: "/analyst/submission/\(id)", method: .get, headers: [.cookie: session]).text
            #expect(!page.contains("action=\"/analyst/waive\"") && !page.contains("action=\"/analyst/correct\""))
            let sessionId = String(session.dropFirst("\(FrontDoorServer.sessionCookie)=".count))
            let csrf = try #require(await fixture.door.sessions.session(sessionId)?.csrf)
            let waive = try await client.post("/analyst/waive", form: [("csrf", csrf), ("submission", id), ("field", "project.domain"),
                                                                       ("reason", "x")], cookie: session)
            let correct = try await client.post("/analyst/correct", form: [("csrf", csrf), ("submission", id), ("challenge", "1"),
                                                                           ("category", "legal")], cookie: session)
            #expect(waive.status == .forbidden)
            #expect(correct.status == .forbidden)
        }
        #expect(try fixture.store().flags(ofSubmission: id).map(\.state) == [.asked])
    }
}
