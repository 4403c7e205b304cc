import Foundation

/// One forum post as extracted from a thread page: the unit that triage assesses.
///
/// A post is identified by ``key`` (its source plus the forum's own post id): storing the same
/// key twice updates nothing and duplicates nothing.
public struct Post: Sendable, Hashable, Codable {
    /// The configured source (forum) this post was crawled from.
    public var source: String
    /// The forum's own post id (Discuz! `pid`).
    public var id: String
    /// The forum's own thread id (Discuz! `tid`).
    public var threadID: String
    /// The thread's title as the forum shows it.
    public var threadTitle: String
    /// The board (forum section) the thread lives in.
    public var board: String
    /// The floor (楼层) number: 1 for the opening post.
    public var floor: Int
    /// The author's display name.
    public var author: String
    /// The forum's id for the author, or the display name where the forum shows none.
    public var authorID: String
    /// When the post was written, resolved to an absolute time.
    public var postedAt: Date
    /// The post's text with quotes, scripts and markup removed.
    public var text: String
    /// Where a person can read the post.
    public var url: String
    /// How sure extraction is of the fields, 0–1: 1 through a site profile, lower when the
    /// generic extractor guessed the post blocks from the page's structure.
    public var confidence: Double
    /// How many posts the author has made, where the forum shows it next to the post.
    public var authorPosts: Int?

    /// Creates a post from already-extracted fields.
    public init(source: String, id: String, threadID: String, threadTitle: String, board: String,
                floor: Int, author: String, authorID: String, postedAt: Date, text: String, url: String, confidence: Double = 1,
                authorPosts: Int? = nil) {
        self.confidence = confidence
        self.authorPosts = authorPosts
        self.source = source
        self.id = id
        self.threadID = threadID
        self.threadTitle = threadTitle
        self.board = board
        self.floor = floor
        self.author = author
        self.authorID = authorID
        self.postedAt = postedAt
        self.text = text
        self.url = url
    }

    /// The identity that makes a post unique across all sources.
    public var key: PostKey { PostKey(source: source, id: id) }

    /// Whether this post opens its thread (floor 1).
    public var isOpening: Bool { floor == 1 }
}

/// The identity of a post: its source and the forum's own post id.
public struct PostKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The configured source name.
    public var source: String
    /// The forum's own post id.
    public var id: String

    /// Creates a key.
    public init(source: String, id: String) {
        self.source = source
        self.id = id
    }

    /// `source/id`, as shown in logs and on the dashboard.
    public var description: String { "\(source)/\(id)" }

    /// Orders by source, then by numeric post id where both are numbers.
    public static func < (lhs: PostKey, rhs: PostKey) -> Bool {
        if lhs.source != rhs.source { return lhs.source < rhs.source }
        if let l = Int(lhs.id), let r = Int(rhs.id) { return l < r }
        return lhs.id < rhs.id
    }
}
