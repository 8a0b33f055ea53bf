import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import SurveyModel
import SurveyStore
@testable import SurveyServer

/// The lead's pages: the link, the session, CSRF, uploads, receipts, and the analysts' view.
@Suite struct LeadPageTests {
    @Test func aLinkStartsASessionAndLeavesTheAddress() async throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-001"])
        try await fixture.test { client in
            let opened = try await client.execute(uri: "/r/\(token)", method: .get)
            #expect(opened.status == .seeOther)
            #expect(opened.headers[.location] == "/lead")
            let setCookie = try #require(opened.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            #expect(!setCookie.contains("Secure"))
            #expect(!setCookie.contains(token))

            let cookie = try #require(opened.cookie)
            let page = try await client.execute(uri: "/lead", method: .get, headers: [.cookie: cookie])
            #expect(page.status == .ok)
            #expect(page.text.contains("Projekt et"))
            #expect(page.text.contains("SP-2020-001"))
            #expect(page.text.contains("lang=\"da\""))
            #expect(!page.text.contains(token))
            let english = try await client.execute(uri: "/lead?lang=en", method: .get, headers: [.cookie: cookie])
            #expect(english.text.contains("Your receipts"))
            // The choice stays with the session.
            #expect(try await client.execute(uri: "/lead", method: .get, headers: [.cookie: cookie]).text.contains("Upload an XML file"))

            #expect(try await client.execute(uri: "/lead", method: .get).status == .unauthorized)
            #expect(try await client.execute(uri: "/lead", method: .get, headers: [.cookie: "si_session=forged"]).status == .unauthorized)
            let unknown = try await client.execute(uri: "/r/\(String(repeating: "x", count: 43))", method: .get)
            #expect(unknown.status == .unauthorized)
            #expect(unknown.text.contains("Linket er ukendt"))
        }
        // The opening is recorded, the token is in no log line.
        #expect(fixture.logs.all.contains { $0.contains("GET /r/… 303") })
        #expect(!fixture.logs.all.contains { $0.contains(token) })
        #expect(!fixture.logs.all.isEmpty)
    }

    @Test func anUploadGivesAReceiptPageAndJSON() async throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-001"])
        try await fixture.test { client in
            let cookie = try await client.openLink(token)
            let csrf = try await client.csrf(cookie: cookie)
            let sent = try await client.upload(try ServerFixture.sample("2022/SP-2020-001.xml"), csrf: csrf, cookie: cookie)
            #expect(sent.status == .seeOther)
            let location = try #require(sent.headers[.location])
            #expect(location.hasPrefix("/lead/receipts/"))
            let page = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie])
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Modtaget</h1>"))
            #expect(page.text.contains("Kvitteringsnummer"))
            let json = try await client.execute(uri: location + ".json", method: .get, headers: [.cookie: cookie])
            #expect(try json.receipt()["status"] as? String == "accepted")
            // The lead's page lists it.
            let lead = try await client.execute(uri: "/lead", method: .get, headers: [.cookie: cookie])
            #expect(lead.text.contains(String(location)))

            // Another project's lead cannot read it.
            let other = try await client.openLink(try #require(fixture.tokens["SP-2020-002"]))
            #expect(try await client.execute(uri: location, method: .get, headers: [.cookie: other]).status == .notFound)
        }
        let store = try fixture.store()
        let current = try #require(try store.currentSubmission(projectId: "SP-2020-001", round: 2022))
        #expect(try store.lookUp(current.submissionId)?.origin.kind == .upload)
    }

    @Test func aPostWithoutTheSessionsCSRFTokenChangesNothing() async throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-001"])
        try await fixture.test { client in
            let cookie = try await client.openLink(token)
            let sample = try ServerFixture.sample("2022/SP-2020-001.xml")
            #expect(try await client.upload(sample, csrf: nil, cookie: cookie).status == .forbidden)
            #expect(try await client.upload(sample, csrf: "wrong", cookie: cookie).status == .forbidden)
            let form = try await client.post("/lead/form", form: [("action", "save"), ("project.title", "x")], cookie: cookie)
            #expect(form.status == .forbidden)
        }
        let store = try fixture.store()
        #expect(try store.currentSubmission(projectId: "SP-2020-001", round: 2022) == nil)
        #expect(try store.draft(round: 2022, projectId: "SP-2020-001") == nil)
        #expect(try store.receipts(round: 2022, projectId: "SP-2020-001").isEmpty)
    }

    @Test func aRejectedUploadSaysWhatToFix() async throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-001"])
        try await fixture.test { client in
            let cookie = try await client.openLink(token)
            let csrf = try await client.csrf(cookie: cookie)
            let broken = try ServerFixture.sample("invalid/02-mismatched-end-tag.xml")
            let sent = try await client.upload(broken, csrf: csrf, cookie: cookie)
            let page = try await client.execute(uri: try #require(sent.headers[.location]), method: .get, headers: [.cookie: cookie])
            #expect(page.text.contains("<h1>Afvist</h1>"))
            #expect(page.text.contains("linje "))
            // The error itself in Danish (issue 14, item 11), as every validation message now is.
            #expect(page.text.contains("<span class=\"message\">sluttagget &lt;/Navn&gt; passer ikke til starttagget &lt;Name&gt;, "
                + "der blev åbnet i linje 13</span>"))
            #expect(page.text.contains("Ret og send igen"))
        }
    }

    @Test func theAnalystsPageIsBehindItsToken() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            #expect(try await client.execute(uri: "/analyst", method: .get).headers[.location] == "/analyst/login")
            let login = try await client.execute(uri: "/analyst/login", method: .get)
            let nonceCookie = try #require(login.cookie)
            let nonce = try #require(login.text.range(of: "name=\"nonce\" value=\"").map { String(login.text[$0.upperBound...].prefix { $0 != "\"" }) })
            let wrong = try await client.post("/analyst/login", form: [("nonce", nonce), ("token", "guess")], cookie: nonceCookie)
            #expect(wrong.status == .unauthorized)
            let noNonce = try await client.post("/analyst/login", form: [("token", "analyst-secret-0123456789")], cookie: nonceCookie)
            #expect(noNonce.status == .forbidden)
            let right = try await client.post("/analyst/login", form: [("nonce", nonce), ("token", "analyst-secret-0123456789")], cookie: nonceCookie)
            #expect(right.status == .seeOther)
            let session = try #require(right.cookie)

            _ = try await client.api(try ServerFixture.sample("2022/SP-2020-001.xml"), token: fixture.tokens["SP-2020-001"])
            let page = try await client.execute(uri: "/analyst", method: .get, headers: [.cookie: session])
            #expect(page.status == .ok)
            #expect(page.text.contains("1 af 2 projekter har sendt."))
            #expect(page.text.contains("mangler"))
            #expect(page.text.contains("Bo Leder"))
            // A lead's session does not open it.
            let lead = try await client.openLink(try #require(fixture.tokens["SP-2020-002"]))
            #expect(try await client.execute(uri: "/analyst", method: .get, headers: [.cookie: lead]).status == .seeOther)
        }
        let closed = try ServerFixture(analystToken: nil)
        try await closed.test { client in
            let overview = try await client.execute(uri: "/analyst", method: .get)
            let login = try await client.execute(uri: "/analyst/login", method: .get)
            #expect(overview.status == .notFound)
            #expect(login.status == .notFound)
        }
    }

    @Test func anUploadOverTheLimitGetsAPageThatSaysTheLimitAndNothingIsStored() async throws {
        let fixture = try ServerFixture(maxBytes: 4096)
        let token = try #require(fixture.tokens["SP-2020-001"])
        try await fixture.test { client in
            let cookie = try await client.openLink(token)
            let csrf = try await client.csrf(cookie: cookie)
            let response = try await client.upload([UInt8](repeating: UInt8(ascii: "x"), count: 200_000), csrf: csrf, cookie: cookie)
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("Filen er for stor"))
            #expect(response.text.contains("4 KiB"))
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
        }
        #expect(try fixture.store().receipts(round: 2022, projectId: "SP-2020-001").isEmpty)
    }

    @Test func loggingOutEndsTheSession() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let cookie = try await client.openLink(try #require(fixture.tokens["SP-2020-001"]))
            let out = try await client.execute(uri: "/logout", method: .post, headers: [.cookie: cookie])
            #expect(out.status == .seeOther)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            let after = try await client.execute(uri: "/lead", method: .get, headers: [.cookie: cookie])
            #expect(after.status == .unauthorized)
        }
    }

    @Test func aGetChangesNothing() async throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-001"])
        try await fixture.test { client in
            for uri in ["/lead/form", "/lead/upload", "/api/v1/submissions", "/logout"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .notFound || response.status == .methodNotAllowed, "\(uri): \(response.status)")
            }
            // Opening a link only records that it was opened.
            _ = try await client.openLink(token)
        }
        let store = try fixture.store()
        #expect(try store.receipts(round: 2022, projectId: "SP-2020-001").isEmpty)
        #expect(try store.draft(round: 2022, projectId: "SP-2020-001") == nil)
        #expect(try store.currentSubmission(projectId: "SP-2020-001", round: 2022) == nil)
    }

    @Test func anAnalystReviewsFromTheRoundsPage() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            _ = try await client.api(try ServerFixture.sample("2022/SP-2020-001.xml"), token: fixture.tokens["SP-2020-001"])
            let login = try await client.execute(uri: "/analyst/login", method: .get)
            let nonce = try #require(login.text.range(of: "name=\"nonce\" value=\"").map { String(login.text[$0.upperBound...].prefix { $0 != "\"" }) })
            let loginCookie = try #require(login.cookie)
            let loggedIn = try await client.post("/analyst/login", form: [("nonce", nonce), ("token", "analyst-secret-0123456789")],
                                                 cookie: loginCookie)
            let session = try #require(loggedIn.cookie)
            let page = try await client.execute(uri: "/analyst", method: .get, headers: [.cookie: session]).text
            let csrf = try #require(page.range(of: "name=\"csrf\" value=\"").map { String(page[$0.upperBound...].prefix { $0 != "\"" }) })
            #expect(page.contains("<option value=\"received\" selected>modtaget</option>"))

            let forged = try await client.post("/analyst/review", form: [("submission", "e57225f4-c206-45c0-a256-19f53edfeaa7"),
                                                                         ("state", "approved")], cookie: session)
            #expect(forged.status == .forbidden)
            let unknown = try await client.post("/analyst/review", form: [("csrf", csrf), ("submission", "nope"), ("state", "approved")],
                                                cookie: session)
            #expect(unknown.status == .notFound)
            let saved = try await client.post("/analyst/review", form: [("csrf", csrf), ("round", "2022"),
                                                                        ("submission", "e57225f4-c206-45c0-a256-19f53edfeaa7"),
                                                                        ("state", "has-issues"), ("comment", "Mangler plan for drift")],
                                              cookie: session)
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/analyst?round=2022")
            let after = try await client.execute(uri: "/analyst", method: .get, headers: [.cookie: session]).text
            #expect(after.contains("<option value=\"has-issues\" selected>har mangler</option>"))
            // A lead cannot review.
            let lead = try await client.openLink(try #require(fixture.tokens["SP-2020-001"]))
            let refused = try await client.post("/analyst/review", form: [("csrf", csrf), ("submission", "e57225f4-c206-45c0-a256-19f53edfeaa7"),
                                                                          ("state", "approved")], cookie: lead)
            #expect(refused.status == .seeOther)
            #expect(refused.headers[.location] == "/analyst/login")
        }
        let store = try fixture.store()
        #expect(try store.reviews(of: "e57225f4-c206-45c0-a256-19f53edfeaa7").map(\.state) == [.hasIssues])
        #expect(try store.auditLog().map(\.note) == ["Mangler plan for drift"])
    }
}
