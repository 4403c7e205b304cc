/// What no reply may say, loaded from `config/lint.yaml` (domain.md §5).
public struct LintRules: Sendable, Hashable, Codable {
    /// The phrase and pattern rules.
    public var rules: [Rule]
    /// The longest acceptable reply in characters, by language tag; `default` for the others.
    public var maxLength: [String: Int]

    enum CodingKeys: String, CodingKey {
        case rules
        case maxLength = "max_length"
    }

    /// Creates lint rules.
    public init(rules: [Rule], maxLength: [String: Int]) {
        self.rules = rules
        self.maxLength = maxLength
    }

    /// One rule: phrases or patterns that must not appear.
    public struct Rule: Sendable, Hashable, Codable {
        /// A stable id (`forbidden.buck_passing`).
        public var id: String
        /// `error` blocks approval; `warning` is shown only.
        public var level: String?
        /// Literal phrases, matched case-insensitively.
        public var phrases: [String]?
        /// Regular expressions.
        public var patterns: [String]?
        /// What is wrong with it.
        public var message: String
        /// What to write instead.
        public var suggestion: String

        /// Creates a rule.
        public init(id: String, level: String? = nil, phrases: [String]? = nil, patterns: [String]? = nil,
                    message: String, suggestion: String) {
            self.id = id
            self.level = level
            self.phrases = phrases
            self.patterns = patterns
            self.message = message
            self.suggestion = suggestion
        }
    }
}
