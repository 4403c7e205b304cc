import CLibXML2

/// A node inside an ``HTMLDocument``; keeps its document alive while it exists.
public struct HTMLNode {
    let pointer: xmlNodePtr
    let document: HTMLDocument

    /// The element or attribute name, lower-cased by the HTML parser.
    public var name: String {
        pointer.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// The value of an attribute, or nil when the element has none.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(pointer, name) else { return nil }
        defer { ombud_xml_free(value) }
        return String(cString: value)
    }

    /// All text below the node, whitespace collapsed and trimmed.
    public var text: String {
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { ombud_xml_free(content) }
        return String(cString: content).collapsingWhitespace()
    }
}

extension String {
    /// Runs of whitespace (including no-break spaces) become one space; ends are trimmed.
    func collapsingWhitespace() -> String {
        split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
