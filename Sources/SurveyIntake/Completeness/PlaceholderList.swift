import Foundation

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
