/// The error codes raised in more than one module (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `case.unknown`: there is no case … (raised in ApprovalDesk.swift).
    public static let caseUnknown = Self(rawValue: "case.unknown")
    /// `config.unknown_site`: no site profile is named … (raised in Pipeline.swift).
    public static let configUnknownSite = Self(rawValue: "config.unknown_site")
    /// `pattern.invalid`: not a valid regular expression (raised in TextPattern.swift).
    public static let patternInvalid = Self(rawValue: "pattern.invalid")
    /// `schedule.ambiguous`: a schedule needs exactly one of every: and cron: (raised in CrawlSchedule.swift).
    public static let scheduleAmbiguous = Self(rawValue: "schedule.ambiguous")
    /// `schedule.bad_cron`: '…' has … fields, not 5 (raised in CrawlSchedule.swift).
    public static let scheduleBadCron = Self(rawValue: "schedule.bad_cron")
    /// `schedule.bad_interval`: '…' is not an interval (raised in CrawlSchedule.swift).
    public static let scheduleBadInterval = Self(rawValue: "schedule.bad_interval")
    /// `schedule.bad_jitter`: jitter_seconds must not be negative (raised in CrawlSchedule.swift).
    public static let scheduleBadJitter = Self(rawValue: "schedule.bad_jitter")
    /// `template.missing`: a dashboard template is missing (raised in Dashboard.swift).
    public static let templateMissing = Self(rawValue: "template.missing")
    /// `template.unparsable`: Mustache cannot parse the template: … (raised in Dashboard.swift).
    public static let templateUnparsable = Self(rawValue: "template.unparsable")
}
