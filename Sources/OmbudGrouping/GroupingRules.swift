/// The editable settings of grouping, loaded from `config/grouping.yaml`.
public struct GroupingRules: Sendable, Hashable, Codable {
    /// Posts further apart than this from a case's latest post open a new case (hours), unless
    /// they raise its problem again within `repeatDays`.
    public var windowHours: Double
    /// The score at which a post joins a case: character-3-gram Jaccard similarity plus the
    /// weights of the specifics they share.
    public var joinScore: Double
    /// Jaccard similarity at or above which a post is a copy-paste repost.
    public var repostSimilarity: Double
    /// What each issue shared with the case (电梯故障, 停水) adds to the join score.
    public var issueWeight: Double
    /// What a case of neither of the post's two leading categories takes off the join score (reposts excepted).
    public var otherCategoryPenalty: Double
    /// How many days after a case's latest post its problem raised again still belongs to it (default 30):
    /// an answered case is reopened as a repeat (二次投诉); an unanswered one quiet for longer than
    /// `windowHours` takes a near-verbatim repost or its complainant's post on its issue.
    public var repeatDays: Int?
    /// Kinds of specifics: what in a post names the event (places, facilities, dates …).
    public var specifics: [Specific]
    /// Replies that add nothing new (`+1`, `同样`, `我家也是`, `顶`).
    public var followUps: FollowUps
    /// What a case and a post that name different values of an exclusive kind (3号楼 and 5号楼)
    /// take off the join score (default 1.0: enough to keep them apart).
    public var conflictPenalty: Double?
    /// What a post written otherwise than the case (Traditional vs Simplified vs English) takes
    /// off the join score, copies excepted (default 0.2): other writing usually means another
    /// community, where 3号楼 may be another property's building.
    public var otherWritingPenalty: Double?
    /// How many of the newest cases one key (a specific, an issue, a near-copy band) offers as
    /// candidates (default 24): what keeps the cost per post flat however many cases are stored.
    public var candidatesPerKey: Int?
    /// MinHash settings for finding near copies (reposts, cross-posts).
    public var minhash: MinHashSettings?
    /// The time zone dates in posts are read in (18号, 昨天), as an IANA name (default Asia/Shanghai).
    public var timeZone: String?
    /// Days after a case began past which a post about other problems (it raises issues, none
    /// of them the case's) no longer joins it by itself (default 7): two events of different
    /// problems weeks apart stay two cases, however much place they share; people can merge them.
    public var separateProblemsDays: Double?

    enum CodingKeys: String, CodingKey {
        case specifics
        case windowHours = "window_hours"
        case joinScore = "join_score"
        case repostSimilarity = "repost_similarity"
        case issueWeight = "issue_weight"
        case otherCategoryPenalty = "other_category_penalty"
        case repeatDays = "repeat_days"
        case followUps = "follow_ups"
        case conflictPenalty = "conflict_penalty"
        case candidatesPerKey = "candidates_per_key"
        case otherWritingPenalty = "other_writing_penalty"
        case minhash
        case timeZone = "time_zone"
        case separateProblemsDays = "separate_problems_days"
    }

    /// Creates rules.
    public init(windowHours: Double, joinScore: Double, repostSimilarity: Double, issueWeight: Double,
                otherCategoryPenalty: Double, repeatDays: Int? = nil, specifics: [Specific], followUps: FollowUps,
                conflictPenalty: Double? = nil, candidatesPerKey: Int? = nil, minhash: MinHashSettings? = nil, timeZone: String? = nil,
                otherWritingPenalty: Double? = nil) {
        self.otherWritingPenalty = otherWritingPenalty
        self.conflictPenalty = conflictPenalty
        self.candidatesPerKey = candidatesPerKey
        self.minhash = minhash
        self.timeZone = timeZone
        self.repeatDays = repeatDays
        self.windowHours = windowHours
        self.joinScore = joinScore
        self.repostSimilarity = repostSimilarity
        self.issueWeight = issueWeight
        self.otherCategoryPenalty = otherCategoryPenalty
        self.specifics = specifics
        self.followUps = followUps
    }

    /// MinHash over character 3-grams, cut into bands for locality-sensitive lookup.
    public struct MinHashSettings: Sendable, Hashable, Codable {
        /// Signature length (default 64).
        public var permutations: Int
        /// Bands the signature is cut into; must divide `permutations` (default 16: near copies
        /// with similarity 0.8 are found almost surely, unrelated posts almost never).
        public var bands: Int

        /// Creates settings.
        public init(permutations: Int = 64, bands: Int = 16) {
            self.permutations = permutations
            self.bands = bands
        }
    }

    /// One kind of specific, found by phrases or patterns.
    ///
    /// Text is compared after normalisation: Traditional becomes Simplified, Latin letters lower
    /// case, Chinese numerals before a counter digits (十一号楼 → 11号楼).
    public struct Specific: Sendable, Hashable, Codable {
        /// The kind (`building`, `unit`, `spot`, `facility`, `date`, `amount`, `order`).
        public var kind: String
        /// Literal phrases; `地下车库|地库|车库|garage` lists spellings of one thing, named by the first.
        public var phrases: [String]?
        /// Regular expressions. With a capture group the specific is `kind:group` (so `(\d+)\s*(?:号楼|栋)`
        /// makes 3号楼 and 3栋 the same `building:3`); without, the whole match without spaces.
        /// For kind `date`, one group is a day of the month and two groups are month and day.
        /// All kinds' patterns run as one alternation, in the order listed: where two would match
        /// the same characters the earlier kind wins; backreferences are not supported.
        public var patterns: [String]?
        /// What sharing one adds to the join score.
        public var weight: Double
        /// Whether a post and a case that both name this kind, but never the same value, are about
        /// different things (3号楼 vs 5号楼): the score loses `conflict_penalty`.
        public var exclusive: Bool?
        /// For kind `date`: words that name a day relative to the post (`昨天: 1`, `前天: 2`).
        public var daysBefore: [String: Int]?
        /// Whether its values say where the event is (3号楼, 2单元, 地下车库): the case keeps them
        /// as it saw them, and replies can name the place.
        public var place: Bool?

        enum CodingKeys: String, CodingKey {
            case kind, phrases, patterns, weight, exclusive, place
            case daysBefore = "days_before"
        }

        /// Creates a kind of specific.
        public init(kind: String, phrases: [String]? = nil, patterns: [String]? = nil, weight: Double, exclusive: Bool? = nil,
                    daysBefore: [String: Int]? = nil, place: Bool? = nil) {
            self.place = place
            self.kind = kind
            self.phrases = phrases
            self.patterns = patterns
            self.weight = weight
            self.exclusive = exclusive
            self.daysBefore = daysBefore
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
