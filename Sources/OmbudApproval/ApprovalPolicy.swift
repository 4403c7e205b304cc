import OmbudCore

/// Decides whether an account may approve a draft: the role rules, four-eyes, and the lint.
///
/// Pure: the dashboard asks before approving and the server enforces the answer, whatever the
/// page showed.
public struct ApprovalPolicy: Sendable {
    /// The rules in force.
    public let rules: ApprovalRules
    /// The flags whose cases only a spokesperson may answer (`approval.spokesperson_flags`).
    public let spokespersonFlags: Set<Flag>
    private let supervisorFrom: Severity
    private let fourEyesFrom: Severity?

    /// Checks `rules`. Throws ``OmbudError`` `approval.*` naming the key and the fix.
    public init(rules: ApprovalRules = ApprovalRules()) throws {
        self.rules = rules
        spokespersonFlags = Set(try (rules.spokespersonFlags ?? ["media_threat", "legal_threat"]).map { name in
            guard let flag = Flag(rawValue: name) else {
                throw OmbudError(code: .approvalUnknownFlag, message: "'\(name)' is not a flag", context: ["key": "approval.spokesperson_flags"],
                                 fix: "use one of: \(Flag.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return flag
        })
        func severity(_ name: String?, default fallback: Severity, key: String) throws -> Severity? {
            guard let name else { return fallback }
            if name == "none" { return nil }
            guard let severity = Severity(rawValue: name) else {
                throw OmbudError(code: .approvalUnknownSeverity, message: "'\(name)' is not a severity", context: ["key": key],
                                 fix: "use one of: \(Severity.allCases.map(\.rawValue).joined(separator: ", ")), or none")
            }
            return severity
        }
        supervisorFrom = try severity(rules.supervisorFrom, default: .major, key: "approval.supervisor_from") ?? .major
        fourEyesFrom = try severity(rules.fourEyesFrom, default: .major, key: "approval.four_eyes_from")
    }

    /// What the policy says about one approval.
    public enum Verdict: Sendable, Hashable {
        /// It may go ahead.
        case allowed
        /// It may not, with a reason code (`approval.spokesperson_only`, …) and words for the person.
        case refused(code: OmbudError.Code, reason: String)
    }

    /// Whether `account` may decide for `subject` at all: approve its replies, dismiss it as not a
    /// complaint, mark its reply posted or confirm it seen. The same role rules hold for each, so
    /// no other action stops a case's clock that its approval would not: a spokesperson for the
    /// flags in `approval.spokesperson_flags`, a supervisor or above from `approval.supervisor_from`.
    public func verdict(deciding subject: Case, by account: Account) -> Verdict {
        if account.disabled { return .refused(code: .approvalDisabled, reason: "this account is disabled") }
        let flagged = subject.flags.intersection(spokespersonFlags)
        if !flagged.isEmpty {
            guard account.role == .spokesperson else {
                return .refused(code: .approvalSpokespersonOnly,
                                reason: "the case is flagged \(flagged.map(\.rawValue).sorted().joined(separator: ", ")): only a spokesperson decides it")
            }
        } else if subject.severity >= supervisorFrom, account.role.rank < 1 {
            return .refused(code: .approvalSupervisorNeeded, reason: "a \(subject.severity.rawValue) case needs a supervisor or above to decide it")
        }
        return .allowed
    }

    /// Whether `account` may approve `draft` of `subject`: ``verdict(deciding:by:)``, the lint,
    /// and four-eyes (from `approval.four_eyes_from`, no one who edited the draft's text approves it).
    public func verdict(approving draft: Draft, of subject: Case, by account: Account) -> Verdict {
        if account.disabled { return .refused(code: .approvalDisabled, reason: "this account is disabled") }
        if subject.status == .notComplaint {
            return .refused(code: .approvalNotAComplaint, reason: "the case was judged not a complaint; there is nothing to answer")
        }
        if draft.isApproved {
            return .refused(code: .approvalAlready, reason: "already approved by \(draft.review?.approvedBy ?? "someone")")
        }
        if let blocking = draft.findings.first(where: { $0.level == .error }) {
            return .refused(code: .approvalLint, reason: "the draft says «\(blocking.matched)» (\(blocking.message)); \(blocking.suggestion)")
        }
        if case .refused(let code, let reason) = verdict(deciding: subject, by: account) { return .refused(code: code, reason: reason) }
        if let fourEyesFrom, subject.severity >= fourEyesFrom, draft.review?.authors.contains(account.name) == true {
            return .refused(code: .approvalFourEyes, reason: "you edited this draft's text; another person must approve a \(subject.severity.rawValue) case")
        }
        return .allowed
    }
}
