import SurveyModel

/// The size limits of one document, checked in one linear pass over the bytes before libxml2
/// parses them (`StartTagScanner.scan`). A document over any of them is refused as `too-large`,
/// naming the limit and the line and column of the start tag (or comment) concerned.
///
/// Why before libxml2: libxml2 2.9.14 is quadratic on one start tag with very many attributes
/// or namespace declarations (its duplicate check compares each with every one before it:
/// 1.6 million attributes ran past 60 s), its tree costs about 100 bytes and more per node
/// (16 MiB of empty elements peaked at 1.5 GB), and its own 10,000,000-byte text limit applies
/// only when a text reaches it in pieces, so the same long text was accepted or rejected as
/// not-well-formed depending on its characters. A questionnaire (2–12 KB, a few hundred
/// elements, at most 3 attributes and 2 namespace declarations on an element; see the XSDs in
/// `Resources/schemas/`) stays far below every limit.
public struct DocumentLimits: Sendable, Hashable {
    /// Elements in the document.
    public var maxElements: Int
    /// Attributes on one element, namespace declarations (`xmlns`, `xmlns:p`) included.
    public var maxAttributesPerElement: Int
    /// Attributes in the whole document, namespace declarations included.
    public var maxAttributes: Int
    /// Namespace declarations in scope at one element (on it and its ancestors): libxml2 looks
    /// each prefix up through all of them, for every element and attribute (15,750 declarations
    /// over 250 levels and 80,000 elements below took 9 s for a 1 MB file).
    public var maxNamespacesInScope: Int
    /// Bytes (as UTF-8; references counted as written) of one text: the character data of one
    /// element, CDATA included, however many pieces comments or child elements cut it into;
    /// one attribute value; one comment; one processing instruction. Far below libxml2's own
    /// 10,000,000 bytes, which is thus never reached, whatever the encoding.
    public var maxTextBytes: Int

    public init(maxElements: Int = 100_000, maxAttributesPerElement: Int = 64,
                maxAttributes: Int = 100_000, maxNamespacesInScope: Int = 256, maxTextBytes: Int = 1_000_000) {
        self.maxNamespacesInScope = maxNamespacesInScope
        self.maxElements = maxElements
        self.maxAttributesPerElement = maxAttributesPerElement
        self.maxAttributes = maxAttributes
        self.maxTextBytes = maxTextBytes
    }

    /// The limits every submission is held to.
    public static let standard = DocumentLimits()

    /// The first limit a document breaks.
    public struct Violation: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            case elements
            case attributesOnElement
            case attributes
            case namespacesInScope
            case text
            case attributeValue
            case comment
            case instruction
        }

        public var kind: Kind
        /// The limit that was passed.
        public var limit: Int
        /// The start tag of the element concerned (or the start of the comment).
        public var position: SourcePosition
        /// The element's name as written (prefix included, cut at 100 bytes).
        public var element: String?
    }
}
