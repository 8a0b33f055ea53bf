import SurveyModel

/// UTF-8 read as Latin-1: a file that holds UTF-8 bytes but declares `encoding="ISO-8859-1"`
/// or `windows-1252` (and has no byte-order mark) is well-formed, since every byte is a
/// character there, and "ø" (C3 B8) silently becomes "Ã¸". This finds such text after parsing.
///
///     Mojibake.first(in: "AI-understÃ¸ttet")   // ("Ã¸", "ø")
package enum Mojibake {
    /// Whether a document in `encoding` can carry UTF-8 read as single bytes.
    package static func applies(toDeclared encoding: String?) -> Bool {
        guard let name = encoding?.uppercased() else { return false }
        return singleByte.contains(name)
    }

    private static let singleByte: Set<String> = [
        "ISO-8859-1", "ISO_8859-1", "ISO8859-1", "LATIN1", "LATIN-1", "L1", "CP819", "IBM819",
        "ISO-8859-15", "ISO_8859-15", "LATIN-9", "WINDOWS-1252", "CP1252", "X-CP1252",
    ]

    /// The first sequence in `text` that is the UTF-8 of a non-ASCII character read as
    /// Latin-1/windows-1252 ("Ã¸", "Ã¦", "Ã¥", "â€™" …), and that character; nil when none.
    /// `latin9`: the document is ISO-8859-15, whose bytes A4 A6 A8 B4 B8 BC BD BE are € Š š Ž ž Œ œ Ÿ.
    package static func first(in text: String, latin9: Bool = false) -> (found: String, meant: String)? {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let lead = scalars[index].value
            // A UTF-8 lead byte of a 2- or 3-byte sequence, as a Latin-1 character.
            let length = (0xC2...0xDF).contains(lead) ? 2 : (0xE0...0xEF).contains(lead) ? 3 : 0
            if length > 0 {
                var bytes: [UInt8] = [UInt8(lead)]
                var next = scalars.index(after: index)
                while bytes.count < length, next < scalars.endIndex, let byte = continuation(scalars[next], latin9: latin9) {
                    bytes.append(byte)
                    next = scalars.index(after: next)
                }
                if bytes.count == length {
                    let decoded = String(decoding: bytes, as: UTF8.self)
                    if let meant = decoded.unicodeScalars.first, isLikelyMeant(meant) {
                        return (String(scalars[index..<next]), decoded)
                    }
                }
            }
            index = scalars.index(after: index)
        }
        return nil
    }

    /// Latin letters and signs (U+00A0–U+024F) and general punctuation and currency
    /// (U+2000–U+20CF): what European text holds; not "Ø–" read as an Arabic letter.
    private static func isLikelyMeant(_ scalar: Unicode.Scalar) -> Bool {
        (0xA0...0x24F).contains(scalar.value) || (0x2000...0x20CF).contains(scalar.value)
    }

    /// The byte 0x80–0xBF that `scalar` stands for in Latin-1 or windows-1252, if any.
    private static func continuation(_ scalar: Unicode.Scalar, latin9: Bool) -> UInt8? {
        if latin9 {
            if let byte = iso885915[scalar.value] { return byte }
            if iso885915.values.contains(UInt8(truncatingIfNeeded: scalar.value)), scalar.value < 0x100 { return nil }
        }
        if (0x80...0xBF).contains(scalar.value) { return UInt8(scalar.value) }
        return windows1252[scalar.value]
    }

    /// Whether `encoding` is ISO-8859-15 (Latin-9).
    package static func isLatin9(_ encoding: String?) -> Bool {
        guard let name = encoding?.uppercased() else { return false }
        return name.contains("8859-15") || name == "LATIN-9" || name == "LATIN9"
    }

    /// ISO-8859-15's characters that differ from Latin-1's, by byte.
    private static let iso885915: [UInt32: UInt8] = [
        0x20AC: 0xA4, 0x0160: 0xA6, 0x0161: 0xA8, 0x017D: 0xB4, 0x017E: 0xB8, 0x0152: 0xBC, 0x0153: 0xBD, 0x0178: 0xBE,
    ]

    /// windows-1252's characters for the bytes 0x80–0x9F.
    private static let windows1252: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// One place where a document's text looks like mojibake.
    package struct Place {
        package var path: String
        package var element: String
        package var attribute: String?
        package var position: SourcePosition
        package var value: String
        package var found: String
        package var meant: String
    }

    /// Up to `limit` elements or attributes of `root` whose text looks like mojibake, in
    /// document order. Linear in the tree; recursion bounded by the parser's depth limit.
    package static func places(in root: XMLElementNode, latin9: Bool = false, limit: Int = 5) -> [Place] {
        var places: [Place] = []
        func visit(_ node: XMLElementNode, path: String) {
            guard places.count < limit else { return }
            let here = path + "/" + node.name
            for attribute in node.attributes {
                if let hit = first(in: attribute.value, latin9: latin9), places.count < limit {
                    places.append(Place(path: here + "/@" + attribute.name, element: node.name, attribute: attribute.name,
                                        position: node.position, value: attribute.value, found: hit.found, meant: hit.meant))
                }
            }
            if let hit = first(in: node.text, latin9: latin9), places.count < limit {
                places.append(Place(path: here, element: node.name, attribute: nil, position: node.position,
                                    value: node.text, found: hit.found, meant: hit.meant))
            }
            for child in node.children { visit(child, path: here) }
        }
        visit(root, path: "")
        return places
    }
}
