import OmbudCore

/// The error codes this module raises (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `approval.already`: already approved by someone (raised in ApprovalPolicy.swift).
    public static let approvalAlready = Self(rawValue: "approval.already")
    /// `approval.disabled`: this account is disabled (raised in ApprovalPolicy.swift).
    public static let approvalDisabled = Self(rawValue: "approval.disabled")
    /// `approval.four_eyes`: you edited this draft last; another person must approve a … case (raised in ApprovalPolicy.swift).
    public static let approvalFourEyes = Self(rawValue: "approval.four_eyes")
    /// `approval.lint` (raised in ApprovalDesk.swift).
    public static let approvalLint = Self(rawValue: "approval.lint")
    /// `approval.not_a_complaint`: the case was judged not a complaint; there is nothing to answer (raised in ApprovalPolicy.swift).
    public static let approvalNotAComplaint = Self(rawValue: "approval.not_a_complaint")
    /// `approval.spokesperson_only` (raised in ApprovalPolicy.swift).
    public static let approvalSpokespersonOnly = Self(rawValue: "approval.spokesperson_only")
    /// `approval.supervisor_needed`: a … case needs a supervisor or above to approve (raised in ApprovalPolicy.swift).
    public static let approvalSupervisorNeeded = Self(rawValue: "approval.supervisor_needed")
    /// `approval.unknown_flag`: '…' is not a flag (raised in ApprovalPolicy.swift).
    public static let approvalUnknownFlag = Self(rawValue: "approval.unknown_flag")
    /// `approval.unknown_severity`: '…' is not a severity (raised in ApprovalPolicy.swift).
    public static let approvalUnknownSeverity = Self(rawValue: "approval.unknown_severity")
}
