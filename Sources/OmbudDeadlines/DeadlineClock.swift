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

    /// Checks the policy against the severities. Throws ``OmbudError`` `deadlines.*` naming the key.
    public init(policy: DeadlinePolicy, calendar: WorkingCalendar) throws {
        guard policy.hours > 0 else {
            throw OmbudError(code: "deadlines.bad_hours", message: "the reply limit must be positive",
                             context: ["key": "deadlines.hours"], fix: "write hours: 4")
        }
        for (name, hours) in policy.bySeverity ?? [:] {
            guard Severity(rawValue: name) != nil else {
                throw OmbudError(code: "deadlines.unknown_severity", message: "'\(name)' is not a severity",
                                 context: ["key": "deadlines.by_severity.\(name)"],
                                 fix: "use one of: \(Severity.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard hours > 0 else {
                throw OmbudError(code: "deadlines.bad_hours", message: "the limit for \(name) must be positive",
                                 context: ["key": "deadlines.by_severity.\(name)"], fix: "write a number of hours above 0")
            }
        }
        self.policy = policy
        self.calendar = calendar
    }

    /// The deadline of `subject`: the clock starts at its first post (or when work starts, if
    /// the policy says so) and runs for the limit of its severity.
    public func deadline(for subject: Case) -> Deadline {
        let (hours, name) = limit(for: subject.severity)
        let first = subject.firstSeen
        let start = policy.startInWorkingHours ? calendar.nextWorkingInstant(from: first) : first
        let due: Date = switch policy.counting {
        case .wallClock: start.addingTimeInterval(hours * 3600)
        case .workingTime: calendar.adding(workingSeconds: hours * 3600, to: start)
        }
        return Deadline(caseID: subject.id, startsAt: start, dueAt: due, policy: name)
    }

    /// The limit for a severity: the strictest `by_severity` entry at or below it, else the default.
    func limit(for severity: Severity) -> (Double, String) {
        let applicable = (policy.bySeverity ?? [:]).compactMap { name, hours in
            Severity(rawValue: name).flatMap { $0 <= severity ? (hours, "online.\(name)") : nil }
        }
        return applicable.min { $0.0 < $1.0 } ?? (policy.hours, "online.default")
    }
}
