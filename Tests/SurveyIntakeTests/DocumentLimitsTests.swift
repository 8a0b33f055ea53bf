import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// Issue 13: files of hostile shape are refused early with `too-large` and a clear reason
/// (items 2, 4, 18), positions stay exact on one line (item 1), messages quote values in part
/// (item 4) and name namespaces (item 19), and UTF-8 read as Latin-1 is warned about (item 17).
/// The cost of each shape at 64 KiB … 16 MiB is measured by `scripts/hostile-sweep`, not here.
@Suite("Hostile input: document limits, messages, encodings")
struct DocumentLimitsTests {
    /// A valid format-1 document: `rootAttributes` inside the root start tag, `titel` as the
    /// text of <Titel> (line 8), `after` after </Projekt>.
    private func format1(
        titel: String = "Titel", rootAttributes: String = "", after: String = "", encoding: String = "UTF-8"
    ) -> String {
        """
        <?xml version="1.0" encoding="\(encoding)"?>

        <Statusrapport xmlns="urn:signaturprojekter:statusrapport:1" version="1.0"\(rootAttributes)>
          <Rapportaar>2021</Rapportaar>
          <Indsendt>2021-11-15T14:30:00+01:00</Indsendt>
          <Projekt>
            <ProjektID>SP-2020-001</ProjektID>
            <Titel>\(titel)</Titel>
          </Projekt>\(after)
        </Statusrapport>
        """
    }

    private func validate(_ text: String, maxBytes: Int = SubmissionValidator.defaultMaxBytes) throws -> ValidationOutcome {
        try TestSupport.validate(text, validator: TestSupport.validator(maxBytes: maxBytes))
    }

    // MARK: Item 2: very many attributes or namespace declarations on one element

    @Test("65 attributes on one element: too-large at its start tag, in English and Danish")
    func tooManyAttributesOnOneElement() throws {
        let attributes = (1...65).map { " a\($0)=\"\"" }.joined()
        let outcome = try validate(format1(rootAttributes: attributes))
        #expect(outcome.rejection == .tooLarge)
        let finding = try #require(outcome.findings.first)
        #expect(finding.reason == .tooLarge)
        #expect(finding.line == 3)
        #expect(finding.column == 1)
        #expect(finding.message.hasPrefix("<Statusrapport> has more than 64 attributes and namespace declarations, the limit for one element"))
        #expect(finding.messageDanish?.hasPrefix("<Statusrapport> har mere end 64 attributter og navnerumserklæringer") == true)
    }

    @Test("64 attributes are within the limit: judged by the schema as before")
    func attributesAtTheLimit() throws {
        // version and xmlns are two of the 64.
        let attributes = (1...62).map { " a\($0)=\"\"" }.joined()
        let outcome = try validate(format1(rootAttributes: attributes))
        #expect(outcome.rejection == .schemaInvalid)
    }

    @Test("65 namespace declarations on one element count as attributes: too-large")
    func tooManyNamespaceDeclarations() throws {
        let declarations = (1...64).map { " xmlns:p\($0)=\"urn:p:\($0)\"" }.joined()
        let outcome = try validate(format1(rootAttributes: declarations))
        #expect(outcome.rejection == .tooLarge)
        #expect(outcome.findings.first?.message.contains("more than 64 attributes and namespace declarations") == true)
    }

    @Test("a '>' or '=' inside an attribute value is not markup", arguments: ["a>b", "x=y=z", "'>'"])
    func quotedValuesAreNotCounted(value: String) throws {
        let many = String(repeating: "=", count: 200)
        let text = format1(titel: "t", rootAttributes: " xmlns:q=\"urn:q\" q:note=\"\(value)\(many)\"")
        let outcome = try validate(text)
        #expect(outcome.rejection == .schemaInvalid)
    }

    @Test("more than 100,000 attributes in all: too-large, naming the limit")
    func tooManyAttributesInAll() throws {
        let challenge = "<x:y xmlns:x=\"urn:x\" a=\"\" b=\"\" c=\"\" d=\"\"/>"  // 5 each
        let outcome = try validate(format1(after: String(repeating: challenge, count: 20_001)))
        #expect(outcome.rejection == .tooLarge)
        #expect(outcome.findings.first?.message.hasPrefix("the file has more than 100,000 attributes and namespace declarations in all") == true)
        #expect(outcome.findings.first?.line == 9)
    }

    @Test("more than 256 namespace declarations in scope: too-large at the element that passes it")
    func tooManyNamespacesInScope() throws {
        // The root declares 1; five levels of 60 each pass 256 on the fifth.
        let levels = (1...5).map { level in
            "<n" + (1...60).map { " xmlns:p\(level)x\($0)=\"urn:\(level):\($0)\"" }.joined() + ">"
        }
        let closing = String(repeating: "</n>", count: 5)
        let outcome = try validate(format1(after: "\n" + levels.joined(separator: "\n") + "<x/>" + closing))
        #expect(outcome.rejection == .tooLarge)
        let finding = try #require(outcome.findings.first)
        #expect(finding.message.hasPrefix("<n> has more than 256 namespace declarations in scope"))
        #expect(finding.messageDanish?.hasPrefix("<n> har mere end 256 navnerumserklæringer i kraft") == true)
        #expect(finding.line == 14)
        // Four levels (241 in scope) are within it; so are declarations that go out of scope.
        let four = try validate(format1(after: "\n" + levels.prefix(4).joined(separator: "\n") + "<x/>" + String(repeating: "</n>", count: 4)))
        #expect(four.rejection == .schemaInvalid)
        let siblings = (1...5).map { _ in levels[0] + "</n>" }.joined()
        #expect(try validate(format1(after: siblings)).rejection == .schemaInvalid)
    }

    @Test("xmlns and xmlns:p count as namespace declarations; xmlnsx and other names do not")
    func namespaceDeclarationNames() throws {
        let many = (1...300).map { _ in " <n xmlnsx=\"a\" b:xmlns=\"c\" xmlns:b=\"urn:b\">" }.joined()
        let scan = Array(("<r>" + many).utf8).withUnsafeBytes { StartTagScanner.scan($0, limits: .standard) }
        #expect(scan.violation?.kind == .namespacesInScope)
        #expect(scan.positions.count == 258)
        let plain = (1...300).map { _ in "<n xmlnsx=\"a\" b:xmlns=\"c\">" }.joined()
        let none = Array(("<r>" + plain).utf8).withUnsafeBytes { StartTagScanner.scan($0, limits: .standard) }
        #expect(none.violation == nil)
    }

    // MARK: Item 4: memory — element count

    @Test("100,001 empty elements: too-large at the start tag of the one past the limit")
    func tooManyElements() throws {
        // 7 elements before: Statusrapport, Rapportaar, Indsendt, Projekt, ProjektID, Titel.
        let before = 6
        let count = 100_000 - before + 1
        let outcome = try validate(format1(after: String(repeating: "<x/>", count: count)))
        #expect(outcome.rejection == .tooLarge)
        let finding = try #require(outcome.findings.first)
        #expect(finding.message.hasPrefix("the file has more than 100,000 elements, the limit for one submission"))
        #expect(finding.messageDanish?.hasPrefix("filen har mere end 100.000 elementer") == true)
        #expect(finding.line == 9)
        // "  </Projekt>" is 12 characters; the last <x/> starts 4 × (count - 1) after the first.
        #expect(finding.column == 13 + 4 * (count - 1))
    }

    @Test("100,000 elements are within the limit: judged by the schema")
    func elementsAtTheLimit() throws {
        let outcome = try validate(format1(after: String(repeating: "<x/>", count: 100_000 - 6)))
        #expect(outcome.rejection == .schemaInvalid)
        #expect(outcome.findings.first?.message.contains("<x> is not expected here") == true)
    }

    @Test("text cut into pieces by comments and processing instructions is one text")
    func commentsDoNotSplitText() throws {
        let outcome = try validate(format1(titel: "Dig<!-- a -->i<?pi x?>tal<!---->isering"))
        #expect(outcome.isValid)
        #expect(outcome.document?.descendant("Projekt", "Titel")?.text == "Digitalisering")
    }

    // MARK: Item 18: one limit for every text

    @Test("a text over 1,000,000 bytes is too-large in any element and in any characters", arguments: [
        ("Titel", "x"), ("Titel", "æ"), ("Bemaerkninger", "x"), ("Bemaerkninger", "ø"),
    ])
    func longText(element: String, character: String) throws {
        let count = 1_000_000 / character.utf8.count + 1
        let long = String(repeating: character, count: count)
        let text = element == "Titel"
            ? format1(titel: long)
            : format1(after: "\n  <\(element)>\(long)</\(element)>")
        let outcome = try validate(text)
        #expect(outcome.rejection == .tooLarge)
        #expect(outcome.findings.first?.message.hasPrefix("the text of <\(element)> is longer than 1,000,000 bytes, the limit for one text") == true)
        #expect(outcome.findings.first?.line == (element == "Titel" ? 8 : 10))
    }

    @Test("a text of exactly 1,000,000 bytes is kept whole")
    func textAtTheLimit() throws {
        let outcome = try validate(format1(titel: String(repeating: "æ", count: 500_000)))
        #expect(outcome.isValid)
        #expect(outcome.document?.descendant("Projekt", "Titel")?.text.utf8.count == 1_000_000)
    }

    @Test("the pieces of one text count together, wherever comments or CDATA cut it")
    func piecesCountTogether() throws {
        let piece = String(repeating: "x", count: 1_000)
        let outcome = try validate(format1(titel: String(repeating: piece + "<!---->", count: 600)
            + "<![CDATA[" + String(repeating: piece, count: 401) + "]]>"))
        #expect(outcome.rejection == .tooLarge)
        #expect(outcome.findings.first?.message.contains("the text of <Titel>") == true)
    }

    @Test("a 12,000,000-character text within a raised --max-size is too-large, not not-well-formed")
    func hugeTextWithinRaisedSize() throws {
        // libxml2's own 10,000,000-byte limit used to apply only when a text reached it in pieces.
        for character in ["x", "æ"] {
            let text = format1(titel: String(repeating: character, count: 12_000_000))
            let outcome = try validate(text, maxBytes: 64 * 1024 * 1024)
            #expect(outcome.rejection == .tooLarge)
            #expect(outcome.findings.first?.message.contains("the limit for one text") == true)
        }
    }

    @Test("an attribute value, a comment and a processing instruction over the limit are too-large", arguments: [
        "attribute", "comment", "instruction",
    ])
    func otherLongTexts(kind: String) throws {
        let long = String(repeating: "y", count: 1_000_001)
        let text: String
        let expected: String
        switch kind {
        case "attribute":
            text = format1(rootAttributes: " xmlns:q=\"urn:q\" q:x=\"\(long)\"")
            expected = "an attribute value of <Statusrapport> is longer than 1,000,000 bytes"
        case "comment":
            text = format1(after: "<!--\(long)-->")
            expected = "a comment is longer than 1,000,000 bytes"
        default:
            text = format1(after: "<?pi \(long)?>")
            expected = "a processing instruction is longer than 1,000,000 bytes"
        }
        let outcome = try validate(text)
        #expect(outcome.rejection == .tooLarge)
        #expect(outcome.findings.first?.message.hasPrefix(expected) == true)
    }

    // MARK: Item 1: positions on one line

    @Test("on one line, errors are placed at the exact column, past multi-byte characters and markup")
    func oneLineColumns() throws {
        let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- æøå <b> --><Statusrapport xmlns=\"urn:signaturprojekter:statusrapport:1\" version=\"1.0\">"
            + "<Rapportaar>2021</Rapportaar><Indsendt>2021-11-15T14:30:00+01:00</Indsendt><Projekt><ProjektID>SP-2020-001</ProjektID>"
            + "<Titel>Rød <![CDATA[<grøn>]]> blå</Titel></Projekt>"
        let prefix = body
        let text = prefix + "<Bad/><Udfordringer><Udfordring><Alvorlighed>7</Alvorlighed></Udfordring></Udfordringer></Statusrapport>"
        let outcome = try validate(text)
        #expect(outcome.rejection == .schemaInvalid)
        let finding = try #require(outcome.findings.first)
        #expect(finding.line == 1)
        #expect(finding.column == prefix.count + 1)
    }

    @Test("the scan gives every start tag its position in one pass, whatever the shape")
    func scanPositions() {
        let second = "<b x='>' y=\"&lt;\"/><!-- <c> --><?p <d>?><![CDATA[<e>]]>é"
        let text = "<a>\n" + second + "<f\r\n/></a>"
        let scan = Array(text.utf8).withUnsafeBytes { StartTagScanner.scan($0, limits: .standard) }
        #expect(scan.violation == nil)
        #expect(scan.positions.map(\.line) == [1, 2, 2])
        #expect(scan.positions.map(\.column) == [1, 1, second.count + 1])
        // The old scan, for comparison, agrees on a document of many lines.
        #expect(Array(text.utf8).withUnsafeBytes { StartTagScanner.positions(in: $0) } == scan.positions)
    }

    // MARK: Item 4: quoted values cut in messages, kept whole in the submission

    @Test("a validation message quotes at most 80 characters of a value")
    func validationMessageQuotesInPart() throws {
        let value = String(repeating: "7", count: 5_000)
        let outcome = try validate(format1(after: "<Udfordringer><Udfordring><Alvorlighed>\(value)</Alvorlighed></Udfordring></Udfordringer>"))
        #expect(outcome.rejection == .schemaInvalid)
        let finding = try #require(outcome.findings.first)
        #expect(finding.message.contains("\"" + String(repeating: "7", count: 80) + "…\""))
        #expect(finding.message.count < 300)
        #expect((finding.detail?.count ?? 0) <= 501)
    }

    @Test("a completeness message quotes at most 80 characters; the submission keeps the whole value")
    func completenessMessageQuotesInPart() throws {
        let email = String(repeating: "a", count: 5_000) + " at example"
        let text = format1(after: "<Projektleder><Navn>Mette</Navn><Email>\(email)</Email></Projektleder>")
        let pipeline = try TestSupport.pipeline()
        let processed = Array(text.utf8).withUnsafeBytes { pipeline.process(bytes: $0, path: "long.xml") }
        #expect(processed.isValid)
        #expect(processed.submission?.lead.email.raw == email)
        let finding = try #require(processed.completeness?.findings.first { $0.rule == .invalidFormat })
        #expect(finding.value == email)
        #expect(finding.messageEnglish.contains("\"" + String(repeating: "a", count: 80) + "…\""))
        #expect(finding.messageDanish.contains("«" + String(repeating: "a", count: 80) + "…»"))
        #expect(finding.messageEnglish.count < 300)
        #expect(finding.messageDanish.count < 300)
    }

    @Test("excerpt keeps short texts and cuts long ones at a character boundary")
    func excerpt() {
        #expect(ValidationMessage.excerpt("kort") == "kort")
        #expect(ValidationMessage.excerpt(String(repeating: "å", count: 80)) == String(repeating: "å", count: 80))
        #expect(ValidationMessage.excerpt(String(repeating: "å", count: 81)) == String(repeating: "å", count: 80) + "…")
        #expect(ValidationMessage.number(1_000_000, separator: ".") == "1.000.000")
        #expect(ValidationMessage.number(64, separator: ",") == "64")
    }

    // MARK: Item 19: namespaces named

    @Test("a foreign a:id attribute is named with its prefix and namespace, in English and Danish")
    func foreignAttributeNamesItsNamespace() throws {
        let text = format1().replacingOccurrences(of: "<Projekt>", with: "<Projekt xmlns:a=\"urn:other\" a:id=\"1\">")
        let outcome = try validate(text)
        #expect(outcome.rejection == .schemaInvalid)
        let finding = try #require(outcome.findings.first)
        #expect(finding.message == "<Projekt> has an attribute a:id in the namespace \"urn:other\" that the questionnaire does not define")
        #expect(finding.messageDanish == "<Projekt> har en attribut a:id i navnerummet \"urn:other\", som spørgeskemaet ikke definerer")
        #expect(finding.line == 6)
    }

    @Test("an attribute in no namespace is named as before")
    func plainAttribute() throws {
        let text = format1().replacingOccurrences(of: "<Projekt>", with: "<Projekt id=\"1\">")
        let finding = try #require(try validate(text).findings.first)
        #expect(finding.message == "<Projekt> has an attribute id that the questionnaire does not define")
    }

    @Test("an element in a foreign namespace is named with its prefix and namespace")
    func foreignElementNamesItsNamespace() throws {
        let text = format1(after: "<b:Budget xmlns:b=\"urn:budget\">1</b:Budget>")
        let finding = try #require(try validate(text).findings.first)
        #expect(finding.message.hasPrefix("<b:Budget> (namespace \"urn:budget\") is not expected here"))
    }

    // MARK: Item 17: UTF-8 under a single-byte encoding declaration

    @Test("UTF-8 bytes declared ISO-8859-1 or windows-1252: valid, with an encoding warning naming where",
          arguments: ["ISO-8859-1", "windows-1252"])
    func mojibakeWarned(encoding: String) throws {
        let text = format1(titel: "AI-understøttet røntgen", encoding: encoding)
        let outcome = try validate(text)  // the UTF-8 bytes of `text`
        #expect(outcome.isValid)
        #expect(outcome.document?.descendant("Projekt", "Titel")?.text == "AI-understÃ¸ttet rÃ¸ntgen")
        let warning = try #require(outcome.findings.first)
        #expect(outcome.findings.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.line == 8)
        #expect(warning.column == 5)
        #expect(warning.element == "/Statusrapport/Projekt/Titel")
        #expect(warning.message.hasPrefix("[encoding] <Titel> looks like UTF-8 read as \(encoding): \"Ã¸\" is probably \"ø\""))
        #expect(warning.messageDanish?.hasPrefix("[encoding] <Titel> ligner UTF-8 læst som \(encoding): «Ã¸» er sandsynligvis «ø»") == true)
    }

    @Test("real Latin-1 bytes under ISO-8859-1, and UTF-8 under UTF-8, give no warning")
    func noMojibake() throws {
        let latin1 = try #require(format1(titel: "AI-understøttet røntgen", encoding: "ISO-8859-1").data(using: .isoLatin1))
        let validator = try TestSupport.validator()
        let outcome = [UInt8](latin1).withUnsafeBytes { validator.validate(bytes: $0, path: "latin1.xml") }
        #expect(outcome.isValid)
        #expect(outcome.findings.isEmpty)
        #expect(outcome.document?.descendant("Projekt", "Titel")?.text == "AI-understøttet røntgen")
        let utf8 = try validate(format1(titel: "AI-understøttet røntgen Ã¸"))
        #expect(utf8.isValid)
        #expect(utf8.findings.isEmpty)
    }

    @Test("mojibake detection: typical sequences found, ordinary Danish and ASCII left alone")
    func mojibakeSequences() {
        #expect(Mojibake.first(in: "Ã¦ble")?.meant == "æ")
        #expect(Mojibake.first(in: "pÃ¥")?.meant == "å")
        #expect(Mojibake.first(in: "Ã˜resund")?.meant == "Ø")
        #expect(Mojibake.first(in: "det â€™ er")?.meant == "\u{2019}")
        #expect(Mojibake.first(in: "Æbler og Ørreder på Ærø") == nil)
        #expect(Mojibake.first(in: "plain ASCII") == nil)
        // Under ISO-8859-15 the byte B8 of "ø" reads as "ž", A4 as "€".
        #expect(Mojibake.first(in: "understÃžttet", latin9: true)?.meant == "ø")
        #expect(Mojibake.first(in: "Ã¸", latin9: true) == nil)  // U+00B8 is no ISO-8859-15 character
        #expect(Mojibake.applies(toDeclared: "iso-8859-1"))
        #expect(!Mojibake.applies(toDeclared: "UTF-8"))
        #expect(!Mojibake.applies(toDeclared: nil))
    }
}
