import Foundation
import SurveyModel
import SurveyXML

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
    /// Runs on every answer of every file, so it walks the UTF-8 bytes: ASCII and the Danish
    /// letters are folded inline, and only other characters are decoded and take the Unicode
    /// path (`fold(_:)` of one scalar). FastPathTests holds it to the scalar-by-scalar definition.
    public static func words(_ text: String) -> [String] {
        var text = text
        if let words = text.withUTF8({ foldedWords($0, composed: false) }) { return words }
        // Decomposed input ("a" + combining ring) is composed first so that å is still å.
        var composed = text.precomposedStringWithCanonicalMapping
        return composed.withUTF8 { foldedWords($0, composed: true) } ?? []
    }

    /// The folded words of `text` and, for each, whether it stands apart as an abbreviation
    /// does: written in capitals before any apostrophe ("MDR", "IT", "GPU'er"), or joined to
    /// a neighbour by a hyphen ("it-system", "mdr-krav"). "mdr." in "efter 6 mdr." does not.
    ///
    ///     TextFolding.tokens("MDR-krav efter 6 mdr.").standsApart   // [true, true, false, false]
    static func tokens(_ text: String) -> (words: [String], standsApart: [Bool]) {
        var text = text
        var marks: [Bool] = []
        if let words = text.withUTF8({ markedWords($0, composed: false, marks: &marks) }) { return (words, marks) }
        marks = []
        var composed = text.precomposedStringWithCanonicalMapping
        let words = composed.withUTF8 { markedWords($0, composed: true, marks: &marks) } ?? []
        return (words, marks)
    }

    /// What is known of the word being read, for the marks of `tokens(_:)`.
    private struct WordShape {
        var upper = false
        var lower = false
        var apostrophe = false
        var hyphenBefore = false

        mutating func letter(isUpper: Bool) {
            guard !apostrophe else { return }
            if isUpper { upper = true } else { lower = true }
        }
    }

    /// The folded words of valid UTF-8; nil when `composed` is false and the text holds a
    /// combining mark of U+0300–U+036F (UTF-8 CC 80 … CD AF), which composing may change.
    private static func foldedWords(_ bytes: UnsafeBufferPointer<UInt8>, composed: Bool) -> [String]? {
        var words: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(32)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte + 32)
                case UInt8(ascii: "'"), UInt8(ascii: "`"): break
                default: endWord(&current, &words)
                }
                index += 1
                continue
            }
            // æ ø å and Æ Ø Å (C3 A6, C3 B8, C3 A5, C3 86, C3 98, C3 85).
            if byte == 0xC3, index + 1 < bytes.count, let pair = danishPair(bytes[index + 1]) {
                current.append(pair.0)
                current.append(pair.1)
                index += 2
                continue
            }
            if !composed, byte == 0xCC || (byte == 0xCD && index + 1 < bytes.count && bytes[index + 1] <= 0xAF) {
                return nil
            }
            // Any other scalar: decode it (the bytes are a String's, so valid) and fold it.
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            index += length
            switch fold(Unicode.Scalar(value)!) {
            case .letters(let replacement): current.append(contentsOf: replacement.utf8)
            case .joiner: continue
            case .separator: endWord(&current, &words)
            }
        }
        endWord(&current, &words)
        return words
    }

    /// `foldedWords`, and the marks of `tokens(_:)`: a second walk, kept apart so that the
    /// walk every answer takes stays as it was (the marks are read only for an acronym's hit).
    private static func markedWords(_ bytes: UnsafeBufferPointer<UInt8>, composed: Bool, marks: inout [Bool]) -> [String]? {
        var words: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(32)
        var shape = WordShape()
        var previousWasHyphen = false
        func end(hyphenAfter: Bool) {
            guard !current.isEmpty else { return }
            marks.append((shape.upper && !shape.lower) || shape.hyphenBefore || hyphenAfter)
            shape = WordShape()
            endWord(&current, &words)
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if current.isEmpty { shape.hyphenBefore = previousWasHyphen }
            if byte < 0x80 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if byte >= UInt8(ascii: "a") { shape.letter(isUpper: false) }
                    current.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    shape.letter(isUpper: true)
                    current.append(byte + 32)
                case UInt8(ascii: "'"), UInt8(ascii: "`"): shape.apostrophe = true
                default: end(hyphenAfter: byte == UInt8(ascii: "-"))
                }
                previousWasHyphen = byte == UInt8(ascii: "-")
                index += 1
                continue
            }
            previousWasHyphen = false
            // æ ø å and Æ Ø Å (C3 A6, C3 B8, C3 A5, C3 86, C3 98, C3 85).
            if byte == 0xC3, index + 1 < bytes.count, let pair = danishPair(bytes[index + 1]) {
                shape.letter(isUpper: bytes[index + 1] < 0xA0)
                current.append(pair.0)
                current.append(pair.1)
                index += 2
                continue
            }
            if !composed, byte == 0xCC || (byte == 0xCD && index + 1 < bytes.count && bytes[index + 1] <= 0xAF) {
                return nil
            }
            // Any other scalar: decode it (the bytes are a String's, so valid) and fold it.
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            index += length
            let scalar = Unicode.Scalar(value)!
            switch fold(scalar) {
            case .letters(let replacement):
                shape.letter(isUpper: scalar.properties.isUppercase)
                current.append(contentsOf: replacement.utf8)
            case .joiner:
                if apostrophes.contains(scalar) { shape.apostrophe = true }
                continue
            case .separator:
                previousWasHyphen = value == 0x2010 || value == 0x2011
                end(hyphenAfter: previousWasHyphen)
            }
        }
        end(hyphenAfter: false)
        return words
    }

    @inline(__always)
    private static func endWord(_ current: inout [UInt8], _ words: inout [String]) {
        guard !current.isEmpty else { return }
        words.append(String(decoding: current, as: UTF8.self))
        current.removeAll(keepingCapacity: true)
    }

    /// The ASCII spelling of the Danish letter whose UTF-8 is C3 followed by `second`.
    private static func danishPair(_ second: UInt8) -> (UInt8, UInt8)? {
        switch second {
        case 0xA6, 0x86: (UInt8(ascii: "a"), UInt8(ascii: "e"))
        case 0xB8, 0x98: (UInt8(ascii: "o"), UInt8(ascii: "e"))
        case 0xA5, 0x85: (UInt8(ascii: "a"), UInt8(ascii: "a"))
        default: nil
        }
    }

    /// What one character becomes in folded text.
    enum Folded {
        case letters(String)
        /// Dropped without breaking the word: apostrophes and combining marks.
        case joiner
        case separator
    }

    /// How one non-ASCII scalar folds.
    static func fold(_ scalar: Unicode.Scalar) -> Folded {
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
