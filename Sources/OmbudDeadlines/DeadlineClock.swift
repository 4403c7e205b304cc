import Foundation
import OmbudCore

/// Computes each case's deadline from its first post, the policy and the working calendar.
///
/// Pure: the calendar owns all the date arithmetic; "now" only enters through ``Deadline/timeLeft(at:)``.
public struct DeadlineClock: Sendable {
    /// The policy in force.
    public let policy: DeadlinePolicy
    /// The working calendar.
    public let calendar: WorkingCalendar
    /// The escalation ladder placed on every deadline.
    public let escalation: EscalationRules
    /// Calendars of departments that keep other hours, by the category ids they handle.
    public let calendarsByCategory: [String: WorkingCalendar]

    /// Checks the policy against the severities and the ladder. Throws ``OmbudError``
    /// `deadlines.*` or `escalation.*` naming the key.
    public init(policy: DeadlinePolicy, calendar: WorkingCalendar, escalation: EscalationRules = .standard,
                calendarsByCategory: [String: WorkingCalendar] = [:]) throws {
        self.escalation = try escalation.validated()
        self.calendarsByCategory = calendarsByCategory
        try Self.check(hours: policy.hours, bySeverity: policy.bySeverity, key: "deadlines")
        if let unknown = (policy.aroundTheClock ?? []).first(where: { Flag(rawValue: $0) == nil }) {
            throw OmbudError(code: .deadlinesUnknownFlag, message: "'\(unknown)' is not a flag", context: ["key": "deadlines.around_the_clock"],
                             fix: "use some of: \(Flag.allCases.map(\.rawValue).joined(separator: ", ")) (default [safety])")
        }
        for (name, channel) in (policy.channels ?? [:]).sorted(by: { $0.key < $1.key }) {
            try Self.check(hours: channel.hours, bySeverity: channel.bySeverity, key: "deadlines.channels.\(name)")
        }
        self.policy = policy
        self.calendar = calendar
    }

    /// The deadline of `subject`, which came in through `channel` (online forums unless a source
    /// says otherwise): the clock starts at its first post (or when work starts, if the policy
    /// says so) and runs for the limit of its severity; each escalation step is placed at its
    /// share of that limit, counted the same way. Carries the case's answer time, if any.
    ///
    /// An emergency (``isEmergency(_:)``) runs around the clock: from its first post, on the wall
    /// clock, whatever the hour; and `escalation.emergency` hears of it at once.
    public func deadline(for subject: Case, channel: String = DeadlinePolicy.online) -> Deadline {
        let own = policy.channels?[channel]
        let emergency = isEmergency(subject)
        let counting = emergency ? .wallClock : own?.counting ?? policy.counting
        let (hours, name) = limit(for: subject.severity, hours: own?.hours ?? policy.hours,
                                  bySeverity: own?.bySeverity ?? policy.bySeverity ?? [:],
                                  channel: own == nil ? DeadlinePolicy.online : channel)
        let first = subject.clockStart
        // The department that handles the category keeps its own hours, if it has them.
        let calendar = calendarsByCategory[subject.category] ?? calendar
        let start = !emergency && (own?.startInWorkingHours ?? policy.startInWorkingHours) ? calendar.nextWorkingInstant(from: first) : first
        let after = { (seconds: Double) -> Date in
            switch counting {
            case .wallClock: start.addingTimeInterval(seconds)
            case .workingTime: calendar.adding(workingSeconds: seconds, to: start)
            }
        }
        var steps = escalation.ladder.map { step in
            Deadline.Escalation(step: step.name, at: after(step.at.fraction * hours * 3600), roles: step.notify)
        }
        if emergency, let notify = escalation.emergency?.notify {
            steps.insert(Deadline.Escalation(step: EscalationRules.emergencyStep, at: start, roles: notify), at: 0)
        }
        return Deadline(caseID: subject.id, startsAt: start, dueAt: after(hours * 3600), policy: name, escalations: steps,
                        answeredAt: subject.answeredAt)
    }

    /// Whether `subject` is an emergency: major, with one of the policy's emergency flags
    /// (`around_the_clock`, default safety: people at risk now).
    public func isEmergency(_ subject: Case) -> Bool {
        subject.severity >= .major && !subject.flags.isDisjoint(with: policy.emergencyFlags)
    }

    /// The limit for a severity: the strictest `by_severity` entry at or below it, else the default.
    func limit(for severity: Severity, hours: Double, bySeverity: [String: Double], channel: String) -> (Double, String) {
        let applicable = bySeverity.compactMap { name, hours in
            Severity(rawValue: name).flatMap { $0 <= severity ? (hours, "\(channel).\(name)") : nil }
        }
        return applicable.min { $0.0 < $1.0 } ?? (hours, "\(channel).default")
    }

    private static func check(hours: Double, bySeverity: [String: Double]?, key: String) throws {
        guard hours > 0 else {
            throw OmbudError(code: .deadlinesBadHours, message: "the reply limit must be positive",
                             context: ["key": "\(key).hours"], fix: "write hours: 4")
        }
        for (name, hours) in bySeverity ?? [:] {
            guard Severity(rawValue: name) != nil else {
                throw OmbudError(code: .deadlinesUnknownSeverity, message: "'\(name)' is not a severity",
                                 context: ["key": "\(key).by_severity.\(name)"],
                                 fix: "use one of: \(Severity.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard hours > 0 else {
                throw OmbudError(code: .deadlinesBadHours, message: "the limit for \(name) must be positive",
                                 context: ["key": "\(key).by_severity.\(name)"], fix: "write a number of hours above 0")
            }
        }
    }
}
