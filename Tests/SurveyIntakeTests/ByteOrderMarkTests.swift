import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// Regression tests for the W3C cases hst-lhs-007 and hst-lhs-008 (scripts/conformance): a
/// byte-order mark that contradicts the declared encoding is not well-formed (XML 1.0 §4.3.3);
/// libxml2 2.9.14 accepted both.
@Suite("XML layer: byte-order mark against the encoding declaration")
struct ByteOrderMarkTests {
    private static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        return bytes
    }

    @Test("a UTF-8 mark with encoding=\"iso-8859-1\" is refused (hst-lhs-007)")
    func utf8MarkDeclaringLatin1() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<?xml version='1.0' encoding='iso-8859-1'?><x/>\n".utf8)
        let failure = try #require(throws: XMLParseFailure.self) { try XMLDocument.parse(bytes) }
        #expect(failure.kind == .notWellFormed)
        #expect(failure.diagnostics.first?.code == XMLErrorCode.invalidEncoding)
        #expect(failure.diagnostics.first?.line == 1)
        #expect(failure.diagnostics.first?.message.contains("UTF-8 byte-order mark") == true)
        #expect(failure.diagnostics.first?.message.contains("encoding=\"iso-8859-1\"") == true)
    }

    @Test("a UTF-16 mark with encoding=\"utf-8\" is refused (hst-lhs-008)", arguments: [true, false])
    func utf16MarkDeclaringUTF8(bigEndian: Bool) throws {
        let bytes = Self.utf16("<?xml version='1.0' encoding='utf-8'?><x/>", bigEndian: bigEndian)
        let failure = try #require(throws: XMLParseFailure.self) { try XMLDocument.parse(bytes) }
        #expect(failure.kind == .notWellFormed)
        #expect(failure.diagnostics.first?.message.contains("UTF-16 byte-order mark") == true)
    }

    @Test("a questionnaire in UTF-8 with a mark and a Latin-1 declaration is not-well-formed, not mojibake")
    func submissionIsRejected() throws {
        let text = try TestSupport.fixture("format1-complete.xml")
        let validator = try TestSupport.validator()
        let honest: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        #expect(honest.withUnsafeBytes { validator.validate(bytes: $0, path: "bom.xml") }.isValid)
        // Before the check, libxml2 read "æ" (C3 A6) as "Ã¦" and the file passed as valid.
        let contradictory: [UInt8] = [0xEF, 0xBB, 0xBF]
            + Array(text.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"").utf8)
        let outcome = contradictory.withUnsafeBytes { validator.validate(bytes: $0, path: "bom.xml") }
        #expect(outcome.rejection == .notWellFormed)
        #expect(outcome.findings.first?.line == 1)
        #expect(outcome.findings.first?.message.contains("byte-order mark") == true)
    }

    @Test("marks that agree with the declaration, or no declaration, still parse", arguments: [
        [0xEF, 0xBB, 0xBF] + Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><r>æ</r>".utf8),
        [0xEF, 0xBB, 0xBF] + Array("<?xml version='1.0' encoding = 'utf-8' ?><r>æ</r>".utf8),
        [0xEF, 0xBB, 0xBF] + Array("<?xml version=\"1.0\"?><r>æ</r>".utf8),
        [0xEF, 0xBB, 0xBF] + Array("<r>æ</r>".utf8),
        ByteOrderMarkTests.utf16("<?xml version=\"1.0\" encoding=\"UTF-16\"?><r>æ</r>", bigEndian: true),
        ByteOrderMarkTests.utf16("<?xml version=\"1.0\" encoding=\"utf-16\"?><r>æ</r>", bigEndian: false),
        ByteOrderMarkTests.utf16("<?xml version=\"1.0\" encoding=\"UTF-16LE\"?><r>æ</r>", bigEndian: false),
        ByteOrderMarkTests.utf16("<r>æ</r>", bigEndian: false),
    ])
    func agreeingMarks(bytes: [UInt8]) throws {
        let document = try XMLDocument.parse(bytes)
        #expect(document.root.text == "æ")
    }

    @Test("files without a mark are left to libxml2, whatever they declare")
    func noMark() throws {
        let plain = Array("<?xml version='1.0' encoding='iso-8859-1'?><x/>".utf8)
        #expect(plain.withUnsafeBytes { ByteOrderMark.conflict(in: $0) } == nil)
        let latin1: [UInt8] = Array("<?xml version='1.0' encoding='iso-8859-1'?><r>".utf8) + [0xE6] + Array("</r>".utf8)
        #expect(try XMLDocument.parse(latin1).root.text == "æ")
    }
}
