import Foundation

/// What the crawler last knew of a thread: enough to fetch only what changed.
public struct ThreadState: Sendable, Hashable, Codable {
    /// The source.
    public var source: String
    /// The forum's thread id.
    public var threadID: String
    /// The reply count the board list showed.
    public var replyCount: Int?
    /// The view count the board list showed, where the forum shows one.
    public var viewCount: Int?
    /// The last-post time the board list showed, as printed.
    public var lastPost: String?
    /// The last page of the thread fetched: new replies appear there first.
    public var lastPageURL: String

    /// Creates a state.
    public init(source: String, threadID: String, replyCount: Int?, lastPost: String?, lastPageURL: String, viewCount: Int? = nil) {
        self.viewCount = viewCount
        self.source = source
        self.threadID = threadID
        self.replyCount = replyCount
        self.lastPost = lastPost
        self.lastPageURL = lastPageURL
    }
}
