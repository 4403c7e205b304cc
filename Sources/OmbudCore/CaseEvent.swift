import Foundation

/// A change a person made to how posts are grouped: a merge or a split, with who did it.
///
/// Grouping decides on its own; people correct it from the dashboard, and every correction is
/// kept so a supervisor can see why a case holds the posts it holds.
public struct CaseEvent: Sendable, Hashable, Codable {
    /// What was done.
    public enum Action: String, Sendable, Hashable, Codable {
        /// Other cases were merged into this one.
        case merge
        /// Posts were moved out of this case into a new one.
        case split
    }

    /// When it was done.
    public var at: Date
    /// Who did it (the dashboard account).
    public var actor: String
    /// Merge or split.
    public var action: Action
    /// The case that received the posts (merge) or gave them up (split).
    public var caseID: String
    /// The cases merged away (merge) or the new case (split).
    public var otherCaseIDs: [String]
    /// The posts that moved.
    public var posts: [PostKey]

    /// Creates an event.
    public init(at: Date, actor: String, action: Action, caseID: String, otherCaseIDs: [String], posts: [PostKey]) {
        self.at = at
        self.actor = actor
        self.action = action
        self.caseID = caseID
        self.otherCaseIDs = otherCaseIDs
        self.posts = posts
    }
}
