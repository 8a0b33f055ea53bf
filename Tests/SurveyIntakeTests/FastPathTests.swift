import Foundation
import Testing
@testable import SurveyModel
@testable import SurveyXML
@testable import SurveyIntake
@testable import SurveyStore
@testable import SurveyOutputs
@testable import SurveyService

/// The hot path answers some questions with quick scalar scans instead of the plain
/// definitions; these tests hold the two to the same answers on every text of the samples and
/// on texts made to be awkward (decomposed accents, marks after spaces, Prepend scalars,
/// Hangul, every kind of white space).
@Suite("Fast paths agree with the plain definitions")
struct FastPathTests {
    /// `Answer.collapsed` as first written: split at white space, join with one space.
    static func plainCollapsed(_ raw: String) -> String? {
        let words = raw.split(whereSeparator: { $0.isWhitespace })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// `PlaceholderList.matches` as first written.
    struct PlainPlaceholders {
        let keys: Set<String>

        init(_ placeholders: [String]) {
            keys = Set(placeholders.map(Self.key))
        }

        func matches(_ text: String) -> Bool {
            let trimmed = text.filter { !$0.isWhitespace }
            guard !trimmed.isEmpty else { return false }
            if trimmed.allSatisfy({ $0.isPunctuation || $0.isSymbol }) { return true }
            let letters = Array(trimmed.lowercased())
            if letters.count > 1, letters.allSatisfy({ $0 == letters[0] }) { return true }
            return keys.contains(Self.key(text))
        }

        static func key(_ text: String) -> String {
            let compact = text.lowercased().filter { !$0.isWhitespace }
            let trimmed = compact.drop { $0.isPunctuation }.reversed().drop { $0.isPunctuation }.reversed()
            return String(trimmed)
        }
    }

    /// `TextFolding.words` as first written: scalar by scalar, composing first when the text
    /// holds a combining mark.
    static func plainWords(_ text: String) -> [String] {
        let hasMarks = text.unicodeScalars.contains { (0x300...0x36F).contains($0.value) }
        let source = hasMarks ? text.precomposedStringWithCanonicalMapping : text
        var words: [String] = []
        var current = ""
        func endWord() {
            if !current.isEmpty { words.append(current) }
            current = ""
        }
        for scalar in source.unicodeScalars {
            if scalar.isASCII {
                if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    current += String(scalar).lowercased()
                } else if scalar != "'" && scalar != "`" {
                    endWord()
                }
                continue
            }
            switch TextFolding.fold(scalar) {
            case .letters(let letters): current += letters
            case .joiner: continue
            case .separator: endWord()
            }
        }
        endWord()
        return words
    }

    static let placeholders = ["TBD", "N/A", "ved ikke", "udfyldes senere", "følger", "kommer senere", "xx",
                               "to follow", "Vides ikke endnu – udfyldes når styregruppen har mødtes i næste måned"]

    /// Every text and attribute value in samples/.
    static func sampleTexts() throws -> [String] {
        let files = try InputFiles.collect([TestSupport.samplesDirectory.path]).files
        var texts: [String] = []
        func walk(_ node: XMLElementNode) {
            texts.append(node.text)
            texts += node.attributes.map(\.value)
            node.children.forEach(walk)
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file),
                  let document = try? XMLDocument.parse(Array(data)) else { continue }
            walk(document.root)
        }
        return texts
    }

    static let awkward: [String] = [
        "", " ", "  ", "\t", "\n", "\r\n", "\u{A0}", "a", " a", "a ", "a  b", "a b", "a\tb", "a\u{A0}b", "a\u{2009}b",
        "TBD", " t b d ", "TBD!!!", "…TBD…", "xx", "XX", "xX", String(repeating: "x", count: 90),
        String(repeating: "é", count: 40) + String(repeating: "e\u{301}", count: 40),
        String(repeating: "ab", count: 40), "udfyldes senere", "Udfyldes sene\u{301}re",
        "udfyldes senere".decomposedStringWithCanonicalMapping, "UDFYLDES SENERE!", "f\u{F8}lger", "fo\u{338}lger",
        "a \u{301}b", "a \u{301}" + String(repeating: "bc", count: 40), "\u{600}\ne" + String(repeating: "fg", count: 40),
        "\u{600} " + String(repeating: "hi", count: 40), String(repeating: "\u{1100} \u{1161}", count: 30),
        String(repeating: "İ", count: 50), String(repeating: "İa", count: 50), String(repeating: "ß", count: 60),
        String(repeating: "Øø", count: 40), "- - -", "?", "…", "...", "«»", "€€€€", "x\u{200D}x",
        "a\u{85}b", "a\u{1680}b", "a\u{3000}b", "a\u{205F}b", "a\u{202F}b", "a\u{200A}b", "a\u{200B}b", "a\u{2029}b",
        "a\u{180E}b", "a \u{2FF}b", "a \u{300}b", "a\u{0B}b", "a\u{0C}b", "\u{3000}", "æ ø å", "æ  ø", "æ  ø\t\nå  ", "x\u{600}  y", "x\u{5FF}  y", "Ø–  x\r\n\r\nb", "  a \u{2FF} b  ", "\u{1F600}  \u{1F600}",
        "Vides ikke endnu – udfyldes når styregruppen har mødtes i næste måned",
        "Vides ikke endnu – udfyldes når styregruppen  har mødtes i næste måned.",
        " Vides ikke endnu – udfyldes når styregruppen har mødtes i næste måned ",
    ]

    /// Texts drawn from an alphabet of troublesome pieces, the same every run.
    static func randomTexts(count: Int) -> [String] {
        let pieces = ["a", "b", "e", "é", "e\u{301}", " ", "  ", "\t", "\n", "\r\n", "\u{A0}", "\u{301}", "\u{600}", ".",
                      "-", "…", "x", "X", "İ", "ß", "ø", "Ø", "æ", "1", "\u{1100}", "\u{1161}", "!", "T", "B", "D",
                      "\u{1F1E9}", "\u{1F1F0}", "\u{200D}", "\u{2028}", "udfyldes", "senere", "kommer"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            (0..<next(120)).map { _ in pieces[next(pieces.count)] }.joined()
        }
    }

    @Test func collapsedIsSplitAndJoin() throws {
        let texts = try Self.sampleTexts() + Self.awkward + Self.randomTexts(count: 5000)
        for text in texts {
            #expect(Answer.collapsed(text) == Self.plainCollapsed(text), "\(text.debugDescription)")
        }
    }

    @Test func foldedWordsScalarByScalar() throws {
        let texts = try Self.sampleTexts() + Self.awkward + Self.randomTexts(count: 5000)
            + ["Ledelsesopbakning", "LEVERANDØRSTYRING", "Idéfase", "vendor's", "vendor’s", "ÆØÅ æøå", "\u{37E}\u{374}",
               "naïve café", "𝔡𝔞𝔱𝔞 data", "日本語 data", "ÅRHUS-Aalborg", "a\u{30A}rhus", "1.000 kr.", "\u{1F600}ok"]
        for text in texts {
            #expect(TextFolding.words(text) == Self.plainWords(text), "\(text.debugDescription)")
        }
    }

    @Test func placeholderMatchesAsDefined() throws {
        let fast = PlaceholderList(Self.placeholders)
        let plain = PlainPlaceholders(Self.placeholders)
        let texts = try Self.sampleTexts() + Self.awkward + Self.randomTexts(count: 5000)
        for text in texts {
            #expect(fast.matches(text) == plain.matches(text), "\(text.debugDescription)")
        }
    }

    @Test func itemFieldsAsReplacingOccurrences() {
        let fields = ["challenges[N].severity", "mitigations[N].code", "project.title", "challenges", "a[N]b[N]c",
                      "[N]", "[N", "N]", "x[NN]", "kategorí[N].navn"]
        for field in fields {
            let question = DataDictionary.Question(field: field, source: "", kind: .text, labelDanish: "", labelEnglish: "",
                                                   requirement: .optional)
            #expect(question.field(item: 12) == field.replacingOccurrences(of: "[N]", with: "[12]"))
            #expect(question.collection == field.range(of: "[N]").map { String(field[..<$0.lowerBound]) })
        }
    }
}
