import Foundation
import SurveyIntake

/// `taxonomy evaluate` as text, in Danish or English.
struct EvaluationReportText {
    /// The words of the report in one language.
    struct Words: Sendable {
        var heading: @Sendable (String, Int) -> String
        var kind: @Sendable (EvaluationCase.Kind) -> String
        var right, wronglySpecific, unplaced, otherPlaced, subcategories: String
        var of: String
        var target: String
        var matrix: @Sendable (String) -> String
        var matrixNote: String
        var misses: @Sendable (Int) -> String
        var subcategoryMisses: @Sendable (Int) -> String
        var expected, placed, evidence, scores, none: String
        var passed: String
        var failed: String
        var failure: @Sendable (TaxonomyEvaluation.Failure) -> String
        /// Decimal comma or point.
        var decimal: Character

        static func of(_ language: MessageLanguage) -> Words { language == .da ? danish : english }

        static let english = Words(
            heading: { file, count in "Evaluation of \(file): \(count) texts" },
            kind: { ["label": "Labels", "description": "Descriptions", "measure": "General measures"][$0.rawValue]! },
            right: "right", wronglySpecific: "wrongly specific", unplaced: "unplaced",
            otherPlaced: "should stay other, placed", subcategories: "subcategory right", of: "of", target: "target",
            matrix: { "Confusion matrix, \($0.lowercased()) (rows: expected, columns: placed)" },
            matrixNote: "columns:",
            misses: { "Misses (\($0))" }, subcategoryMisses: { "Right category, other subcategory (\($0))" },
            expected: "expected", placed: "placed", evidence: "evidence", scores: "scores", none: "none",
            passed: "All targets met.", failed: "Below target:",
            failure: { failure in
                let kind = ["label": "labels", "description": "descriptions", "measure": "general measures"][failure.kind.rawValue]!
                switch failure.measure {
                case .accuracy: return "\(kind): \(EvaluationReportText.percent(failure.value, ".")) right, target at least \(EvaluationReportText.percent(failure.target, "."))"
                case .wronglySpecific:
                    return "\(kind): \(EvaluationReportText.percent(failure.value, ".")) wrongly specific, target at most \(EvaluationReportText.percent(failure.target, "."))"
                case .otherPlaced: return "\(kind): \(Int(failure.value)) texts that should stay other were placed"
                }
            },
            decimal: ".")

        static let danish = Words(
            heading: { file, count in "Evaluering af \(file): \(count) tekster" },
            kind: { ["label": "Etiketter", "description": "Beskrivelser", "measure": "Generelle tiltag"][$0.rawValue]! },
            right: "rigtige", wronglySpecific: "forkert placeret", unplaced: "ikke placeret",
            otherPlaced: "skulle forblive andet, placeret", subcategories: "underkategori rigtig", of: "af", target: "mål",
            matrix: { "Forvekslingsmatrix, \($0.lowercased()) (rækker: forventet, kolonner: placeret)" },
            matrixNote: "kolonner:",
            misses: { "Fejl (\($0))" }, subcategoryMisses: { "Rigtig kategori, anden underkategori (\($0))" },
            expected: "forventet", placed: "placeret", evidence: "belæg", scores: "point", none: "intet",
            passed: "Alle mål nået.", failed: "Under målet:",
            failure: { failure in
                let kind = ["label": "etiketter", "description": "beskrivelser", "measure": "generelle tiltag"][failure.kind.rawValue]!
                switch failure.measure {
                case .accuracy: return "\(kind): \(EvaluationReportText.percent(failure.value, ",")) rigtige, målet er mindst \(EvaluationReportText.percent(failure.target, ","))"
                case .wronglySpecific:
                    return "\(kind): \(EvaluationReportText.percent(failure.value, ",")) forkert placeret, målet er højst \(EvaluationReportText.percent(failure.target, ","))"
                case .otherPlaced: return "\(kind): \(Int(failure.value)) tekster, der skulle forblive andet, blev placeret"
                }
            },
            decimal: ",")
    }

    var evaluation: TaxonomyEvaluation
    var targets: [EvaluationCase.Kind: TaxonomyEvaluation.Target]
    var failures: [TaxonomyEvaluation.Failure]
    var vocabularies: Vocabularies
    var words: Words

    /// "97.3 %" (or "97,3 %").
    static func percent(_ value: Double, _ decimal: Character) -> String {
        String(format: "%.1f %%", value * 100).replacingOccurrences(of: ".", with: String(decimal))
    }

    private func percent(_ value: Double) -> String { Self.percent(value, words.decimal) }

    private func number(_ value: Double) -> String {
        String(format: "%.2f", value).replacingOccurrences(of: ".", with: String(words.decimal))
    }

    func render(file: String) -> String {
        var lines = [words.heading(file, evaluation.results.count)]
        for kind in EvaluationCase.Kind.allCases {
            guard let summary = evaluation.summaries[kind] else { continue }
            let target = targets[kind]
            lines.append("")
            lines.append("\(words.kind(kind)): \(summary.total)")
            func row(_ name: String, _ count: Int, _ share: Double, _ goal: String?) {
                let left = "  " + name.padding(toLength: 34, withPad: " ", startingAt: 0)
                let figures = String(count).leftPadded(5) + "  " + percent(share).leftPadded(8)
                lines.append(left + figures + (goal.map { "   (\(words.target) \($0))" } ?? ""))
            }
            row(words.right, summary.right, summary.accuracy, target.map { "≥ " + percent($0.minAccuracy) })
            row(words.wronglySpecific, summary.wronglySpecific, summary.wronglySpecificRate,
                target.map { "≤ " + percent($0.maxWronglySpecific) })
            row(words.unplaced, summary.unplaced, summary.unplacedRate, nil)
            lines.append("  " + words.otherPlaced.padding(toLength: 34, withPad: " ", startingAt: 0)
                + String(summary.otherPlaced).leftPadded(5) + "  \(words.of) \(summary.mustStayOther)   (\(words.target) 0)")
            if summary.subcategoryExpected > 0 {
                lines.append("  " + words.subcategories.padding(toLength: 34, withPad: " ", startingAt: 0)
                    + String(summary.subcategoryRight).leftPadded(5) + "  \(words.of) \(summary.subcategoryExpected)")
            }
        }
        for kind in EvaluationCase.Kind.allCases where evaluation.summaries[kind] != nil {
            lines.append("")
            lines += matrix(kind)
        }
        let misses = evaluation.results.filter { !$0.isRight }
        lines.append("")
        lines.append(words.misses(misses.count))
        lines += misses.map(describe)
        let subcategoryMisses = evaluation.results.filter(\.missesSubcategory)
        lines.append("")
        lines.append(words.subcategoryMisses(subcategoryMisses.count))
        lines += subcategoryMisses.map(describe)
        lines.append("")
        if failures.isEmpty {
            lines.append(words.passed)
        } else {
            lines.append(words.failed)
            lines += failures.map { "  " + words.failure($0) }
        }
        return lines.joined(separator: "\n")
    }

    /// The matrix with short column heads (the codes' first letters) and a legend.
    private func matrix(_ kind: EvaluationCase.Kind) -> [String] {
        let codes = evaluation.matrixCodes(kind, vocabularies: vocabularies)
        let table = evaluation.confusion[kind] ?? [:]
        let heads = codes.map { String($0.prefix(5)) }
        let width = max(5, heads.map(\.count).max() ?? 0)
        let rowWidth = (codes.map(\.count).max() ?? 0) + 2
        var lines = [words.matrix(words.kind(kind))]
        lines.append("".padding(toLength: rowWidth, withPad: " ", startingAt: 0) + heads.map { $0.leftPadded(width + 1) }.joined())
        for expected in codes where table[expected] != nil {
            let cells = codes.map { placed -> String in
                let count = table[expected]?[placed] ?? 0
                return (count == 0 ? "." : String(count)).leftPadded(width + 1)
            }
            lines.append(expected.padding(toLength: rowWidth, withPad: " ", startingAt: 0) + cells.joined())
        }
        return lines
    }

    private func describe(_ result: TaxonomyEvaluation.Result) -> String {
        let evidence = PlacementEvidence.summary(of: result.evidence) ?? words.none
        var line = "  \(result.item.line)\t\(result.item.kind.rawValue)\t\"\(result.item.text)\": \(words.expected) \(result.item.expected), "
            + "\(words.placed) \(result.placed) (\(result.method)); \(words.evidence): \(evidence)"
        if !result.candidates.isEmpty {
            line += "; \(words.scores): " + result.candidates.map { "\($0.code) \(number($0.score))" }.joined(separator: ", ")
        }
        return line
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
