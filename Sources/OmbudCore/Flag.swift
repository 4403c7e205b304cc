/// A risk marker that triage puts on a post and grouping carries to its case.
///
/// Raw values are the identifiers used in `config/lexicon/*.yaml` and in the store.
public enum Flag: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// The author threatens or reports exposure to media or a hotline (曝光, 记者, 12345 …).
    case mediaThreat = "media_threat"
    /// The author threatens legal action (律师, 起诉, 法院).
    case legalThreat = "legal_threat"
    /// Several households complain together (联名, 全体业主, 我们20户).
    case collective
    /// Someone's safety is at stake (电梯困人, 火警, 漏电, 燃气).
    case safety
    /// The same problem raised again after it was handled.
    case `repeat`
    /// The author is an important customer (a forum activist, a listed name).
    case importantCustomer = "important_customer"

    /// Orders flags by their declaration order, so lists print stably.
    public static func < (lhs: Flag, rhs: Flag) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
