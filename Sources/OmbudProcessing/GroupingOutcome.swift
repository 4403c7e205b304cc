import OmbudCore
import OmbudGrouping

/// What grouping decided, for the store to apply in the pass's transaction.
public struct GroupingOutcome: Sendable {
    /// Cases opened, joined or answered, as they now are (grade and draft them: ``Processor/refresh(_:)``).
    public var cases: [Case] = []
    /// The grouping state of every case changed or rebuilt, by case id.
    public var states: [String: GroupingState] = [:]
    /// Their rows of the candidate index.
    public var index: [IndexEntry] = []
    /// Cases rebuilt from their posts: their old index rows go.
    public var rebuilt: Set<String> = []
    /// The repost sketches of posts that joined a case.
    public var sketches: [PostKey: [UInt64]] = [:]
    /// The posts grouped (whether or not they joined a case).
    public var grouped: [PostKey] = []
    /// Sent replies seen in their threads, with when and where.
    public var confirmed: [Draft] = []
    /// The audit entries of those confirmations.
    public var audit: [AuditEntry] = []

    /// An empty outcome.
    public init() {}
}
