import OmbudCore

/// Who may approve which reply, from `approval:` in `config/ombud.yaml` (domain.md §1, §5).
///
/// Defaults: a case flagged media_threat or legal_threat is approved by a spokesperson only; a
/// major case needs a supervisor or above; four-eyes (the last editor of a draft may not approve
/// it) from major up.
public struct ApprovalRules: Sendable, Hashable, Codable {
    /// Flags that make a case the spokesperson's alone (default `media_threat`, `legal_threat`).
    public var spokespersonFlags: [String]?
    /// The severity from which a supervisor or above must approve (default `major`).
    public var supervisorFrom: String?
    /// The severity from which the last editor may not approve (default `major`; `none` turns it off).
    public var fourEyesFrom: String?

    enum CodingKeys: String, CodingKey {
        case spokespersonFlags = "spokesperson_flags"
        case supervisorFrom = "supervisor_from"
        case fourEyesFrom = "four_eyes_from"
    }

    /// Creates rules; nil keeps a default.
    public init(spokespersonFlags: [String]? = nil, supervisorFrom: String? = nil, fourEyesFrom: String? = nil) {
        self.spokespersonFlags = spokespersonFlags
        self.supervisorFrom = supervisorFrom
        self.fourEyesFrom = fourEyesFrom
    }
}
