import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// The labelled evaluation set: labels and descriptions as leads write them, with the code
/// they belong to (Fixtures/classification-eval.tsv: label, description, expected, where
/// expected is a category or a subcategory such as legal.basis, and `other` marks a text that
/// must stay unmapped).
@Suite("Taxonomy: the labelled evaluation set")
struct ClassificationEvaluationTests {
    struct Case {
        var line: Int
        var label: String
        var description: String
        var expected: String

        var expectedCategory: String { String(expected.prefix { $0 != "." }) }
    }

    static func cases() throws -> [Case] {
        let lines = try TaxonomyTestSupport.fixture("classification-eval.tsv").split(separator: "\n", omittingEmptySubsequences: false)
        var cases: [Case] = []
        for (offset, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 3, "line \(offset + 1) has \(fields.count) fields, not 3")
            cases.append(Case(line: offset + 1, label: fields[0], description: fields[1], expected: fields[2]))
        }
        return cases
    }

    @Test("the set holds at least 150 labels, some of which must stay other")
    func setIsLargeEnough() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 150)
        #expect(cases.filter { $0.expected == "other" }.count >= 10)
        #expect(cases.filter { !$0.description.isEmpty && $0.expected != "other" }.count >= 10)
    }

    @Test("at least 95% of the labels get their expected category")
    func accuracy() throws {
        let classifier = try TaxonomyTestSupport.classifier()
        let cases = try Self.cases()
        var misses: [String] = []
        var subcategoryHits = 0, subcategoryCases = 0
        for item in cases {
            let result = classifier.classify(label: item.label, description: item.description)
            if result.category != item.expectedCategory {
                misses.append("line \(item.line): \"\(item.label)\" → \(result.code) (\(result.method.rawValue)), expected \(item.expected)")
            }
            if item.expected.contains(".") {
                subcategoryCases += 1
                if result.subcategory == item.expected { subcategoryHits += 1 }
            }
        }
        let accuracy = Double(cases.count - misses.count) / Double(cases.count)
        print("classification accuracy: \(cases.count - misses.count)/\(cases.count) = \(String(format: "%.1f", accuracy * 100))% "
            + "(subcategories \(subcategoryHits)/\(subcategoryCases))")
        misses.forEach { print("  miss: \($0)") }
        #expect(accuracy >= 0.95, "accuracy \(accuracy) below 95%: \(misses.joined(separator: "; "))")
    }

    @Test("no label that must stay other is placed")
    func mustStayOther() throws {
        let classifier = try TaxonomyTestSupport.classifier()
        for item in try Self.cases() where item.expected == "other" {
            let result = classifier.classify(label: item.label, description: item.description)
            #expect(result == Classification(category: "other", method: .unmapped),
                    "line \(item.line): \"\(item.label)\" / \"\(item.description)\" was placed in \(result.code)")
        }
    }

    @Test("taxonomy classify \"Manglende hjemmel\" \"Driftsoverdragelse\" \"Corona\": legal, operations, other unmapped")
    func issueExample() throws {
        let classifier = try TaxonomyTestSupport.classifier()
        #expect(classifier.classify(label: "Manglende hjemmel", description: nil)
            == Classification(category: "legal", subcategory: "legal.basis", method: .label))
        #expect(classifier.classify(label: "Driftsoverdragelse", description: nil)
            == Classification(category: "operations", subcategory: "operations.handover", method: .label))
        #expect(classifier.classify(label: "Corona", description: nil) == Classification(category: "other", method: .unmapped))
    }
}
