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
}
