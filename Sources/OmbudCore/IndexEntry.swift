import Foundation

/// One row of the persistent candidate index: case `caseID` shows `key`, and its latest post
/// is of `lastSeen`.
public struct IndexEntry: Sendable, Hashable {
    /// A specific, issue, category or band key.
    public var key: UInt64
    /// Whether `key` is a MinHash band (looked up among recent cases only).
    public var isBand: Bool
    /// The case.
    public var caseID: String
    /// The case's latest post time: the newest cases of a key are the ones offered.
    public var lastSeen: Date

    /// Creates an entry.
    public init(key: UInt64, isBand: Bool, caseID: String, lastSeen: Date) {
        self.key = key
        self.isBand = isBand
        self.caseID = caseID
        self.lastSeen = lastSeen
    }
}
