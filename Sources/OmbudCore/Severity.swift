/// How serious a case is, as the complaint-handling manuals grade it (domain.md §4).
///
/// Ordered: `general < important < hot < major`.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// 一般: everything else.
    case general
    /// 重要: the same problem complained about again after it was handled.
    case important
    /// 热点: may lead to a lawsuit or media exposure, or several complainants.
    case hot
    /// 重大: a lawsuit, exposure that happened, a collective complaint of five or more.
    case major

    /// The term the staff use.
    public var chineseName: String {
        switch self {
        case .general: "一般"
        case .important: "重要"
        case .hot: "热点"
        case .major: "重大"
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// Orders by seriousness.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
