import Foundation

/// When a case must be answered, and why that time.
public struct Deadline: Sendable, Hashable, Codable {
    /// The case.
    public var caseID: String
    /// When the clock started: the first complaint post, or the start of the next working period.
    public var startsAt: Date
    /// When the reply is due.
    public var dueAt: Date
    /// The policy that set the limit (for example `online.major`).
    public var policy: String

    /// Creates a deadline.
    public init(caseID: String, startsAt: Date, dueAt: Date, policy: String) {
        self.caseID = caseID
        self.startsAt = startsAt
        self.dueAt = dueAt
        self.policy = policy
    }

    /// Seconds left at `now`; negative once overdue.
    public func timeLeft(at now: Date) -> TimeInterval { dueAt.timeIntervalSince(now) }

    /// Whether the deadline has passed at `now`.
    public func isOverdue(at now: Date) -> Bool { now > dueAt }
}
