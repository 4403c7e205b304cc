import CLibXML2
import Foundation
import OmbudCore

/// A parsed HTML page: owns libxml2's document and frees it when the last reference goes.
///
/// Parsing recovers from broken markup, never touches the network, and refuses input over
/// ``maximumSize``. Not thread-safe: use one document from one task at a time (documents
/// share nothing, so many tasks may each parse and query their own).
public final class HTMLDocument {
    /// The largest page accepted, in bytes (8 MiB): forum text is hostile input.
    public static let maximumSize = 8 << 20
    /// The deepest nesting of elements accepted. libxml2 alone stops reading at 256 and keeps
    /// what came before, silently; pages are parsed whole (`XML_PARSE_HUGE`) and a page nested
    /// deeper than this is refused as a whole (`html.too_deep`) rather than read in part. Kept
    /// under 2,048, where libxml2 2.12 and later stop even with `XML_PARSE_HUGE`, so a page cut
    /// there is still seen as too deep.
    public static let maximumDepth = 2000

    let pointer: htmlDocPtr
    // One XPath context per document, and each expression compiled once per document: creating a
    // context registers every XPath function, which costs more than most queries.
    private var xpathContext: xmlXPathContextPtr?
    private var compiled: [String: xmlXPathCompExprPtr] = [:]
    /// The charset the page was decoded from (`UTF-8`, `GB18030`, `BIG5-HKSCS`).
    public let charset: String
    /// How many undecodable byte sequences were replaced by U+FFFD.
    public let replacedBytes: Int

    /// Parses `bytes`. `charset` is the charset from the HTTP header, or nil to let a byte-order
    /// mark or the page's `<meta charset>` decide (see ``CharsetDecoder``): GBK, GB18030 and Big5
    /// pages come out as UTF-8, and undecodable bytes are replaced instead of cutting the page short.
    ///
    /// Throws ``OmbudError`` `html.empty`, `html.too_large` or `html.unparsable`, naming `url`.
    public init(bytes: [UInt8], url: String? = nil, charset: String? = nil) throws {
        LibXML2.initialize()
        guard bytes.count <= Self.maximumSize else {
            throw OmbudError(code: .htmlTooLarge, message: "page of \(bytes.count) bytes is over the \(Self.maximumSize)-byte limit",
                             context: ["url": url ?? "-"], fix: "the page is not a forum page; check the source's URLs")
        }
        guard !bytes.isEmpty else {
            throw OmbudError(code: .htmlEmpty, message: "the page is empty", context: ["url": url ?? "-"],
                             fix: "check that the URL serves a forum page")
        }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue | HTML_PARSE_COMPACT.rawValue) | Int32(XML_PARSE_HUGE.rawValue)
        // libxml2 stops at the first byte its decoder rejects, so it is given valid UTF-8 only (the
        // page's own bytes when they already are); the explicit encoding also overrides <meta charset>.
        let parse = { (buffer: UnsafeBufferPointer<UInt8>) -> htmlDocPtr? in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                htmlReadMemory(chars, Int32(buffer.count), url, "UTF-8", options)
            }
        }
        let document: htmlDocPtr?
        if let start = CharsetDecoder.validUTF8(bytes, declared: charset) {
            document = bytes[start...].withUnsafeBufferPointer(parse)
            self.charset = "UTF-8"
            self.replacedBytes = 0
        } else {
            let decoded = CharsetDecoder.decode(bytes, declared: charset)
            var utf8 = decoded.text
            document = utf8.withUTF8(parse)
            self.charset = decoded.charset
            self.replacedBytes = decoded.replacements
        }
        guard let document else {
            throw OmbudError(code: .htmlUnparsable, message: "libxml2 could not parse the page",
                             context: ["url": url ?? "-"], fix: "save the page and check that it is HTML")
        }
        let depth = Self.depth(of: document)
        guard depth <= Self.maximumDepth else {
            xmlFreeDoc(document)
            throw OmbudError(code: .htmlTooDeep, message: "the page nests elements \(depth) deep, over the \(Self.maximumDepth) limit: it is not read in part",
                             context: ["url": url ?? "-"], fix: "the page is broken or hostile; check it in a browser, and drop it with `ombud drop` if it stays so")
        }
        pointer = document
    }

    /// The deepest nesting of nodes in `document`, walked without recursion.
    static func depth(of document: htmlDocPtr) -> Int {
        var deepest = 0
        var depth = 0
        var node = document.pointee.children
        while let current = node {
            deepest = max(deepest, depth + 1)
            if let child = current.pointee.children {
                depth += 1
                node = child
                continue
            }
            var climbing: xmlNodePtr? = current
            while let up = climbing, up.pointee.next == nil {
                climbing = depth > 0 ? up.pointee.parent : nil
                depth -= 1
            }
            node = climbing?.pointee.next
        }
        return deepest
    }

    /// Parses a string.
    public convenience init(html: String, url: String? = nil) throws {
        try self.init(bytes: Array(html.utf8), url: url, charset: "utf-8")
    }

    deinit {
        for expression in compiled.values { xmlXPathFreeCompExpr(expression) }
        if let xpathContext { xmlXPathFreeContext(xpathContext) }
        xmlFreeDoc(pointer)
    }

    /// The root element, if the page has one.
    public var root: HTMLNode? {
        xmlDocGetRootElement(pointer).map { HTMLNode(pointer: $0, document: self) }
    }

    /// The nodes an XPath 1.0 expression selects, in document order.
    ///
    /// `context` is the node relative paths start from (the document when nil). Throws
    /// ``OmbudError`` `xpath.invalid` for an expression libxml2 cannot compile.
    public func nodes(_ xpath: String, in context: HTMLNode? = nil) throws -> [HTMLNode] {
        try evaluate(xpath, in: context) { object in
            guard object.pointee.type == XPATH_NODESET, let set = object.pointee.nodesetval else { return [] }
            let count = Int(set.pointee.nodeNr)
            return (0..<count).compactMap { index in
                set.pointee.nodeTab[index].map { HTMLNode(pointer: $0, document: self) }
            }
        }
    }

    /// The text of the first node an expression selects that has non-empty text, or the
    /// expression's value when it yields a string or number (`count(…)`, `string(…)`).
    public func text(_ xpath: String, in context: HTMLNode? = nil) throws -> String? {
        try evaluate(xpath, in: context) { object in
            switch object.pointee.type {
            case XPATH_NODESET:
                guard let set = object.pointee.nodesetval else { return nil }
                for index in 0..<Int(set.pointee.nodeNr) {
                    guard let node = set.pointee.nodeTab[index] else { continue }
                    let text = HTMLNode(pointer: node, document: self).text
                    if !text.isEmpty { return text }
                }
                return nil
            case XPATH_STRING:
                return object.pointee.stringval.map { String(cString: $0) }
            case XPATH_NUMBER:
                let value = object.pointee.floatval
                return value.isNaN ? nil : (value == value.rounded() ? String(Int(value)) : String(value))
            case XPATH_BOOLEAN:
                return object.pointee.boolval != 0 ? "true" : "false"
            default:
                return nil
            }
        }
    }

    private func evaluate<T>(_ xpath: String, in context: HTMLNode?, _ body: (xmlXPathObjectPtr) -> T) throws -> T {
        if xpathContext == nil { xpathContext = xmlXPathNewContext(pointer) }
        guard let xpathContext else {
            throw OmbudError(code: .xpathNoMemory, message: "libxml2 could not allocate an XPath context")
        }
        let invalid = OmbudError(code: .xpathInvalid, message: "libxml2 cannot evaluate the XPath expression",
                                 context: ["xpath": xpath], fix: "check the expression against XPath 1.0 syntax")
        let expression: xmlXPathCompExprPtr
        if let known = compiled[xpath] {
            expression = known
        } else {
            guard let fresh = xmlXPathCtxtCompile(xpathContext, xpath) else { throw invalid }
            compiled[xpath] = fresh
            expression = fresh
        }
        xpathContext.pointee.node = context?.pointer ?? UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: xmlNode.self)
        guard let object = xmlXPathCompiledEval(expression, xpathContext) else { throw invalid }
        defer { xmlXPathFreeObject(object) }
        return body(object)
    }

    /// Checks that an XPath 1.0 expression compiles, without a document.
    ///
    /// Throws ``OmbudError`` `xpath.invalid` naming the expression.
    public static func validate(xpath: String) throws {
        LibXML2.initialize()
        guard let compiled = xmlXPathCompile(xpath) else {
            throw OmbudError(code: .xpathInvalid, message: "not a valid XPath 1.0 expression",
                             context: ["xpath": xpath], fix: "check quotes, brackets and axis names")
        }
        xmlXPathFreeCompExpr(compiled)
    }
}

/// One-time libxml2 set-up: parser initialisation and a silent error handler.
enum LibXML2 {
    private static let once: Void = {
        xmlInitParser()
        // Errors are reported through return values; keep libxml2 from printing to stderr.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
    }()

    static func initialize() { _ = once }
}
