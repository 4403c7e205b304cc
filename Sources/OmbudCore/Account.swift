import Foundation

/// A person who works in the dashboard, with the role that decides what they may do.
public struct Account: Sendable, Hashable, Codable {
    /// What an account may do. Rank orders the ordinary approval rights (staff < supervisor <
    /// admin); a spokesperson ranks with supervisors and alone answers threads that threaten the press.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        /// Customer-service and PR staff: review, edit, approve ordinary cases.
        case staff
        /// Supervisors: also major cases, and hear of anything overdue.
        case supervisor
        /// The spokesperson: the only one who approves replies to media or legal threats.
        case spokesperson
        /// Administrators: everything but the spokesperson's cases.
        case admin

        /// The ordinary approval rank: staff 0, supervisor and spokesperson 1, admin 2.
        public var rank: Int {
            switch self {
            case .staff: 0
            case .supervisor, .spokesperson: 1
            case .admin: 2
            }
        }
    }

    /// The login name, shown in the audit log.
    public var name: String
    /// The role.
    public var role: Role
    /// The bcrypt hash of the password; the password itself is never stored.
    public var passwordHash: String
    /// When the account was made.
    public var createdAt: Date
    /// Whether it may no longer log in (accounts are disabled, never deleted: the audit names them).
    public var disabled: Bool

    /// Creates an account.
    public init(name: String, role: Role, passwordHash: String, createdAt: Date, disabled: Bool = false) {
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.disabled = disabled
    }
}

/// One action a person took, as the append-only audit log keeps it: who, when, what, before and after.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// Its place in the log (assigned by the store; 0 before it is stored).
    public var id: Int64
    /// When.
    public var at: Date
    /// Who (an account name).
    public var actor: String
    /// What (`draft.edit`, `draft.approve`, `draft.reject`, `draft.sent`, `draft.posted`,
    /// `draft.confirmed`, `case.reassign`, `case.merge`, `case.split`, `case.not_complaint`,
    /// `account.add`, `account.update`, `account.disable`).
    public var action: String
    /// The case it concerns, if any.
    public var caseID: String?
    /// The state before, as people read it (a draft's text, an owner), if any.
    public var before: String?
    /// The state after, if any.
    public var after: String?
    /// Why, when the person said (a rejection's reason).
    public var note: String?

    /// Creates an entry.
    public init(id: Int64 = 0, at: Date, actor: String, action: String, caseID: String? = nil, before: String? = nil, after: String? = nil,
                note: String? = nil) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.caseID = caseID
        self.before = before
        self.after = after
        self.note = note
    }
}
