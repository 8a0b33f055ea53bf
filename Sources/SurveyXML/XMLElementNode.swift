import SurveyModel

/// An element of a parsed document as a plain Swift value: what the mapping stages read.
///
/// Built once from libxml2's tree right after parsing, so that no libxml2 pointer leaves the
/// XML layer and the tree can cross threads.
public struct XMLElementNode: Sendable, Hashable {
    /// The local name, without prefix.
    public var name: String
    /// The namespace URI, or nil for an element in no namespace.
    public var namespace: String?
    public var attributes: [XMLAttribute]
    public var children: [XMLElementNode]
    /// The element's own character data (text and CDATA children, concatenated, not trimmed).
    public var text: String
    /// Where the start tag begins.
    public var position: SourcePosition

    public init(
        name: String, namespace: String? = nil, attributes: [XMLAttribute] = [],
        children: [XMLElementNode] = [], text: String = "", position: SourcePosition
    ) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.text = text
        self.position = position
    }

    /// The value of the attribute `name` in no namespace, if present.
    ///
    ///     report.attribute("submissionId")   // "3f2b8c1e-…"
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name && $0.namespace == nil }?.value
    }

    /// The first child element called `name`.
    public func child(_ name: String) -> XMLElementNode? {
        children.first { $0.name == name }
    }

    /// Every child element called `name`, in document order.
    public func children(named name: String) -> [XMLElementNode] {
        children.filter { $0.name == name }
    }

    /// Follows a path of child names: `root.descendant("Projekt", "Myndighed", "Navn")`.
    public func descendant(_ names: String...) -> XMLElementNode? {
        var node: XMLElementNode? = self
        for name in names { node = node?.child(name) }
        return node
    }
}

/// An attribute of an `XMLElementNode`.
public struct XMLAttribute: Sendable, Hashable {
    public var name: String
    public var namespace: String?
    public var value: String

    public init(name: String, namespace: String? = nil, value: String) {
        self.name = name
        self.namespace = namespace
        self.value = value
    }
}
