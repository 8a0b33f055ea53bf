import SurveyModel

/// Finds where each element's start tag begins, in document order, and checks the document's
/// size limits (`DocumentLimits`) on the way: one forward pass over the bytes, before libxml2
/// parses them.
///
/// libxml2 keeps only a line per element (the line where its start tag *ends*) and no column.
/// In a well-formed document without a DTD every `<` followed by a name character outside
/// comments, CDATA sections and processing instructions opens an element, so the n-th start
/// tag in the bytes is the n-th element of the tree in document order.
///
/// The pass is linear in the file whatever its shape: the column is counted on from the last
/// place it was known on the same line, never again from the line's start (a 16 MiB file on
/// one line used to be re-read from its start for every start tag). For a document that is not
/// well-formed the counts are approximate; libxml2 then rejects it anyway.
enum StartTagScanner {
    /// What one pass found: the start-tag positions and the first limit the document breaks.
    struct Scan {
        var positions: [SourcePosition] = []
        var violation: DocumentLimits.Violation?
    }

    /// Positions of the start tags in `bytes` (UTF-8 or another ASCII-compatible encoding).
    static func positions(in bytes: UnsafeRawBufferPointer) -> [SourcePosition] {
        scan(bytes, limits: nil).positions
    }

    /// One pass over `bytes`: positions, and with `limits` the first limit broken (the pass
    /// stops there). A DOCTYPE stops the pass too: the parser refuses the document.
    static func scan(_ bytes: UnsafeRawBufferPointer, limits: DocumentLimits?) -> Scan {
        var result = Scan()
        let count = bytes.count
        var index = 0
        var line = 1
        // The column is known at `cursor` (on the current line) and counted on from there.
        var cursor = 0
        var cursorColumn = 1
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
            cursor = 3
        }

        /// Open elements: start position, name bytes, character data so far.
        struct Open {
            var position: SourcePosition
            var nameStart: Int
            var nameEnd: Int
            var textBytes: Int
            /// Namespace declarations on its start tag.
            var namespaces: Int
        }
        var open: [Open] = []
        /// Elements opened beyond `maximumTracked` (libxml2 refuses 256 levels anyway).
        var untracked = 0
        let maximumTracked = 1024
        var elements = 0
        var attributes = 0
        /// Namespace declarations on the open elements' start tags.
        var namespacesInScope = 0

        func column(at offset: Int) -> Int {
            // Characters, not bytes: skip UTF-8 continuation bytes.
            while cursor < offset {
                if bytes[cursor] & 0xC0 != 0x80 { cursorColumn += 1 }
                cursor += 1
            }
            return cursorColumn
        }

        func here() -> SourcePosition { SourcePosition(line: line, column: column(at: index)) }

        func newLine(at start: Int) {
            line += 1
            cursor = start
            cursorColumn = 1
        }

        func advanceOne() {
            let byte = bytes[index]
            index += 1
            if byte == 0x0A {
                newLine(at: index)
            } else if byte == 0x0D {
                if index < count, bytes[index] == 0x0A { index += 1 }
                newLine(at: index)
            }
        }

        /// Advances past `terminator`, counting the lines inside; the bytes skipped.
        @discardableResult
        func skip(past terminator: [UInt8]) -> Int {
            let start = index
            while index < count {
                if bytes[index] == terminator[0], index + terminator.count <= count,
                   (0..<terminator.count).allSatisfy({ bytes[index + $0] == terminator[$0] }) {
                    index += terminator.count
                    return index - start - terminator.count
                }
                advanceOne()
            }
            return index - start
        }

        func starts(with prefix: [UInt8]) -> Bool {
            guard index + prefix.count <= count else { return false }
            return (0..<prefix.count).allSatisfy { bytes[index + $0] == prefix[$0] }
        }

        func name(_ start: Int, _ end: Int) -> String {
            let shown = min(end, start + 100)
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<shown]), as: UTF8.self)
            return shown < end ? text + "…" : text
        }

        func addText(_ length: Int) -> DocumentLimits.Violation? {
            guard let limits, untracked == 0, let last = open.indices.last else { return nil }
            open[last].textBytes += length
            if open[last].textBytes > limits.maxTextBytes {
                let element = open[last]
                return .init(kind: .text, limit: limits.maxTextBytes, position: element.position,
                             element: name(element.nameStart, element.nameEnd))
            }
            return nil
        }

        while index < count {
            guard bytes[index] == UInt8(ascii: "<") else {
                // Character data, up to the next markup (line breaks counted on the way).
                let start = index
                while index < count, bytes[index] != UInt8(ascii: "<") { advanceOne() }
                if let violation = addText(index - start) { result.violation = violation; return result }
                continue
            }
            if starts(with: commentOpen) || starts(with: instructionOpen) {
                let position = here()
                let isComment = starts(with: commentOpen)
                index += isComment ? 4 : 2
                let length = skip(past: isComment ? commentClose : instructionClose)
                if let limits, length > limits.maxTextBytes {
                    result.violation = .init(kind: isComment ? .comment : .instruction, limit: limits.maxTextBytes,
                                             position: position, element: nil)
                    return result
                }
            } else if starts(with: cdataOpen) {
                index += 9
                let length = skip(past: cdataClose)
                if let violation = addText(length) { result.violation = violation; return result }
            } else if starts(with: doctypeOpen) {
                return result
            } else if index + 1 < count, bytes[index + 1] == UInt8(ascii: "/") {
                // An end tag: its name and `>` are not character data.
                if untracked > 0 {
                    untracked -= 1
                } else if let closed = open.popLast() {
                    namespacesInScope -= closed.namespaces
                }
                index += 2
                while index < count, bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "<") { advanceOne() }
                if index < count, bytes[index] == UInt8(ascii: ">") { index += 1 }
            } else if index + 1 < count, isNameStart(bytes[index + 1]) {
                let position = here()
                result.positions.append(position)
                elements += 1
                index += 1
                let nameStart = index
                while index < count, !isNameEnd(bytes[index]) { index += 1 }
                let nameEnd = index
                if let limits, elements > limits.maxElements {
                    result.violation = .init(kind: .elements, limit: limits.maxElements, position: position,
                                             element: name(nameStart, nameEnd))
                    return result
                }
                // The attributes, up to the `>` that is not inside a quoted value.
                var onElement = 0
                var declarations = 0
                var selfClosing = false
                while index < count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ">") {
                        selfClosing = index > nameEnd && bytes[index - 1] == UInt8(ascii: "/")
                        index += 1
                        break
                    } else if byte == UInt8(ascii: "<") {
                        break  // not well-formed: libxml2 says where
                    } else if byte == UInt8(ascii: "=") {
                        onElement += 1
                        attributes += 1
                        if isNamespaceDeclaration(endingBefore: index, in: bytes, after: nameEnd) {
                            declarations += 1
                            if let limits, namespacesInScope + declarations > limits.maxNamespacesInScope {
                                result.violation = .init(kind: .namespacesInScope, limit: limits.maxNamespacesInScope,
                                                         position: position, element: name(nameStart, nameEnd))
                                return result
                            }
                        }
                        if let limits, onElement > limits.maxAttributesPerElement || attributes > limits.maxAttributes {
                            let perElement = onElement > limits.maxAttributesPerElement
                            result.violation = .init(
                                kind: perElement ? .attributesOnElement : .attributes,
                                limit: perElement ? limits.maxAttributesPerElement : limits.maxAttributes,
                                position: position, element: name(nameStart, nameEnd))
                            return result
                        }
                        index += 1
                    } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                        index += 1
                        let valueStart = index
                        while index < count, bytes[index] != byte, bytes[index] != UInt8(ascii: "<") { advanceOne() }
                        if let limits, index - valueStart > limits.maxTextBytes {
                            result.violation = .init(kind: .attributeValue, limit: limits.maxTextBytes,
                                                     position: position, element: name(nameStart, nameEnd))
                            return result
                        }
                        if index < count, bytes[index] == byte { index += 1 }
                    } else {
                        advanceOne()
                    }
                }
                if !selfClosing {
                    if untracked > 0 || open.count >= maximumTracked {
                        untracked += 1
                    } else {
                        open.append(Open(position: position, nameStart: nameStart, nameEnd: nameEnd, textBytes: 0,
                                         namespaces: declarations))
                        namespacesInScope += declarations
                    }
                }
            } else {
                index += 1
            }
        }
        return result
    }

    /// Whether the attribute whose `=` is at `equals` is `xmlns` or `xmlns:…` (looking back over
    /// white space and the name: each byte is looked at again at most once).
    private static func isNamespaceDeclaration(endingBefore equals: Int, in bytes: UnsafeRawBufferPointer, after start: Int) -> Bool {
        var end = equals
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        var begin = end
        while begin > start, !isSpace(bytes[begin - 1]), bytes[begin - 1] != UInt8(ascii: "\""),
              bytes[begin - 1] != UInt8(ascii: "'") { begin -= 1 }
        let length = end - begin
        guard length >= 5 else { return false }
        let xmlns: [UInt8] = Array("xmlns".utf8)
        for offset in 0..<5 where bytes[begin + offset] != xmlns[offset] { return false }
        return length == 5 || bytes[begin + 5] == UInt8(ascii: ":")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static let commentOpen = Array("<!--".utf8)
    private static let commentClose = Array("-->".utf8)
    private static let cdataOpen = Array("<![CDATA[".utf8)
    private static let cdataClose = Array("]]>".utf8)
    private static let instructionOpen = Array("<?".utf8)
    private static let instructionClose = Array("?>".utf8)
    private static let doctypeOpen = Array("<!DOCTYPE".utf8)

    private static func isNameStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "_"), UInt8(ascii: ":"), 0x80...0xFF:
            return true
        default:
            return false
        }
    }

    /// Where an element name ends: white space, `/`, `>`, `=`, a quote or `<`.
    private static func isNameEnd(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "="),
             UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"):
            return true
        default:
            return false
        }
    }
}

extension StartTagScanner {
    /// Start-tag positions for a whole document: UTF-16 input (by its BOM) is transcoded first.
    static func positions(inDocument bytes: UnsafeRawBufferPointer) -> [SourcePosition] {
        scan(document: bytes, limits: nil).positions
    }

    /// `scan(_:limits:)` for a whole document: UTF-16 input (by its BOM) is transcoded first.
    static func scan(document bytes: UnsafeRawBufferPointer, limits: DocumentLimits?) -> Scan {
        guard let utf8 = transcodedUTF16(bytes) else { return scan(bytes, limits: limits) }
        return utf8.withUnsafeBytes { scan($0, limits: limits) }
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
