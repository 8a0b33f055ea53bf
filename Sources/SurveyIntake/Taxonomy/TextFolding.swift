import Foundation

/// Brings free text to the one form in which vocabulary terms and answers are compared.
///
/// Lower case; æ → ae, ø → oe, å → aa (so that the ASCII spellings leads type match), other
/// accents dropped (é → e, ü → u); apostrophes removed (vendor's → vendors); every other
/// character that is not a letter or a digit separates words; runs of separators become one
/// space.
///
///     TextFolding.fold("Leverandørens  IT-sikkerhed!")   // "leverandoerens it sikkerhed"
///     TextFolding.fold("Idéfase")                          // "idefase"
///     TextFolding.words("Adgang til data")                 // ["adgang", "til", "data"]
public enum TextFolding {
    /// The folded text: words of lower-case letters and digits separated by single spaces.
    public static func fold(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    /// The folded words of `text`, in order.
    public static func words(_ text: String) -> [String] {
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        // Decomposed input ("a" + combining ring) is composed first so that å is still å.
        let composed = isASCII ? text : text.precomposedStringWithCanonicalMapping
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func endWord() {
            if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        for scalar in composed.lowercased().unicodeScalars {
            switch fold(scalar) {
            case .letters(let replacement):
                current.append(contentsOf: replacement.unicodeScalars)
            case .joiner:
                continue
            case .separator:
                endWord()
            }
        }
        endWord()
        return words
    }

    private enum Folded {
        case letters(String)
        /// Dropped without breaking the word: apostrophes and combining marks.
        case joiner
        case separator
    }

    private static func fold(_ scalar: Unicode.Scalar) -> Folded {
        if scalar.isASCII {
            switch scalar {
            case "a"..."z", "0"..."9": return .letters(String(scalar))
            case "'", "`": return .joiner
            default: return .separator
            }
        }
        if let special = specialLetters[scalar] { return .letters(special) }
        let properties = scalar.properties
        if apostrophes.contains(scalar) || properties.generalCategory == .nonspacingMark { return .joiner }
        guard properties.isAlphabetic || properties.numericType != nil else { return .separator }
        // Accented Latin letters lose their accents: é → e + ´ → e.
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
            .filter { $0.properties.generalCategory != .nonspacingMark }
        return decomposed.isEmpty ? .joiner : .letters(String(String.UnicodeScalarView(decomposed)))
    }

    /// Letters that do not decompose, or whose Danish ASCII spelling is not the bare letter.
    private static let specialLetters: [Unicode.Scalar: String] = [
        "æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ß": "ss",
        "œ": "oe", "ð": "d", "þ": "th", "ł": "l", "đ": "d", "ı": "i",
    ]

    private static let apostrophes: Set<Unicode.Scalar> = ["\u{2019}", "\u{2018}", "\u{00B4}", "\u{02BC}"]
}
