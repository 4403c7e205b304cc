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
    /// Where each issue was raised: the issue, the text that raised it and its character offset.
    public var issueSpans: [Reason]
    /// Every rule that fired, in the order of the text.
    public var reasons: [Reason]
    /// The least severity a case with this post has (a rule's `case_severity`), if any.
    public var caseSeverity: Severity?
    /// What the learned model said, when one is installed (version, probability, the n-grams that
    /// weighed most); nil for a verdict of the rules alone.
    public var model: ModelShare?

    /// Creates an assessment.
    public init(post: PostKey, isComplaint: Bool, score: Double, categories: [String],
                flags: Set<Flag>, issues: [String], reasons: [Reason], caseSeverity: Severity? = nil, issueSpans: [Reason] = []) {
        self.issueSpans = issueSpans
        self.caseSeverity = caseSeverity
        self.post = post
        self.isComplaint = isComplaint
        self.score = score
        self.categories = categories
        self.flags = flags
        self.issues = issues
        self.reasons = reasons
    }

    enum CodingKeys: String, CodingKey {
        case post, isComplaint, score, categories, flags, issues, issueSpans, reasons, caseSeverity, model
    }

    /// Decodes; assessments stored before issue spans or the model existed have none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        post = try c.decode(PostKey.self, forKey: .post)
        isComplaint = try c.decode(Bool.self, forKey: .isComplaint)
        score = try c.decode(Double.self, forKey: .score)
        categories = try c.decode([String].self, forKey: .categories)
        flags = try c.decode(Set<Flag>.self, forKey: .flags)
        issues = try c.decode([String].self, forKey: .issues)
        issueSpans = try c.decodeIfPresent([Reason].self, forKey: .issueSpans) ?? []
        reasons = try c.decode([Reason].self, forKey: .reasons)
        caseSeverity = try c.decodeIfPresent(Severity.self, forKey: .caseSeverity)
        model = try c.decodeIfPresent(ModelShare.self, forKey: .model)
    }

    /// The first category, or `other` when none fired.
    public var primaryCategory: String { categories.first ?? "other" }
}
