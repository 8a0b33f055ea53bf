import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

@Suite("Taxonomy: evaluation sets and their figures")
struct TaxonomyEvaluationTests {
    private static let evaluationDirectory = TestSupport.packageRoot.appendingPathComponent("evaluation")

    @Test("a set is read with its header, comments and blank lines skipped, and each line's number kept")
    func parse() throws {
        let text = "expected\tkind\ttext\n# a comment\n\nlegal.basis\tlabel\tManglende hjemmel\r\nother\tdescription\tIntet\n"
        let cases = try EvaluationSet.parse(text, file: "x.tsv")
        #expect(cases == [
            EvaluationCase(line: 4, expected: "legal.basis", kind: .label, text: "Manglende hjemmel"),
            EvaluationCase(line: 5, expected: "other", kind: .description, text: "Intet"),
        ])
        #expect(cases[0].expectedCategory == "legal")
    }

    @Test("a malformed line is refused with its file and line", arguments: [
        ("legal\tlabel\n", 1, "2 fields"), ("legal\tlabel\tJura\textra\n", 1, "4 fields"),
        ("expected\tkind\ttext\nlegal\theading\tJura\n", 2, "kind \"heading\""), ("\tlabel\tJura\n", 1, "the expected code is empty"),
    ])
    func malformed(text: String, line: Int, message: String) {
        #expect {
            try EvaluationSet.parse(text, file: "x.tsv")
        } throws: { error in
            guard let error = error as? EvaluationSetError else { return false }
            return error.file == "x.tsv" && error.line == line && error.message.hasPrefix(message)
        }
    }

    @Test("an expected code the vocabulary lacks is refused")
    func unknownCode() throws {
        let cases = [EvaluationCase(line: 7, expected: "legal.weather", kind: .label, text: "Jura")]
        #expect(throws: EvaluationSetError(file: "x.tsv", line: 7, message: "\"legal.weather\" is no code of challenges.xml")) {
            try TaxonomyEvaluation(cases: cases, vocabularies: try TaxonomyTestSupport.vocabularies(), file: "x.tsv")
        }
    }

    @Test("right, wrongly specific, unplaced, other placed, subcategories and the confusion matrix are counted")
    func figures() throws {
        let cases = [
            EvaluationCase(line: 1, expected: "legal.basis", kind: .label, text: "Manglende hjemmel"),       // right, subcategory right
            EvaluationCase(line: 2, expected: "legal.gdpr", kind: .label, text: "Jura"),                     // right, no subcategory
            EvaluationCase(line: 3, expected: "data", kind: .label, text: "Jura"),                           // wrongly specific
            EvaluationCase(line: 4, expected: "finance", kind: .label, text: "Corona"),                      // unplaced
            EvaluationCase(line: 5, expected: "other", kind: .label, text: "GDPR"),                          // other placed
            EvaluationCase(line: 6, expected: "other", kind: .label, text: "Sommerferie"),                   // right
            EvaluationCase(line: 7, expected: "anonymisation", kind: .measure, text: "Syntetiske data"),     // right
        ]
        let evaluation = try TaxonomyEvaluation(cases: cases, vocabularies: try TaxonomyTestSupport.vocabularies())
        let labels = try #require(evaluation.summaries[.label])
        #expect(labels.total == 6)
        #expect(labels.right == 3)
        #expect(labels.wronglySpecific == 2)
        #expect(labels.unplaced == 1)
        #expect(labels.mustStayOther == 2)
        #expect(labels.otherPlaced == 1)
        #expect(labels.subcategoryExpected == 2)
        #expect(labels.subcategoryRight == 1)
        #expect(evaluation.summaries[.description] == nil)
        #expect(evaluation.summaries[.measure]?.right == 1)
        #expect(evaluation.confusion[.label] == [
            "legal": ["legal": 2], "data": ["legal": 1], "finance": ["other": 1], "other": ["legal": 1, "other": 1],
        ])
        #expect(evaluation.matrixCodes(.label, vocabularies: try TaxonomyTestSupport.vocabularies())
            == ["data", "legal", "finance", "other"])
        #expect(evaluation.results.filter(\.missesSubcategory).map(\.item.line) == [2])
        #expect(evaluation.results[2].evidence.map(\.term) == ["jura"])

        let failures = evaluation.failures(against: TaxonomyEvaluation.issueTargets)
        #expect(failures.map(\.kind) == [.label, .label, .label])
        #expect(failures.map(\.measure) == [.accuracy, .wronglySpecific, .otherPlaced])
        #expect(failures[0].value == 0.5 && failures[0].target == 0.97)
        #expect(evaluation.failures(against: [.label: .init(minAccuracy: 0.5, maxWronglySpecific: 0.34)]).map(\.measure) == [.otherPlaced])
    }

    @Test("a target is met at its value: 97 of 100 right is 97 %")
    func targetBoundary() throws {
        let cases = (1...100).map { line in
            EvaluationCase(line: line, expected: line <= 97 ? "legal" : "finance", kind: .label, text: "Jura")
        }
        let evaluation = try TaxonomyEvaluation(cases: cases, vocabularies: try TaxonomyTestSupport.vocabularies())
        #expect(evaluation.failures(against: [.label: .init(minAccuracy: 0.97, maxWronglySpecific: 0.03)]).isEmpty)
        #expect(evaluation.failures(against: [.label: .init(minAccuracy: 0.98, maxWronglySpecific: 0.02)]).map(\.measure)
            == [.accuracy, .wronglySpecific])
    }

    @Test("the shipped evaluation set: every part read, every code known, no text in two parts as the same kind")
    func shippedSet() throws {
        let parts = try ["taxonomy-dev.tsv", "taxonomy-heldout.tsv", "taxonomy-heldout-2.tsv"].map {
            try EvaluationSet.load(Self.evaluationDirectory.appendingPathComponent($0))
        }
        #expect(parts.map(\.count) == [215, 214, 127])
        var seen: Set<String> = []
        for part in parts {
            let texts = Set(part.map { "\($0.kind)\t\($0.text)" })
            // The same text may be a label in one part and a measure in another, never the same kind twice.
            #expect(seen.isDisjoint(with: texts))
            seen.formUnion(texts)
            for kind in EvaluationCase.Kind.allCases {
                #expect(part.contains { $0.kind == kind && $0.expected == "other" }, "\(kind) has no text that must stay other")
            }
            _ = try TaxonomyEvaluation(cases: part, vocabularies: try TaxonomyTestSupport.vocabularies())
        }
    }

    @Test("the parts tuned on meet the issue's targets", arguments: ["taxonomy-dev.tsv", "taxonomy-heldout.tsv"])
    func tunedPartsMeetTargets(file: String) throws {
        let cases = try EvaluationSet.load(Self.evaluationDirectory.appendingPathComponent(file))
        let evaluation = try TaxonomyEvaluation(cases: cases, vocabularies: try TaxonomyTestSupport.vocabularies())
        let failures = evaluation.failures(against: TaxonomyEvaluation.issueTargets)
        #expect(failures.isEmpty, "\(failures)")
    }
}
