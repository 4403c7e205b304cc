import Foundation

/// What grading a case needs to know of another case: its category, when it began and who
/// complained (the "same type" rule counts people across cases of one category).
public struct CasePeer: Sendable, Hashable {
    /// The case's id.
    public var id: String
    /// Its category.
    public var category: String
    /// Its first post's time.
    public var firstSeen: Date
    /// Its complainants' author ids.
    public var complainants: Set<String>

    /// Creates a peer.
    public init(id: String, category: String, firstSeen: Date, complainants: Set<String>) {
        self.id = id
        self.category = category
        self.firstSeen = firstSeen
        self.complainants = complainants
    }
}

extension Case {
    /// What grading another case needs to know of this one.
    public var peer: CasePeer {
        CasePeer(id: id, category: category, firstSeen: firstSeen, complainants: complainants)
    }
}
