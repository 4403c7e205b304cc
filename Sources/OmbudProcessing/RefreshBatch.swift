import OmbudCore

/// What grading and drafting changed cases reads.
public struct RefreshBatch: Sendable {
    /// The cases to grade and draft.
    public var cases: [Case]
    /// Other cases of their categories near their time (``Processor/peerQueries(for:limit:)``).
    public var peers: [CasePeer]
    /// What the crawler knows of their threads.
    public var threadStates: [ThreadRef: ThreadState]
    /// Their posts.
    public var posts: [PostKey: Post]

    /// Creates a batch.
    public init(cases: [Case], peers: [CasePeer], threadStates: [ThreadRef: ThreadState], posts: [PostKey: Post]) {
        self.cases = cases
        self.peers = peers
        self.threadStates = threadStates
        self.posts = posts
    }
}
