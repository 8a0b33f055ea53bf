import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("XML layer: parsing and positions")
struct XMLDocumentTests {
    @Test("a well-formed document becomes a value tree with start-tag positions")
    func parsesIntoValueTree() throws {
        let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- a comment with a <fake> tag -->
        <r xmlns="urn:x" a="1">
          <c>æble &amp; pære</c><c><![CDATA[<not a tag>]]></c>
            <d
               b="2"/>
        </r>
        """
        let document = try XMLDocument.parse(Array(text.utf8))
        let root = document.root
        #expect(root.name == "r")
        #expect(root.namespace == "urn:x")
        #expect(root.attribute("a") == "1")
        #expect(root.position == SourcePosition(line: 3, column: 1))
        let children = root.children(named: "c")
        #expect(children.count == 2)
        #expect(children[0].text == "æble & pære")
        #expect(children[0].position == SourcePosition(line: 4, column: 3))
        // Columns count characters: "æble & pære" has two two-byte letters.
        #expect(children[1].position == SourcePosition(line: 4, column: 25))
        #expect(children[1].text == "<not a tag>")
        #expect(root.child("d")?.position == SourcePosition(line: 5, column: 5))
        #expect(root.child("d")?.attribute("b") == "2")
    }

    @Test("UTF-16 with a byte-order mark parses, with the same positions as UTF-8")
    func utf16WithBOM() throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<r>\n  <ø>å</ø>\n</r>\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let document = try XMLDocument.parse(bytes)
        #expect(document.root.child("ø")?.text == "å")
        #expect(document.root.child("ø")?.position == SourcePosition(line: 3, column: 3))
    }

    @Test("a UTF-8 byte-order mark is accepted and not counted as a column")
    func utf8WithBOM() throws {
        let document = try XMLDocument.parse([0xEF, 0xBB, 0xBF] + Array("<r/>".utf8))
        #expect(document.root.position == SourcePosition(line: 1, column: 1))
    }

    @Test("not-well-formed input reports libxml2's line and column", arguments: [
        ("<a>\n  <b></c>\n</a>", 2, XMLErrorCode.tagNameMismatch),
        ("<a>\n<b>Data & analyse</b></a>", 2, XMLErrorCode.nameRequired),
        ("<a>\n<b>", 2, XMLErrorCode.tagNotFinished),
    ])
    func notWellFormed(text: String, line: Int, code: Int) throws {
        let failure = try #require(throws: XMLParseFailure.self) { try XMLDocument.parse(Array(text.utf8)) }
        #expect(failure.kind == .notWellFormed)
        #expect(failure.diagnostics.first?.line == line)
        #expect(failure.diagnostics.first?.code == code)
    }

    @Test("the start-tag scanner handles CRLF line ends")
    func crlfLines() throws {
        let document = try XMLDocument.parse(Array("<r>\r\n<a/>\r\n\r\n  <b/></r>".utf8))
        #expect(document.root.child("a")?.position == SourcePosition(line: 2, column: 1))
        #expect(document.root.child("b")?.position == SourcePosition(line: 4, column: 3))
    }
}
