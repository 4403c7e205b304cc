import CLibXML2

extension HTMLNode {
    private static let blockElements: Set<String> = [
        "p", "div", "li", "ul", "ol", "tr", "table", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dd", "dt",
    ]
    /// Marks a line break the markup asked for (a private-use character, never in forum text we keep).
    private static let lineBreak: Unicode.Scalar = "\u{E000}"
    private static let invisibleElements: Set<String> = ["script", "style", "noscript", "template", "head", "iframe", "object"]

    /// The text a reader sees in a post body: paragraph breaks kept, images as their alt text
    /// or `[图片]`, links as their text, scripts, styles, hidden elements and `skipping` left out,
    /// full-width letters and digits made half-width, whitespace collapsed.
    public func postText(skipping: [HTMLNode] = []) -> String {
        let skipped = Set(skipping.map { UnsafeMutableRawPointer($0.pointer) })
        var output = ""
        Self.append(pointer, skipped: skipped, to: &output)
        return Self.normalise(output)
    }

    private static func append(_ node: xmlNodePtr, skipped: Set<UnsafeMutableRawPointer>, to output: inout String) {
        var child = node.pointee.children
        while let current = child {
            child = current.pointee.next
            if skipped.contains(UnsafeMutableRawPointer(current)) { continue }
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                // A line break in the HTML source is only whitespace (normalise treats it so);
                // real breaks come from <br> and blocks, as `lineBreak`.
                if let content = current.pointee.content { output += String(cString: content) }
            case XML_ELEMENT_NODE:
                let name = current.pointee.name.map { String(cString: $0) } ?? ""
                if invisibleElements.contains(name) || isHidden(current) { continue }
                switch name {
                case "br":
                    output.unicodeScalars.append(lineBreak)
                case "img":
                    let alt = HTMLNode.property(current, "alt")?.collapsingWhitespace() ?? ""
                    output += alt.isEmpty ? "[图片]" : alt
                default:
                    let block = blockElements.contains(name)
                    if block { output.unicodeScalars.append(lineBreak) }
                    append(current, skipped: skipped, to: &output)
                    if block { output.unicodeScalars.append(lineBreak) }
                }
            default:
                continue
            }
        }
    }

    private static func isHidden(_ node: xmlNodePtr) -> Bool {
        if property(node, "hidden") != nil { return true }
        guard let style = property(node, "style")?.lowercased().replacingOccurrences(of: " ", with: "") else { return false }
        return style.contains("display:none") || style.contains("visibility:hidden")
    }

    private static func property(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { ombud_xml_free(value) }
        return String(cString: value)
    }

    /// Full-width letters, digits and the symbols people type in them (＋１, ３号楼, ＡＢ座) as
    /// ASCII, so that they match the lexicons; Chinese punctuation (，。！？：；（）) stays as written.
    static func halfWidth(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        let alphanumeric = (0xFF10...0xFF19).contains(value) || (0xFF21...0xFF3A).contains(value) || (0xFF41...0xFF5A).contains(value)
        let symbol = [0xFF03, 0xFF05, 0xFF06, 0xFF0B, 0xFF0D, 0xFF1D, 0xFF20].contains(value)
        guard alphanumeric || symbol else { return scalar }
        return Unicode.Scalar(value - 0xFEE0) ?? scalar
    }

    /// Trims each line, collapses runs of spaces, keeps at most one blank line between paragraphs.
    /// One pass over the scalars: this runs for every post of every page.
    static func normalise(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        var lineHasText = false
        var newlines = 0  // line breaks owed before the next text; 2 makes a blank line
        for scalar in text.unicodeScalars {
            if scalar == lineBreak {
                if lineHasText || newlines > 0 { newlines = min(newlines + 1, 2) }
                pendingSpace = false
                lineHasText = false
            } else if scalar.isSpaceLike || scalar == "\n" {
                pendingSpace = lineHasText
            } else {
                if !output.isEmpty {
                    if newlines > 0 { output.append(contentsOf: newlines == 2 ? "\n\n".unicodeScalars : "\n".unicodeScalars) }
                    else if pendingSpace { output.append(" ") }
                }
                newlines = 0
                pendingSpace = false
                lineHasText = true
                output.append(halfWidth(scalar))
            }
        }
        return String(output)
    }
}
