import Foundation

/// A message that a case has reached a step of the escalation ladder: a reminder to its owner,
/// a warning to the supervisor, a breach to the supervisor and the department head.
public struct Notice: Sendable, Hashable, Codable {
    /// The case.
    public var caseID: String
    /// The step reached (`reminder`, `warning`, `breach`).
    public var step: String
    /// The roles the step addresses (`owner`, `supervisor`, `department_head`).
    public var roles: [String]
    /// Who they are, as configured (names or @handles), in the order of ``roles``.
    public var people: [String]
    /// When the step was reached.
    public var reachedAt: Date
    /// When the case's reply is due.
    public var dueAt: Date
    /// The case's severity, category name, complainants and first post, for the message.
    public var severity: Severity
    /// The category as staff name it.
    public var category: String
    /// Distinct complainants.
    public var complainants: Int
    /// The opening words of the case's first post.
    public var excerpt: String
    /// Where to act on it (the dashboard's case anchor), if the dashboard's address is known.
    public var link: String?

    /// Creates a notice.
    public init(caseID: String, step: String, roles: [String], people: [String], reachedAt: Date, dueAt: Date, severity: Severity,
                category: String, complainants: Int, excerpt: String, link: String?) {
        self.caseID = caseID
        self.step = step
        self.roles = roles
        self.people = people
        self.reachedAt = reachedAt
        self.dueAt = dueAt
        self.severity = severity
        self.category = category
        self.complainants = complainants
        self.excerpt = excerpt
        self.link = link
    }

    /// Whether the reply is overdue when the notice is sent.
    public var isBreach: Bool { reachedAt >= dueAt }

    /// The notice as one plain-text message (Chinese first, as staff read it, with the English terms).
    public func text(now: Date, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let left = Int(dueAt.timeIntervalSince(now) / 60)
        let clock = left >= 0 ? "剩余 \(left / 60)小时\(left % 60)分 (time left)" : "已超时 \(-left / 60)小时\(-left % 60)分 (overdue)"
        var lines = ["【Ombud \(step)】案件 \(caseID) · \(category) · \(severity.chineseName) \(severity.rawValue)",
                     "回复期限 \(formatter.string(from: dueAt))，\(clock)；投诉人 \(complainants) 位",
                     "「\(excerpt)」"]
        if !people.isEmpty { lines.append("请 \(people.joined(separator: "、")) 处理") }
        if let link { lines.append(link) }
        return lines.joined(separator: "\n")
    }
}

/// What became of sending one notice through one notifier: sent once, or failed and retried.
public struct NoticeRecord: Sendable, Hashable, Codable {
    /// The case.
    public var caseID: String
    /// The escalation step.
    public var step: String
    /// The configured notifier's name.
    public var notifier: String
    /// Attempts made so far.
    public var attempts: Int
    /// When it went out; nil until then.
    public var sentAt: Date?
    /// When to try again after a failure.
    public var retryAt: Date?
    /// The last failure, as the notifier reported it.
    public var lastError: String?
    /// What the record means now.
    public var state: State

    /// Where a notice stands.
    public enum State: String, Sendable, Hashable, Codable {
        /// Delivered; never sent again.
        case sent
        /// Failed; tried again from ``NoticeRecord/retryAt``.
        case retrying
        /// Failed every allowed attempt; left for people to see in the log and `ombud sla`.
        case failed
        /// A later step was reached before this one went out, so only the later one was sent.
        case superseded
    }

    /// Creates a record.
    public init(caseID: String, step: String, notifier: String, attempts: Int, sentAt: Date?, retryAt: Date?, lastError: String?,
                state: State) {
        self.caseID = caseID
        self.step = step
        self.notifier = notifier
        self.attempts = attempts
        self.sentAt = sentAt
        self.retryAt = retryAt
        self.lastError = lastError
        self.state = state
    }
}
