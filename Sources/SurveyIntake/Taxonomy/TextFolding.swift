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
    ///
    /// Runs on every answer of every file, so it builds bytes: ASCII is folded in place and
    /// only other characters take the slower Unicode path.
    public static func words(_ text: String) -> [String] {
        // Decomposed input ("a" + combining ring) is composed first so that å is still å.
        let hasCombiningMarks = text.unicodeScalars.contains { (0x300...0x36F).contains($0.value) }
        let source = hasCombiningMarks ? text.precomposedStringWithCanonicalMapping : text
        var words: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(32)
        func endWord() {
            guard !current.isEmpty else { return }
            words.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
        }
        for scalar in source.unicodeScalars {
            guard scalar.isASCII else {
                switch foldNonASCII(scalar) {
                case .letters(let replacement): current.append(contentsOf: replacement.utf8)
                case .joiner: continue
                case .separator: endWord()
                }
                continue
            }
            let byte = UInt8(scalar.value)
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte + 32)
            case UInt8(ascii: "'"), UInt8(ascii: "`"): continue
            default: endWord()
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

    private static func foldNonASCII(_ scalar: Unicode.Scalar) -> Folded {
        if let special = specialLetters[scalar] { return .letters(special) }
        let properties = scalar.properties
        if apostrophes.contains(scalar) || properties.generalCategory == .nonspacingMark { return .joiner }
        guard properties.isAlphabetic || properties.numericType != nil else { return .separator }
        // Accented letters lose their accents: É → é → e + ´ → e.
        let decomposed = properties.lowercaseMapping.decomposedStringWithCanonicalMapping.unicodeScalars
            .filter { $0.properties.generalCategory != .nonspacingMark }
        return decomposed.isEmpty ? .joiner : .letters(String(String.UnicodeScalarView(decomposed)))
    }

    /// Letters that do not decompose, or whose Danish ASCII spelling is not the bare letter.
    private static let specialLetters: [Unicode.Scalar: String] = [
        "æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ß": "ss",
        "œ": "oe", "ð": "d", "þ": "th", "ł": "l", "đ": "d", "ı": "i",
        "Æ": "ae", "Ø": "oe", "Å": "aa", "Ä": "ae", "Ö": "oe", "Œ": "oe", "Ð": "d", "Þ": "th", "Ł": "l", "Đ": "d",
    ]

    private static let apostrophes: Set<Unicode.Scalar> = ["\u{2019}", "\u{2018}", "\u{00B4}", "\u{02BC}"]
}
