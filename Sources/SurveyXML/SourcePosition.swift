import SurveyModel

/// Finds where each element's start tag begins, in document order.
///
/// libxml2 keeps only a line per element (the line where its start tag *ends*) and no column.
/// In a well-formed document without a DTD every `<` followed by a name character outside
/// comments, CDATA sections and processing instructions opens an element, so the n-th start
/// tag in the bytes is the n-th element of the tree in document order. One pass over the bytes
/// gives every element its line and column.
enum StartTagScanner {
    /// Positions of the start tags in `bytes` (UTF-8 or another ASCII-compatible encoding).
    static func positions(in bytes: UnsafeRawBufferPointer) -> [SourcePosition] {
        var positions: [SourcePosition] = []
        var line = 1
        var lineStart = 0
        var index = 0
        let count = bytes.count
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
            lineStart = 3
        }

        func column(at offset: Int) -> Int {
            // Characters, not bytes: skip UTF-8 continuation bytes.
            var column = 1
            var cursor = lineStart
            while cursor < offset {
                if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
                cursor += 1
            }
            return column
        }

        /// Advances past `terminator`, counting the lines inside.
        func skip(past terminator: [UInt8]) {
            while index < count {
                if bytes[index] == terminator[0], index + terminator.count <= count,
                   (0..<terminator.count).allSatisfy({ bytes[index + $0] == terminator[$0] }) {
                    index += terminator.count
                    return
                }
                advanceOne()
            }
        }

        func advanceOne() {
            let byte = bytes[index]
            index += 1
            if byte == 0x0A {
                line += 1
                lineStart = index
            } else if byte == 0x0D {
                if index < count, bytes[index] == 0x0A { index += 1 }
                line += 1
                lineStart = index
            }
        }

        func starts(with prefix: [UInt8]) -> Bool {
            guard index + prefix.count <= count else { return false }
            return (0..<prefix.count).allSatisfy { bytes[index + $0] == prefix[$0] }
        }

        while index < count {
            guard bytes[index] == UInt8(ascii: "<") else {
                advanceOne()
                continue
            }
            if starts(with: commentOpen) {
                index += 4
                skip(past: commentClose)
            } else if starts(with: cdataOpen) {
                index += 9
                skip(past: cdataClose)
            } else if starts(with: instructionOpen) {
                index += 2
                skip(past: instructionClose)
            } else if index + 1 < count, isNameStart(bytes[index + 1]) {
                positions.append(SourcePosition(line: line, column: column(at: index)))
                index += 1
            } else {
                index += 1
            }
        }
        return positions
    }

    private static let commentOpen = Array("<!--".utf8)
    private static let commentClose = Array("-->".utf8)
    private static let cdataOpen = Array("<![CDATA[".utf8)
    private static let cdataClose = Array("]]>".utf8)
    private static let instructionOpen = Array("<?".utf8)
    private static let instructionClose = Array("?>".utf8)

    private static func isNameStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "_"), UInt8(ascii: ":"), 0x80...0xFF:
            return true
        default:
            return false
        }
    }
}

extension StartTagScanner {
    /// Start-tag positions for a whole document: UTF-16 input (by its BOM) is transcoded first.
    static func positions(inDocument bytes: UnsafeRawBufferPointer) -> [SourcePosition] {
        guard let utf8 = transcodedUTF16(bytes) else { return positions(in: bytes) }
        return utf8.withUnsafeBytes { positions(in: $0) }
    }

    /// Line and column of the first occurrence of an ASCII `marker`.
    static func position(ofFirst marker: String, in bytes: UnsafeRawBufferPointer) -> SourcePosition? {
        if let utf8 = transcodedUTF16(bytes) {
            return utf8.withUnsafeBytes { position(ofFirst: marker, in: $0) }
        }
        let needle = Array(marker.utf8)
        guard bytes.count >= needle.count else { return nil }
        var line = 1
        var lineStart = 0
        for offset in 0...(bytes.count - needle.count) {
            if bytes[offset] == 0x0A { line += 1; lineStart = offset + 1 }
            if bytes[offset] == needle[0], (0..<needle.count).allSatisfy({ bytes[offset + $0] == needle[$0] }) {
                let column = (lineStart..<offset).filter { bytes[$0] & 0xC0 != 0x80 }.count + 1
                return SourcePosition(line: line, column: column)
            }
        }
        return nil
    }

    /// UTF-8 bytes for a UTF-16 document with a byte-order mark; nil for anything else.
    private static func transcodedUTF16(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        guard bytes.count >= 2 else { return nil }
        let bigEndian: Bool
        switch (bytes[0], bytes[1]) {
        case (0xFE, 0xFF): bigEndian = true
        case (0xFF, 0xFE): bigEndian = false
        default: return nil
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var offset = 2
        while offset + 1 < bytes.count {
            let high = UInt16(bytes[bigEndian ? offset : offset + 1])
            let low = UInt16(bytes[bigEndian ? offset + 1 : offset])
            units.append(high << 8 | low)
            offset += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}
