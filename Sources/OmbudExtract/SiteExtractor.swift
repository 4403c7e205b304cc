import Foundation
import OmbudCore

/// Reads board and thread pages through a ``SiteProfile``'s XPath rules.
///
/// Creating one compiles and checks every XPath and pattern of the profile, so a bad profile
/// fails at load, naming the key, not halfway through a crawl.
public struct SiteExtractor: Sendable {
    /// The profile in use.
    public let profile: SiteProfile
    private let boardRules: SiteProfile.BoardRules
    private let threadRules: SiteProfile.ThreadRules
    private let patterns: [String: TextPattern]

    /// Checks `profile` and prepares it. Throws ``OmbudError`` naming the profile and the bad key.
    public init(profile: SiteProfile) throws {
        guard let board = profile.board, let thread = profile.thread else {
            throw OmbudError(code: .siteMissingRules, message: "an HTML profile needs both board: and thread: rules",
                             context: ["site": profile.name, "key": profile.board == nil ? "board" : "thread"],
                             fix: "add the rules (see docs/SITE-PROFILES.md), or set format: to the forum's API reader")
        }
        self.profile = profile
        boardRules = board
        threadRules = thread
        var patterns: [String: TextPattern] = [:]
        for (key, rule) in board.fieldRules + thread.fieldRules {
            for xpath in rule.xpaths { try Self.check(xpath: xpath, key: key, profile: profile.name) }
            if let source = rule.pattern {
                patterns[source] = try OmbudError.locating(["site": profile.name, "key": key]) { try TextPattern(source) }
            }
        }
        for (key, xpath) in board.pathRules + thread.pathRules {
            try Self.check(xpath: xpath, key: key, profile: profile.name)
        }
        if let size = thread.pageSize, size < 1 || thread.pageOffset == nil {
            throw OmbudError(code: .siteMissingRules, message: size < 1 ? "page_size must be 1 or more" : "page_size needs page_offset, the pattern giving the page number",
                             context: ["site": profile.name, "key": "thread.page_size"], fix: "for ?page=N pages write page_offset: 'page=(\\d+)' and page_size: the posts a page holds")
        }
        if let source = thread.pageOffset {
            patterns[source] = try OmbudError.locating(["site": profile.name, "key": "thread.page_offset"]) { try TextPattern(source) }
        }
        self.patterns = patterns
    }

    private static func check(xpath: String, key: String, profile: String) throws {
        guard !xpath.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw OmbudError(code: .xpathInvalid, message: "the XPath is empty", context: ["site": profile, "key": key],
                             fix: "write the XPath, or remove the key if it is optional")
        }
        // `ombud profile suggest` prints //FILL-IN where it found nothing: a placeholder, not a rule.
        guard !xpath.contains("FILL-IN") else {
            throw OmbudError(code: .xpathInvalid, message: "the XPath is still the FILL-IN placeholder of ombud profile suggest",
                             context: ["site": profile, "key": key], fix: "write the XPath for this key (docs/SITE-PROFILES.md, the key table)")
        }
        try OmbudError.locating(["site": profile, "key": key]) { try HTMLDocument.validate(xpath: xpath) }
    }

    /// The threads listed on a board page, and the next page of the list.
    public func board(_ document: HTMLDocument, pageURL: String, source: String, board: String) throws -> BoardPage {
        let rules = boardRules
        var threads: [ForumThread] = []
        for row in try document.nodes(rules.threads) {
            guard let link = try document.nodes(rules.link, in: row).first,
                  let href = link.attribute("href"), let url = Self.resolve(href, against: pageURL),
                  let id = try value(rules.threadID, in: document, at: row) else { continue }
            threads.append(ForumThread(source: source, id: id, title: link.text, board: board, url: url,
                                       replyCount: try rules.replies.flatMap { try value($0, in: document, at: row) }.flatMap(Self.count),
                                       viewCount: try rules.views.flatMap { try value($0, in: document, at: row) }.flatMap(Self.count),
                                       lastPost: try rules.lastPost.flatMap { try value($0, in: document, at: row) }))
        }
        return BoardPage(threads: threads, nextPage: try nextPage(rules.nextPage, in: document, pageURL: pageURL))
    }

    /// The posts of a thread page, and the next page of the thread.
    ///
    /// `threadID` is the id known from the board listing; when nil the profile's `thread_id`
    /// rule must find it. Times resolve with `times`. A post block without an id or body is
    /// skipped and reported in ``ThreadPage/skipped``, never guessed.
    public func thread(_ document: HTMLDocument, pageURL: String, source: String, board: String,
                       threadID: String?, times: PostTimeParser) throws -> ThreadPage {
        let rules = threadRules
        let title = try value(rules.title, in: document, at: nil) ?? ""
        guard let threadID = try threadID ?? rules.threadID.flatMap({ try value($0, in: document, at: nil) ?? idFromURL($0, pageURL) }) else {
            throw OmbudError(code: .extractNoThreadId, message: "the thread page shows no thread id",
                             context: ["site": profile.name, "url": pageURL, "key": "thread.thread_id"],
                             fix: "add a thread.thread_id rule to the site profile whose pattern also matches the page's URL")
        }
        var posts: [Post] = []
        var skipped: [String] = []
        // Posts before this page: the number the URL gives, or with page_size the page number's.
        let number = rules.pageOffset.flatMap { patterns[$0]?.extract(from: pageURL) }.flatMap { Int($0) }
        let offset = number.map { page in rules.pageSize.map { size in max(0, page - 1) * size } ?? page } ?? 0
        for (index, block) in try document.nodes(rules.posts).enumerated() {
            guard let id = try value(rules.postID, in: document, at: block) else {
                skipped.append("post block \(index + 1): no post id")
                continue
            }
            guard let body = try document.nodes(rules.body, in: block).first else {
                skipped.append("post \(id): no body")
                continue
            }
            let drops = try (rules.drop ?? []).flatMap { try document.nodes($0, in: body) }
            guard let timeText = try value(rules.time, in: document, at: block) else {
                skipped.append("post \(id): no time found")
                continue
            }
            guard let postedAt = times.parse(timeText) else {
                skipped.append("post \(id): '\(timeText.prefix(80))' is not a readable or possible time")
                continue
            }
            let author = try value(rules.author, in: document, at: block) ?? ""
            let floorText = try rules.floor.flatMap { try value($0, in: document, at: block) }
            posts.append(Post(source: source, id: id, threadID: threadID, threadTitle: title, board: board,
                              floor: floor(from: floorText) ?? offset + index + 1, author: author,
                              authorID: try rules.authorID.flatMap { try value($0, in: document, at: block) } ?? author,
                              postedAt: postedAt, text: body.postText(skipping: drops), url: pageURL + "#pid" + id,
                              authorPosts: try rules.authorPosts.flatMap { try value($0, in: document, at: block) }.flatMap { Int($0) }))
        }
        return ThreadPage(threadID: threadID, title: title, posts: posts,
                          nextPage: try nextPage(rules.nextPage, in: document, pageURL: pageURL), skipped: skipped)
    }

    private func floor(from text: String?) -> Int? {
        guard let text else { return nil }
        if let named = threadRules.floorNames?.first(where: { text.contains($0.key) }) { return named.value }
        let digits = text.prefix { !$0.isNumber }.count
        return Int(text.dropFirst(digits).prefix { $0.isNumber })
    }

    private func value(_ rule: FieldRule, in document: HTMLDocument, at context: HTMLNode?) throws -> String? {
        for xpath in rule.xpaths {
            guard let text = try document.text(xpath, in: context), !text.isEmpty else { continue }
            guard let source = rule.pattern else { return text }
            if let extracted = patterns[source]?.extract(from: text), !extracted.isEmpty { return extracted }
        }
        return nil
    }

    /// The thread id from the page's own URL, by the rule's pattern, when the page's links do not
    /// show it (Discuz!'s default `forum.php?mod=viewthread&tid=…` pages, for one). The pattern is
    /// matched against the whole URL, path and query, never a fragment of a percent-encoded slug.
    private func idFromURL(_ rule: FieldRule, _ pageURL: String) -> String? {
        guard let source = rule.pattern, let pattern = patterns[source], let url = URL(string: pageURL) else { return nil }
        let whole = url.path + (url.query.map { "?" + $0 } ?? "")
        return pattern.extract(from: whole).flatMap { $0.isEmpty ? nil : $0 }
    }

    private func nextPage(_ xpath: String?, in document: HTMLDocument, pageURL: String) throws -> String? {
        guard let xpath, let href = try document.text(xpath) else { return nil }
        return Self.resolve(href, against: pageURL)
    }

    /// A count as forums print it, with thousands separated (`18,302`, `2.206`, `1 234`).
    static func count(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // 1.2K, 3M: abbreviated, and too coarse to show a new reply; no count, so the last post decides.
        if let last = trimmed.last, "kKmM万千".contains(last) { return nil }
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || ",. '".contains($0)) || $0 == "\u{00A0}" }) else { return Int(trimmed) }
        return Int(trimmed.filter { $0.isASCII && $0.isNumber })
    }

    static func resolve(_ href: String, against base: String) -> String? {
        URL(string: href.trimmingCharacters(in: .whitespaces), relativeTo: URL(string: base))?.absoluteURL.absoluteString
    }
}

/// What a board page lists.
public struct BoardPage: Sendable, Hashable {
    /// Creates a board page.
    public init(threads: [ForumThread], nextPage: String?, replacedBytes: Int = 0) {
        self.threads = threads
        self.nextPage = nextPage
        self.replacedBytes = replacedBytes
    }

    /// Threads in list order.
    public var threads: [ForumThread]
    /// The absolute URL of the next page of the list, if any.
    public var nextPage: String?
    /// Undecodable bytes replaced while reading the page.
    public var replacedBytes = 0
}

/// What a thread page holds.
public struct ThreadPage: Sendable, Hashable {
    /// Creates a thread page.
    public init(threadID: String, title: String, posts: [Post], nextPage: String?, skipped: [String], replacedBytes: Int = 0) {
        self.threadID = threadID
        self.title = title
        self.posts = posts
        self.nextPage = nextPage
        self.skipped = skipped
        self.replacedBytes = replacedBytes
    }

    /// The forum's thread id.
    public var threadID: String
    /// The thread's title.
    public var title: String
    /// The posts in page order.
    public var posts: [Post]
    /// The absolute URL of the next page of the thread, if any.
    public var nextPage: String?
    /// Post blocks that could not be read, with the reason.
    public var skipped: [String]
    /// Undecodable bytes replaced while reading the page.
    public var replacedBytes = 0
}
