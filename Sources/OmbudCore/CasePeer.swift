import Foundation

/// What grading a case needs to know of another case: its category, its issues, when it began and
/// who complained (the "same problem" rule counts people across cases sharing an issue).
public struct CasePeer: Sendable, Hashable {
    /// The case's id.
    public var id: String
    /// Its category.
    public var category: String
    /// Its first post's time.
    public var firstSeen: Date
    /// Its complainants' author ids.
    public var complainants: Set<String>
    /// The issues its posts raised (the lexicon's `issue:` labels): what "the same problem" is.
    public var issues: Set<String>
    /// Its severity as last graded.
    public var severity: Severity

    /// Creates a peer.
    public init(id: String, category: String, firstSeen: Date, complainants: Set<String>, issues: Set<String> = [],
                severity: Severity = .general) {
        self.id = id
        self.severity = severity
        self.category = category
        self.firstSeen = firstSeen
        self.complainants = complainants
        self.issues = issues
    }
}

extension Case {
    /// What grading another case needs to know of this one.
    public var peer: CasePeer {
        CasePeer(id: id, category: category, firstSeen: firstSeen, complainants: complainants, issues: Set(issues), severity: severity)
    }
}
