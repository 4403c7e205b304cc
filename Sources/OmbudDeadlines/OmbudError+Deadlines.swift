import OmbudCore

/// The error codes this module raises (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `calendar.bad_date`: '…' is not a yyyy-MM-dd date (raised in WorkingCalendar.swift).
    public static let calendarBadDate = Self(rawValue: "calendar.bad_date")
    /// `calendar.bad_day`: '…' is not a weekday (raised in WorkingCalendar.swift).
    public static let calendarBadDay = Self(rawValue: "calendar.bad_day")
    /// `calendar.bad_hours`: the working day ends (…) before it starts (…) (raised in WorkingCalendar.swift).
    public static let calendarBadHours = Self(rawValue: "calendar.bad_hours")
    /// `calendar.bad_time`: '…' is not a time of day (raised in WorkingCalendar.swift).
    public static let calendarBadTime = Self(rawValue: "calendar.bad_time")
    /// `calendar.bad_time_zone`: unknown time zone '…' (raised in WorkingCalendar.swift).
    public static let calendarBadTimeZone = Self(rawValue: "calendar.bad_time_zone")
    /// `deadlines.bad_hours`: the reply limit must be positive (raised in DeadlineClock.swift).
    public static let deadlinesBadHours = Self(rawValue: "deadlines.bad_hours")
    /// `deadlines.unknown_flag`: '…' is not a flag (raised in DeadlineClock.swift).
    public static let deadlinesUnknownFlag = Self(rawValue: "deadlines.unknown_flag")
    /// `deadlines.unknown_severity`: '…' is not a severity (raised in DeadlineClock.swift).
    public static let deadlinesUnknownSeverity = Self(rawValue: "deadlines.unknown_severity")
    /// `escalation.bad_hold`: hold_after_sending_minutes is … (raised in EscalationRules.swift).
    public static let escalationBadHold = Self(rawValue: "escalation.bad_hold")
    /// `escalation.bad_retry`: retry needs at least one attempt and a backoff of 0 s or more (raised in EscalationRules.swift).
    public static let escalationBadRetry = Self(rawValue: "escalation.bad_retry")
    /// `escalation.bad_step`: step name '…' is empty or used twice (raised in EscalationRules.swift).
    public static let escalationBadStep = Self(rawValue: "escalation.bad_step")
    /// `escalation.empty`: the escalation ladder has no steps (raised in EscalationRules.swift).
    public static let escalationEmpty = Self(rawValue: "escalation.empty")
    /// `escalation.unknown_role`: step … notifies '…', who is not in escalation.people (raised in EscalationRules.swift).
    public static let escalationUnknownRole = Self(rawValue: "escalation.unknown_role")
}
