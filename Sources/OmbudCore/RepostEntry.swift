import Foundation

/// A stored post a new one may repeat: what the store offers for repost detection.
public struct RepostEntry: Sendable, Hashable {
    /// The post.
    public var post: PostKey
    /// Its thread.
    public var thread: ThreadRef
    /// When it was posted.
    public var postedAt: Date
    /// Its text.
    public var text: String

    /// Creates an entry.
    public init(post: PostKey, thread: ThreadRef, postedAt: Date, text: String) {
        self.post = post
        self.thread = thread
        self.postedAt = postedAt
        self.text = text
    }
}
