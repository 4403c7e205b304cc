import OmbudCore

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
    /// What we do about each issue (issue label → a measure with its time frame), shown by the
    /// templates as `{{measure}}`; an issue without one gets the template's general wording.
    public var measures: [String: String]?
    /// Wording for replies in other languages (`en`, `zh-TW`): department, contact and issue names.
    public var translations: [String: Translation]?

    /// What a reply in another language says instead of the zh-CN wording.
    public struct Translation: Sendable, Hashable, Codable {
        /// The department's name in that language.
        public var department: String?
        /// The contact channel in that language.
        public var contact: String?
        /// Issue labels (电梯故障) → their name in that language (lift breakdown).
        public var issues: [String: String]?
        /// Issue labels → what we do about them, in that language. Without one, zh-TW replies
        /// use the zh-CN measure in Traditional characters and English replies the general wording.
        public var measures: [String: String]?

        /// Creates a translation.
        public init(department: String? = nil, contact: String? = nil, issues: [String: String]? = nil, measures: [String: String]? = nil) {
            self.department = department
            self.contact = contact
            self.issues = issues
            self.measures = measures
        }
    }

    /// Creates drafting rules.
    public init(department: String, contact: String, choices: [Choice], fallback: String, measures: [String: String]? = nil,
                translations: [String: Translation]? = nil) {
        self.department = department
        self.contact = contact
        self.choices = choices
        self.fallback = fallback
        self.measures = measures
        self.translations = translations
    }

    /// One template choice; an absent condition matches anything.
    public struct Choice: Sendable, Hashable, Codable {
        /// Category id the case must have.
        public var category: String?
        /// Lowest severity the case must have.
        public var minSeverity: String?
        /// The reply's language (`zh-CN`, `zh-TW`, `en`) the thread must have.
        public var language: String?
        /// The source (forum, as named in `sources:`) the thread must be on.
        public var source: String?
        /// Flags the case must have, one at least (`[safety]`: the emergency template only where
        /// someone is at risk, not for every post triage filed under emergency).
        public var flags: [Flag]?
        /// The template name under `Templates/replies/<language>/`, without extension.
        public var template: String

        enum CodingKeys: String, CodingKey {
            case category, template, language, source, flags
            case minSeverity = "min_severity"
        }

        /// Creates a choice.
        public init(category: String? = nil, minSeverity: String? = nil, language: String? = nil, source: String? = nil, flags: [Flag]? = nil,
                    template: String) {
            self.flags = flags
            self.category = category
            self.minSeverity = minSeverity
            self.language = language
            self.source = source
            self.template = template
        }
    }
}
