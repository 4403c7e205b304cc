import Foundation

/// A thread as listed on a board page: enough to decide whether to fetch it.
public struct ForumThread: Sendable, Hashable, Codable {
    /// The configured source.
    public var source: String
    /// The forum's own thread id.
    public var id: String
    /// The title as listed.
    public var title: String
    /// The board the thread was listed on.
    public var board: String
    /// The absolute URL of the thread's first page.
    public var url: String
    /// The reply count the board page shows, where it shows one.
    public var replyCount: Int?
    /// The view count the board page shows, where it shows one.
    public var viewCount: Int?
    /// The last-post time the board page shows, as printed, where it shows one.
    public var lastPost: String?

    /// Creates a thread listing.
    public init(source: String, id: String, title: String, board: String, url: String,
                replyCount: Int? = nil, viewCount: Int? = nil, lastPost: String? = nil) {
        self.lastPost = lastPost
        self.source = source
        self.id = id
        self.title = title
        self.board = board
        self.url = url
        self.replyCount = replyCount
        self.viewCount = viewCount
    }
}
