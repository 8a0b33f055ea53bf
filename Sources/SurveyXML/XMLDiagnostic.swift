import CLibXML2
import SurveyModel

/// One message from libxml2, copied out of its error structure while the callback runs.
///
/// The XML layer reports what libxml2 said and where; turning that into words a project lead
/// understands is the job of the questionnaire layer.
public struct XMLDiagnostic: Sendable, Hashable {
    /// Which part of the work produced the message.
    public enum Stage: String, Sendable, Hashable {
        /// Reading the bytes as XML (well-formedness, encoding, DOCTYPE refusal).
        case parsing
        /// Checking a parsed document against a compiled XSD.
        case validation
        /// Reading and compiling an XSD.
        case schemaCompilation
    }

    public var stage: Stage
    /// libxml2's error code (`xmlParserErrors`), 0 for messages of our own.
    public var code: Int
    public var isWarning: Bool
    /// libxml2's own words, trimmed.
    public var message: String
    /// 1-based; 0 when libxml2 did not know.
    public var line: Int
    /// 1-based; 0 when unknown.
    public var column: Int
    /// The element the message is about, e.g. `/Statusrapport/Udfordringer/Udfordring[2]/Alvorlighed`.
    public var elementPath: String?
    /// The local name of that element.
    public var elementName: String?
    /// The local name of the attribute the message is about, when it is about one.
    public var attributeName: String?
    /// That attribute's namespace URI and prefix as written, when it has a namespace.
    public var attributeNamespace: String?
    public var attributePrefix: String?
    /// The element's namespace URI and prefix as written (nil prefix: the default namespace).
    public var elementNamespace: String?
    public var elementPrefix: String?
    /// The file libxml2 was reading, for schema compilation messages.
    public var file: String?

    public init(
        stage: Stage, code: Int, isWarning: Bool = false, message: String,
        line: Int, column: Int, elementPath: String? = nil, elementName: String? = nil,
        attributeName: String? = nil, file: String? = nil
    ) {
        self.stage = stage
        self.code = code
        self.isWarning = isWarning
        self.message = message
        self.line = line
        self.column = column
        self.elementPath = elementPath
        self.elementName = elementName
        self.attributeName = attributeName
        self.file = file
    }
}

/// libxml2 error codes that the questionnaire layer turns into plain language, plus two of
/// our own (negative, so they never collide with libxml2's).
public enum XMLErrorCode {
    public static let documentEmpty = Int(XML_ERR_DOCUMENT_EMPTY.rawValue)
    public static let invalidCharacter = Int(XML_ERR_INVALID_CHAR.rawValue)
    public static let invalidEncoding = Int(XML_ERR_INVALID_ENCODING.rawValue)
    public static let unsupportedEncoding = Int(XML_ERR_UNSUPPORTED_ENCODING.rawValue)
    public static let tagNameMismatch = Int(XML_ERR_TAG_NAME_MISMATCH.rawValue)
    public static let tagNotFinished = Int(XML_ERR_TAG_NOT_FINISHED.rawValue)
    public static let entityRefSemicolonMissing = Int(XML_ERR_ENTITYREF_SEMICOL_MISSING.rawValue)
    public static let nameRequired = Int(XML_ERR_NAME_REQUIRED.rawValue)
    public static let undeclaredEntity = Int(XML_ERR_UNDECLARED_ENTITY.rawValue)
    public static let internalError = Int(XML_ERR_INTERNAL_ERROR.rawValue)
    /// The document has a DOCTYPE and was refused before its DTD was read.
    public static let doctypeRefused = -1
    /// More messages than the collector keeps; the rest were dropped.
    public static let tooManyErrors = -2
    /// The document is over one of its `DocumentLimits` and was refused before parsing.
    public static let limitExceeded = -3
}
