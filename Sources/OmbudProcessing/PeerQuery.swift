import Foundation

/// Which stored cases grading a case needs as peers: those that raised one of its issues (the
/// same problem) and began within `window` of its first post, the nearest `limit` before and
/// after it.
///
/// The same-type rule needs only to see `same_type_complainants` people (three by default);
/// a bounded number of the nearest cases gives that at a cost that does not grow with a busy
/// forum's history, and the count it prints is then a count among those cases.
public struct PeerQuery: Sendable, Hashable {
    /// The issue (a lexicon's `issue:` label).
    public var issue: String
    /// The first post of the case graded.
    public var around: Date
    /// How far before and after it peers count.
    public var window: TimeInterval
    /// The most peers on each side.
    public var limit: Int
}
