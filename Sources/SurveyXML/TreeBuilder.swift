import CLibXML2
import SurveyModel

/// Copies libxml2's element tree into `XMLElementNode` values, numbering the elements in
/// document order and leaving each number (+1) in the node's `_private` so that validation
/// errors about a node can be placed at its start tag.
///
/// Recursion is bounded: the parser refuses documents nested deeper than 256 elements
/// (we never set `XML_PARSE_HUGE`).
struct TreeBuilder {
    let positions: [SourcePosition]
    private(set) var count = 0
    /// Names and namespace URIs by libxml2 pointer: the parser keeps one copy of each name (its
    /// dictionary) and of each namespace declaration, so 100,000 elements share a few strings
    /// instead of each copying its own (a namespace URI is too long for a small string).
    private var strings: [UnsafePointer<xmlChar>: String] = [:]

    init(positions: [SourcePosition]) {
        self.positions = positions
    }

    mutating func element(_ node: xmlNodePtr) -> XMLElementNode {
        let index = count
        count += 1
        node.pointee._private = UnsafeMutableRawPointer(bitPattern: index + 1)
        let position = index < positions.count
            ? positions[index]
            : SourcePosition(line: Int(xmlGetLineNo(node)), column: 1)

        var children: [XMLElementNode] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(element(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                // Nearly always one piece (comments are not kept): no append, which copied.
                if let content = current.pointee.content {
                    if text.isEmpty { text = String(cString: content) } else { text += String(cString: content) }
                }
            default:
                break
            }
            child = current.pointee.next
        }

        var attributes: [XMLAttribute] = []
        var property = node.pointee.properties
        while let attribute = property {
            attributes.append(XMLAttribute(
                name: shared(attribute.pointee.name),
                namespace: attribute.pointee.ns?.pointee.href.map { shared($0) },
                value: Self.text(of: attribute.pointee.children)
            ))
            property = attribute.pointee.next
        }

        return XMLElementNode(
            name: shared(node.pointee.name),
            namespace: node.pointee.ns?.pointee.href.map { shared($0) },
            attributes: attributes,
            children: children,
            text: text,
            position: position
        )
    }

    /// The string at `pointer`, made once per pointer.
    private mutating func shared(_ pointer: UnsafePointer<xmlChar>) -> String {
        if let known = strings[pointer] { return known }
        let string = String(cString: pointer)
        strings[pointer] = string
        return string
    }

    private static func text(of first: xmlNodePtr?) -> String {
        var text = ""
        var node = first
        while let current = node {
            if let content = current.pointee.content { text += String(cString: content) }
            node = current.pointee.next
        }
        return text
    }

    /// `/Statusrapport/Udfordringer/Udfordring[2]/Alvorlighed` for an element node; an
    /// attribute node gets its element's path plus `/@name`.
    static func path(of node: xmlNodePtr) -> String {
        var components: [String] = []
        var current: xmlNodePtr? = node
        if node.pointee.type == XML_ATTRIBUTE_NODE {
            components.append("@" + String(cString: node.pointee.name))
            current = node.pointee.parent
        }
        while let element = current, element.pointee.type == XML_ELEMENT_NODE {
            components.append(step(for: element))
            current = element.pointee.parent
        }
        return "/" + components.reversed().joined(separator: "/")
    }

    /// `Name`, or `Name[n]` when the element has siblings of the same name.
    private static func step(for element: xmlNodePtr) -> String {
        guard let name = element.pointee.name else { return "?" }
        var position = 1
        var sameNamed = 0
        var sibling = element.pointee.parent?.pointee.children
        while let current = sibling {
            if current.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(current.pointee.name, name) != 0 {
                sameNamed += 1
                if current == element { position = sameNamed }
            }
            sibling = current.pointee.next
        }
        let local = String(cString: name)
        return sameNamed > 1 ? "\(local)[\(position)]" : local
    }
}
