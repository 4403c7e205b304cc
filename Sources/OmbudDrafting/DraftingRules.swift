/// How drafts are made, loaded from the `drafting:` section of `config/ombud.yaml`.
public struct DraftingRules: Sendable, Hashable, Codable {
    /// The department that signs replies (物业服务中心).
    public var department: String
    /// The contact channel every reply gives (a phone number, a desk, an account).
    public var contact: String
    /// Which template answers which cases; the first choice that fits wins.
    public var choices: [Choice]
    /// The template used when no choice fits, without language (`default`).
    public var fallback: String

    /// Creates drafting rules.
    public init(department: String, contact: String, choices: [Choice], fallback: String) {
        self.department = department
        self.contact = contact
        self.choices = choices
        self.fallback = fallback
    }

    /// One template choice; an absent condition matches anything.
    public struct Choice: Sendable, Hashable, Codable {
        /// Category id the case must have.
        public var category: String?
        /// Lowest severity the case must have.
        public var minSeverity: String?
        /// The template name under `Templates/replies/<language>/`, without extension.
        public var template: String

        enum CodingKeys: String, CodingKey {
            case category, template
            case minSeverity = "min_severity"
        }

        /// Creates a choice.
        public init(category: String? = nil, minSeverity: String? = nil, template: String) {
            self.category = category
            self.minSeverity = minSeverity
            self.template = template
        }
    }
}
