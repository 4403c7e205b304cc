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
        // ASCII text without doubled or edge whitespace (most forum lines) comes back as it is.
        var plain = true
        var previousSpace = true
        for byte in utf8 {
            if byte >= 0x80 { plain = false; break }
            let space = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
            if space && (previousSpace || byte != 0x20) { plain = false; break }
            previousSpace = space
        }
        if plain && !previousSpace { return self }
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.isSpaceLike || scalar == "\n" {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(" ") }
                pendingSpace = false
                output.append(scalar)
            }
        }
        return String(output)
    }
}

extension Unicode.Scalar {
    /// Whitespace other than a line feed, answered without Unicode property tables for ASCII.
    var isSpaceLike: Bool {
        if value < 0x80 { return value == 0x20 || value == 0x09 || value == 0x0D || value == 0x0B || value == 0x0C }
        return value == 0xA0 || value == 0x3000 || value == 0xFEFF || (0x2000...0x200B).contains(value) || value == 0x1680
            || value == 0x202F || value == 0x205F || value == 0x85 || value == 0x2028 || value == 0x2029
    }
}

extension HTMLNode {
    /// The element children, in document order.
    public var elementChildren: [HTMLNode] {
        var result: [HTMLNode] = []
        var child = pointer.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(HTMLNode(pointer: current, document: document)) }
            child = current.pointee.next
        }
        return result
    }

    /// The names of the element's attributes, in document order.
    var attributeNames: [String] {
        var names: [String] = []
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if let name = current.pointee.name { names.append(String(cString: name)) }
            attribute = current.pointee.next
        }
        return names
    }
}
