import OmbudCore

/// What grading and drafting changed cases reads.
public struct RefreshBatch: Sendable {
    /// The cases to grade and draft.
    public var cases: [Case]
    /// Other cases of the same problems near their time (``Processor/peerQueries(for:limit:)``).
    public var peers: [CasePeer]
    /// What the crawler knows of their threads.
    public var threadStates: [ThreadRef: ThreadState]
    /// Their posts.
    public var posts: [PostKey: Post]
    /// The opening post of each of their threads (a draft is written in its thread's language).
    public var openings: [ThreadRef: Post]

    /// Creates a batch.
    public init(cases: [Case], peers: [CasePeer], threadStates: [ThreadRef: ThreadState], posts: [PostKey: Post],
                openings: [ThreadRef: Post] = [:]) {
        self.openings = openings
        self.cases = cases
        self.peers = peers
        self.threadStates = threadStates
        self.posts = posts
    }
}
