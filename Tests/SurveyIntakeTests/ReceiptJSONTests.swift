import Foundation
import Testing
@testable import SurveyModel

/// The receipt's JSON is encoded once and both stored and sent; receipts stored before its
/// keys were fixed still read back whole.
@Suite("receipt JSON: one encoding, snake_case keys, old bodies still read")
struct ReceiptJSONTests {
    private let finding = Finding(severity: .warning, file: "upload:SP-2020-001/2022", line: 8, column: 5,
                                  message: "\"Domain\" is not answered.", field: "project.domain", rule: .completeness(.missing),
                                  messageDanish: "«Område» er ikke besvaret.")

    @Test("keys are snake_case and sorted; the JSON reads back as the same receipt")
    func roundTrip() throws {
        let receipt = Receipt(receiptId: "r1", status: .accepted, submissionId: "s1", sha256: "ab", projectId: "SP-2020-001",
                              round: 2022, reason: nil, completeness: 0.9, findings: [finding])
        let text = String(decoding: try receipt.json(), as: UTF8.self)
        #expect(text.hasPrefix("{\"completeness\":0.9,\"findings\":[{\"column\":5,\"field\":\"project.domain\",\"file\":\"upload:SP-2020-001/2022\","))
        #expect(text.contains("\"message_danish\":\"«Område» er ikke besvaret.\""))
        #expect(!text.contains("messageDanish"))
        #expect(try JSONDecoder().decode(Receipt.self, from: Data(text.utf8)) == receipt)
    }

    @Test("a finding stored with the old key messageDanish keeps its Danish words")
    func legacyKey() throws {
        let old = #"{"severity":"warning","file":"f.xml","line":8,"column":5,"message":"m","field":"project.domain","rule":"missing","messageDanish":"d"}"#
        let decoded = try JSONDecoder().decode(Finding.self, from: Data(old.utf8))
        #expect(decoded.messageDanish == "d")
        #expect(decoded.rule == .completeness(.missing))
    }
}
