import Foundation
import SurveyModel
import SurveyXML

/// Answers that mean "not answered yet": the configurable list in `placeholders.xml`, matched
/// ignoring case, spacing and trailing punctuation, plus text that is only punctuation or one
/// character repeated ("-", "?", "…", "xx", "....").
public struct PlaceholderList: Sendable, Hashable {
    private let keys: Set<String>
    /// The most Unicode scalars a text canonically equivalent to a key can have (the longest
    /// key in NFD): a text whose key is sure to be longer cannot match. See `cannotMatch`.
    private let longestKey: Int

    public init(_ placeholders: [String]) {
        keys = Set(placeholders.map(Self.key))
        longestKey = keys.map { $0.decomposedStringWithCanonicalMapping.unicodeScalars.count }.max() ?? 0
    }

    /// Reads `placeholders.xml`, validated against `dictionary.xsd`.
    public static func load(_ path: String, schema: XMLSchema) throws(DataFile.Failure) -> PlaceholderList {
        let root = try DataFile.load(path, schema: schema)
        return PlaceholderList(root.children(named: "Placeholder").map(\.text))
    }

    /// Whether `text` is a placeholder. Blank text is not: it is simply missing.
    public func matches(_ text: String) -> Bool {
        if cannotMatch(text) { return false }
        if let simple = simpleMatch(text) { return simple }
        let trimmed = text.filter { !$0.isWhitespace }
        guard !trimmed.isEmpty else { return false }
        if trimmed.allSatisfy({ $0.isPunctuation || $0.isSymbol }) { return true }
        let letters = Array(trimmed.lowercased())
        if letters.count > 1, letters.allSatisfy({ $0 == letters[0] }) { return true }
        return keys.contains(Self.key(text))
    }

    /// Lower case, no white space, no punctuation at the ends: "  Udfyldes senere… " → "udfyldessenere".
    private static func key(_ text: String) -> String {
        let compact = text.lowercased().filter { !$0.isWhitespace }
        let trimmed = compact.drop { $0.isPunctuation }.reversed().drop { $0.isPunctuation }.reversed()
        return String(trimmed)
    }

    /// A quick, allocation-free proof that `matches` is false, for the long answers (most of
    /// them) that are plainly text: one pass over the scalars instead of several passes over
    /// characters. It errs one way only: it may miss a text that cannot match, never the reverse.
    ///
    /// It counts "plain" letters and digits (ASCII and Latin-1) that start a character: such a
    /// letter is neither white space nor punctuation nor a symbol, so it survives into the key,
    /// and a text with more of them than `longestKey` has a key no placeholder can equal; it also
    /// makes the text not all punctuation. Two plain letters with different base letters lie in
    /// two characters that are not canonically equivalent, so the text is not one character
    /// repeated either. A letter counts only when the scalar before it is below U+0250 (and not
    /// U+0130, whose lower case ends in a combining mark): then nothing can glue it to the
    /// character before (no Prepend scalar lies there), before or after lower-casing.
    private func cannotMatch(_ text: String) -> Bool {
        var plain = 0
        var firstBase: UInt32 = 0
        var distinct = false
        var previous: UInt32 = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if previous < 0x250, previous != 0x130, let base = Self.baseLetter(value) {
                plain += 1
                if firstBase == 0 {
                    firstBase = base
                } else if base != firstBase {
                    distinct = true
                }
                if distinct, plain > longestKey { return true }
            }
            previous = value
        }
        return false
    }

    /// `matches` worked out on the bytes for a text of printable ASCII, tab, line feed and
    /// Latin-1 letters only (most short answers: "Kompetencer", "ja", "TBD"). In that set every
    /// scalar is a character of its own, white space is tab, line feed and space, every other
    /// ASCII character that is not a letter or digit is punctuation or a symbol, and lower case
    /// is a fixed offset: the same four steps as above, exactly. Nil for any other text.
    private func simpleMatch(_ text: String) -> Bool? {
        var compact: [UInt32] = []  // lower-cased, without white space
        var onlyPunctuationOrSymbols = true
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            var scalar = UInt32(byte)
            if byte >= 0x80 {
                guard byte == 0xC3, let next = bytes.next(), next & 0xC0 == 0x80 else { return nil }
                scalar = 0xC0 | UInt32(next & 0x3F)
            }
            switch scalar {
            case 0x09, 0x0A, 0x20:
                continue
            case 0x30...0x39, 0x61...0x7A, 0xDF...0xF6, 0xF8...0xFF:
                onlyPunctuationOrSymbols = false
            case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE:
                onlyPunctuationOrSymbols = false
                scalar += 0x20
            case 0x21...0x7E:
                break  // ASCII punctuation or symbol
            default:
                return nil  // other controls (CR joins LF), DEL, × and ÷
            }
            compact.append(scalar)
        }
        guard let first = compact.first else { return false }
        if onlyPunctuationOrSymbols { return true }
        if compact.count > 1, compact.allSatisfy({ $0 == first }) { return true }
        var start = 0
        var end = compact.count
        while start < end, Self.isASCIIPunctuation(compact[start]) { start += 1 }
        while end > start, Self.isASCIIPunctuation(compact[end - 1]) { end -= 1 }
        var utf8: [UInt8] = []
        utf8.reserveCapacity((end - start) * 2)
        for scalar in compact[start..<end] {
            if scalar < 0x80 {
                utf8.append(UInt8(scalar))
            } else {
                utf8.append(0xC3)
                utf8.append(0x80 | UInt8(scalar & 0x3F))
            }
        }
        return keys.contains(String(decoding: utf8, as: UTF8.self))
    }

    /// ASCII characters of general category P (the rest of ASCII's non-alphanumerics are symbols).
    private static func isASCIIPunctuation(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x21...0x23, 0x25...0x2A, 0x2C...0x2F, 0x3A, 0x3B, 0x3F, 0x40, 0x5B...0x5D, 0x5F, 0x7B, 0x7D: return true
        default: return false
        }
    }

    /// The lower-case base letter (without accents) of an ASCII or Latin-1 letter or digit; nil
    /// for anything else.
    private static func baseLetter(_ value: UInt32) -> UInt32? {
        switch value {
        case 0x30...0x39, 0x61...0x7A: return value
        case 0x41...0x5A: return value + 0x20
        case 0xDF: return value  // ß
        case 0xC0...0xFF where value != 0xD7 && value != 0xF7:
            let lower = value < 0xE0 ? value + 0x20 : value
            return latin1Base[Int(lower - 0xE0)] ?? lower
        default: return nil
        }
    }

    /// Latin-1 lower-case letters U+00E0…U+00FF with a canonical decomposition: their base letter.
    private static let latin1Base: [UInt32?] = {
        let a = UInt32(0x61), c = UInt32(0x63), e = UInt32(0x65), i = UInt32(0x69), n = UInt32(0x6E)
        let o = UInt32(0x6F), u = UInt32(0x75), y = UInt32(0x79)
        return [a, a, a, a, a, a, nil, c, e, e, e, e, i, i, i, i,   // à á â ã ä å æ ç è é ê ë ì í î ï
                nil, n, o, o, o, o, o, nil, nil, u, u, u, u, y, nil, y]  // ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
    }()
}
