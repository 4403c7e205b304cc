/// Where a forum program keeps threads and posts in its HTML, as XPath: one per forum software.
///
/// Loaded from `config/sites/*.yaml`. Paths under ``BoardRules`` and ``ThreadRules`` marked
/// "relative" are evaluated with the thread row or post block as the context node. A forum read
/// through an API instead of HTML names its `format` (`discourse`) and needs no rules.
public struct SiteProfile: Sendable, Hashable, Codable {
    /// The profile's name, which sources refer to (`site: discuz-x3`).
    public var name: String
    /// The forum software and versions it was written against, for people.
    public var software: String
    /// How pages are read: `html` (the default) through the rules below, or a built-in API reader.
    public var format: Format?
    /// How to read a board's thread list (HTML profiles).
    public var board: BoardRules?
    /// How to read a thread page (HTML profiles).
    public var thread: ThreadRules?

    /// How a profile's pages are read.
    public enum Format: String, Sendable, Hashable, Codable {
        /// HTML pages through XPath rules.
        case html
        /// Discourse's JSON API: `/latest.json` or `/c/{slug}/{id}.json`, and `/t/{slug}/{id}.json`.
        case discourse
        /// Any forum, read by structure: repeated blocks with text and a time are taken as posts
        /// (with a lower ``Post/confidence``). For a forum with no profile yet.
        case generic
    }

    /// Creates a profile.
    public init(name: String, software: String, format: Format? = nil, board: BoardRules? = nil, thread: ThreadRules? = nil) {
        self.name = name
        self.software = software
        self.format = format
        self.board = board
        self.thread = thread
    }

    /// How to read a board page.
    public struct BoardRules: Sendable, Hashable, Codable {
        /// The rows of the thread list (absolute).
        public var threads: String
        /// The thread's link element, whose `href` and text give URL and title (relative).
        public var link: String
        /// The thread id (relative); a `pattern` with one group picks it from the text.
        public var threadID: FieldRule
        /// The reply count (relative), where the list shows one.
        public var replies: FieldRule?
        /// The view count (relative), where the list shows one.
        public var views: FieldRule?
        /// The time of the thread's last post (relative), where the list shows one.
        public var lastPost: FieldRule?
        /// The link to the next page of the list (absolute), if any.
        public var nextPage: String?

        enum CodingKeys: String, CodingKey {
            case threads, link, replies, views
            case threadID = "thread_id"
            case lastPost = "last_post"
            case nextPage = "next_page"
        }

        /// Creates board rules.
        public init(threads: String, link: String, threadID: FieldRule, replies: FieldRule? = nil,
                    views: FieldRule? = nil, lastPost: FieldRule? = nil, nextPage: String? = nil) {
            self.threads = threads
            self.link = link
            self.threadID = threadID
            self.replies = replies
            self.views = views
            self.lastPost = lastPost
            self.nextPage = nextPage
        }
    }

    /// How to read a thread page.
    public struct ThreadRules: Sendable, Hashable, Codable {
        /// The thread's title (absolute).
        public var title: FieldRule
        /// The thread id on a thread page (absolute), for pages reached directly.
        public var threadID: FieldRule?
        /// The post blocks (absolute).
        public var posts: String
        /// The post id (relative).
        public var postID: FieldRule
        /// The floor number (relative); named floors (楼主, 沙发) map through ``floorNames``.
        public var floor: FieldRule?
        /// Names some forums give to the first floors instead of numbers.
        public var floorNames: [String: Int]?
        /// For forums that print no floor numbers: a pattern on the page URL whose number is how
        /// many posts come before this page (phpBB's `start=(\d+)`); floors then count from it.
        public var pageOffset: String?
        /// With ``pageOffset``: the posts a page holds, when the pattern gives a page number
        /// (`page=(\d+)`, `-(\d+)\.html`) rather than the posts before the page; floors on page N
        /// then start at (N − 1) × page_size + 1.
        public var pageSize: Int?
        /// The author's display name (relative).
        public var author: FieldRule
        /// The author's forum id (relative).
        public var authorID: FieldRule?
        /// The author's post count shown beside the post (relative), where the forum shows one.
        public var authorPosts: FieldRule?
        /// The post time (relative); absolute or relative forms are both understood.
        public var time: FieldRule
        /// The post body (relative).
        public var body: String
        /// Parts of the body that are not the author's words: quotes, signatures, edit notices (relative to the body).
        public var drop: [String]?
        /// The link to the next page of the thread (absolute), if any.
        public var nextPage: String?

        enum CodingKeys: String, CodingKey {
            case title, posts, floor, author, time, body, drop
            case threadID = "thread_id"
            case postID = "post_id"
            case floorNames = "floor_names"
            case pageOffset = "page_offset"
            case pageSize = "page_size"
            case authorID = "author_id"
            case authorPosts = "author_posts"
            case nextPage = "next_page"
        }

        /// Creates thread rules.
        public init(title: FieldRule, threadID: FieldRule? = nil, posts: String, postID: FieldRule,
                    floor: FieldRule? = nil, floorNames: [String: Int]? = nil, pageOffset: String? = nil, author: FieldRule,
                    authorID: FieldRule? = nil, time: FieldRule, body: String, drop: [String]? = nil,
                    nextPage: String? = nil) {
            self.title = title
            self.threadID = threadID
            self.posts = posts
            self.postID = postID
            self.floor = floor
            self.floorNames = floorNames
            self.pageOffset = pageOffset
            self.author = author
            self.authorID = authorID
            self.time = time
            self.body = body
            self.drop = drop
            self.nextPage = nextPage
        }
    }
}

/// One field of a page: XPath expressions tried in order, and an optional regular expression.
///
/// In YAML either a plain XPath string, a list of them (the first that yields text wins), or
/// `{xpath: …, pattern: …}` where the pattern's first capture group (or whole match) is the value.
public struct FieldRule: Sendable, Hashable, Codable {
    /// XPath expressions, tried in order until one yields non-empty text.
    public var xpaths: [String]
    /// A regular expression applied to the text; its first group is the value.
    public var pattern: String?

    /// Creates a rule.
    public init(_ xpaths: [String], pattern: String? = nil) {
        self.xpaths = xpaths
        self.pattern = pattern
    }

    enum CodingKeys: String, CodingKey {
        case xpath, pattern
    }

    /// Decodes the three YAML forms.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let path = try? single.decode(String.self) {
            self.init([path])
            return
        }
        if let single = try? decoder.singleValueContainer(), let paths = try? single.decode([String].self) {
            self.init(paths)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let paths: [String]
        if let one = try? container.decode(String.self, forKey: .xpath) {
            paths = [one]
        } else {
            paths = try container.decode([String].self, forKey: .xpath)
        }
        self.init(paths, pattern: try container.decodeIfPresent(String.self, forKey: .pattern))
    }

    /// Encodes in the shortest of the three YAML forms.
    public func encode(to encoder: any Encoder) throws {
        if pattern == nil {
            var single = encoder.singleValueContainer()
            if xpaths.count == 1 { try single.encode(xpaths[0]) } else { try single.encode(xpaths) }
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        if xpaths.count == 1 { try container.encode(xpaths[0], forKey: .xpath) } else { try container.encode(xpaths, forKey: .xpath) }
        try container.encodeIfPresent(pattern, forKey: .pattern)
    }
}
