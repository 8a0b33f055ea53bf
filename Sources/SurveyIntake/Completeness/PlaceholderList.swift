/// Answers that mean "not answered yet": the configurable list in `placeholders.xml`, matched
/// ignoring case, spacing and trailing punctuation, plus text that is only punctuation or one
/// character repeated ("-", "?", "…", "xx", "....").
public struct PlaceholderList: Sendable, Hashable {
    private let keys: Set<String>

    public init(_ placeholders: [String]) {
        keys = Set(placeholders.map(Self.key))
    }

    /// Reads `placeholders.xml`, validated against `dictionary.xsd`.
    public static func load(_ path: String, schema: XMLSchema) throws(DataFile.Failure) -> PlaceholderList {
        let root = try DataFile.load(path, schema: schema)
        return PlaceholderList(root.children(named: "Placeholder").map(\.text))
    }

    /// Whether `text` is a placeholder. Blank text is not: it is simply missing.
    public func matches(_ text: String) -> Bool {
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
}
