import CLibXML2
import Foundation
import OmbudCore

/// Proposes a site profile from a forum's pages: the repeated post blocks of a thread page and
/// their id, author, time, body; the thread id and the next page; the rows of a board page with
/// their link, id and reply count. Every rule it proposes is an XPath it has checked on the page:
/// a field it cannot pin down is left out and said so in ``Suggestion/notes``.
///
/// Pure: pages in, a profile and notes out. `ombud profile suggest` fetches the pages, shows what
/// the profile reads from them, and writes it on request.
public struct ProfileSuggester: Sendable {
    /// What was proposed.
    public struct Suggestion: Sendable {
        /// The proposed thread rules, when the thread page gave enough.
        public var thread: SiteProfile.ThreadRules?
        /// The proposed board rules, when a board page was given and read.
        public var board: SiteProfile.BoardRules?
        /// What was recognised (the time format, say) and what could not be found, for a person.
        public var notes: [String]
    }

    private let generic = GenericExtractor()

    /// Creates a suggester.
    public init() {}

    /// Proposes thread rules from `thread` (at `threadURL`) and, if given, board rules from `board`.
    public func suggest(thread: HTMLDocument, threadURL: String, board: HTMLDocument?, boardURL: String?, times: PostTimeParser) throws -> Suggestion {
        var notes: [String] = []
        let threadRules = try suggestThread(thread, url: threadURL, times: times, notes: &notes)
        var boardRules: SiteProfile.BoardRules?
        if let board, let boardURL { boardRules = try suggestBoard(board, url: boardURL, notes: &notes) }
        return Suggestion(thread: threadRules, board: boardRules, notes: notes)
    }

    // MARK: Thread pages

    private func suggestThread(_ document: HTMLDocument, url: String, times: PostTimeParser, notes: inout [String]) throws -> SiteProfile.ThreadRules? {
        // The post blocks: the repeated group whose members most carry times, text and user links.
        var best: (members: [HTMLNode], score: Double)?
        for group in try generic.groups(in: document) {
            // Siblings of a kind that carry no time (a reply box among the posts) are not posts.
            var members: [HTMLNode] = []
            var score = 0.0
            for member in group where try timeRule(in: [member], document: document, times: times) != nil {
                members.append(member)
                score += 1 + min(Double(member.text.count), 500) / 500
            }
            guard members.count >= 2 else { continue }
            if score > (best?.score ?? 0) { best = (members, score) }
        }
        guard let members = best?.members, let posts = try blockPath(members, document: document) else {
            notes.append("thread: no repeated post blocks with times were found")
            return nil
        }
        notes.append("thread: \(members.count) post blocks at \(posts)")
        guard let postID = try idRule(members, document: document) else {
            notes.append("thread: the post blocks carry no id (an id attribute or data-pid with digits); write post_id by hand")
            return nil
        }
        guard let time = try timeRule(in: members, document: document, times: times) else {
            notes.append("thread: no time found that every post block shares")
            return nil
        }
        let sample = try document.text(time.xpaths[0], in: members[0]) ?? ""
        notes.append("thread: time read from \(time.xpaths[0]) (e.g. '\(sample.prefix(40))')")
        let author = try authorRule(members, document: document)
        if author == nil { notes.append("thread: no author found in every post block; write author by hand") }
        let bodies = try generic.bodyNodes(of: members, document: document)
        let body = try relativePath(pairs: zip(members, bodies).compactMap { member, node in node.map { (member, $0) } }, document: document)
            ?? ".//*[self::div or self::td][string-length(normalize-space(.)) > 0][1]"
        let title = try document.text("//h1").map { _ in FieldRule(["//h1", "//title"]) } ?? FieldRule(["//title"])
        let rules = SiteProfile.ThreadRules(title: title, threadID: threadIDRule(url: url), posts: posts, postID: postID,
                                            author: author ?? FieldRule(["@data-author"]), time: time, body: body,
                                            nextPage: try nextPagePath(document))
        notes.append("thread: quotes of other posts stay in the body: add their XPath under drop:")
        notes.append("thread: floors are counted in page order; for a forum paging by ?page=N add page_offset and page_size")
        return rules
    }

    /// An XPath that selects exactly `members` in `document`: by an id prefix, a class, an
    /// attribute every member has, or the path from an ancestor with an id.
    private func blockPath(_ members: [HTMLNode], document: HTMLDocument) throws -> String? {
        let tag = members[0].name
        guard members.allSatisfy({ $0.name == tag }) else { return nil }
        var candidates: [String] = []
        if let prefix = Self.commonIDPrefix(members.compactMap { $0.attribute("id") }), members.allSatisfy({ $0.attribute("id") != nil }) {
            candidates.append("//\(tag)[starts-with(@id,'\(prefix)')]")
            // Only the ids that are the prefix and digits (post_123, not post_rate_div).
            candidates.append("//\(tag)[starts-with(@id,'\(prefix)') and translate(substring-after(@id,'\(prefix)'),'0123456789','')='']")
        }
        for token in Self.sharedClasses(members) { candidates.append("//\(tag)[contains(concat(' ', normalize-space(@class), ' '), ' \(token) ')]") }
        for attribute in ["data-pid", "data-post-id", "data-postid", "data-content", "data-node-id", "data-index", "data-id"]
            where members.allSatisfy({ $0.attribute(attribute) != nil }) {
            candidates.append("//\(tag)[@\(attribute)]")
        }
        let wanted = Set(members.map(\.pointer))
        for candidate in candidates {
            let found = try document.nodes(candidate)
            if Set(found.map(\.pointer)) == wanted { return candidate }
        }
        // The same kind of block in another list (sticky threads above the others): numbered ids alike.
        if let prefix = Self.commonIDPrefix(members.compactMap { $0.attribute("id") }), members.allSatisfy({ $0.attribute("id") != nil }) {
            let candidate = "//\(tag)[starts-with(@id,'\(prefix)') and translate(substring-after(@id,'\(prefix)'),'0123456789','')='']"
            let found = Set(try document.nodes(candidate).map(\.pointer))
            if found.isSuperset(of: wanted), found.count <= 2 * wanted.count { return candidate }
        }
        // A class shared with other elements: narrowed by the id prefix too.
        if let prefix = Self.commonIDPrefix(members.compactMap { $0.attribute("id") }), let token = Self.sharedClasses(members).first {
            let candidate = "//\(tag)[starts-with(@id,'\(prefix)') and contains(concat(' ', normalize-space(@class), ' '), ' \(token) ')]"
            if Set(try document.nodes(candidate).map(\.pointer)) == wanted { return candidate }
        }
        return nil
    }

    private func idRule(_ members: [HTMLNode], document: HTMLDocument) throws -> FieldRule? {
        let ids = members.compactMap { $0.attribute("id") }
        if ids.count == members.count, let prefix = Self.commonIDPrefix(ids), ids.allSatisfy({ $0.dropFirst(prefix.count).allSatisfy(\.isNumber) }) {
            return FieldRule(["@id"], pattern: "\(NSRegularExpression.escapedPattern(for: prefix))(\\d+)")
        }
        for attribute in ["data-pid", "data-post-id", "data-postid", "data-content", "data-node-id", "data-id"] {
            let values = members.compactMap { $0.attribute(attribute) }
            if values.count == members.count, values.allSatisfy({ $0.contains(where: \.isNumber) }), Set(values).count == values.count {
                return FieldRule(["@\(attribute)"], pattern: "(\\d+)")
            }
        }
        // An element inside each block with a numbered id (FlaskBB's div#pid12), or a link to the post.
        for node in try document.nodes(".//*[@id]", in: members[0]) {
            guard let id = node.attribute("id"), let prefix = Self.commonIDPrefix([id]) else { continue }
            let path = ".//*[starts-with(@id,'\(prefix)')]/@id"
            let values = try members.map { try document.text(path, in: $0) ?? "" }
            if values.allSatisfy({ $0.dropFirst(prefix.count).allSatisfy(\.isNumber) && $0.count > prefix.count }), Set(values).count == values.count {
                return FieldRule([path], pattern: "\(NSRegularExpression.escapedPattern(for: prefix))(\\d+)")
            }
        }
        for key in ["/post/", "/posts/", "pid=", "#post", "#p"] {
            let path = ".//a[contains(@href,'\(key)')]/@href"
            let pattern = "\(NSRegularExpression.escapedPattern(for: key))(\\d+)"
            guard let compiled = try? TextPattern(pattern) else { continue }
            let values = try members.map { try document.text(path, in: $0).flatMap { compiled.extract(from: $0) } ?? "" }
            if values.allSatisfy({ !$0.isEmpty }), Set(values).count == values.count { return FieldRule([path], pattern: pattern) }
        }
        return nil
    }

    /// How to read a time in every one of `members`: machine-readable attributes first (an
    /// absolute time in `datetime`, `data-time` or a `title` wherever a block has one), then the
    /// printed text, as one rule whose first XPath with a value is read, as the extractor does.
    private func timeRule(in members: [HTMLNode], document: HTMLDocument, times: PostTimeParser) throws -> FieldRule? {
        var attributes = ["@data-timestamp", "@data-time", ".//time/@datetime", ".//*[@datetime]/@datetime", ".//*[@data-time]/@data-time",
                          ".//*[@data-timestamp]/@data-timestamp"]
        var texts: [String] = []
        for member in members.prefix(12) {
            for node in try document.nodes(".//*[@title]", in: member) where (node.attribute("title")?.contains(":") ?? false)
                && times.parse(node.attribute("title") ?? "") != nil {
                let path = Self.relative(node) + "/@title"
                if !attributes.contains(path) { attributes.append(path) }
            }
            for node in try document.nodes(".//*[not(*) or count(*) <= 2]", in: member) where node.text.count <= 60 && times.parse(node.text) != nil {
                let path = Self.relative(node)
                if !texts.contains(path) { texts.append(path) }
            }
        }
        func reads(_ paths: [String]) throws -> Bool {
            try members.allSatisfy { member in
                for path in paths { if let text = try document.text(path, in: member), !text.isEmpty { return times.parse(text) != nil } }
                return false
            }
        }
        // Attributes that hold a time wherever they appear, then the text for the blocks without one.
        let usable = try attributes.filter { path in
            let values = try members.compactMap { try document.text(path, in: $0) }.filter { !$0.isEmpty }
            return !values.isEmpty && values.allSatisfy { times.parse($0) != nil }
        }
        if let attribute = usable.first, try reads([attribute]) { return FieldRule([attribute]) }
        for text in texts where try reads(usable.prefix(1) + [text]) { return FieldRule(Array(usable.prefix(1)) + [text]) }
        return nil
    }

    private func authorRule(_ members: [HTMLNode], document: HTMLDocument) throws -> FieldRule? {
        for attribute in ["data-author", "data-username", "data-user-name"] where members.allSatisfy({ !($0.attribute(attribute) ?? "").isEmpty }) {
            return FieldRule(["@\(attribute)"])
        }
        // Links to a user's page with a name as their text, named by their class or their href; of
        // those every block has, the one naming the most different people (a rank or a "profile"
        // link says the same in every block).
        var candidates: [String] = []
        for anchor in try document.nodes(".//a[@href]", in: members[0])
            where GenericExtractor.userLink.isMatch(anchor.attribute("href") ?? "") && !anchor.text.isEmpty && anchor.text.count <= 40 {
            candidates += Self.classes(of: anchor).map { ".//a[contains(concat(' ', normalize-space(@class), ' '), ' \($0) ')]" }
            if let href = anchor.attribute("href"), let key = GenericExtractor.userLink.firstMatch(in: href)?.text {
                candidates.append(".//a[contains(@href,'\(key)')][normalize-space(.) != ''][1]")
            }
        }
        var best: (path: String, names: Int)?
        for candidate in candidates {
            let names = try members.map { try document.text(candidate, in: $0) ?? "" }
            guard names.allSatisfy({ !$0.isEmpty && $0.count <= 40 }) else { continue }
            // The same word in three or more blocks ("E-mail", "Find") is a button, not a name.
            if members.count >= 3, Set(names).count == 1 { continue }
            let distinct = Set(names).count
            if distinct > (best?.names ?? 0) { best = (candidate, distinct) }
        }
        return best.map { FieldRule([$0.path]) }
    }

    /// A path relative to each member that reaches its node of `pairs`, by id prefix or class.
    private func relativePath(pairs: [(HTMLNode, HTMLNode)], document: HTMLDocument) throws -> String? {
        guard let (_, first) = pairs.first else { return nil }
        var candidates: [String] = []
        let ids = pairs.compactMap { $0.1.attribute("id") }
        if ids.count == pairs.count, let prefix = Self.commonIDPrefix(ids) { candidates.append(".//\(first.name)[starts-with(@id,'\(prefix)')]") }
        for token in Self.sharedClasses(pairs.map(\.1)) {
            candidates.append(".//\(first.name)[contains(concat(' ', normalize-space(@class), ' '), ' \(token) ')]")
        }
        for attribute in ["itemprop", "component", "data-role"] {
            if let value = first.attribute(attribute), pairs.allSatisfy({ $0.1.attribute(attribute) == value }) {
                candidates.append(".//\(first.name)[@\(attribute)='\(value)']")
            }
        }
        for candidate in candidates {
            let right = try pairs.allSatisfy { member, node in try document.nodes(candidate, in: member).first?.pointer == node.pointer }
            if right { return candidate }
        }
        return nil
    }

    private func nextPagePath(_ document: HTMLDocument) throws -> String? {
        if try document.text("//a[@rel='next']/@href | //link[@rel='next']/@href") != nil { return "(//a[@rel='next']/@href | //link[@rel='next']/@href)[1]" }
        for anchor in try document.nodes("//a[@href]") where GenericExtractor.nextWords.contains(anchor.text.lowercased()) {
            return "(//a[normalize-space(.)='\(anchor.text)']/@href)[1]"
        }
        return nil
    }

    /// The thread id's pattern, from where the page's URL keeps it; the canonical link first.
    func threadIDRule(url: String) -> FieldRule {
        let id = GenericExtractor.threadID(fromURL: url)
        // Without a number, the URL's path is the thread's id.
        var pattern = id.allSatisfy(\.isNumber) ? "(\\d+)" : "^(?:https?://[^/]+)?(/[^?#]*)"
        if id.allSatisfy(\.isNumber), let components = URLComponents(string: url) {
            if let key = components.queryItems?.first(where: { $0.value == id })?.name {
                pattern = "[?&]\(NSRegularExpression.escapedPattern(for: key))=(\\d+)"
            } else if components.path.contains("-t" + id) {
                pattern = "-t(\\d+)"
            } else if let range = components.path.range(of: id) {
                let before = components.path[..<range.lowerBound].suffix(while: { !$0.isNumber && $0 != "/" })
                let lead = components.path[..<range.lowerBound].last == "/" ? "/" + before : String(before)
                pattern = NSRegularExpression.escapedPattern(for: lead.isEmpty ? "/" : lead) + "(\\d+)"
            }
        }
        return FieldRule(["//link[@rel='canonical']/@href"], pattern: pattern)
    }

    // MARK: Board pages

    private func suggestBoard(_ document: HTMLDocument, url: String, notes: inout [String]) throws -> SiteProfile.BoardRules? {
        var best: (members: [HTMLNode], links: [HTMLNode])?
        for members in try generic.groups(in: document) {
            var links: [HTMLNode] = []
            for member in members {
                let anchors = try document.nodes(".//a[@href]", in: member).filter {
                    let href = $0.attribute("href") ?? ""
                    return !GenericExtractor.notThread.isMatch(href) && !GenericExtractor.userLink.isMatch(href)
                }
                // A link that says it is a thread (thread, topic, tid=), else the row's longest-titled link.
                let named = anchors.filter { GenericExtractor.threadLink.isMatch($0.attribute("href") ?? "") && $0.text.count >= 4 }
                if let link = (named.isEmpty ? anchors : named).max(by: { $0.text.count < $1.text.count }), link.text.count >= 4 { links.append(link) }
            }
            if links.count == members.count, links.count >= 2, links.count > (best?.links.count ?? 0) { best = (members, links) }
        }
        guard let (members, links) = best, let threads = try blockPath(members, document: document),
              let link = try relativePath(pairs: Array(zip(members, links)), document: document) else {
            notes.append("board: no repeated rows with thread links were found")
            return nil
        }
        notes.append("board: \(members.count) thread rows at \(threads)")
        let sampleURL = SiteExtractor.resolve(links[0].attribute("href") ?? "", against: url) ?? url
        var id = threadIDRule(url: sampleURL)
        id.xpaths = [link + "/@href"]
        // A reply count: a cell holding only a number in every row, named by its class.
        var replies: FieldRule?
        for node in try document.nodes(".//*[not(*)]", in: members[0]) where !node.text.isEmpty
            && node.text.allSatisfy({ $0.isNumber || $0 == "," || $0 == "." }) {
            let candidate = Self.relative(node)
            if try members.allSatisfy({ try document.text(candidate, in: $0).map { !$0.isEmpty && $0.allSatisfy { $0.isNumber || $0 == "," || $0 == "." } } ?? false }) {
                replies = FieldRule([candidate], pattern: "([\\d,.]+)")
                notes.append("board: reply counts from \(candidate) (check that it is replies, not views)")
                break
            }
        }
        if replies == nil { notes.append("board: no reply count found; changes are seen by the rows' text") }
        return SiteProfile.BoardRules(threads: threads, link: link, threadID: id, replies: replies, nextPage: try nextPagePath(document))
    }

    // MARK: Naming nodes

    /// `.//tag[class]` for a node, by its first class, else its tag alone.
    static func relative(_ node: HTMLNode) -> String {
        if let step = step(node) { return ".//" + step }
        // A bare element is named through its nearest named ancestor (em#authorposton12 > span).
        var ancestor = node.pointer.pointee.parent
        var hops = 0
        while let current = ancestor, current.pointee.type == XML_ELEMENT_NODE, hops < 3 {
            if let named = step(HTMLNode(pointer: current, document: node.document)) { return ".//\(named)//\(node.name)" }
            ancestor = current.pointee.parent
            hops += 1
        }
        return ".//\(node.name)"
    }

    /// `tag[starts-with(@id,…)]` or `tag[class]` for a node with a numbered id or a class.
    private static func step(_ node: HTMLNode) -> String? {
        if let id = node.attribute("id"), let prefix = commonIDPrefix([id]) { return "\(node.name)[starts-with(@id,'\(prefix)')]" }
        if let token = classes(of: node).first { return "\(node.name)[contains(concat(' ', normalize-space(@class), ' '), ' \(token) ')]" }
        return nil
    }

    static func classes(of node: HTMLNode) -> [String] {
        (node.attribute("class") ?? "").split(separator: " ").map(String.init).filter { token in
            !token.isEmpty && !token.contains(where: \.isNumber) && !token.contains("'")
        }
    }

    /// Class tokens every node has, most specific (longest) first.
    static func sharedClasses(_ nodes: [HTMLNode]) -> [String] {
        guard let first = nodes.first else { return [] }
        var shared = Set(classes(of: first))
        for node in nodes.dropFirst() { shared.formIntersection(classes(of: node)) }
        return shared.sorted { ($0.count, $0) > ($1.count, $1) }
    }

    /// The letters every id starts with before its digits (`post_`, `pid`), when they share one.
    static func commonIDPrefix(_ ids: [String]) -> String? {
        let prefixes = Set(ids.map { String($0.prefix { !$0.isNumber }) })
        guard prefixes.count == 1, let prefix = prefixes.first, !prefix.isEmpty, !prefix.contains("'"),
              ids.allSatisfy({ $0.contains(where: \.isNumber) }) else { return nil }
        return prefix
    }
}

private extension Substring {
    /// The longest suffix whose characters all satisfy `keep`.
    func suffix(while keep: (Character) -> Bool) -> Substring {
        var start = endIndex
        while start > startIndex, keep(self[index(before: start)]) { start = index(before: start) }
        return self[start...]
    }
}
