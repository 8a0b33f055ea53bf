import CLibXML2
import SurveyModel

/// A compiled XSD, compiled once and used for every document.
///
/// `@unchecked Sendable` because libxml2 only reads an `xmlSchema` while validating: each
/// validation gets its own `xmlSchemaValidCtxt`, and the schema is freed only when the last
/// reference goes away, after every worker has finished (checked by the libxml2 thread
/// stress test described in RELIABILITY.md, "What is refused and why", and by our
/// parallel-versus-serial test).
///
///     let schema = try XMLSchema(contentsOf: "schemas/statusrapport-1/statusrapport-1.xsd")
///     let errors = schema.validate(document)   // [] when valid
public final class XMLSchema: @unchecked Sendable {
    private let pointer: xmlSchemaPtr
    /// Where the schema was read from.
    public let path: String

    /// Reads and compiles the XSD at `path`; `xs:include`/`xs:import` may read local files only.
    ///
    /// - Throws: `XMLSchemaError` with every message libxml2 gave while compiling.
    public init(contentsOf path: String) throws(XMLSchemaError) {
        XMLRuntime.ensureInitialized()
        survey_intake_silence_generic_errors()
        self.path = path
        let collector = DiagnosticCollector(stage: .schemaCompilation, document: nil)
        let compiled: xmlSchemaPtr? = withExtendedLifetime(collector) {
            guard let parser = xmlSchemaNewParserCtxt(path) else { return nil }
            defer { xmlSchemaFreeParserCtxt(parser) }
            let context = Unmanaged.passUnretained(collector).toOpaque()
            xmlSchemaSetParserStructuredErrors(parser, collectDiagnostic, context)
            // Messages of the XML parser that reads the schema document bypass the schema
            // parser's handler and go to this thread's structured handler: catch them too.
            xmlSetStructuredErrorFunc(context, collectDiagnostic)
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            return xmlSchemaParse(parser)
        }
        guard let compiled else {
            var diagnostics = collector.diagnostics.filter { !$0.isWarning }
            if diagnostics.isEmpty {
                diagnostics.append(XMLDiagnostic(stage: .schemaCompilation, code: XMLErrorCode.internalError,
                                                 message: "the schema could not be compiled", line: 0, column: 0, file: path))
            }
            throw XMLSchemaError(path: path, diagnostics: diagnostics)
        }
        pointer = compiled
    }

    deinit {
        xmlSchemaFree(pointer)
    }

    /// How many errors of one validation are kept; the rest are counted in one more diagnostic
    /// (`XMLErrorCode.tooManyErrors`).
    public static var errorLimit: Int { DiagnosticCollector.limit }

    /// Validates `document`, returning every error (empty when the document is valid).
    ///
    /// Each error carries the line and column of the element's start tag and its path.
    public func validate(_ document: XMLDocument) -> [XMLDiagnostic] {
        survey_intake_silence_generic_errors()
        let collector = DiagnosticCollector(stage: .validation, document: document)
        let result: Int32 = withExtendedLifetime(collector) {
            guard let context = xmlSchemaNewValidCtxt(pointer) else { return -1 }
            defer { xmlSchemaFreeValidCtxt(context) }
            xmlSchemaSetValidStructuredErrors(context, collectDiagnostic, Unmanaged.passUnretained(collector).toOpaque())
            return xmlSchemaValidateDoc(context, document.pointer)
        }
        var errors = collector.diagnostics.filter { !$0.isWarning }
        if collector.dropped > 0 {
            // Counted, not lost: the file has more errors than are kept (`DiagnosticCollector.limit`).
            errors.append(XMLDiagnostic(stage: .validation, code: XMLErrorCode.tooManyErrors,
                                        message: "\(collector.dropped) more", line: 0, column: 0))
        }
        // Any non-zero result is a failure, never "valid" (-1 is libxml2's internal error).
        if result != 0, errors.isEmpty {
            errors.append(XMLDiagnostic(stage: .validation, code: XMLErrorCode.internalError,
                                        message: "validation failed inside libxml2 (code \(result))",
                                        line: document.root.position.line, column: document.root.position.column))
        }
        return errors
    }
}

/// An XSD that could not be read or compiled.
public struct XMLSchemaError: Error, Sendable {
    public var path: String
    public var diagnostics: [XMLDiagnostic]
}

/// Collects the structured errors of one schema compilation or one validation.
private final class DiagnosticCollector {
    static let limit = 500
    let stage: XMLDiagnostic.Stage
    /// The document being validated, to place errors at element start tags.
    unowned(unsafe) let document: XMLDocument?
    var diagnostics: [XMLDiagnostic] = []
    var dropped = 0

    init(stage: XMLDiagnostic.Stage, document: XMLDocument?) {
        self.stage = stage
        self.document = document
    }

    func add(_ error: xmlError) {
        guard diagnostics.count < Self.limit else {
            dropped += 1
            return
        }
        var diagnostic = XMLDiagnostic(
            stage: stage,
            code: Int(error.code),
            isWarning: error.level == XML_ERR_WARNING,
            message: trimmedMessage(error.message),
            line: Int(error.line),
            column: Int(error.int2),
            file: error.file.map { String(cString: $0) }
        )
        if stage == .validation, let raw = error.node, let document {
            let node = raw.assumingMemoryBound(to: xmlNode.self)
            let element = node.pointee.type == XML_ATTRIBUTE_NODE ? node.pointee.parent : node
            if let element, element.pointee.type == XML_ELEMENT_NODE {
                let place = document.position(of: element)
                diagnostic.line = place.line
                diagnostic.column = place.column
                diagnostic.elementName = String(cString: element.pointee.name)
                diagnostic.elementNamespace = element.pointee.ns?.pointee.href.map { String(cString: $0) }
                diagnostic.elementPrefix = element.pointee.ns?.pointee.prefix.map { String(cString: $0) }
                if node.pointee.type == XML_ELEMENT_NODE, let attribute = Self.namedAttribute(in: diagnostic.message, of: element) {
                    // "attribute '{urn:a}id' is not allowed" is reported on the element: find the
                    // attribute, for its prefix.
                    diagnostic.attributeName = String(cString: attribute.pointee.name)
                    diagnostic.attributeNamespace = attribute.pointee.ns?.pointee.href.map { String(cString: $0) }
                    diagnostic.attributePrefix = attribute.pointee.ns?.pointee.prefix.map { String(cString: $0) }
                }
            }
            if node.pointee.type == XML_ATTRIBUTE_NODE {
                diagnostic.attributeName = String(cString: node.pointee.name)
                diagnostic.attributeNamespace = node.pointee.ns?.pointee.href.map { String(cString: $0) }
                diagnostic.attributePrefix = node.pointee.ns?.pointee.prefix.map { String(cString: $0) }
            }
            if node.pointee.type == XML_ELEMENT_NODE || node.pointee.type == XML_ATTRIBUTE_NODE {
                diagnostic.elementPath = TreeBuilder.path(of: node)
            }
        }
        diagnostics.append(diagnostic)
    }
}

extension DiagnosticCollector {
    /// The attribute of `element` that libxml2's `message` names as `attribute '{ns}local'`
    /// (or `attribute 'local'`); nil when it names none. Linear in the element's attributes,
    /// which the document limits keep few.
    static func namedAttribute(in message: String, of element: xmlNodePtr) -> xmlAttrPtr? {
        guard let open = message.range(of: "attribute '"),
              let close = message[open.upperBound...].firstIndex(of: "'") else { return nil }
        var name = message[open.upperBound..<close]
        var namespace: Substring?
        if name.hasPrefix("{"), let end = name.firstIndex(of: "}") {
            namespace = name[name.index(after: name.startIndex)..<end]
            name = name[name.index(after: end)...]
        }
        var property = element.pointee.properties
        while let attribute = property {
            let href = attribute.pointee.ns?.pointee.href.map { String(cString: $0) }
            if String(cString: attribute.pointee.name) == name, href == namespace.map(String.init) { return attribute }
            property = attribute.pointee.next
        }
        return nil
    }
}

private func collectDiagnostic(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let userData, let error else { return }
    Unmanaged<DiagnosticCollector>.fromOpaque(userData).takeUnretainedValue().add(error.pointee)
}
