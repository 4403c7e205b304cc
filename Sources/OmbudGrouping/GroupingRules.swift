/// The editable settings of grouping, loaded from `config/grouping.yaml`.
public struct GroupingRules: Sendable, Hashable, Codable {
    /// Posts further apart than this from a case's latest post open a new case (hours).
    public var windowHours: Double
    /// The score at which a post joins a case: character-3-gram Jaccard similarity plus the
    /// weights of the specifics they share.
    public var joinScore: Double
    /// Jaccard similarity at or above which a post is a copy-paste repost.
    public var repostSimilarity: Double
    /// What each issue shared with the case (电梯故障, 停水) adds to the join score.
    public var issueWeight: Double
    /// What a different category takes off the join score (reposts excepted).
    public var otherCategoryPenalty: Double
    /// How many days after a case was answered a new complaint about it is a repeat (二次投诉, default 30).
    public var repeatDays: Int?
    /// Kinds of specifics: what in a post names the event (places, facilities, dates …).
    public var specifics: [Specific]
    /// Replies that add nothing new (`+1`, `同样`, `我家也是`, `顶`).
    public var followUps: FollowUps

    enum CodingKeys: String, CodingKey {
        case specifics
        case windowHours = "window_hours"
        case joinScore = "join_score"
        case repostSimilarity = "repost_similarity"
        case issueWeight = "issue_weight"
        case otherCategoryPenalty = "other_category_penalty"
        case repeatDays = "repeat_days"
        case followUps = "follow_ups"
    }

    /// Creates rules.
    public init(windowHours: Double, joinScore: Double, repostSimilarity: Double, issueWeight: Double,
                otherCategoryPenalty: Double, repeatDays: Int? = nil, specifics: [Specific], followUps: FollowUps) {
        self.repeatDays = repeatDays
        self.windowHours = windowHours
        self.joinScore = joinScore
        self.repostSimilarity = repostSimilarity
        self.issueWeight = issueWeight
        self.otherCategoryPenalty = otherCategoryPenalty
        self.specifics = specifics
        self.followUps = followUps
    }

    /// One kind of specific, found by phrases or patterns.
    public struct Specific: Sendable, Hashable, Codable {
        /// The kind (`place`, `facility`, `date`, `amount`, `order`).
        public var kind: String
        /// Literal phrases (电梯, 水泵, 地下车库).
        public var phrases: [String]?
        /// Regular expressions; the whole match, digits normalised, is the specific (3号楼 = 3栋 is not assumed).
        public var patterns: [String]?
        /// What sharing one adds to the join score.
        public var weight: Double

        /// Creates a kind of specific.
        public init(kind: String, phrases: [String]? = nil, patterns: [String]? = nil, weight: Double) {
            self.kind = kind
            self.phrases = phrases
            self.patterns = patterns
            self.weight = weight
        }
    }

    /// How follow-up replies are recognised: a reply that starts with one of the phrases, or a
    /// short one that contains one.
    public struct FollowUps: Sendable, Hashable, Codable {
        /// Phrases that make a short reply a follow-up.
        public var phrases: [String]
        /// The longest reply, in characters, that can be a mere follow-up.
        public var maxLength: Int

        enum CodingKeys: String, CodingKey {
            case phrases
            case maxLength = "max_length"
        }

        /// Creates follow-up settings.
        public init(phrases: [String], maxLength: Int) {
            self.phrases = phrases
            self.maxLength = maxLength
        }
    }
}
