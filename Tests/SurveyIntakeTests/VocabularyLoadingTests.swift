import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("Taxonomy: loading and checking the vocabulary files")
struct VocabularyLoadingTests {
    /// A small resolved.xml; `body` goes inside the one entry after its description.
    private func resolvedFile(name: String = "resolved", body: String = "<synonym>ja</synonym>") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <vocabulary xmlns="urn:survey-intake:vocabulary:1" name="\(name)" version="1">
          <description>Whether a challenge has been resolved.</description>
          <entry code="yes">
            <label da="Ja" en="Yes"/>
            <description>Resolved.</description>
            \(body)
          </entry>
        </vocabulary>
        """
    }

    private func write(_ text: String, as name: String, in registry: URL) throws -> String {
        let url = registry.appendingPathComponent(Vocabularies.folderName).appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func loadError(_ registry: URL) throws -> VocabularyError {
        try #require(throws: VocabularyError.self) { try Vocabularies.load(from: registry) }
    }

    @Test("the checked-in vocabularies load and the check finds nothing")
    func checkedInVocabulariesAreClean() throws {
        let vocabularies = try TaxonomyTestSupport.vocabularies()
        #expect(vocabularies.challenges.categories.map(\.code) == [
            "data", "infrastructure", "legal", "competencies", "operations", "project-management",
            "vendor-management", "organisation", "ethics", "finance", "other",
        ])
        #expect(vocabularies.mitigations.categories.map(\.code) == [
            "early-data-access", "anonymisation", "transparency", "it-project-model", "vendor-governance",
            "competence-building", "other",
        ])
        #expect(vocabularies.phases.entries.map(\.code) == [
            "preparation", "development", "pilot", "implementation", "operation", "completed", "stopped",
        ])
        #expect(vocabularies.domains.entries.count == 7)
        #expect(vocabularies.challenges.entry(code: "legal.basis")?.danishLabel == "Hjemmel og forvaltningsret")
        #expect(try VocabularyCheck.run(registryDirectory: TaxonomyTestSupport.registryDirectory) == [])
    }

    @Test("an attribute the schema does not allow: the file, line and column of the element")
    func schemaViolation() throws {
        let registry = try TaxonomyTestSupport.editableRegistry()
        let path = try write(resolvedFile(body: #"<synonym matc="exact">ja</synonym>"#), as: "resolved.xml", in: registry)
        let error = try loadError(registry)
        #expect(error == .invalid(file: path, line: 7, column: 5,
                                  message: "Element 'synonym', attribute 'matc': The attribute 'matc' is not allowed."))
        #expect(error.localizedDescription.hasPrefix("\(path):7:5: "))
    }

    @Test("a file that is not well-formed: libxml2's place and words")
    func notWellFormed() throws {
        let registry = try TaxonomyTestSupport.editableRegistry()
        let path = try write(resolvedFile(body: "<synonym>ja</synonim>"), as: "resolved.xml", in: registry)
        guard case .invalid(let file, let line, _, let message) = try loadError(registry) else {
            Issue.record("expected .invalid")
            return
        }
        #expect(file == path)
        #expect(line == 7)
        #expect(message.contains("synonym"))
    }

    @Test("the vocabulary's name must agree with its file name")
    func nameMismatch() throws {
        let registry = try TaxonomyTestSupport.editableRegistry()
        let path = try write(resolvedFile(name: "solved"), as: "resolved.xml", in: registry)
        #expect(try loadError(registry) == .invalid(file: path, line: 2, column: 1,
            message: "the vocabulary is named \"solved\" but its file says \"resolved\"; they must agree"))
    }

    @Test("a term made of function words only has nothing to match")
    func functionWordsOnly() throws {
        let registry = try TaxonomyTestSupport.editableRegistry()
        let path = try write(resolvedFile(body: "<synonym>ja</synonym><keyword>til og</keyword>"), as: "resolved.xml", in: registry)
        #expect(try loadError(registry) == .invalid(file: path, line: 7, column: 26,
            message: "the keyword \"til og\" of yes has no words once function words are left out"))
    }

    @Test("a subcategory's code must start with its category's")
    func subcategoryOutsideCategory() throws {
        let registry = try TaxonomyTestSupport.editableRegistry()
        try TaxonomyTestSupport.edit("challenges.xml", in: registry,
                                     replacing: #"<entry code="data.access">"#, with: #"<entry code="legal.access">"#)
        guard case .invalid(_, _, _, let message) = try loadError(registry) else {
            Issue.record("expected .invalid")
            return
        }
        #expect(message == "subcategory legal.access must start with its category's code: data.…")
    }

    @Test("a missing vocabulary file or folder stops the load")
    func missingFiles() throws {
        let registry = try TaxonomyTestSupport.editableRegistry()
        let severity = registry.appendingPathComponent("vocabularies/severity.xml")
        try FileManager.default.removeItem(at: severity)
        #expect(try loadError(registry) == .invalid(file: severity.path, line: 0, column: 0, message: "vocabulary file missing"))
        #expect(try loadError(registry).localizedDescription == "\(severity.path): vocabulary file missing")

        let empty = try TaxonomyTestSupport.editableRegistry().appendingPathComponent("nothing-here")
        #expect(try loadError(empty) == .missingDirectory(empty.appendingPathComponent("vocabularies").path))
    }

    @Test("check: a synonym another category already claims, or an inflection of one, is reported where it stands")
    func duplicateSynonyms() throws {
        let registry = try TaxonomyTestSupport.editableRegistry()
        try TaxonomyTestSupport.edit("challenges.xml", in: registry,
            replacing: #"      <synonym lang="da">transparens</synonym>"#,
            with: #"      <synonym lang="da">transparens</synonym><synonym lang="en">GDPR</synonym>"#)
        try TaxonomyTestSupport.edit("challenges.xml", in: registry,
            replacing: #"    <synonym lang="en">organization</synonym>"#,
            with: #"    <synonym lang="en">organization</synonym><keyword lang="da">Leverandørerne</keyword>"#)
        let file = registry.appendingPathComponent("vocabularies/challenges.xml").path
        let text = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
        let gdprLine = try #require(text.firstIndex { $0.contains(">GDPR<") }) + 1
        let vendorLine = try #require(text.firstIndex { $0.contains(">Leverandørerne<") }) + 1
        let legalLine = try #require(text.firstIndex { $0.contains(#">gdpr<"#) }) + 1
        let vendorEntryLine = try #require(text.firstIndex { $0.contains(#">leverandør<"#) }) + 1

        let problems = try VocabularyCheck.run(registryDirectory: registry)
        #expect(problems.map(\.formatted) == [
            "\(file):\(vendorLine):46: error: the keyword \"Leverandørerne\" of organisation is also claimed by vendor-management (\"leverandør\", line \(vendorEntryLine))",
            "\(file):\(gdprLine):47: error: the synonym \"GDPR\" of ethics.transparency is also claimed by legal.gdpr (\"gdpr\", line \(legalLine))",
        ])
        // Loading does not fail on such a tie: priority settles it.
        #expect(try Vocabularies.load(from: registry).challenges.entries.count > 0)
    }

    @Test("check: lists the problems of every file, not only the first")
    func checkListsAllFiles() throws {
        let registry = try TaxonomyTestSupport.editableRegistry()
        let resolved = try write(resolvedFile(body: #"<synonym matc="exact">ja</synonym>"#), as: "resolved.xml", in: registry)
        let severity = try write(resolvedFile(name: "resolved"), as: "severity.xml", in: registry)
        let problems = try VocabularyCheck.run(registryDirectory: registry)
        #expect(problems.map(\.file) == [resolved, severity])
        #expect(problems.map(\.line) == [7, 2])
    }

    @Test("an edited copy of the vocabularies is used without recompiling")
    func editedCopy() throws {
        let registry = try TaxonomyTestSupport.editableRegistry()
        try TaxonomyTestSupport.edit("challenges.xml", in: registry,
            replacing: #"      <synonym lang="da">tidsplan</synonym>"#,
            with: #"      <synonym lang="da">tidsplan</synonym><synonym lang="en">corona</synonym>"#)
        let classifier = TaxonomyClassifier(vocabularies: try Vocabularies.load(from: registry))
        #expect(classifier.classify(label: "Corona", description: nil)
            == Classification(category: "project-management", subcategory: "project-management.planning", method: .label))
    }
}
