import SurveyModel

/// XML 1.0 §4.3.3: a file that starts with a byte-order mark must not declare another encoding.
///
/// libxml2 2.9.14 does not check this. With a UTF-8 byte-order mark and
/// `encoding="iso-8859-1"` it decodes the rest as Latin-1 and accepts the file, so "æ" (C3 A6)
/// silently becomes "Ã¦"; with a UTF-16 mark and `encoding="utf-8"` it ignores the declaration.
/// Either way the file contradicts itself, and the W3C suite (hst-lhs-007, hst-lhs-008) requires
/// it to be rejected as not well-formed.
enum ByteOrderMark {
    /// A parse diagnostic when `bytes` start with a byte-order mark and their XML declaration
    /// names an encoding of another form; nil otherwise (no mark, no declaration, or agreement).
    static func conflict(in bytes: UnsafeRawBufferPointer) -> XMLDiagnostic? {
        let form: String
        let head: [UInt8]
        let prefix = Array(bytes.prefix(3))
        if prefix == [0xEF, 0xBB, 0xBF] {
            form = "UTF-8"
            head = Array(bytes.dropFirst(3).prefix(declarationLimit))
        } else if prefix.starts(with: [0xFE, 0xFF]) || prefix.starts(with: [0xFF, 0xFE]) {
            form = "UTF-16"
            let bigEndian = prefix[0] == 0xFE
            let units = Array(bytes.dropFirst(2).prefix(2 * declarationLimit))
            // Code units outside ASCII cannot be part of a declaration: keep them as 0xFF.
            head = stride(from: 0, to: units.count - 1, by: 2).map { index in
                let unit = bigEndian ? (UInt16(units[index]) << 8 | UInt16(units[index + 1]))
                                     : (UInt16(units[index + 1]) << 8 | UInt16(units[index]))
                return unit < 0x80 ? UInt8(unit) : 0xFF
            }
        } else {
            return nil
        }
        guard let declared = declaredEncoding(in: head) else { return nil }
        let name = declared.uppercased()
        let agrees = form == "UTF-8"
            ? name == "UTF-8" || name == "UTF8"
            : name.hasPrefix("UTF-16") || name.hasPrefix("UTF16") || name == "ISO-10646-UCS-2" || name == "UCS-2"
        guard !agrees else { return nil }
        return XMLDiagnostic(
            stage: .parsing, code: XMLErrorCode.invalidEncoding,
            message: "the file starts with a \(form) byte-order mark but its XML declaration says "
                + "encoding=\"\(declared)\"; save it in one encoding and declare that one",
            line: 1, column: 1
        )
    }

    /// The longest XML declaration looked at, in characters.
    private static let declarationLimit = 256

    /// The `encoding` pseudo-attribute of an XML declaration at the very start of `head`
    /// (ASCII bytes), or nil when there is no declaration or it names no encoding.
    static func declaredEncoding(in head: [UInt8]) -> String? {
        let text = String(decoding: head.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
        guard text.hasPrefix("<?xml"), let afterTarget = text.dropFirst(5).first, afterTarget.isWhitespace,
              let end = text.range(of: "?>") else { return nil }
        var rest = Substring(text[..<end.lowerBound])
        while let found = rest.range(of: "encoding") {
            rest = rest[found.upperBound...]
            let afterName = rest.drop(while: { $0.isWhitespace })
            guard afterName.first == "=" else { continue }
            let value = afterName.dropFirst().drop(while: { $0.isWhitespace })
            guard let quote = value.first, quote == "\"" || quote == "'" else { return nil }
            let body = value.dropFirst()
            guard let close = body.firstIndex(of: quote) else { return nil }
            return String(body[..<close])
        }
        return nil
    }
}
