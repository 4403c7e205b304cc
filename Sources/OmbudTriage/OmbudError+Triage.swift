import OmbudCore

/// The error codes this module raises (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `lexicon.bad_number`: a threshold or severity count no lexicon can mean (raised in Triage.swift).
    public static let lexiconBadNumber = Self(rawValue: "lexicon.bad_number")
    /// `lexicon.bad_near`: near: needs phrases and a within of 1 or more (raised in Triage.swift).
    public static let lexiconBadNear = Self(rawValue: "lexicon.bad_near")
    /// `lexicon.bad_pattern`: a collective count pattern needs a group for the number (raised in Triage.swift).
    public static let lexiconBadPattern = Self(rawValue: "lexicon.bad_pattern")
    /// `lexicon.cause_without_category`: rule says cause: true but names no category (raised in Triage.swift).
    public static let lexiconCauseWithoutCategory = Self(rawValue: "lexicon.cause_without_category")
    /// `lexicon.duplicate_rule`: two rules share the id … (raised in Triage.swift).
    public static let lexiconDuplicateRule = Self(rawValue: "lexicon.duplicate_rule")
    /// `lexicon.empty_rule`: rule has neither phrases nor patterns (raised in Triage.swift).
    public static let lexiconEmptyRule = Self(rawValue: "lexicon.empty_rule")
    /// `lexicon.unknown_issue`: severity.broad_issues names '…', which no rule's issue is (raised in Triage.swift).
    public static let lexiconUnknownIssue = Self(rawValue: "lexicon.unknown_issue")
    /// `lexicon.unknown_category`: rule names category '…', which is not in categories (raised in Triage.swift).
    public static let lexiconUnknownCategory = Self(rawValue: "lexicon.unknown_category")
    /// `model.bad_feature`: a feature line needs a tab (raised in ModelFile.swift).
    public static let modelBadFeature = Self(rawValue: "model.bad_feature")
    /// `model.bad_heads`: the model needs a complaint head and one bias per head (raised in TriageModel.swift).
    public static let modelBadHeads = Self(rawValue: "model.bad_heads")
    /// `model.bad_number`: bias '…' is not a number (raised in ModelFile.swift).
    public static let modelBadNumber = Self(rawValue: "model.bad_number")
    /// `model.format`: not an Ombud triage model (… expected) (raised in ModelFile.swift).
    public static let modelFormat = Self(rawValue: "model.format")
    /// `model.incomplete`: the header lacks version or features (raised in ModelFile.swift).
    public static let modelIncomplete = Self(rawValue: "model.incomplete")
    /// `model.truncated`: the file ends before its … features (raised in ModelFile.swift).
    public static let modelTruncated = Self(rawValue: "model.truncated")
    /// `model.unknown_line`: unknown line '…' (raised in ModelFile.swift).
    public static let modelUnknownLine = Self(rawValue: "model.unknown_line")
}
