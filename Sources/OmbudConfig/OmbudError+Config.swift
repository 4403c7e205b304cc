import OmbudCore

/// The error codes this module raises (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `config.bad_crawl`: crawl.… must be above 0 (raised in Workspace.swift).
    public static let configBadCrawl = Self(rawValue: "config.bad_crawl")
    /// `config.bad_number`: '…' is not a number a setting can take (raised in ConfigFile.swift).
    public static let configBadNumber = Self(rawValue: "config.bad_number")
    /// `config.bad_port`: port … is out of range (raised in Workspace.swift).
    public static let configBadPort = Self(rawValue: "config.bad_port")
    /// `config.bad_source_name`: '…' is not a usable name (raised in Workspace.swift).
    public static let configBadSourceName = Self(rawValue: "config.bad_source_name")
    /// `config.bad_time_zone`: unknown time zone '…' (raised in Workspace.swift).
    public static let configBadTimeZone = Self(rawValue: "config.bad_time_zone")
    /// `config.bad_type`: expected … (raised in ConfigFile.swift).
    public static let configBadType = Self(rawValue: "config.bad_type")
    /// `config.bad_url`: '…' is not an http(s) URL (raised in Workspace.swift).
    public static let configBadUrl = Self(rawValue: "config.bad_url")
    /// `config.bad_value`: … must lie between … (raised in Workspace+Model.swift).
    public static let configBadValue = Self(rawValue: "config.bad_value")
    /// `config.duplicate_site`: two site profiles are named … (raised in Workspace.swift).
    public static let configDuplicateSite = Self(rawValue: "config.duplicate_site")
    /// `config.duplicate_source`: two sources are named … (raised in Workspace.swift).
    public static let configDuplicateSource = Self(rawValue: "config.duplicate_source")
    /// `config.empty`: the file is empty (raised in ConfigFile.swift).
    public static let configEmpty = Self(rawValue: "config.empty")
    /// `config.incomplete`: the configuration could not be loaded (raised in Workspace.swift).
    public static let configIncomplete = Self(rawValue: "config.incomplete")
    /// `config.missing_folder`: the folder is missing (raised in Workspace.swift).
    public static let configMissingFolder = Self(rawValue: "config.missing_folder")
    /// `config.missing_key`: required key '…' is missing (raised in ConfigFile.swift).
    public static let configMissingKey = Self(rawValue: "config.missing_key")
    /// `config.missing_lexicon`: the default lexicon is missing (raised in Workspace.swift).
    public static let configMissingLexicon = Self(rawValue: "config.missing_lexicon")
    /// `config.missing_secret`: the environment variable … is not set (raised in Workspace.swift).
    public static let configMissingSecret = Self(rawValue: "config.missing_secret")
    /// `config.missing_value`: expected …, found nothing (raised in ConfigFile.swift).
    public static let configMissingValue = Self(rawValue: "config.missing_value")
    /// `config.no_boards`: the source lists no boards (raised in Workspace.swift).
    public static let configNoBoards = Self(rawValue: "config.no_boards")
    /// `config.unexpected`: … (raised in Workspace+Model.swift).
    public static let configUnexpected = Self(rawValue: "config.unexpected")
    /// `config.unknown_issue`: a measure is given for '…', which no lexicon rule raises (raised in Workspace.swift).
    public static let configUnknownIssue = Self(rawValue: "config.unknown_issue")
    /// `config.unknown_key`: unknown key '…' (raised in ConfigFile.swift).
    public static let configUnknownKey = Self(rawValue: "config.unknown_key")
    /// `config.unknown_lexicon`: no lexicon is named '…' (raised in Workspace.swift).
    public static let configUnknownLexicon = Self(rawValue: "config.unknown_lexicon")
    /// `config.unreadable`: cannot read the file as UTF-8 text (raised in ConfigFile.swift).
    public static let configUnreadable = Self(rawValue: "config.unreadable")
    /// `config.yaml_syntax`: not valid YAML: … (raised in ConfigFile.swift).
    public static let configYamlSyntax = Self(rawValue: "config.yaml_syntax")
    /// `deadlines.unknown_channel`: source … comes through channel '…', which has no limits (raised in Workspace+Checks.swift).
    public static let deadlinesUnknownChannel = Self(rawValue: "deadlines.unknown_channel")
    /// `department.shared_category`: '…' is handled by both … and … (raised in Workspace+Departments.swift).
    public static let departmentSharedCategory = Self(rawValue: "department.shared_category")
    /// `department.unknown_category`: department … handles '…', which no lexicon has (raised in Workspace+Departments.swift).
    public static let departmentUnknownCategory = Self(rawValue: "department.unknown_category")
    /// `department.unknown_role`: department … names '…', whom no ladder step notifies (raised in Workspace+Departments.swift).
    public static let departmentUnknownRole = Self(rawValue: "department.unknown_role")
    /// `drafting.unknown_language`: choice names language '…', which has no templates (raised in Workspace+Checks.swift).
    public static let draftingUnknownLanguage = Self(rawValue: "drafting.unknown_language")
    /// `drafting.unknown_severity`: choice names severity '…', which is not one (raised in Workspace+Checks.swift).
    public static let draftingUnknownSeverity = Self(rawValue: "drafting.unknown_severity")
    /// `drafting.unknown_source`: choice names source '…', which is not configured (raised in Workspace+Checks.swift).
    public static let draftingUnknownSource = Self(rawValue: "drafting.unknown_source")
    /// `login.missing_secret` (raised in LoginRecipe+Secrets.swift).
    public static let loginMissingSecret = Self(rawValue: "login.missing_secret")
    /// `model.unknown_category`: the model's category '…' is not in lexicon … (raised in Workspace+Model.swift).
    public static let modelUnknownCategory = Self(rawValue: "model.unknown_category")
    /// `model.unknown_lexicon`: the model has categories of lexicon '…', which config/lexicon/ lacks (raised in Workspace+Model.swift).
    public static let modelUnknownLexicon = Self(rawValue: "model.unknown_lexicon")
    /// `model.unreadable`: the triage model file cannot be read (raised in Workspace+Model.swift).
    public static let modelUnreadable = Self(rawValue: "model.unreadable")
    /// `notifier.bad_name`: notifier name '…' is empty or used twice (raised in Workspace+Checks.swift).
    public static let notifierBadName = Self(rawValue: "notifier.bad_name")
    /// `notifier.bad_url`: a … notifier needs an http(s) URL (raised in Workspace+Checks.swift).
    public static let notifierBadUrl = Self(rawValue: "notifier.bad_url")
    /// `notifier.unknown_role`: notifier … serves '…', whom no ladder step notifies (raised in Workspace+Checks.swift).
    public static let notifierUnknownRole = Self(rawValue: "notifier.unknown_role")
    /// `notifier.url_unused`: a log notifier has no URL (raised in Workspace+Checks.swift).
    public static let notifierUrlUnused = Self(rawValue: "notifier.url_unused")
    /// `poster.bad_link`: '…' is not a regular expression with a group (raised in Workspace+Checks.swift).
    public static let posterBadLink = Self(rawValue: "poster.bad_link")
    /// `poster.incomplete`: a … poster needs … (raised in Workspace+Checks.swift).
    public static let posterIncomplete = Self(rawValue: "poster.incomplete")
    /// `template.missing_partial`: the partial '…' does not exist (raised in TemplateStructure.swift).
    public static let templateMissingPartial = Self(rawValue: "template.missing_partial")
    /// `template.recursive_partial`: the template includes itself: … (raised in TemplateStructure.swift).
    public static let templateRecursivePartial = Self(rawValue: "template.recursive_partial")
    /// `template.too_deep`: sections are nested more than … deep (raised in TemplateStructure.swift).
    public static let templateTooDeep = Self(rawValue: "template.too_deep")
    /// `template.unknown_variable`: a draft has no variable '…' (raised in TemplateStructure.swift).
    public static let templateUnknownVariable = Self(rawValue: "template.unknown_variable")
    /// `template.lint`: …: '…' (raised in TemplateCheck.swift).
    public static let templateLint = Self(rawValue: "template.lint")
    /// `template.unreadable`: cannot read the template as UTF-8 (raised in Workspace.swift).
    public static let templateUnreadable = Self(rawValue: "template.unreadable")
    /// `words.missing`: '…' has no … wording (raised in DashboardWords.swift).
    public static let wordsMissing = Self(rawValue: "words.missing")
    /// `words.no_language`: no language is listed (raised in DashboardWords.swift).
    public static let wordsNoLanguage = Self(rawValue: "words.no_language")
    /// `words.unknown`: the template says {{t.…}}, which … does not define (raised in DashboardWords.swift).
    public static let wordsUnknown = Self(rawValue: "words.unknown")
    /// `words.unknown_language`: '…' is given in …, which is not listed (raised in DashboardWords.swift).
    public static let wordsUnknownLanguage = Self(rawValue: "words.unknown_language")
}
