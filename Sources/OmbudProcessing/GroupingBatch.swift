import Foundation
import OmbudCore
import OmbudGrouping

/// What grouping judged posts reads: the posts, the cases the store's index offers for them,
/// our sent replies and the time.
public struct GroupingBatch: Sendable {
    /// When the pass runs (for confirmations).
    public var now: Date
    /// Judged posts not yet grouped, in posting order.
    public var pending: [(post: Post, assessment: Assessment)]
    /// The stored cases ``Processor/lookup(for:)`` reaches, each with its grouping state (nil
    /// when it must be rebuilt from `posts`).
    public var cases: [(case: Case, state: GroupingState?)]
    /// The posts of the cases without a grouping state.
    public var posts: [PostKey: Post]
    /// Our sent replies not yet seen in their threads.
    public var sent: [Draft]

    /// Creates a batch.
    public init(now: Date, pending: [(post: Post, assessment: Assessment)], cases: [(case: Case, state: GroupingState?)],
                posts: [PostKey: Post] = [:], sent: [Draft]) {
        self.now = now
        self.pending = pending
        self.cases = cases
        self.posts = posts
        self.sent = sent
    }
}
