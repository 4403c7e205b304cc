/// Triage's verdict on one post: complaint or not, categories, flags and the reasons.
public struct Assessment: Sendable, Hashable, Codable {
    /// The post assessed.
    public var post: PostKey
    /// Whether the post is a complaint.
    public var isComplaint: Bool
    /// The complaint score: the sum of the weights of the rules that fired.
    public var score: Double
    /// Category ids from the taxonomy, strongest first (also for non-complaints, for follow-ups and reports).
    public var categories: [String]
    /// Risk flags.
    public var flags: Set<Flag>
    /// The distinct issues the post raises, as short phrases, so a draft can answer each.
    public var issues: [String]
    /// Every rule that fired, in the order of the text.
    public var reasons: [Reason]
    /// The least severity a case with this post has (a rule's `case_severity`), if any.
    public var caseSeverity: Severity?

    /// Creates an assessment.
    public init(post: PostKey, isComplaint: Bool, score: Double, categories: [String],
                flags: Set<Flag>, issues: [String], reasons: [Reason], caseSeverity: Severity? = nil) {
        self.caseSeverity = caseSeverity
        self.post = post
        self.isComplaint = isComplaint
        self.score = score
        self.categories = categories
        self.flags = flags
        self.issues = issues
        self.reasons = reasons
    }

    /// The first category, or `other` when none fired.
    public var primaryCategory: String { categories.first ?? "other" }
}
