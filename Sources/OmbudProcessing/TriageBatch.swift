import OmbudCore

/// What judging new posts reads: the posts, their threads, earlier posts they may repeat and
/// the replies we sent that they may echo.
public struct TriageBatch: Sendable {
    /// The posts not yet judged.
    public var fresh: [Post]
    /// Each of their threads, every stored post in reading order with its verdict if it has one.
    public var threads: [ThreadRef: [(post: Post, assessment: Assessment?)]]
    /// Stored posts the new ones may repeat (``Processor/repostKeys(for:)`` finds them).
    public var earlier: [RepostEntry]
    /// Our sent replies not yet seen in their threads.
    public var sent: [Draft]

    /// Creates a batch.
    public init(fresh: [Post], threads: [ThreadRef: [(post: Post, assessment: Assessment?)]], earlier: [RepostEntry], sent: [Draft]) {
        self.fresh = fresh
        self.threads = threads
        self.earlier = earlier
        self.sent = sent
    }
}
