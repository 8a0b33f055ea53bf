import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyService

@Suite("IntakeService: one submission's bytes in, a receipt out")
struct IntakeServiceTests {
    private func bytes(_ sample: String) throws -> [UInt8] {
        Array(try Data(contentsOf: TestSupport.samplesDirectory.appendingPathComponent(sample)))
    }

    @Test("accepted, then unchanged for the same bytes, and rejected with every error; the store holds what the receipts say")
    func receipts() async throws {
        let directory = try TestSupport.temporaryDirectory()
        let service = IntakeService(pipeline: try TestSupport.pipeline(), store: try IntakeStore(directory: directory),
                                    settings: .init(toolVersion: "test", now: { "2022-12-01T09:00:00Z" }))
        let good = try bytes("2021/SP-2020-013.xml")
        let accepted = try await service.submit(good, from: Origin(kind: .upload, name: "SP-2020-013", link: "7"))
        #expect(accepted.status == .accepted)
        #expect(accepted.projectId == "SP-2020-013")
        #expect(accepted.round == 2021)
        #expect(accepted.sha256 == SHA256.hex(of: good))
        #expect(accepted.reason == nil)
        let id = try #require(accepted.submissionId)
        #expect(accepted.findings.allSatisfy { $0.severity == .warning && $0.rule != nil })

        let again = try await service.submit(good, from: .file("copy.xml"))
        #expect(again.status == .unchanged)
        #expect(again.submissionId == id)
        #expect(again.receiptId != accepted.receiptId)

        let broken = try bytes("invalid/09-alvorlighed-as-text.xml")
        let rejected = try await service.submit(broken, from: .file("broken.xml"))
        #expect(rejected.status == .rejected)
        #expect(rejected.reason == .schemaInvalid)
        #expect(rejected.submissionId == nil)
        #expect(rejected.findings.first?.line == 23)
        let resent = try await service.submit(broken, from: .file("broken.xml"))
        #expect(resent.status == .rejected, "the same rejected bytes are rejected again, not 'unchanged'")
        #expect(resent.findings == rejected.findings)

        let summary = try await service.finish()
        #expect(summary.new == ["SP-2020-013"])
        #expect(summary.unchanged == 2)
        #expect(summary.rejected.map(\.reason) == ["schema-invalid"])
        let store = try IntakeStore(readingFrom: directory)
        let stored = try #require(try store.lookUp(id))
        #expect(stored.origin == Origin(kind: .upload, name: "SP-2020-013", link: "7"))
        #expect(try store.original(sha256: SHA256.hex(of: good)) == good)
    }

    @Test("the receipt's JSON has the interface's snake_case names")
    func receiptJSON() throws {
        let receipt = Receipt(receiptId: "r1", status: .rejected, submissionId: nil, sha256: "ab", projectId: nil, round: nil,
                              reason: .tooLarge, completeness: nil, findings: [])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(receipt), as: UTF8.self)
            == #"{"findings":[],"reason":"too-large","receipt_id":"r1","sha256":"ab","status":"rejected"}"#)
    }

    @Test("a kept receipt is written in its submission's transaction: when it cannot be kept, the submission is not stored either")
    func receiptInTheSubmissionsTransaction() async throws {
        let directory = try TestSupport.temporaryDirectory()
        let pipeline = try TestSupport.pipeline()
        let service = IntakeService(pipeline: pipeline, store: try IntakeStore(directory: directory),
                                    settings: .init(toolVersion: "test", now: { "2022-12-01T09:00:00Z" }))
        func keeping(_ project: String, link: Int64?) -> ReceiptOrigin {
            .init(round: 2021, projectId: project, via: .api, linkId: link, at: "2022-12-01T09:00:00Z", use: "submitted-api")
        }
        let good = try bytes("2021/SP-2020-013.xml")
        let kept = try await service.submit(IntakeService.prepare(good, from: .file("a.xml"), pipeline: pipeline),
                                            keeping: keeping("SP-2020-013", link: nil))
        #expect(kept.status == .accepted)

        // Link 999 does not exist: its receipt breaks a foreign key, so the whole transaction is undone.
        let other = try bytes("2021/SP-2020-001.xml")
        let record = IntakeService.prepare(other, from: .file("b.xml"), pipeline: pipeline)
        let otherId = try #require(record.outcome.submission?.submissionId)
        await #expect(throws: (any Error).self) {
            _ = try await service.submit(record, keeping: keeping("SP-2020-001", link: 999))
        }
        let store = try IntakeStore(readingFrom: directory)
        #expect(try store.receipts(round: 2021, projectId: "SP-2020-013").map(\.receipt) == [kept])
        #expect(try store.lookUp(otherId) == nil, "the submission was rolled back with its receipt")
        #expect(try store.receipts(round: 2021, projectId: "SP-2020-001").isEmpty)

        // The service goes on: the same submission, kept without the broken link, is new.
        let again = try await service.submit(record, keeping: keeping("SP-2020-001", link: nil))
        #expect(again.status == .accepted)
        #expect(again.submissionId == otherId)
        #expect(try store.receipts(round: 2021, projectId: "SP-2020-001").map(\.receipt) == [again])
        #expect(try await service.finish().new == ["a.xml", "b.xml"])
    }
}
