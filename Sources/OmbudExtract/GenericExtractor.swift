import Foundation
import OmbudCore

/// Reads a forum that has no site profile by its structure: the largest group of sibling blocks of
/// the same kind that carry text and a time are its posts; on a board, the repeated rows with a
/// link are its threads. Posts read this way carry ``confidence`` (0.5): the dashboard shows them
/// as guesses, and a profile should be written for the forum (docs/SITE-PROFILES.md).
///
/// It never passes a guess off as a reading: a page where it finds no posts (or no threads) is an
/// error (`extract.unreadable`), and a page whose blocks do not look enough like posts (too few
/// carry a time and an author: ``leastCertainty``) is refused as `extract.uncertain`, so the crawl
/// shows it as a failing page for a person, and nothing of it is stored. Thread ids come from the
/// page's URL read whole (``threadID(fromURL:)``).
public struct GenericExtractor: PageExtractor {
    /// The confidence given to posts found by structure.
    public static let confidence = 0.5
    /// The least share of a page's blocks that must carry both a time and an author for them to be
    /// taken as posts.
    public static let leastCertainty = 0.75

    /// Creates the extractor.
    public init() {}

    /// A link to a member's page. The words stand alone, not inside a slug: `espace-diamant-t438`
    /// and `remember-when` are threads.
    static let userLink = try! TextPattern(#"(uid=|[?&]u=|/u(ser)?s?/|/user-\d|(?<![a-z])(member|membre|mitglied|profile)|(?<![a-z])space(?![a-z]))"#,
                                           caseInsensitive: true)
    private static let userID = try! TextPattern(#"(?:uid=|[?&]u=|/u(?:ser)?s?/)([\w-]+)"#, caseInsensitive: true)
    private static let number = try! TextPattern(#"(\d+)"#)
    static let threadLink = try! TextPattern(#"(thread|topic|tid=|[?&]t=|/t/|showthread|viewtopic)"#, caseInsensitive: true)
    static let notThread = try! TextPattern(#"(lastpost|goto=|redirect|[?&]page=|#)"#, caseInsensitive: true)
    static let nextWords: Set<String> = ["下一页", "下页", "下一頁", "next", "next »", "next ›", "›", "»", "next page"]

    private struct Group {
        var members: [HTMLNode]
        var score: Double
    }

    /// Groups the element children of every element by kind (tag and first class, digits removed)
    /// and returns those with at least two members.
    func groups(in document: HTMLDocument) throws -> [[HTMLNode]] {
        var result: [[HTMLNode]] = []
        for parent in try document.nodes("//body//*") {
            // In the order each kind first appears: the same page gives the same groups in the same order.
            var byKind: [String: [HTMLNode]] = [:]
            var kinds: [String] = []
            for child in parent.elementChildren {
                let firstClass = child.attribute("class")?.split(separator: " ").first.map { String($0).filter { !$0.isNumber } } ?? ""
                let kind = "\(child.name).\(firstClass)"
                if byKind[kind] == nil { kinds.append(kind) }
                byKind[kind, default: []].append(child)
            }
            result += kinds.compactMap { byKind[$0] }.filter { $0.count >= 2 }
        }
        return result
    }

    public func thread(_ bytes: [UInt8], charset: String?, pageURL: String, source: String, board: String, threadID: String?,
                       times: PostTimeParser) throws -> ThreadPage {
        let document = try HTMLDocument(bytes: bytes, url: pageURL, charset: charset)
        var best: Group?
        for members in try groups(in: document) {
            var score = 0.0
            var timed = 0
            for member in members {
                let text = member.text
                if times.parse(text) != nil { timed += 1; score += 1 }
                score += min(Double(text.count), 500) / 500
                if try document.nodes(".//a[@href]", in: member).contains(where: { Self.userLink.isMatch($0.attribute("href") ?? "") }) {
                    score += 0.5
                }
            }
            guard timed >= 2 || (timed == members.count && timed >= 1) else { continue }
            if score > (best?.score ?? 0) { best = Group(members: members, score: score) }
        }
        guard let best else {
            throw OmbudError(code: .extractUnreadable, message: "no repeated blocks with text and times: the generic reader finds no posts here",
                             context: ["url": pageURL], fix: "write a site profile for this forum (docs/SITE-PROFILES.md, or ombud profile suggest)")
        }
        let title = try document.text("//h1") ?? document.text("//title")?.components(separatedBy: " - ").first ?? ""
        let thread = threadID ?? Self.threadID(fromURL: pageURL)
        var posts: [Post] = []
        var skipped: [String] = []
        let bodies = try bodyNodes(of: best.members, document: document)
        for (index, member) in best.members.enumerated() {
            let text = member.text
            guard let postedAt = try time(in: member, document: document, times: times) ?? times.parse(text) else {
                skipped.append("block \(index + 1): no time")
                continue
            }
            let userAnchor = try document.nodes(".//a[@href]", in: member)
                .first { Self.userLink.isMatch($0.attribute("href") ?? "") && !$0.text.isEmpty }
            let author = userAnchor?.text ?? ""
            let body = bodies[index] ?? member
            let drops = try document.nodes(".//blockquote | .//*[contains(@class,'quote')] | .//script | .//style", in: body)
            let id = member.attribute("id").flatMap { Self.number.extract(from: $0) }
                ?? String(FNV1a.digest(scalarsOf: text), radix: 16)
            posts.append(Post(source: source, id: id, threadID: thread, threadTitle: title, board: board, floor: index + 1, author: author,
                              authorID: userAnchor?.attribute("href").flatMap { Self.userID.extract(from: $0) } ?? author,
                              postedAt: postedAt, text: body.postText(skipping: drops), url: pageURL, confidence: Self.confidence))
        }
        // Posts have authors and times; board descriptions, menus and footers mostly do not.
        let certain = Double(posts.filter { !$0.author.isEmpty }.count) / Double(best.members.count)
        guard certain >= Self.leastCertainty else {
            throw OmbudError(code: .extractUncertain,
                             message: "the generic reader is not sure these are posts: \(posts.filter { !$0.author.isEmpty }.count) of \(best.members.count) blocks have a time and an author",
                             context: ["url": pageURL], fix: "write a site profile for this forum (docs/SITE-PROFILES.md, or ombud profile suggest), or drop the page")
        }
        return ThreadPage(threadID: thread, title: title, posts: posts, nextPage: try nextPage(document, pageURL: pageURL), skipped: skipped,
                          replacedBytes: document.replacedBytes)
    }

    /// A machine-readable time inside the block (`<time datetime>`, a `title` holding a date), if any.
    private func time(in member: HTMLNode, document: HTMLDocument, times: PostTimeParser) throws -> Date? {
        for node in try document.nodes(".//time/@datetime | .//*[@title]/@title | .//*[@data-time]/@data-time", in: member) {
            // A title with only a date (MyBB's "11-18-2026" over "Today") is not the post's time.
            let text = node.text
            guard node.name != "title" || text.contains(":") else { continue }
            if let date = times.parse(text) { return date }
        }
        return nil
    }

    /// Each block's message: the element kind (a path of tag.class from the block) that holds
    /// most of what differs from block to block, and the least of the rest. Words that most blocks
    /// share ("发表于", "Quote", ranks) are chrome; what remains is the blocks' own content.
    func bodyNodes(of members: [HTMLNode], document: HTMLDocument) throws -> [HTMLNode?] {
        guard members.count >= 2 else { return members.map { $0 } }
        let words = { (text: String) in text.split(separator: " ").map(String.init) }
        var counts: [String: Int] = [:]
        for member in members { for word in Set(words(member.text)) { counts[word, default: 0] += 1 } }
        let chrome = Set(counts.filter { $0.value >= max(2, members.count / 2) }.keys)
        // Long runs of distinct words weigh most: a message outweighs a name or a post count.
        let content = { (text: String) in words(text).filter { !chrome.contains($0) }.reduce(0) { $0 + $1.count * $1.count } }

        var byPath: [String: [Int: HTMLNode]] = [:]
        for (index, member) in members.enumerated() {
            var stack: [(HTMLNode, String)] = [(member, "")]
            while let (node, path) = stack.popLast() {
                for child in node.elementChildren where !["script", "style", "blockquote"].contains(child.name) {
                    let kind = child.name + "." + (child.attribute("class")?.split(separator: " ").first.map { String($0).filter { !$0.isNumber } } ?? "")
                    let childPath = path + "/" + kind
                    if byPath[childPath]?[index] == nil { byPath[childPath, default: [:]][index] = child }
                    stack.append((child, childPath))
                }
            }
        }
        var scored: [(path: String, content: Int, total: Int)] = []
        for (path, nodes) in byPath where Double(nodes.count) >= 0.8 * Double(members.count) {
            let texts = nodes.values.map(\.text)
            scored.append((path, texts.reduce(0) { $0 + content($1) }, texts.reduce(0) { $0 + $1.count }))
        }
        guard let most = scored.map(\.content).max(), most > 0 else { return members.map { $0 } }
        // Of the kinds that keep nearly all the content, the one with the least text besides it; of
        // nested kinds with the same text, the innermost (the message, not its wrappers), so that
        // the same page always gives the same answer.
        guard let path = scored.filter({ Double($0.content) >= 0.8 * Double(most) })
            .min(by: { ($0.total, -$0.path.count, $0.path) < ($1.total, -$1.path.count, $1.path) })?.path,
              let nodes = byPath[path] else { return members.map { $0 } }
        return members.indices.map { nodes[$0] }
    }

    public func board(_ bytes: [UInt8], charset: String?, pageURL: String, source: String, board: String) throws -> BoardPage {
        let document = try HTMLDocument(bytes: bytes, url: pageURL, charset: charset)
        var best: (rows: [ForumThread], score: Int)?
        for members in try groups(in: document) {
            var rows: [ForumThread] = []
            for member in members {
                // The row's thread link: its longest-titled link that is not a user's profile.
                let links = try document.nodes(".//a[@href]", in: member).filter { anchor in
                    let href = anchor.attribute("href") ?? ""
                    return !Self.userLink.isMatch(href) && !Self.notThread.isMatch(href)
                }
                let threadLinks = links.filter { Self.threadLink.isMatch($0.attribute("href") ?? "") }
                guard let link = (threadLinks.isEmpty ? links : threadLinks).max(by: { $0.text.count < $1.text.count }), link.text.count >= 4,
                      let href = link.attribute("href"), let url = SiteExtractor.resolve(href, against: pageURL) else { continue }
                let id = Self.threadID(fromURL: url)
                // No reply count to compare: the row's whole text stands for "what changed".
                rows.append(ForumThread(source: source, id: id, title: link.text, board: board, url: url, lastPost: member.text))
            }
            if rows.count >= 2, rows.count > (best?.score ?? 0) { best = (rows, rows.count) }
        }
        guard let rows = best?.rows else {
            throw OmbudError(code: .extractUnreadable, message: "no repeated rows with thread links: the generic reader finds no threads here",
                             context: ["url": pageURL], fix: "write a site profile for this forum (docs/SITE-PROFILES.md, or ombud profile suggest)")
        }
        return BoardPage(threads: rows, nextPage: try nextPage(document, pageURL: pageURL), replacedBytes: document.replacedBytes)
    }

    /// Query keys that name a thread, in the order they are trusted.
    private static let threadKeys = ["tid", "t", "topic", "topicid", "thread", "threadid", "showtopic", "kz", "id"]

    /// A thread's id from its URL, read whole: a thread query value (`tid=`, `t=`, `topic=` …); else
    /// a number standing alone in the decoded path (`/topic/123-slug`, `thread-123-1-1.html`,
    /// `/threads/slug.123/`, `/t/slug/123`), the last such; else the path and query themselves. A
    /// digit inside a percent-encoded slug (`%E6%88%91`) is never taken for an id.
    public static func threadID(fromURL url: String) -> String {
        guard let components = URLComponents(string: url) else { return url }
        let query = components.queryItems ?? []
        for key in threadKeys {
            if let value = query.first(where: { $0.name.lowercased() == key })?.value, !value.isEmpty, value.allSatisfy(\.isNumber) { return value }
        }
        // The decoded path, segment by segment: a number must stand alone in its segment, at its
        // start (123-slug) or at its end (slug.123), never inside a slug (top-10-tips, 2024-fee-rise).
        let path = components.path.removingPercentEncoding ?? components.path
        let segments = path.split(separator: "/").map(String.init)
        let digits = { (text: Substring) in !text.isEmpty && text.count <= 18 && text.allSatisfy { $0.isASCII && $0.isNumber } }
        func number(in segment: String, first: Bool) -> String? {
            let stem = segment.hasSuffix(".html") || segment.hasSuffix(".htm") ? String(segment[..<segment.lastIndex(of: ".")!]) : segment
            if digits(Substring(stem)) { return stem }
            // Discuz! thread-123-1-1, phpBB SEO …-t190
            for prefix in ["thread-", "topic-"] where stem.hasPrefix(prefix) {
                if let run = stem.dropFirst(prefix.count).split(separator: "-").first, digits(run) { return String(run) }
            }
            if let range = stem.range(of: "-t", options: .backwards), digits(stem[range.upperBound...]) { return String(stem[range.upperBound...]) }
            if first, let head = stem.split(separator: "-").first, digits(head) { return String(head) }
            if let dot = stem.lastIndex(of: "."), digits(stem[stem.index(after: dot)...]) { return String(stem[stem.index(after: dot)...]) }
            return nil
        }
        let markers: Set<String> = ["thread", "threads", "topic", "topics", "t", "p", "d", "viewthread", "showthread"]
        // A segment that is the number (or thread-123, slug.123) beats one that starts with it.
        let after = segments.firstIndex(where: { markers.contains($0.lowercased()) }).map { Array(segments[($0 + 1)...]) } ?? []
        for pool in [after, segments.reversed()] {
            for first in [false, true] {
                for segment in pool { if let id = number(in: segment, first: first) { return id } }
            }
        }
        return components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    private func nextPage(_ document: HTMLDocument, pageURL: String) throws -> String? {
        if let rel = try document.text("//a[@rel='next']/@href | //link[@rel='next']/@href") { return SiteExtractor.resolve(rel, against: pageURL) }
        for anchor in try document.nodes("//a[@href]") where Self.nextWords.contains(anchor.text.lowercased()) {
            return anchor.attribute("href").flatMap { SiteExtractor.resolve($0, against: pageURL) }
        }
        return nil
    }
}
