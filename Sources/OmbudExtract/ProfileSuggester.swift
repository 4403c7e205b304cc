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
        // The post blocks: the repeated group whose members each carry an id (a profile needs one:
        // page sections and rating rows have none), whose times run in page order (a thread's posts
        // are in the order they were written; a list of related topics is not), and whose members
        // most carry times and text.
        var best: (members: [HTMLNode], score: (identified: Int, ordered: Int, weight: Double))?
        // Siblings first; blocks spread over several parents only when no siblings will do.
        for groups in [try generic.groups(in: document), try scatteredGroups(in: document)] where best == nil {
            for group in groups {
                // Siblings of a kind that carry no time (a reply box among the posts) are not posts.
                var members: [HTMLNode] = []
                var weight = 0.0
                for member in group where try timeRule(in: [member], document: document, times: times) != nil {
                    members.append(member)
                    weight += 1 + min(Double(member.text.count), 500) / 500
                }
                guard members.count >= 2 else { continue }
                let score = (identified: try idRule(members, document: document) != nil ? 1 : 0,
                             ordered: try timesRunInOrder(members, document: document, times: times) ? 1 : 0, weight: weight)
                if best.map({ score > $0.score }) ?? true { best = (members, score) }
            }
        }
        // Siblings of the same tag that carry a time are posts too, whatever their state class says
        // (NodeBB's li.deleted and li.highlight beside plain li).
        if let found = best?.members, let parent = found[0].pointer.pointee.parent,
           found.allSatisfy({ $0.pointer.pointee.parent == parent }) {
            let siblings = try HTMLNode(pointer: parent, document: document).elementChildren.filter { sibling in
                try sibling.name == found[0].name && timeRule(in: [sibling], document: document, times: times) != nil
            }
            if siblings.count > found.count, try blockPath(siblings, document: document) != nil { best?.members = siblings }
        }
        // Blocks no XPath singles out (vBulletin 3 wraps each post in plain divs beside a last one
        // without a time): the numbered element inside each that holds its time.
        if let found = best?.members, try blockPath(found, document: document) == nil, let cores = try identifiedCores(of: found, document: document, times: times) {
            best?.members = cores
        }
        guard let found = best?.members, let path = try blockPath(found, document: document) else {
            notes.append("thread: no repeated post blocks with times were found")
            return nil
        }
        var members = found, posts = path
        if let typed = Self.postsOfTheOpeningType(members, posts: posts) {
            notes.append("thread: blocks typed \(typed.left.joined(separator: ", ")) beside the opening post's are the forum's events (a rename, a sticky), not posts: left out")
            (members, posts) = (typed.members, typed.posts)
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
        if time.xpaths[0].hasPrefix("concat(") {
            notes.append("thread: the datetime attributes carry no zone and show other clock times than the page prints: read as UTC")
        }
        let author = try authorRule(members, document: document)
        if author == nil { notes.append("thread: no author found in every post block; write author by hand") }
        let bodies = try generic.bodyNodes(of: members, document: document)
        let body = try relativePath(pairs: zip(members, bodies).compactMap { member, node in node.map { (member, $0) } }, document: document)
            ?? ".//*[self::div or self::td][string-length(normalize-space(.)) > 0][1]"
        let title = try document.text("//h1").map { _ in FieldRule(["//h1", "//title"]) } ?? FieldRule(["//title"])
        // The rule reads the canonical link where the page has one: its pattern comes from that link.
        let canonical = try document.text("//link[@rel='canonical']/@href").flatMap { SiteExtractor.resolve($0, against: url) }
        let rules = SiteProfile.ThreadRules(title: title, threadID: threadIDRule(url: canonical ?? url), posts: posts, postID: postID,
                                            author: author ?? FieldRule(["@data-author"]), time: time, body: body,
                                            nextPage: try nextPagePath(document))
        notes.append("thread: quotes of other posts stay in the body: add their XPath under drop:")
        notes.append("thread: floors are counted in page order; for a forum paging by ?page=N add page_offset and page_size")
        return rules
    }

    /// The outermost element inside each of `members` with a numbered id (`div#edit123`), of one
    /// tag and id prefix in all of them, each holding a time: the posts inside anonymous wrappers.
    private func identifiedCores(of members: [HTMLNode], document: HTMLDocument, times: PostTimeParser) throws -> [HTMLNode]? {
        var cores: [HTMLNode] = []
        for member in members {
            let numbered = try document.nodes(".//*[@id]", in: member).first { Self.isNumbered($0.attribute("id") ?? "") }
            guard let core = numbered, try timeRule(in: [core], document: document, times: times) != nil else { return nil }
            cores.append(core)
        }
        guard Set(cores.map(\.name)).count == 1, Self.commonIDPrefix(cores.compactMap { $0.attribute("id") }) != nil else { return nil }
        return cores
    }

    /// Blocks of one tag and first class spread over several parents (vBulletin 5 keeps the opening
    /// post apart from the replies), none inside another: for a page with one reply.
    private func scatteredGroups(in document: HTMLDocument) throws -> [[HTMLNode]] {
        var byKind: [String: [HTMLNode]] = [:]
        for node in try document.nodes("//body//*[@class]") {
            guard let first = Self.classes(of: node).first else { continue }
            byKind[node.name + "." + first, default: []].append(node)
        }
        return byKind.values.filter { nodes in
            guard (2...200).contains(nodes.count), let parent = nodes[0].pointer.pointee.parent,
                  !nodes.allSatisfy({ $0.pointer.pointee.parent == parent }) else { return false }
            let pointers = Set(nodes.map(\.pointer))
            // None inside another of the group.
            return nodes.allSatisfy { node in
                var ancestor = node.pointer.pointee.parent
                while let current = ancestor {
                    if pointers.contains(current) { return false }
                    ancestor = current.pointee.parent
                }
                return true
            }
        }
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
        if ids.count == members.count, let prefix = Self.commonIDPrefix(ids), ids.allSatisfy(Self.isNumbered) {
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
            if values.allSatisfy({ Self.isNumbered($0) && Self.commonIDPrefix([$0]) == prefix }), Set(values).count == values.count {
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

    /// Whether the blocks' times, read by the rule that reads one in every block, run in page
    /// order, oldest first or newest first.
    private func timesRunInOrder(_ members: [HTMLNode], document: HTMLDocument, times: PostTimeParser) throws -> Bool {
        guard let instants = try timeReading(in: members, document: document, times: times)?.instants else { return false }
        let steps = zip(instants, instants.dropFirst())
        return steps.allSatisfy { $0 <= $1 } || steps.allSatisfy { $0 >= $1 }
    }

    /// Attributes in which forums say what a block is (Flarum's `data-type`: `comment` beside
    /// `discussionRenamed` and `discussionStickied`).
    private static let typeAttributes = ["data-type", "data-post-type", "data-kind"]

    /// When the blocks say what they are and not all say the same, the posts are the blocks of the
    /// opening post's type; the others are events the forum writes into the thread (a rename, a
    /// sticky), not posts. Nil when every block has the same type, or too few would be left.
    private static func postsOfTheOpeningType(_ members: [HTMLNode], posts: String) -> (members: [HTMLNode], posts: String, left: [String])? {
        for name in typeAttributes {
            let types = members.map { $0.attribute(name) ?? "" }
            guard let first = types.first, !first.isEmpty, !first.contains("'"), !types.contains(""), Set(types).count > 1 else { continue }
            let kept = members.filter { $0.attribute(name) == first }
            guard kept.count >= 2 else { return nil }
            let path = posts.contains("|") ? "(\(posts))[@\(name)='\(first)']" : "\(posts)[@\(name)='\(first)']"
            return (kept, path, Set(types).subtracting([first]).sorted())
        }
        return nil
    }

    /// How to read a time in every one of `members`: machine-readable attributes (an absolute
    /// time in `datetime`, `data-time` or a `title`) and printed texts, alone or an attribute with
    /// a text for the blocks without it, as one rule whose first XPath with a value is read, as the
    /// extractor does. Of the rules that read a time in every block, the one whose times run in
    /// page order and differ most wins: a member's join date or a last-edit time also parses, but
    /// posts on a thread page are in the order they were written.
    private func timeRule(in members: [HTMLNode], document: HTMLDocument, times: PostTimeParser) throws -> FieldRule? {
        try timeReading(in: members, document: document, times: times)?.rule
    }

    /// ``timeRule(in:document:times:)`` with each block's time as that rule reads it.
    private func timeReading(in members: [HTMLNode], document: HTMLDocument, times: PostTimeParser) throws -> (rule: FieldRule, instants: [Date])? {
        var attributes = ["@data-timestamp", "@data-time", ".//time/@datetime", ".//*[@datetime]/@datetime", ".//*[@data-time]/@data-time",
                          ".//*[@data-timestamp]/@data-timestamp"]
        var texts: [String] = []
        for member in members.prefix(12) {
            // The block's own time attribute (vBulletin 5's data-node-publishdate, an epoch).
            for name in member.attributeNames where Self.namesATime(name) {
                let path = "@" + name
                if !attributes.contains(path), times.parse(member.attribute(name) ?? "") != nil { attributes.append(path) }
            }
            for node in try document.nodes(".//*[@title or @*[contains(name(),'time') or contains(name(),'date')]]", in: member) {
                for name in node.attributeNames where name == "title" || Self.namesATime(name) {
                    let value = node.attribute(name) ?? ""
                    guard name != "title" || value.contains(":"), times.parse(value) != nil else { continue }
                    for path in try Self.paths(naming: node, in: member, document: document) where !attributes.contains(path + "/@" + name) {
                        attributes.append(path + "/@" + name)
                    }
                }
            }
            // A printed time has more than digits: a bare ten-digit number is a name (a QQ number), not an epoch.
            for node in try document.nodes(".//*[not(*) or count(*) <= 2]", in: member)
                where node.text.count <= 60 && node.text.contains(where: { !$0.isNumber && !$0.isWhitespace }) && times.parse(node.text) != nil {
                for path in try Self.paths(naming: node, in: member, document: document) where !texts.contains(path) { texts.append(path) }
            }
        }
        /// Each block's time by `paths` (the first with a value) and the length of the texts read,
        /// or nil when a block has none.
        func read(_ paths: [String]) throws -> (instants: [Date], length: Int)? {
            var instants: [Date] = []
            var length = 0
            for member in members {
                var found: Date?
                for path in paths {
                    if let text = try document.text(path, in: member), !text.isEmpty { found = times.parse(text); length += text.count; break }
                }
                guard let found else { return nil }
                instants.append(found)
            }
            return (instants, length)
        }
        // An attribute wherever a block has one, the printed text elsewhere: every such pairing.
        let usable = try attributes.filter { path in
            let values = try members.compactMap { try document.text(path, in: $0) }.filter { !$0.isEmpty }
            return !values.isEmpty && values.allSatisfy { times.parse($0) != nil }
        }
        // Ranked: one attribute, two attributes, an attribute then a text, a text (a printed time may
        // be in the reader's zone, not the attribute's).
        var candidates: [(paths: [String], rank: Int)] = usable.map { ([$0], 3) }
        for first in usable { for second in usable where second != first { candidates.append(([first, second], 2)) } }
        for attribute in usable { for text in texts { candidates.append(([attribute, text], 1)) } }
        candidates += texts.map { ([$0], 0) }
        // Then the element that holds little besides the time (the post's own date line, not a
        // block that also shows the member's registration date).
        var best: (paths: [String], instants: [Date], key: (Int, Int, Int, Int))?
        for (paths, rank) in candidates {
            guard let (instants, length) = try read(paths) else { continue }
            let inOrder = zip(instants, instants.dropFirst()).allSatisfy { $0 <= $1 } ? 1 : 0
            let key = (inOrder, Set(instants).count, rank, -length)
            if let best, best.key >= key { continue }
            best = (paths, instants, key)
        }
        guard let best else { return nil }
        // Reading the attribute as UTC shifts every block alike: the instants keep their order.
        if let utc = try zonelessInUTC(best.paths[0], members: members, document: document) {
            return (FieldRule([utc] + best.paths.dropFirst()), best.instants)
        }
        return (FieldRule(best.paths), best.instants)
    }

    /// Whether an attribute's name says it holds a time (`datetime`, `data-time`, `data-timestamp`,
    /// `data-node-publishdate`), not a date format or an update time's label.
    private static func namesATime(_ name: String) -> Bool {
        let name = name.lowercased()
        return (name.contains("time") || name.contains("date")) && !name.contains("format") && !name.hasPrefix("on")
    }

    /// The paths by which `node` is the first of its kind in `member`: its own step (`.//span[DateTime]`),
    /// and that step under its parent's (`.//a[datePermalink]/span[DateTime]`) for the blocks where
    /// a node of its kind comes earlier (an edit note's time inside the message, before the post's own).
    private static func paths(naming node: HTMLNode, in member: HTMLNode, document: HTMLDocument) throws -> [String] {
        var paths: [String] = []
        let own = relative(node)
        // The path must name this node, not an earlier one of its kind (a sidebar's div.pi).
        if try document.nodes(own, in: member).first?.pointer == node.pointer { paths.append(own) }
        if own.hasPrefix(".//"), !own.dropFirst(3).contains("//"), let parent = node.pointer.pointee.parent, parent != member.pointer,
           parent.pointee.type == XML_ELEMENT_NODE, let step = step(HTMLNode(pointer: parent, document: document)) {
            let qualified = ".//\(step)/" + own.dropFirst(3)
            if try document.nodes(qualified, in: member).first?.pointer == node.pointer { paths.append(qualified) }
        }
        return paths
    }

    /// A zoneless ISO `datetime` attribute (`2018-04-24T22:50:36`) is read in the source's time
    /// zone, as the forum's printed times are; but some software writes it in UTC (vBulletin 5).
    /// When every block has the attribute and the clock printed in its element differs from the
    /// attribute's in every block, the attribute is UTC: the rule appends the zone
    /// (`concat(path, 'Z')`, which is never empty, hence every block). Nil when the attribute
    /// carries a zone, a block lacks it, or the clocks agree, differ by half a day (an unread
    /// 下午) or cannot be compared.
    private func zonelessInUTC(_ path: String, members: [HTMLNode], document: HTMLDocument) throws -> String? {
        guard path.hasSuffix("/@datetime") else { return nil }
        let element = String(path.dropLast("/@datetime".count))
        var compared = 0
        for (index, member) in members.enumerated() {
            guard let value = try document.text(path, in: member), let attribute = Self.zonelessClock.firstMatch(in: value) else { return nil }
            guard index < 12 else { continue }   // every block has the attribute; the clocks of a dozen tell
            guard let printed = try document.text(element, in: member),
                  let attributeHour = attribute.groups[0].flatMap({ Int($0) }), let attributeMinute = attribute.groups[1].flatMap({ Int($0) }),
                  let clock = Self.printedClock.firstMatch(in: printed.lowercased()),
                  var hour = clock.groups[0].flatMap({ Int($0) }), let minute = clock.groups[1].flatMap({ Int($0) })
            else { return nil }
            if let half = clock.groups[2] { hour = hour % 12 + (half.hasPrefix("p") ? 12 : 0) }
            if printed.contains("下午") || printed.contains("晚上") { hour = hour % 12 + 12 }
            let apart = abs((hour * 60 + minute) - (attributeHour * 60 + attributeMinute))
            if apart == 0 || apart == 12 * 60 { return nil }
            compared += 1
        }
        return compared > 0 ? "concat(\(path), 'Z')" : nil
    }

    // Fixed patterns, known to compile.
    private static let zonelessClock = try! TextPattern(#"^\s*\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*$"#)
    private static let printedClock = try! TextPattern(#"(?<!\d)(\d{1,2}):(\d{2})(?!\d)(?:\s*([ap])\.?m\b)?"#)

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
        // Elements whose class says they hold a name (Tieba's a.p_author_name, Flarum's span.username
        // inside a link that also holds the avatar's letter).
        // A name is a link's text: the element is a link, inside one, or holds one saying the same
        // (not a "Post by kikinder » 2024-04-10" line, a date or a post count).
        for node in try document.nodes(".//*[@class][ancestor-or-self::a or .//a]", in: members[0]) where !node.text.isEmpty && node.text.count <= 40 {
            let linked = try node.name == "a" || !document.nodes("ancestor::a", in: node).isEmpty
                || document.nodes(".//a", in: node).contains { $0.text == node.text }
            guard linked else { continue }
            for token in Self.classes(of: node) where Self.nameClass.isMatch(token) {
                let candidate = ".//\(node.name)[contains(concat(' ', normalize-space(@class), ' '), ' \(token) ')]"
                if !candidates.contains(candidate) { candidates.append(candidate) }
            }
        }
        // The most different names; of those, one linked to a member's page (not a rank or a group
        // linked to its own page), then the shortest texts (the name without a badge beside it).
        var best: (path: String, key: (Int, Int, Int))?
        for candidate in candidates {
            let names = try members.map { try document.text(candidate, in: $0) ?? "" }
            guard names.allSatisfy({ !$0.isEmpty && $0.count <= 40 }) else { continue }
            // The same word in three or more blocks ("E-mail", "Find") is a button, not a name.
            if members.count >= 3, Set(names).count == 1 { continue }
            let memberLinked = try document.nodes(candidate, in: members[0]).first.map { node in
                try document.nodes("ancestor-or-self::a[@href] | .//a[@href]", in: node)
                    .contains { GenericExtractor.userLink.isMatch($0.attribute("href") ?? "") }
            } ?? false
            let key = (Set(names).count, memberLinked ? 1 : 0, -names.reduce(0) { $0 + $1.count })
            if let best, best.key >= key { continue }
            best = (candidate, key)
        }
        return best.map { FieldRule([$0.path]) }
    }

    /// A class token that names a person: `username`, `p_author_name`, `poster`, `post-author`.
    private static let nameClass = try! TextPattern(#"(user|author|poster|nick)"#, caseInsensitive: true)

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
        // Of the groups of rows, those whose rows mostly name a member (a thread's author) before a
        // menu's, then the most rows.
        var best: (members: [HTMLNode], links: [HTMLNode], threads: String, link: String, key: (Int, Int))?
        for group in try generic.groups(in: document) {
            // The rows with a thread link; siblings without one (Discuz!'s separator row between the
            // stickies and the others) are not rows.
            var members: [HTMLNode] = []
            var links: [HTMLNode] = []
            var authored = 0
            for member in group {
                let all = try document.nodes(".//a[@href]", in: member)
                let anchors = all.filter {
                    let href = $0.attribute("href") ?? ""
                    return !GenericExtractor.notThread.isMatch(href) && !GenericExtractor.userLink.isMatch(href)
                }
                // A link that says it is a thread (thread, topic, tid=), else the row's longest-titled link.
                let named = anchors.filter { GenericExtractor.threadLink.isMatch($0.attribute("href") ?? "") && $0.text.count >= 4 }
                if let link = (named.isEmpty ? anchors : named).max(by: { $0.text.count < $1.text.count }), link.text.count >= 4 {
                    members.append(member)
                    links.append(link)
                    if all.contains(where: { GenericExtractor.userLink.isMatch($0.attribute("href") ?? "") }) { authored += 1 }
                }
            }
            let key = (2 * authored >= members.count ? 1 : 0, links.count)
            guard links.count >= 2, 2 * links.count >= group.count, best.map({ key > $0.key }) ?? true,
                  let threads = try blockPath(members, document: document),
                  let link = try relativePath(pairs: Array(zip(members, links)), document: document) else { continue }
            best = (members, links, threads, link, key)
        }
        guard let (members, links, threads, link, _) = best else {
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

    /// Whether `id` is letters and then digits only (`post_123`, not `post_rate_123x`).
    static func isNumbered(_ id: String) -> Bool {
        commonIDPrefix([id]).map { id.dropFirst($0.count).allSatisfy(\.isNumber) } ?? false
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
