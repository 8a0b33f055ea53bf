import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// Files from outside may be hostile. Each case is refused or handled with a clear error,
/// without reading local files (checked with inotify), without touching the network (checked
/// with a listener on 127.0.0.1), and without blowing up memory or time.
@Suite("Hostile input")
struct HostileInputTests {
    /// A valid format-1 document with `injection` placed inside <Titel>, and `prolog` before the root.
    private func format1(prolog: String = "", titel: String = "Titel", rootAttributes: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        \(prolog)
        <Statusrapport xmlns="urn:signaturprojekter:statusrapport:1" version="1.0"\(rootAttributes)>
          <Rapportaar>2021</Rapportaar>
          <Indsendt>2021-11-15T14:30:00+01:00</Indsendt>
          <Projekt>
            <ProjektID>SP-2020-001</ProjektID>
            <Titel>\(titel)</Titel>
          </Projekt>
        </Statusrapport>
        """
    }

    private func secretFile() throws -> URL {
        let url = try TestSupport.temporaryDirectory().appendingPathComponent("secret.txt")
        try "TOP-SECRET-MARKER".write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("the baseline document is valid")
    func baseline() throws {
        let outcome = try TestSupport.validate(format1())
        #expect(outcome.isValid)
        #expect(outcome.format == "statusrapport-1")
    }

    @Test("XXE to a local file is refused as forbidden-dtd and the file is never opened")
    func externalEntityToLocalFile() throws {
        let secret = try secretFile()
        let watch = try FileOpenWatch([secret.path])
        let outcome = try TestSupport.validate(format1(
            prolog: "<!DOCTYPE Statusrapport [<!ENTITY x SYSTEM \"file://\(secret.path)\">]>", titel: "&x;"))
        #expect(outcome.rejection == .forbiddenDTD)
        #expect(outcome.findings.first?.line == 2)
        #expect(outcome.findings.first?.message.contains("DOCTYPE") == true)
        #expect(watch.events() == 0)
    }

    @Test("XXE over http is refused and no connection is made")
    func externalEntityOverHTTP() throws {
        let listener = try ConnectionCounter()
        let outcome = try TestSupport.validate(format1(
            prolog: "<!DOCTYPE Statusrapport [<!ENTITY x SYSTEM \"http://127.0.0.1:\(listener.port)/x\">]>", titel: "&x;"))
        #expect(outcome.rejection == .forbiddenDTD)
        #expect(listener.connections() == 0)
    }

    @Test("an external DTD over http is refused and not fetched")
    func externalDTD() throws {
        let listener = try ConnectionCounter()
        let outcome = try TestSupport.validate(format1(
            prolog: "<!DOCTYPE Statusrapport SYSTEM \"http://127.0.0.1:\(listener.port)/evil.dtd\">"))
        #expect(outcome.rejection == .forbiddenDTD)
        #expect(listener.connections() == 0)
    }

    @Test("parameter-entity XXE is refused before the parameter entities are read")
    func parameterEntityXXE() throws {
        let secret = try secretFile()
        let listener = try ConnectionCounter()
        let watch = try FileOpenWatch([secret.path])
        let prolog = """
        <!DOCTYPE Statusrapport [
          <!ENTITY % file SYSTEM "file://\(secret.path)">
          <!ENTITY % dtd SYSTEM "http://127.0.0.1:\(listener.port)/send.dtd">
          %dtd;
        ]>
        """
        let outcome = try TestSupport.validate(format1(prolog: prolog))
        #expect(outcome.rejection == .forbiddenDTD)
        #expect(watch.events() == 0)
        #expect(listener.connections() == 0)
    }

    @Test("billion laughs is refused as forbidden-dtd")
    func billionLaughs() throws {
        var entities = "<!ENTITY lol0 \"lol\">\n"
        for level in 1...9 {
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        let outcome = try TestSupport.validate(format1(prolog: "<!DOCTYPE Statusrapport [\n\(entities)]>", titel: "&lol9;"))
        #expect(outcome.rejection == .forbiddenDTD)
    }

    @Test("quadratic blow-up is refused as forbidden-dtd")
    func quadraticBlowUp() throws {
        let big = String(repeating: "x", count: 100_000)
        let uses = String(repeating: "&big;", count: 10_000)
        let outcome = try TestSupport.validate(format1(prolog: "<!DOCTYPE Statusrapport [<!ENTITY big \"\(big)\">]>", titel: uses))
        #expect(outcome.rejection == .forbiddenDTD)
    }

    @Test("a DTD that would add a default xmlns cannot change the questionnaire")
    func dtdDefaultNamespace() throws {
        let prolog = "<!DOCTYPE Statusrapport [<!ATTLIST Statusrapport xmlns CDATA #FIXED \"urn:signaturprojekter:statusreport:2\">]>"
        let outcome = try TestSupport.validate(format1(prolog: prolog))
        #expect(outcome.rejection == .forbiddenDTD)
    }

    @Test("XInclude is not processed: the include element is simply not allowed")
    func xinclude() throws {
        let secret = try secretFile()
        let watch = try FileOpenWatch([secret.path])
        let text = format1(titel: "x</Titel><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file://\(secret.path)\" parse=\"text\"/><Titel>")
        let outcome = try TestSupport.validate(text)
        #expect(outcome.rejection == .schemaInvalid)
        #expect(outcome.findings.first?.message.contains("<xi:include> (namespace \"http://www.w3.org/2001/XInclude\") is not expected here") == true)
        #expect(outcome.findings.first?.line == 8)
        #expect(watch.events() == 0)
    }

    @Test("xsi:schemaLocation cannot swap the schema, and the named schema is never read")
    func schemaLocationSwap() throws {
        let folder = try TestSupport.temporaryDirectory()
        let permissive = folder.appendingPathComponent("anything-goes.xsd")
        try """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:signaturprojekter:statusrapport:1">
          <xs:element name="Statusrapport"><xs:complexType><xs:sequence><xs:any processContents="skip" maxOccurs="unbounded"/></xs:sequence><xs:anyAttribute processContents="skip"/></xs:complexType></xs:element>
        </xs:schema>
        """.write(to: permissive, atomically: true, encoding: .utf8)
        let watch = try FileOpenWatch([permissive.path])
        let listener = try ConnectionCounter()
        let attributes = """
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        xsi:schemaLocation="urn:signaturprojekter:statusrapport:1 file://\(permissive.path) urn:other http://127.0.0.1:\(listener.port)/x.xsd"
        """
        let text = format1(titel: "x</Titel><Hacked>yes</Hacked><Titel>", rootAttributes: attributes)
        let outcome = try TestSupport.validate(text)
        #expect(outcome.rejection == .schemaInvalid)
        #expect(outcome.findings.first?.message.contains("<Hacked> is not expected here") == true)
        #expect(watch.events() == 0)
        #expect(listener.connections() == 0)
    }

    @Test("100,000-deep nesting is refused as not-well-formed by the depth limit")
    func deepNesting() throws {
        let depth = 100_000
        let text = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let outcome = try TestSupport.validate(text)
        #expect(outcome.rejection == .notWellFormed)
        #expect(outcome.findings.first?.message == "elements are nested more than 256 levels deep")
    }

    @Test("invalid UTF-8 is not-well-formed, with the line of the bad bytes", arguments: [
        ([0xFF] as [UInt8], "not valid UTF-8"), ([0xC0, 0xAF], "not valid UTF-8"),
        ([0xED, 0xA0, 0x80], "U+D800, which XML does not allow"), ([0xE6, 0xB0], "not valid UTF-8"),
    ])
    func invalidUTF8(badBytes: [UInt8], expected: String) throws {
        let head = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>\n<b>x".utf8)
        let bytes = head + badBytes + Array("y</b></a>".utf8)
        let validator = try TestSupport.validator()
        let outcome = bytes.withUnsafeBytes { validator.validate(bytes: $0, path: "bad.xml") }
        #expect(outcome.rejection == .notWellFormed)
        #expect(outcome.findings.first?.line == 3)
        #expect(outcome.findings.first?.message.contains(expected) == true)
    }

    @Test("a Latin-1 file that says nothing of its encoding is not-well-formed")
    func latin1WithoutDeclaration() throws {
        let bytes = Array("<a>\n<b>".utf8) + [0x42, 0xF8, 0x72, 0x6E] + Array("</b></a>".utf8)  // "Børn"
        let validator = try TestSupport.validator()
        let outcome = bytes.withUnsafeBytes { validator.validate(bytes: $0, path: "latin1.xml") }
        #expect(outcome.rejection == .notWellFormed)
        #expect(outcome.findings.first?.line == 2)
    }

    @Test("UTF-16 with a BOM is a valid submission")
    func utf16Submission() throws {
        let text = format1().replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let validator = try TestSupport.validator()
        let outcome = bytes.withUnsafeBytes { validator.validate(bytes: $0, path: "utf16.xml") }
        #expect(outcome.isValid)
        #expect(outcome.document?.descendant("Projekt", "ProjektID")?.text == "SP-2020-001")
    }

    @Test("a file over --max-size is refused as too-large without being read")
    func tooLarge() throws {
        let file = try TestSupport.temporaryDirectory().appendingPathComponent("huge.xml")
        let text = format1(titel: String(repeating: "x", count: 50 * 1024 * 1024))
        try text.write(to: file, atomically: false, encoding: .utf8)
        let watch = try FileOpenWatch([file.path])
        let outcome = try TestSupport.validator().validate(fileAt: file.path)
        #expect(outcome.rejection == .tooLarge)
        #expect(outcome.findings.first?.message.contains("over the limit of 16 MiB") == true)
        // Opened to check its size, never read.
        #expect(watch.events() <= 1)
    }

    // Opening a FIFO for reading used to wait for a writer: one `*.xml` FIFO in an inbox held
    // validate and ingest for ever. The validation runs on its own thread here, so that a
    // regression fails the test instead of hanging the suite.
    @Test("a FIFO named *.xml is unreadable ('not a regular file') at once, not waited on")
    func fifo() throws {
        let path = try TestSupport.temporaryDirectory().appendingPathComponent("inbox.xml").path
        try #require(mkfifo(path, 0o600) == 0)
        let validator = try TestSupport.validator()
        let done = DispatchSemaphore(value: 0)
        let outcome = OutcomeBox()
        Thread.detachNewThread {
            outcome.value = validator.validate(fileAt: path)
            done.signal()
        }
        guard done.wait(timeout: .now() + 10) == .success else {
            // Release the blocked open with a writer, then fail.
            let writer = open(path, O_WRONLY | O_NONBLOCK)
            done.wait()
            close(writer)
            Issue.record("validate(fileAt:) waited more than 10 s on a FIFO")
            return
        }
        #expect(outcome.value?.rejection == .unreadable)
        #expect(outcome.value?.findings.map(\.message) == ["cannot read the file: not a regular file"])
    }

    @Test("a huge text node within a raised size limit is too-large by the text limit, never silently truncated")
    func hugeTextNode() throws {
        // libxml2's own 10,000,000-byte limit applied only when a text reached it in pieces;
        // now every text is held to DocumentLimits.maxTextBytes before libxml2 parses.
        let text = format1(titel: String(repeating: "x", count: 12_000_000))
        let outcome = try TestSupport.validate(text, validator: TestSupport.validator(maxBytes: 64 * 1024 * 1024))
        #expect(outcome.rejection == .tooLarge)
        #expect(outcome.document == nil)
        #expect(outcome.findings.first?.message.hasPrefix("the text of <Titel> is longer than 1,000,000 bytes") == true)
    }

    @Test("an empty file is not-well-formed: 'the file is empty'")
    func emptyFile() throws {
        let outcome = try TestSupport.validate("")
        #expect(outcome.rejection == .notWellFormed)
        #expect(outcome.findings.map(\.message) == ["the file is empty"])
    }

    @Test("a binary file is not-well-formed")
    func binaryFile() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = [0x7F, 0x45, 0x4C, 0x46] + (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let validator = try TestSupport.validator()
        let outcome = bytes.withUnsafeBytes { validator.validate(bytes: $0, path: "a.out") }
        #expect(outcome.rejection == .notWellFormed)
        #expect(outcome.findings.first?.message == "this is not an XML document: no start tag was found")
    }

    @Test("an unknown namespace is unknown-questionnaire, naming the known ones")
    func unknownNamespace() throws {
        let text = format1().replacingOccurrences(of: "statusrapport:1\"", with: "statusrapport:3\"")
        let outcome = try TestSupport.validate(text)
        #expect(outcome.rejection == .unknownQuestionnaire)
        #expect(outcome.findings.first?.line == 3)
        #expect(outcome.findings.first?.message.contains("urn:signaturprojekter:statusrapport:3") == true)
        #expect(outcome.findings.first?.message.contains("statusreport-2") == true)
    }
}

/// The outcome of a validation on another thread; written before the semaphore is signalled,
/// read after it was waited for.
private final class OutcomeBox: @unchecked Sendable {
    var value: ValidationOutcome?
}
