import OmbudCore

/// The places and days one thread's posts named: all a draft for that thread may name, so a
/// reply never cites a building or a date from another thread of its case.
public struct ThreadMentions: Sendable, Hashable {
    /// The places as written (3栋, 地库, block 3), first named first.
    public var places: [String]
    /// The days, `MM-DD`, first named first.
    public var dates: [String]

    /// Creates a thread's mentions.
    public init(places: [String], dates: [String]) {
        self.places = places
        self.dates = dates
    }
}
