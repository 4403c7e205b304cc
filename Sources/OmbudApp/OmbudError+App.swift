import OmbudCore

/// The error codes this module raises (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `account.bad_name`: '…' cannot be a login name (raised in Accounts.swift).
    public static let accountBadName = Self(rawValue: "account.bad_name")
    /// `account.bad_role`: '…' is not a role (raised in Accounts.swift).
    public static let accountBadRole = Self(rawValue: "account.bad_role")
    /// `account.unknown`: there is no active account … (raised in ApprovalDesk.swift).
    public static let accountUnknown = Self(rawValue: "account.unknown")
    /// `account.weak_password`: the password has … characters (raised in Accounts.swift).
    public static let accountWeakPassword = Self(rawValue: "account.weak_password")
    /// `action.already_posted` (raised in ApprovalDesk.swift).
    public static let actionAlreadyPosted = Self(rawValue: "action.already_posted")
    /// `action.bad_url`: '…' is not the address of a forum post (raised in ApprovalDesk.swift).
    public static let actionBadUrl = Self(rawValue: "action.bad_url")
    /// `action.foreign_url`: '…' is not on the forum of … (raised in ApprovalDesk.swift).
    public static let actionForeignUrl = Self(rawValue: "action.foreign_url")
    /// `action.manual_source`: replies to … are posted by hand (raised in ApprovalDesk.swift).
    public static let actionManualSource = Self(rawValue: "action.manual_source")
    /// `action.not_approved` (raised in ApprovalDesk.swift).
    public static let actionNotApproved = Self(rawValue: "action.not_approved")
    /// `action.not_awaiting`: the reply to … was not sent, or was already seen in the thread (raised in ApprovalDesk.swift).
    public static let actionNotAwaiting = Self(rawValue: "action.not_awaiting")
    /// `action.reason_needed`: a rejection needs a reason (raised in ApprovalDesk.swift).
    public static let actionReasonNeeded = Self(rawValue: "action.reason_needed")
    /// `config.unknown_source`: no source is named '…' (raised in Runtime.swift).
    public static let configUnknownSource = Self(rawValue: "config.unknown_source")
    /// `config.file_exists`: config/sites/….yaml exists (raised in ProfileCommand.swift).
    public static let configFileExists = Self(rawValue: "config.file_exists")
    /// `fetch.status`: the page answered HTTP … (raised in ProfileCommand.swift).
    public static let fetchStatus = Self(rawValue: "fetch.status")
    /// `frontier.unknown_page`: no page of … waits at … (raised in DropCommand.swift).
    public static let frontierUnknownPage = Self(rawValue: "frontier.unknown_page")
    /// `draft.unknown`: case … has no draft for thread … (raised in ApprovalDesk.swift).
    public static let draftUnknown = Self(rawValue: "draft.unknown")
    /// `eval.bad_option`: --official and --severities need --replay (raised in EvalCommand.swift).
    public static let evalBadOption = Self(rawValue: "eval.bad_option")
    /// `eval.bad_line`: not a labeled post: … (raised in CorpusRun.swift, CorpusReplay.swift).
    public static let evalBadLine = Self(rawValue: "eval.bad_line")
    /// `eval.duplicate_id`: the id … is used twice (raised in CorpusRun.swift).
    public static let evalDuplicateId = Self(rawValue: "eval.duplicate_id")
    /// `eval.unreadable`: cannot read the corpus (raised in CorpusRun.swift).
    public static let evalUnreadable = Self(rawValue: "eval.unreadable")
    /// `eval.unwritable`: cannot write the predictions (raised in CorpusRun.swift).
    public static let evalUnwritable = Self(rawValue: "eval.unwritable")
    /// `extract.bad_time_zone`: unknown time zone '…' (raised in ExtractCommand.swift).
    public static let extractBadTimeZone = Self(rawValue: "extract.bad_time_zone")
    /// `extract.unreadable`: cannot read the page (raised in ExtractCommand.swift).
    public static let extractUnreadable = Self(rawValue: "extract.unreadable")
    /// `learn.bad_cost`: … must be a positive number (raised in LearnCommand.swift).
    public static let learnBadCost = Self(rawValue: "learn.bad_cost")
    /// `learn.bad_min_count`: --min-count must be 1 or more (raised in LearnCommand.swift).
    public static let learnBadMinCount = Self(rawValue: "learn.bad_min_count")
    /// `learn.no_data`: nothing to learn from (raised in LearnCommand.swift).
    public static let learnNoData = Self(rawValue: "learn.no_data")
    /// `learn.unwritable`: cannot write the model (raised in LearnCommand.swift).
    public static let learnUnwritable = Self(rawValue: "learn.unwritable")
    /// `learn.worse`: the new model scores worse on the held-back posts than the one in force; it was not installed (raised in LearnCommand.swift).
    public static let learnWorse = Self(rawValue: "learn.worse")
    /// `login.bad_url`: the login URL is not valid (raised in LoginSession.swift).
    public static let loginBadUrl = Self(rawValue: "login.bad_url")
    /// `login.failed`: the forum did not accept the login (HTTP …) (raised in LoginSession.swift).
    public static let loginFailed = Self(rawValue: "login.failed")
    /// `login.wall`: the page still asks for a login after logging in (raised in PageReader.swift).
    public static let loginWall = Self(rawValue: "login.wall")
    /// `notifier.missing_secret` (raised in NotifierFactory.swift).
    public static let notifierMissingSecret = Self(rawValue: "notifier.missing_secret")
    /// `options.bad_time`: '…' is not an ISO 8601 time (raised in OmbudCommand.swift).
    public static let optionsBadTime = Self(rawValue: "options.bad_time")
    /// `poster.missing_secret` (raised in PosterFactory.swift).
    public static let posterMissingSecret = Self(rawValue: "poster.missing_secret")
    /// `site.unexpected`: … (raised in ProjectCheck.swift).
    public static let siteUnexpected = Self(rawValue: "site.unexpected")
    /// `web.bind`: cannot listen on …:…: … (raised in HTTPServer.swift).
    public static let webBind = Self(rawValue: "web.bind")
}
