import OmbudCore

/// Graded cases with their fresh drafts and deadlines, for the store.
public struct RefreshOutcome: Sendable {
    /// The cases, graded, with their threads' replies and views.
    public var cases: [Case]
    /// One draft per thread of each.
    public var drafts: [Draft]
    /// One deadline per case.
    public var deadlines: [Deadline]
}
