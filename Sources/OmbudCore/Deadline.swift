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
    /// When each step of the escalation ladder is reached, in order.
    public var escalations: [Escalation]
    /// When the case was answered (our reply posted, or an official account's post in its thread).
    public var answeredAt: Date?

    /// Creates a deadline.
    public init(caseID: String, startsAt: Date, dueAt: Date, policy: String, escalations: [Escalation] = [], answeredAt: Date? = nil) {
        self.caseID = caseID
        self.startsAt = startsAt
        self.dueAt = dueAt
        self.policy = policy
        self.escalations = escalations
        self.answeredAt = answeredAt
    }

    enum CodingKeys: String, CodingKey {
        case caseID, startsAt, dueAt, policy, escalations, answeredAt
    }

    /// Decodes a deadline; one stored before escalation existed has no steps.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        caseID = try container.decode(String.self, forKey: .caseID)
        startsAt = try container.decode(Date.self, forKey: .startsAt)
        dueAt = try container.decode(Date.self, forKey: .dueAt)
        policy = try container.decode(String.self, forKey: .policy)
        escalations = try container.decodeIfPresent([Escalation].self, forKey: .escalations) ?? []
        answeredAt = try container.decodeIfPresent(Date.self, forKey: .answeredAt)
    }

    /// Whether the answer came in time; nil while unanswered.
    public var metDeadline: Bool? { answeredAt.map { $0 <= dueAt } }

    /// One step of the escalation ladder, placed in time for this case.
    public struct Escalation: Sendable, Hashable, Codable {
        /// The step's name (`reminder`, `warning`, `breach`).
        public var step: String
        /// When the case reaches it.
        public var at: Date
        /// Whom it addresses (`owner`, `supervisor`, `department_head`).
        public var roles: [String]

        /// Creates a placed step.
        public init(step: String, at: Date, roles: [String]) {
            self.step = step
            self.at = at
            self.roles = roles
        }
    }

    /// Seconds left at `now`; negative once overdue.
    public func timeLeft(at now: Date) -> TimeInterval { dueAt.timeIntervalSince(now) }

    /// Whether the deadline has passed at `now`.
    public func isOverdue(at now: Date) -> Bool { now > dueAt }
}
