import Foundation

/// What a store must offer a grouping pass: the cases showing these index keys (the newest
/// ``perKey`` of each), the cases showing these MinHash bands lately (the newest
/// ``perBand`` seen since ``bandsSince``), and every case with a post in these threads.
///
/// Made by `Grouper.lookup(for:)` from the posts about to be grouped; the cases it finds are
/// all a pass needs to group them exactly as a grouper holding every case would, up to which
/// of the cases tied on a key are the newest.
public struct CaseLookup: Sendable, Hashable {
    /// Specific, issue and category keys.
    public var keys: Set<UInt64> = []
    /// MinHash band keys.
    public var bands: Set<UInt64> = []
    /// Threads whose cases settle replies and repeats.
    public var threads: Set<ThreadRef> = []
    /// Cases whose id a new case could take (`source-post`), to keep ids unique.
    public var caseIDs: Set<String> = []
    /// The most cases one key yields (the newest by last post).
    public var perKey: Int
    /// The most cases one band yields.
    public var perBand: Int
    /// Bands matter only for cases with a post since then.
    public var bandsSince: Date

    /// An empty lookup.
    public init(perKey: Int, perBand: Int, bandsSince: Date) {
        self.perKey = perKey
        self.perBand = perBand
        self.bandsSince = bandsSince
    }
}
