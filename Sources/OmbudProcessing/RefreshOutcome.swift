import OmbudCore

/// Graded cases with their fresh drafts and deadlines, for the store.
public struct RefreshOutcome: Sendable {
    /// The cases, graded, with their threads' replies and views.
    public var cases: [Case]
    /// One draft per thread of each.
    public var drafts: [Draft]
    /// One deadline per case.
    public var deadlines: [Deadline]
    /// Stored cases (among the peers given) graded below hot that share a problem with a case
    /// these grades made hot by the same-problem rule: they belong to that pattern too and must
    /// be graded again (each such case is hot).
    public var regrade: Set<String> = []
}
