import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake

/// Issue 14, item 11: every message the validator writes exists in Danish, with the same facts
/// (element, value, what is expected), and a coded answer is quoted by its label.
@Suite("Danish validation messages and answer labels")
struct DanishMessageTests {
    /// A format-1 document: `rootAttributes` on the root, `inProjekt` before <ProjektID>, `titel` as the title.
    private func format1(rootAttributes: String = " version=\"1.0\"", inProjekt: String = "", titel: String = "Titel") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Statusrapport xmlns="urn:signaturprojekter:statusrapport:1"\(rootAttributes)>
          <Rapportaar>2021</Rapportaar>
          <Indsendt>2021-11-15T14:30:00+01:00</Indsendt>
          <Projekt>\(inProjekt)
            <ProjektID>SP-2020-001</ProjektID>
            <Titel>\(titel)</Titel>
          </Projekt>
        </Statusrapport>
        """
    }

    /// The one error of `text`, in English and Danish.
    private func error(_ text: String) throws -> (english: String, danish: String?) {
        let outcome = try TestSupport.validate(text)
        let errors = outcome.findings.filter { $0.severity == .error }
        try #require(errors.count == 1, "\(errors.map(\.message))")
        return (errors[0].message, errors[0].messageDanish)
    }

    @Test("the broken samples: each error in Danish, naming the same element and value")
    func samples() throws {
        let danish = [
            "01-unclosed-element.xml": "sluttagget </Udfordring> passer ikke til starttagget <Tiltag>, der blev åbnet i linje 32",
            "02-mismatched-end-tag.xml": "sluttagget </Navn> passer ikke til starttagget <Name>, der blev åbnet i linje 13",
            "03-unescaped-ampersand.xml": "et enligt '&' i teksten: skriv det som &amp; (for eksempel \"Data &amp; analyse\")",
            "04-latin1-bytes-utf8-declared.xml": "filen er ikke gyldig UTF-8 (bytes 0xF8 0x6B 0x6F 0x6E); gem den som UTF-8, "
                + "eller angiv dens rigtige tegnsæt, fx <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
            "05-doctype-internal-entity.xml": "filen erklærer en DOCTYPE; en besvarelse må ikke indeholde en DTD eller "
                + "entitetserklæringer, så filen afvises ulæst",
            "06-unknown-namespace.xml": "<Statusrapport> er i navnerummet \"urn:signaturprojekter:statusrapport:3\", som ikke er "
                + "et kendt spørgeskema; kendte: urn:signaturprojekter:statusrapport:1 (statusrapport-1), "
                + "urn:signaturprojekter:statusreport:2 (statusreport-2)",
            "07-missing-projektid.xml": "<Titel> hører ikke til her; forventet <ProjektID>",
            "08-projektid-wrong-pattern.xml": "<ProjektID> har værdien «SP-21-36»; forventet et projekt-id som SP-2020-007 "
                + "(SP, startåret, et nummer på 2-3 cifre)",
            "09-alvorlighed-as-text.xml": "<Alvorlighed> har værdien «høj»; forventet et helt tal fra 1 (mindre) til 5 (kritisk), eller tom",
            "10-loest-maaske.xml": "<Loest> har værdien «måske»; forventet ja, nej eller delvist, eller tom",
            "11-danish-date-format.xml": "<Indsendt> har værdien «12-11-2021»; forventet en dato og et klokkeslæt som 2021-11-15T14:30:00",
            "12-elements-out-of-order.xml": "<Domain> hører ikke til her; forventet <Status>",
            "13-unknown-element-budget.xml": "<Budget> hører ikke til her: <Projekt> har ikke et sådant element på dette sted",
            "14-submissionid-not-uuid.xml": "attributten submissionId i <StatusReport> har værdien «{BCACFE6C-C0C6-4BBA-A204-8377E5B6B38A}»; "
                + "forventet et UUID som 3f2b8c1e-5d4a-4e6b-9c7d-2a1b0c9d8e7f",
            "15-severity-critical.xml": "attributten severity i <Challenge> har værdien «critical»; forventet low, medium eller high",
        ]
        let validator = try TestSupport.validator()
        for broken in SampleValidationTests.broken {
            let outcome = validator.validate(fileAt: TestSupport.samplesDirectory.appendingPathComponent("invalid/\(broken.file)").path)
            let first = try #require(outcome.findings.first)
            #expect(first.message == broken.message, "\(broken.file): the English is as it was")
            #expect(first.messageDanish == danish[broken.file], "\(broken.file)")
        }
        #expect(Set(SampleValidationTests.broken.map(\.file)) == Set(danish.keys))
    }

    @Test("schema errors the samples lack: a missing or fixed attribute, text or elements where they do not belong, a foreign attribute, another root")
    func schemaErrors() throws {
        let cases: [(String, String, String)] = [
            (format1(rootAttributes: ""), "<Statusrapport> is missing the required attribute version (1.0)",
             "<Statusrapport> mangler den påkrævede attribut version (1.0)"),
            (format1(rootAttributes: " version=\"2.0\""), "the attribute version of <Statusrapport> is \"2.0\"; this questionnaire requires \"1.0\"",
             "attributten version i <Statusrapport> er «2.0»; dette spørgeskema kræver «1.0»"),
            (format1(inProjekt: "tekst"), "<Projekt> may contain only elements, not text", "<Projekt> må kun indeholde elementer, ikke tekst"),
            (format1(titel: "<b>fed</b>"), "<Titel> may contain only text, not elements", "<Titel> må kun indeholde tekst, ikke elementer"),
            (format1(rootAttributes: " version=\"1.0\" xmlns:x=\"urn:x\" x:id=\"7\""),
             "<Statusrapport> has an attribute x:id in the namespace \"urn:x\" that the questionnaire does not define",
             "<Statusrapport> har en attribut x:id i navnerummet \"urn:x\", som spørgeskemaet ikke definerer"),
            ("<?xml version=\"1.0\"?>\n<Andet xmlns=\"urn:signaturprojekter:statusrapport:1\"/>\n",
             "the root element <Andet> is not declared by the schema; expected <Statusrapport>",
             "rodelementet <Andet> er ikke erklæret i skemaet; forventet <Statusrapport>"),
        ]
        for (text, english, danish) in cases {
            let found = try error(text)
            #expect(found.english == english)
            #expect(found.danish == danish)
        }
    }

    @Test("parse errors and refusals: empty, no start tag, an undeclared entity, no namespace, too large; libxml2's own words after 'XML-fejl:'")
    func parseErrors() throws {
        let cases: [(String, String, String)] = [
            ("", "the file is empty", "filen er tom"),
            ("hello", "this is not an XML document: no start tag was found", "dette er ikke et XML-dokument: der er intet starttag"),
            (format1(titel: "Ti&foo;tel"),
             "Entity 'foo' not defined: only &amp; &lt; &gt; &quot; &apos; and character references such as &#230; are allowed",
             "XML-fejl: Entity 'foo' not defined: kun &amp; &lt; &gt; &quot; &apos; og tegnreferencer som &#230; er tilladt"),
            (format1(titel: "a<!-- x -- y -->b"), "Double hyphen within comment", "XML-fejl: Double hyphen within comment"),
            ("<?xml version=\"1.0\"?>\n<Statusrapport version=\"1.0\"/>\n",
             "<Statusrapport> is in no namespace, which is not a known questionnaire; known: urn:signaturprojekter:statusrapport:1 "
                + "(statusrapport-1), urn:signaturprojekter:statusreport:2 (statusreport-2)",
             "<Statusrapport> har intet navnerum og er derfor ikke et kendt spørgeskema; kendte: urn:signaturprojekter:statusrapport:1 "
                + "(statusrapport-1), urn:signaturprojekter:statusreport:2 (statusreport-2)"),
        ]
        for (text, english, danish) in cases {
            let found = try error(text)
            #expect(found.english == english)
            #expect(found.danish == danish)
        }
        let small = try TestSupport.validator(maxBytes: 1_536)
        // 2,560 bytes: 2.5 KiB, with a decimal comma in Danish.
        let padding = String(repeating: "x", count: 2_560 - format1(titel: "").utf8.count)
        let large = try TestSupport.validate(format1(titel: padding), validator: small)
        #expect(large.findings.map(\.message) == ["the file is 2.5 KiB, over the limit of 1.5 KiB (--max-size)"])
        #expect(large.findings.map(\.messageDanish) == ["filen fylder 2,5 KiB, over grænsen på 1,5 KiB (--max-size)"])
    }

    @Test("Danish hints come from format.json's expected_da, by the same keys as expected")
    func manifestHints() throws {
        for format in try TestSupport.registry().formats {
            let danish = try #require(format.manifest.expectedDanish, "\(format.id) has expected_da")
            #expect(Set(danish.keys) == Set(format.manifest.expected.keys), "\(format.id)")
        }
        let manifest = FormatManifest(id: "x", title: "x", namespace: "urn:x", root: "R", version: "1", round: 2021, schema: "x.xsd",
                                      expected: ["A": "a number", "B": "a date"], expectedDanish: ["A": "et tal"])
        #expect(manifest.expectation(element: "A", danish: true) == "et tal")
        #expect(manifest.expectation(element: "A") == "a number")
        #expect(manifest.expectation(element: "B", danish: true) == "a date", "a key expected_da lacks falls back to expected")
    }

    @Test("a coded answer's labels come from its vocabulary; a text or an unknown value has none")
    func answerLabels() throws {
        let pipeline = try TestSupport.pipeline()
        let labels = AnswerLabels(vocabularies: pipeline.mapper.normaliser.vocabularies, dictionaries: pipeline.completeness.dictionaries)
        #expect(labels.labels(of: "partly", field: "challenges[2].resolved").map { [$0.danish, $0.english] } == ["Delvist", "Partly"])
        #expect(labels.labels(of: "delvist", field: "challenges[N].resolved").map { [$0.danish, $0.english] } == ["Delvist", "Partly"])
        #expect(labels.labels(of: "implementation", field: "project.phase").map { [$0.danish, $0.english] }
            == ["Implementering", "Implementation"])
        #expect(labels.labels(of: "måske", field: "challenges[1].resolved") == nil)
        #expect(labels.labels(of: "Titel", field: "project.title") == nil)
        #expect(labels.conditionField(of: "challenges[3].mitigation", format: "statusrapport-1") == "challenges[N].resolved")
        #expect(labels.conditionField(of: "operationsPlan", format: "statusreport-2") == "project.phase")
        #expect(labels.conditionField(of: "project.title", format: "statusreport-2") == nil)
        #expect(labels.conditionField(of: "operationsPlan", format: "no-such-format") == nil)
    }
}
