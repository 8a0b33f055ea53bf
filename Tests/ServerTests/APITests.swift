import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import SurveyModel
import SurveyStore
import SurveyService
@testable import SurveyServer

/// `POST /api/v1/submissions`: every status code interface.md lists, and what the store holds after.
@Suite struct APITests {
    @Test func acceptedThenUnchangedThenConflict() async throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-001"])
        let original = try ServerFixture.sample("2022/SP-2020-001.xml")
        try await fixture.test { client in
            let first = try await client.api(original, token: token)
            #expect(first.status == .created)
            let receipt = try first.receipt()
            #expect(receipt["status"] as? String == "accepted")
            #expect(receipt["project_id"] as? String == "SP-2020-001")
            #expect((receipt["sha256"] as? String)?.count == 64)
            #expect(receipt["receipt_id"] as? String != nil)

            let again = try await client.api(original, token: token)
            #expect(again.status == .ok)
            #expect(try again.receipt()["status"] as? String == "unchanged")
            #expect(try again.receipt()["submission_id"] as? String == receipt["submission_id"] as? String)

            // The same submissionId with other content: a conflict, kept with its reason.
            let changed = Array(String(decoding: original, as: UTF8.self).replacingOccurrences(of: "</Title>", with: " (ændret)</Title>").utf8)
            #expect(changed != original)
            let conflict = try await client.api(changed, token: token)
            #expect(conflict.status == .conflict)
            #expect(try conflict.receipt()["reason"] as? String == "conflict")
        }
        let store = try fixture.store()
        #expect(try store.currentSubmission(projectId: "SP-2020-001", round: 2022) != nil)
        #expect(try store.receipts(round: 2022, projectId: "SP-2020-001").map(\.receipt.status) == [.rejected, .unchanged, .accepted])
    }

    /// Issue 17, item 2: the receipt lists the submission's findings to the lead, so they are asked.
    @Test func aReceiptAsksTheFlagsItLists() async throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-001"])
        let sample = String(decoding: try ServerFixture.sample("2022/SP-2020-001.xml"), as: UTF8.self)
        let blank = sample.replacingOccurrences(of: "<Domain>health</Domain>", with: "<Domain></Domain>")
        try #require(blank != sample)
        try await fixture.test { client in
            let response = try await client.api(Array(blank.utf8), token: token)
            #expect(response.status == .created)
            // The answer is the receipt as stored, encoded once: the same bytes, Danish words under message_danish.
            let stored = try #require(try fixture.store().receipts(round: 2022, projectId: "SP-2020-001").first)
            #expect(response.text == String(decoding: try stored.receipt.json(), as: UTF8.self))
            #expect(response.text.contains("\"message_danish\":"))
            let findings = try #require(try response.receipt()["findings"] as? [[String: Any]])
            #expect(findings.contains { $0["field"] as? String == "project.domain" })
        }
        let store = try fixture.store()
        let receipt = try #require(try store.receipts(round: 2022, projectId: "SP-2020-001").first)
        let flags = try store.openFindings(OpenFindingsFilter(projects: ["SP-2020-001"])).flatMap(\.submissions).flatMap(\.findings)
        let domain = try #require(flags.first { $0.field == "project.domain" })
        #expect(domain.state == .asked)
        #expect(domain.firstAsked == FlagAsking(at: receipt.receivedAt, by: .receipt))
        #expect(flags.allSatisfy { $0.state == .asked })
    }

    /// Issue 14, item 11: a rejected submission's receipt says what is wrong in Danish too.
    @Test func aRejectionsReceiptCarriesTheDanishMessage() async throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-001"])
        let sample = String(decoding: try ServerFixture.sample("2022/SP-2020-001.xml"), as: UTF8.self)
        let broken = sample.replacingOccurrences(of: "severity=\"high\"", with: "severity=\"critical\"")
        try #require(broken != sample)
        try await fixture.test { client in
            let response = try await client.api(Array(broken.utf8), token: token)
            let receipt = try response.receipt()
            #expect(receipt["reason"] as? String == "schema-invalid")
            let findings = try #require(receipt["findings"] as? [[String: Any]])
            #expect(findings.count == 1)
            #expect(findings.first?["message"] as? String
                == "the attribute severity of <Challenge> has the value \"critical\"; expected low, medium or high")
            #expect(findings.first?["message_danish"] as? String
                == "attributten severity i <Challenge> har værdien «critical»; forventet low, medium eller high")
        }
    }

    @Test func anotherProjectsDocumentIsForbiddenAndNotStored() async throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-002"])
        try await fixture.test { client in
            let response = try await client.api(try ServerFixture.sample("2022/SP-2020-001.xml"), token: token)
            #expect(response.status == .forbidden)
            let receipt = try response.receipt()
            #expect(receipt["status"] as? String == "rejected")
            #expect(receipt["reason"] as? String == "not-this-link")
            let findings = try #require(receipt["findings"] as? [[String: Any]])
            #expect((findings.first?["message"] as? String)?.contains("SP-2020-002") == true)
        }
        let store = try fixture.store()
        #expect(try store.currentSubmission(projectId: "SP-2020-001", round: 2022) == nil)
        #expect(try store.receipts(round: 2022, projectId: "SP-2020-002").count == 1)
    }

    @Test func invalidXMLIsRejectedWithPositions() async throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-001"])
        try await fixture.test { client in
            let response = try await client.api(Array("<StatusReport><Round>2022</Round>".utf8), token: token)
            #expect(response.status == .unprocessableContent)
            let receipt = try response.receipt()
            #expect(receipt["reason"] as? String == "not-well-formed")
            let findings = try #require(receipt["findings"] as? [[String: Any]])
            #expect(!findings.isEmpty)
            #expect(findings.allSatisfy { ($0["line"] as? Int ?? 0) >= 1 })
        }
    }

    @Test func aDoctypeIsRefusedUnread() async throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-001"])
        let hostile = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:1/steal">]>
            <StatusReport>&x;</StatusReport>
            """
        try await fixture.test { client in
            let response = try await client.api(Array(hostile.utf8), token: token)
            #expect(response.status == .unprocessableContent)
            #expect(try response.receipt()["reason"] as? String == "forbidden-dtd")
        }
    }

    @Test func unknownMissingRevokedAndExpiredTokensAre401() async throws {
        let fixture = try ServerFixture()
        let sample = try ServerFixture.sample("2022/SP-2020-001.xml")
        let token = try #require(fixture.tokens["SP-2020-001"])
        try await fixture.test { client in
            for candidate in [nil, "not-a-token", String(repeating: "A", count: 43)] {
                let response = try await client.api(sample, token: candidate)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
                #expect(try response.receipt()["error_da"] as? String != nil)
            }
        }
        // Reissuing revokes the earlier link.
        let store = try fixture.store()
        let round = try #require(try store.rounds().first)
        _ = try SubmissionLinks.issue(store: store, round: round, expiresAt: "2022-12-14T23:59:59Z", baseURL: "http://test",
                                      reissue: true, now: "2022-10-02T00:00:00Z")
        try await fixture.test { client in
            let response = try await client.api(sample, token: token)
            #expect(response.status == .unauthorized)
            #expect(try response.receipt()["error"] as? String == "this link has been revoked; ask the analysts for a new one")
        }
        let late = try ServerFixture(now: { "2022-12-15T00:00:00Z" })
        try await late.test { client in
            let response = try await client.api(sample, token: late.tokens["SP-2020-001"])
            #expect(response.status == .unauthorized)
            #expect(try response.receipt()["error"] as? String == "this link has expired; ask the analysts for a new one")
        }
    }

    /// A token checked from the cache of active links, its link revoked after: the submission's
    /// own transaction reads the link again, stores nothing and answers 401 as the check would.
    @Test func aLinkRevokedAfterTheCheckStoresNothingAndIs401() async throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-001"])
        let sample = try ServerFixture.sample("2022/SP-2020-001.xml")
        try await fixture.test { client in
            let first = try await client.api(sample, token: token)
            #expect(first.status == .created)
        }
        // The link is now among the active ones the API checks tokens against.
        let cached = try #require(fixture.door.activeLinks[SubmissionLinks.hash(token)])
        #expect(cached.projectId == "SP-2020-001")
        let store = try fixture.store()
        try fixture.reissueLink(of: "SP-2020-001")
        // Still passes the check before the pipeline: only the transaction can see the revocation.
        #expect(try fixture.door.preCheckedLink(token: token).get().id == cached.id)
        let broken = Array(String(decoding: sample, as: UTF8.self)
            .replacingOccurrences(of: "severity=\"high\"", with: "severity=\"critical\"").utf8)
        try #require(broken != sample)
        try await fixture.test { client in
            let rejected = try await client.api(broken, token: token)
            #expect(rejected.status == .unauthorized)
            #expect(rejected.headers[.wwwAuthenticate] == "Bearer")
            #expect(try rejected.receipt()["error"] as? String == "this link has been revoked; ask the analysts for a new one")
            // The refusal dropped the link from the cache: the next post is refused by the look-up.
            #expect(fixture.door.activeLinks[SubmissionLinks.hash(token)] == nil)
            let again = try await client.api(broken, token: token)
            #expect(again.status == .unauthorized)
        }
        // Nothing of the refused posts was kept: no receipt, no rejection copy, no use of the link.
        #expect(try store.receipts(round: 2022, projectId: "SP-2020-001").map(\.receipt.status) == [.accepted])
        let rejectedFolder = fixture.directory.appendingPathComponent("rejected").path
        if FileManager.default.fileExists(atPath: rejectedFolder) {
            #expect(try FileManager.default.contentsOfDirectory(atPath: rejectedFolder) == [])
        }
        #expect(try store.uses(ofLink: cached.id).map(\.action) == ["submitted-api"])
    }

    /// The link is read by the transaction's own clock: one expired by then stores nothing.
    @Test func theTransactionRefusesALinkExpiredByItsTime() async throws {
        let fixture = try ServerFixture()
        let store = try fixture.store()
        let token = try #require(fixture.tokens["SP-2020-001"])
        let link = try #require(try store.link(tokenSHA256: SubmissionLinks.hash(token)))
        let late = "2022-12-15T00:00:00Z"
        let service = IntakeService(pipeline: ServerFixture.pipeline, store: store, settings: .init(toolVersion: "test", now: { late }))
        let origin = Origin(kind: .upload, name: "api:SP-2020-001/2022", link: String(link.id))
        let record = IntakeService.prepare(try ServerFixture.sample("2022/SP-2020-001.xml"), from: origin, pipeline: ServerFixture.pipeline)
        let keeping = ReceiptOrigin(round: 2022, projectId: "SP-2020-001", via: .api, linkId: link.id, at: late, use: "submitted-api",
                                    requiringActiveLink: true)
        await #expect(throws: LinkRefusal.expired) { _ = try await service.submitEncoded(record, keeping: keeping) }
        #expect(try store.currentSubmission(projectId: "SP-2020-001", round: 2022) == nil)
        #expect(try store.receipts(round: 2022, projectId: "SP-2020-001").isEmpty)
        #expect(try store.uses(ofLink: link.id).isEmpty)
        // Not required to be active (a session's submission, checked before): stored.
        var unchecked = keeping
        unchecked.requiresActiveLink = false
        let receipt = try await service.submitEncoded(record, keeping: unchecked).receipt
        #expect(receipt.status == .accepted)
        #expect(try store.uses(ofLink: link.id).map(\.action) == ["submitted-api"])
    }

    /// The same for a document naming another project: its 403 receipt is kept only while the link is active.
    @Test func aLinkRevokedAfterTheCheckKeepsNoForbiddenReceipt() async throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-002"])
        let own = try ServerFixture.sample("2022/SP-2020-002.xml")
        try await fixture.test { client in
            let first = try await client.api(own, token: token)
            #expect(first.status == .created)
        }
        let store = try fixture.store()
        try fixture.reissueLink(of: "SP-2020-002")
        try await fixture.test { client in
            let response = try await client.api(try ServerFixture.sample("2022/SP-2020-001.xml"), token: token)
            #expect(response.status == .unauthorized)
            #expect(try response.receipt()["error"] as? String == "this link has been revoked; ask the analysts for a new one")
        }
        #expect(try store.receipts(round: 2022, projectId: "SP-2020-002").map(\.receipt.status) == [.accepted])
        #expect(try store.currentSubmission(projectId: "SP-2020-001", round: 2022) == nil)
    }

    @Test func overTheLimitIs413WithTheLimit() async throws {
        let fixture = try ServerFixture(maxBytes: 4096)
        let token = try #require(fixture.tokens["SP-2020-001"])
        try await fixture.test { client in
            let response = try await client.api([UInt8](repeating: UInt8(ascii: " "), count: 5000), token: token)
            #expect(response.status == .contentTooLarge)
            let body = try response.receipt()
            #expect(body["limit_bytes"] as? Int == 4096)
            #expect((body["error"] as? String)?.contains("4 KiB") == true)
        }
        #expect(try fixture.store().receipts(round: 2022, projectId: "SP-2020-001").isEmpty)
    }

    @Test func aLinkIsRateLimited() async throws {
        let fixture = try ServerFixture(perMinute: 2)
        let token = try #require(fixture.tokens["SP-2020-001"])
        let sample = try ServerFixture.sample("2022/SP-2020-001.xml")
        try await fixture.test { client in
            #expect(try await client.api(sample, token: token).status == .created)
            #expect(try await client.api(sample, token: token).status == .ok)
            let third = try await client.api(sample, token: token)
            #expect(third.status == .tooManyRequests)
            #expect(Int(third.headers[.retryAfter] ?? "") ?? 0 >= 1)
            // Another project's link is not held back.
            #expect(try await client.api(try ServerFixture.sample("2022/SP-2020-002.xml"), token: fixture.tokens["SP-2020-002"]).status == .created)
        }
    }

    @Test func healthAndSecurityHeaders() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            for uri in ["/healthz", "/", "/lead", "/r/unknown", "/analyst/login"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "\(uri)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(response.headers[.referrerPolicy] == "no-referrer", "\(uri)")
            }
        }
    }

    /// The token is looked up on a connection of its own: a request does not wait while the
    /// writer is inside a transaction (in the group commit's `fdatasync`, say).
    @Test func aTokenIsCheckedWhileTheWriterIsInATransaction() throws {
        let fixture = try ServerFixture()
        let token = try #require(fixture.tokens["SP-2020-001"])
        let store = fixture.door.store
        let run = try store.beginRun(at: "2022-11-01T10:00:00Z", toolVersion: "test")
        let inside = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        let events = LogLines()
        DispatchQueue.global().async {
            var summary = IngestSummary()
            do {
                _ = try store.record([], run: run, at: "2022-11-01T10:00:00Z", into: &summary) { _ in
                    inside.signal()
                    // Bounded, so that a look-up that does wait is a failure, not a hang.
                    if release.wait(timeout: .now() + 5) == .timedOut { events.append("the writer timed out") }
                    return []
                }
            } catch {
                events.append("the writer failed: \(error)")
            }
            finished.signal()
        }
        inside.wait()
        let found = try fixture.door.link(token: token)
        events.append("looked up")
        release.signal()
        finished.wait()
        #expect(events.all == ["looked up"])
        #expect(try found.get().projectId == "SP-2020-001")
    }
}
