import Foundation
import Testing

@Suite("survey-intake validate, end to end")
struct ValidateCommandTests {
    /// A folder with two valid submissions (one in a subfolder), two broken ones and a
    /// non-XML file that must be ignored.
    private func batchFolder() throws -> URL {
        let folder = try CommandRunner.temporaryDirectory()
        let nested = folder.appendingPathComponent("2022")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        let format1 = try CommandRunner.fixture("format1-complete.xml")
        try format1.write(to: folder.appendingPathComponent("a-valid.xml"), atomically: true, encoding: .utf8)
        try CommandRunner.fixture("format2-complete.xml")
            .write(to: nested.appendingPathComponent("b-valid.xml"), atomically: true, encoding: .utf8)
        try format1.replacingOccurrences(of: "<Alvorlighed>4</Alvorlighed>", with: "<Alvorlighed>høj</Alvorlighed>")
            .write(to: folder.appendingPathComponent("c-severity.xml"), atomically: true, encoding: .utf8)
        try format1.replacingOccurrences(of: "<Titel>", with: "<Title>")
            .write(to: folder.appendingPathComponent("d-mismatch.xml"), atomically: true, encoding: .utf8)
        try "not xml".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("a batch with broken files: one line per finding, a summary, exit 1")
    func batchWithErrors() throws {
        let folder = try batchFolder()
        let result = try CommandRunner.run(["validate", "."], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "")
        #expect(result.stdout == """
        ./c-severity.xml:23:7: error: <Alvorlighed> has the value "høj"; expected a whole number from 1 (minor) to 5 (critical), or left empty
        ./d-mismatch.xml:7:60: error: the end tag </Titel> does not match the start tag <Title> opened on line 7
        4 files checked: 2 valid, 2 invalid (1 not-well-formed, 1 schema-invalid).

        """)
    }

    @Test("only valid files: the summary alone, exit 0")
    func allValid() throws {
        let folder = try batchFolder()
        let result = try CommandRunner.run(["validate", "a-valid.xml", "2022"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout == "2 files checked: all valid.\n")
        #expect(result.stderr == "")
    }

    @Test("--quiet prints findings only")
    func quiet() throws {
        let folder = try batchFolder()
        let result = try CommandRunner.run(["validate", "--quiet", "a-valid.xml"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout == "")
    }

    @Test("--format json: one object per file with path, format, status and findings")
    func json() throws {
        let folder = try batchFolder()
        let result = try CommandRunner.run(["validate", "--format", "json", "."], in: folder)
        #expect(result.status == 1)
        let files = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(files.count == 4)
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0["path"] as? String ?? "", $0) })
        #expect(byPath["./a-valid.xml"]?["status"] as? String == "valid")
        #expect(byPath["./a-valid.xml"]?["format"] as? String == "statusrapport-1")
        #expect(byPath["./2022/b-valid.xml"]?["format"] as? String == "statusreport-2")
        let severity = try #require(byPath["./c-severity.xml"])
        #expect(severity["status"] as? String == "invalid")
        #expect(severity["reason"] as? String == "schema-invalid")
        let finding = try #require((severity["findings"] as? [[String: Any]])?.first)
        #expect(finding["line"] as? Int == 23)
        #expect(finding["column"] as? Int == 7)
        #expect(finding["element"] as? String == "/Statusrapport/Udfordringer/Udfordring[1]/Alvorlighed")
        #expect(finding["severity"] as? String == "error")
    }

    @Test("files are listed in sorted order, folders recursively")
    func sortedOrder() throws {
        let folder = try batchFolder()
        let result = try CommandRunner.run(["validate", "--format", "json", "."], in: folder)
        let files = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(files.compactMap { $0["path"] as? String } == [
            "./2022/b-valid.xml", "./a-valid.xml", "./c-severity.xml", "./d-mismatch.xml",
        ])
    }

    @Test("a path that does not exist is a usage error: exit 2, message on stderr")
    func missingPath() throws {
        let result = try CommandRunner.run(["validate", "no-such-folder"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "survey-intake: error: no-such-folder: no such file or folder\n")
    }

    @Test("a bad option is a usage error: exit 2")
    func badOption() throws {
        let result = try CommandRunner.run(["validate", "--max-size", "lots", "x.xml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--max-size: 'lots' is not a size"))
    }

    @Test("--max-size refuses bigger files as too-large")
    func maxSize() throws {
        let folder = try batchFolder()
        let result = try CommandRunner.run(["validate", "--max-size", "1k", "a-valid.xml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("a-valid.xml:1:1: error: the file is 1.3 KiB, over the limit of 1 KiB (--max-size)\n"))
    }

    @Test("--schema validates any XML against any XSD")
    func adHocSchema() throws {
        let folder = try CommandRunner.temporaryDirectory()
        try """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:element name="note"><xs:complexType><xs:sequence>
            <xs:element name="to" type="xs:string"/>
          </xs:sequence></xs:complexType></xs:element>
        </xs:schema>
        """.write(to: folder.appendingPathComponent("note.xsd"), atomically: true, encoding: .utf8)
        try "<note><to>Anne</to></note>".write(to: folder.appendingPathComponent("good.xml"), atomically: true, encoding: .utf8)
        try "<note>\n<from>Bo</from></note>".write(to: folder.appendingPathComponent("bad.xml"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["validate", "--schema", "note.xsd", "good.xml", "bad.xml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout == """
        bad.xml:2:1: error: <from> is not expected here; expected <to>
        2 files checked: 1 valid, 1 invalid (1 schema-invalid).

        """)
    }

    @Test("a schema that does not compile is a setup error: exit 2")
    func brokenSchema() throws {
        let folder = try CommandRunner.temporaryDirectory()
        try "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element/></xs:schema>"
            .write(to: folder.appendingPathComponent("broken.xsd"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["validate", "--schema", "broken.xsd", "x.xml"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("survey-intake: error: "))
        #expect(result.stderr.contains("does not compile"))
    }

    @Test("--schemas replaces the registry; an empty one is a setup error")
    func replacedRegistry() throws {
        let folder = try batchFolder()
        let empty = folder.appendingPathComponent("empty-registry")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result = try CommandRunner.run(["validate", "--schemas", "empty-registry", "a-valid.xml"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no questionnaire formats in empty-registry"))

        // The whole registry (vocabularies, dictionaries) without format 1.
        let copy = folder.appendingPathComponent("registry")
        try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent("schemas").resolvingSymlinksInPath(),
                                         to: copy)
        try FileManager.default.removeItem(at: copy.appendingPathComponent("statusrapport-1"))
        let onlyFormat2 = try CommandRunner.run(["validate", "--schemas", "registry", "a-valid.xml", "2022/b-valid.xml"], in: folder)
        #expect(onlyFormat2.status == 1)
        #expect(onlyFormat2.stdout.hasPrefix("a-valid.xml:2:1: error: <Statusrapport> is in namespace \"urn:signaturprojekter:statusrapport:1\", which is not a known questionnaire"))
    }

    @Test("completeness warnings follow the errors and do not change the exit status")
    func warnings() throws {
        let sample = CommandRunner.packageRoot.appendingPathComponent("samples/2021/SP-2020-008.xml").path
        let result = try CommandRunner.run(["validate", sample])
        #expect(result.status == 0)
        #expect(result.stdout == """
        \(sample):17:5: warning: [invalid-format] lead.email: "Project lead's e-mail" is not a valid e-mail address: "lars.birk@esbjerg".
        \(sample):27:5: warning: [missing] challenges[2].severity: Challenge 2: "Severity (1-5)" is not answered.
        1 file checked: all valid. 2 warnings about incomplete answers in 1 file.

        """)
        let danish = try CommandRunner.run(["validate", "--language", "da", "--quiet", sample])
        #expect(danish.stdout.contains("warning: [missing] challenges[2].severity: Udfordring 2: «Alvorlighed (1-5)» er ikke besvaret."))

        let json = try CommandRunner.run(["validate", "--format", "json", sample])
        let files = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let findings = try #require(files.first?["findings"] as? [[String: Any]])
        #expect(findings.map { $0["field"] as? String } == ["lead.email", "challenges[2].severity"])
        #expect(findings.map { $0["rule"] as? String } == ["invalid-format", "missing"])
        #expect(findings.map { $0["severity"] as? String } == ["warning", "warning"])
        #expect(files.first?["status"] as? String == "valid")
    }

    @Test("--help shows examples and exit statuses")
    func help() throws {
        let result = try CommandRunner.run(["validate", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("survey-intake validate samples"))
        #expect(result.stdout.contains("Exit status: 0 every file valid, 1 some file invalid, 2 usage or setup error\n"
            + "(also: a folder with no *.xml below it)."))
    }
}
