import CLibXML2
import SurveyModel

/// A parsed, well-formed XML document without a DTD, owned by this object.
///
/// Parsing is hardened for files from outside (see RELIABILITY notes in the README):
/// no network, no entity substitution, no DTD loading, no XInclude, libxml2's default depth
/// and text-size limits (never `XML_PARSE_HUGE`), and any DOCTYPE refused the moment the
/// parser meets it, before its internal subset is read.
///
/// A document is used by one task at a time: it is deliberately not `Sendable`. Its `root`
/// value tree is, and is what later stages read.
///
///     let document = try XMLDocument.parse(bytes)
///     document.root.name            // "Statusrapport"
public final class XMLDocument {
    let pointer: xmlDocPtr
    /// The document's elements as Swift values, with source positions.
    public let root: XMLElementNode
    /// Start-tag positions by element index (document order); `_private` of each libxml2
    /// element node holds its index + 1, so validation errors can be placed exactly.
    let positions: [SourcePosition]

    private init(pointer: xmlDocPtr, root: XMLElementNode, positions: [SourcePosition]) {
        self.pointer = pointer
        self.root = root
        self.positions = positions
    }

    /// The encoding the document declares (`<?xml … encoding="ISO-8859-1"?>`), as libxml2 read
    /// it; nil when it declares none.
    public var declaredEncoding: String? {
        pointer.pointee.encoding.map { String(cString: $0) }
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// The parse options: the whole hardening in one place.
    private static let options: Int32 = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue)

    /// Parses `bytes` (any encoding libxml2 detects: UTF-8, UTF-16 with BOM, declared encodings).
    ///
    /// Before libxml2 sees the bytes, one linear pass finds every start tag's position and checks
    /// `limits` (`DocumentLimits`): a document over one is refused without being parsed.
    /// Comments and processing instructions are not kept in the tree, so that text they cut
    /// into pieces is one text for libxml2 (one node, held to its text limit) and for validation.
    ///
    /// - Throws: `XMLParseFailure` with `.forbiddenDTD` for a document with a DOCTYPE,
    ///   `.tooLarge` (and the `violation`) for a document over a limit, and `.notWellFormed`
    ///   with libxml2's messages (line and column) for anything else.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, limits: DocumentLimits = .standard
    ) throws(XMLParseFailure) -> XMLDocument {
        XMLRuntime.ensureInitialized()
        survey_intake_silence_generic_errors()
        guard bytes.count < Int(Int32.max) else {
            throw XMLParseFailure(kind: .notWellFormed, diagnostics: [
                XMLDiagnostic(stage: .parsing, code: XMLErrorCode.internalError,
                              message: "document larger than 2 GiB", line: 0, column: 0),
            ])
        }
        guard bytes.count > 0, let base = bytes.baseAddress else {
            throw XMLParseFailure(kind: .notWellFormed, diagnostics: [
                XMLDiagnostic(stage: .parsing, code: XMLErrorCode.documentEmpty,
                              message: "Document is empty", line: 1, column: 1),
            ])
        }
        // libxml2 accepts a byte-order mark that contradicts the declared encoding.
        if let conflict = ByteOrderMark.conflict(in: bytes) {
            throw XMLParseFailure(kind: .notWellFormed, diagnostics: [conflict])
        }
        let scan = StartTagScanner.scan(document: bytes, limits: limits)
        if let violation = scan.violation {
            throw XMLParseFailure(kind: .tooLarge, diagnostics: [
                XMLDiagnostic(stage: .parsing, code: XMLErrorCode.limitExceeded,
                              message: "document limit exceeded: \(violation.kind.rawValue) over \(violation.limit)",
                              line: violation.position.line, column: violation.position.column,
                              elementName: violation.element),
            ], violation: violation)
        }
        guard let context = xmlCreateMemoryParserCtxt(base.assumingMemoryBound(to: CChar.self), Int32(bytes.count)) else {
            throw XMLParseFailure(kind: .notWellFormed, diagnostics: [
                XMLDiagnostic(stage: .parsing, code: XMLErrorCode.internalError,
                              message: "libxml2 could not create a parser", line: 0, column: 0),
            ])
        }
        defer { xmlFreeParserCtxt(context) }

        let collector = ParseCollector()
        let document: xmlDocPtr? = withExtendedLifetime(collector) {
            context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
            context.pointee.sax.pointee.serror = collectParseError
            context.pointee.sax.pointee.internalSubset = refuseDoctype
            context.pointee.sax.pointee.externalSubset = refuseDoctype
            // Not kept: comments and processing instructions mean nothing to a questionnaire,
            // and without them the text they split is appended to one node (amortised) instead
            // of making a node per piece that validation then joins again and again.
            context.pointee.sax.pointee.comment = nil
            context.pointee.sax.pointee.processingInstruction = nil
            xmlCtxtUseOptions(context, options)
            xmlParseDocument(context)
            let document = context.pointee.myDoc
            context.pointee.myDoc = nil
            context.pointee._private = nil
            return document
        }

        if var doctype = collector.doctype {
            xmlFreeDoc(document)
            if let place = StartTagScanner.position(ofFirst: "<!DOCTYPE", in: bytes) { doctype.line = place.line; doctype.column = place.column }
            throw XMLParseFailure(kind: .forbiddenDTD, diagnostics: [doctype])
        }
        // Some fatal conditions (libxml2's "huge text node" when text arrives in pieces) halt
        // the parser without clearing `wellFormed` and leave a truncated tree: any error at
        // all means not well-formed.
        let wellFormed = context.pointee.wellFormed != 0 && context.pointee.nsWellFormed != 0
            && collector.errors.isEmpty
        guard let document, wellFormed else {
            xmlFreeDoc(document)
            var diagnostics = collector.errors
            if diagnostics.isEmpty {
                diagnostics.append(XMLDiagnostic(stage: .parsing, code: XMLErrorCode.internalError,
                                                 message: "the document is not well-formed", line: 0, column: 0))
            }
            throw XMLParseFailure(kind: .notWellFormed, diagnostics: diagnostics)
        }
        if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
            xmlFreeDoc(document)
            throw XMLParseFailure(kind: .forbiddenDTD, diagnostics: [
                XMLDiagnostic(stage: .parsing, code: XMLErrorCode.doctypeRefused,
                              message: "DOCTYPE declarations are not accepted", line: 1, column: 1),
            ])
        }
        guard let rootNode = xmlDocGetRootElement(document) else {
            xmlFreeDoc(document)
            throw XMLParseFailure(kind: .notWellFormed, diagnostics: [
                XMLDiagnostic(stage: .parsing, code: XMLErrorCode.documentEmpty,
                              message: "Document has no root element", line: 1, column: 1),
            ])
        }

        var positions = scan.positions
        var builder = TreeBuilder(positions: positions)
        var root = builder.element(rootNode)
        if builder.count != positions.count {
            // Should not happen for a well-formed document without DTD; fall back to
            // libxml2's line numbers rather than report wrong places.
            positions = []
            builder = TreeBuilder(positions: positions)
            root = builder.element(rootNode)
        }
        return XMLDocument(pointer: document, root: root, positions: positions)
    }

    /// Convenience for callers holding an array.
    public static func parse(_ bytes: [UInt8], limits: DocumentLimits = .standard) throws(XMLParseFailure) -> XMLDocument {
        do {
            return try bytes.withUnsafeBytes { buffer in try parse(buffer, limits: limits) }
        } catch let failure as XMLParseFailure {
            throw failure
        } catch {
            fatalError("unreachable: parse throws only XMLParseFailure")
        }
    }

    /// Where an element of this document starts, from the `_private` index set at parse time.
    func position(of node: xmlNodePtr) -> SourcePosition {
        let index = Int(bitPattern: node.pointee._private) - 1
        if index >= 0, index < positions.count { return positions[index] }
        return SourcePosition(line: Int(xmlGetLineNo(node)), column: 1)
    }
}

@available(*, unavailable, message: "a document belongs to one task; share its `root` instead")
extension XMLDocument: Sendable {}

/// Why a document could not be parsed.
public struct XMLParseFailure: Error, Sendable {
    public enum Kind: Sendable, Hashable {
        /// Not well-formed XML (syntax, encoding, namespaces, nesting deeper than 256).
        case notWellFormed
        /// The document declares a DOCTYPE; refused before the DTD was read.
        case forbiddenDTD
        /// The document is over one of its `DocumentLimits`; refused before it was parsed.
        case tooLarge
    }

    public var kind: Kind
    /// libxml2's messages, errors only, in the order met (for `.tooLarge`, one of our own).
    public var diagnostics: [XMLDiagnostic]
    /// For `.tooLarge`: the limit broken, and where.
    public var violation: DocumentLimits.Violation? = nil
}

/// Collects what the parser reports for one document.
private final class ParseCollector {
    static let limit = 100
    var errors: [XMLDiagnostic] = []
    var doctype: XMLDiagnostic?

    func add(_ diagnostic: XMLDiagnostic) {
        guard !diagnostic.isWarning, doctype == nil else { return }
        if errors.count < Self.limit { errors.append(diagnostic) }
    }
}

private func collector(of context: UnsafeMutableRawPointer?) -> ParseCollector? {
    guard let context else { return nil }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let owner = parser.pointee._private else { return nil }
    return Unmanaged<ParseCollector>.fromOpaque(owner).takeUnretainedValue()
}

/// `serror` of the parser context: `userData` is the parser context itself.
private func collectParseError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let error, let collector = collector(of: userData) else { return }
    collector.add(XMLDiagnostic(
        stage: .parsing,
        code: Int(error.pointee.code),
        isWarning: error.pointee.level == XML_ERR_WARNING,
        message: trimmedMessage(error.pointee.message),
        line: Int(error.pointee.line),
        column: Int(error.pointee.int2)
    ))
}

/// SAX `internalSubset` / `externalSubset`: called as soon as `<!DOCTYPE name …` is read, before
/// the internal subset; records the refusal and stops the parser so nothing in it is expanded.
private func refuseDoctype(
    _ userData: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
    _ externalID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?
) {
    guard let userData, let collector = collector(of: userData) else { return }
    let parser = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    if collector.doctype == nil {
        let line = Int(parser.pointee.input?.pointee.line ?? 0)
        let rootName = name.map { String(cString: $0) } ?? "?"
        collector.doctype = XMLDiagnostic(
            stage: .parsing, code: XMLErrorCode.doctypeRefused,
            message: "DOCTYPE \(rootName) declared", line: line, column: 1
        )
    }
    xmlStopParser(parser)
}

/// libxml2's message without the trailing newline and padding.
func trimmedMessage(_ message: UnsafeMutablePointer<CChar>?) -> String {
    guard let message else { return "" }
    let text = String(cString: message)
    guard let first = text.firstIndex(where: { !$0.isWhitespace }),
          let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
    return String(text[first...last])
}
