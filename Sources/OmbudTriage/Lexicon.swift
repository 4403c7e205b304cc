import OmbudCore

/// The editable rules of triage, loaded from `config/lexicon/triage.yaml`.
///
/// A PR lead edits phrases, weights and categories here without a developer; ``Triage``
/// validates the lexicon when it is created (unknown category, bad pattern, empty rule).
public struct Lexicon: Sendable, Hashable, Codable {
    /// A post whose score reaches this is a complaint.
    public var threshold: Double
    /// Words that cancel a signal when they come just before it (不是投诉, 没有问题).
    public var negation: Negation
    /// The category taxonomy.
    public var categories: [Category]
    /// The signals: phrases or patterns with weights, categories, flags and issue labels.
    public var rules: [Rule]
    /// The per-case severity thresholds.
    public var severity: SeverityThresholds
    /// Who counts as an important customer (重要客户): forum activists and listed names.
    public var importantCustomers: ImportantCustomers?
    /// How a reply is read with its thread: bumps, agreement, signing.
    public var context: ContextRules?

    enum CodingKeys: String, CodingKey {
        case threshold, negation, categories, rules, severity, context
        case importantCustomers = "important_customers"
    }

    /// How a reply is read with its thread (labeling.md: "a reply in a complaint thread is read
    /// with the thread").
    ///
    /// - A post that is nothing but a bump (`bumps`, punctuation, emoji) is never a complaint.
    /// - A reply in a thread already judged a complaint that agrees (`agreement`: 同样, 我们…也,
    ///   me too) and adds at least `own_words` characters of its own situation gets
    ///   `agreement_weight`; one that signs or joins (`signing`: 加我一个, 算我一个, count me in)
    ///   gets it too, and the flag `collective`. Such a reply takes the thread's category when
    ///   it names none.
    /// - In a thread where a collective action is forming (an earlier post flagged `collective`),
    ///   a reply that gives a household (`households`: patterns such as 5座18樓, 3/F Block 3) is
    ///   signing too.
    /// - A complaint after one of our official replies in the thread that says it is happening
    ///   again or still (`repeat_cues`: 又, 还是, 第三次, again, still) is flagged `repeat`.
    /// - A complaint that itself counts its reports or says it is posted again (`counted_repeat_cues`:
    ///   第三次, 又坏了, 重发, third time) is flagged `repeat` without an answer in the thread: the
    ///   earlier report and its handling happened elsewhere.
    /// - A collective complaint that says how many households or people it speaks for
    ///   (`collective_counts`: patterns whose first group is the number, such as 32户, 100+ households)
    ///   counts that many complainants for the case's severity: major from `major_complainants`
    ///   (domain.md: a collective complaint of 5+ people), though fewer of them post.
    public struct ContextRules: Sendable, Hashable, Codable {
        /// Bumps: a post made of these (and punctuation) alone adds nothing.
        public var bumps: [String]
        /// Agreement cues.
        public var agreement: [String]
        /// Signing or joining cues (a petition, a collective action).
        public var signing: [String]
        /// What agreement or signing adds to the score in a complaint thread.
        public var agreementWeight: Double
        /// How many characters besides the cue make an agreeing reply the writer's own case.
        public var ownWords: Int
        /// Patterns (regular expressions, case-insensitive) of a household's address: a reply
        /// giving one in a thread where a collective action is forming is signing.
        public var households: [String]?
        /// Cues of a problem back again or still there, for a complaint after our answer.
        public var repeatCues: [String]?
        /// Cues that a report is made again (counted, reposted, back after handling): `repeat`
        /// wherever the earlier report was answered.
        public var countedRepeatCues: [String]?
        /// Patterns (regular expressions, case-insensitive) of the number of households or people
        /// a collective complaint speaks for; the first group is the number, in digits or Chinese
        /// numerals (32, 三十, 一百二十: ``ChineseNumeral``).
        public var collectiveCounts: [String]?

        enum CodingKeys: String, CodingKey {
            case bumps, agreement, signing, households
            case repeatCues = "repeat_cues"
            case countedRepeatCues = "counted_repeat_cues"
            case collectiveCounts = "collective_counts"
            case agreementWeight = "agreement_weight"
            case ownWords = "own_words"
        }

        /// Creates the rules.
        public init(bumps: [String], agreement: [String], signing: [String], agreementWeight: Double, ownWords: Int) {
            self.bumps = bumps
            self.agreement = agreement
            self.signing = signing
            self.agreementWeight = agreementWeight
            self.ownWords = ownWords
        }
    }

    /// Who counts as an important customer.
    public struct ImportantCustomers: Sendable, Hashable, Codable {
        /// Authors with at least this many posts (where the forum shows the count) are forum activists.
        public var minPosts: Int?
        /// Author names or forum ids: owners' committee members, media workers, key repeat complainants.
        public var names: [String]?

        enum CodingKeys: String, CodingKey {
            case names
            case minPosts = "min_posts"
        }

        /// Creates the settings.
        public init(minPosts: Int? = nil, names: [String]? = nil) {
            self.minPosts = minPosts
            self.names = names
        }
    }

    /// Creates a lexicon.
    public init(threshold: Double, negation: Negation, categories: [Category], rules: [Rule], severity: SeverityThresholds,
                importantCustomers: ImportantCustomers? = nil) {
        self.importantCustomers = importantCustomers
        self.threshold = threshold
        self.negation = negation
        self.categories = categories
        self.rules = rules
        self.severity = severity
    }

    /// Negation cues and how far before a match they reach.
    public struct Negation: Sendable, Hashable, Codable {
        /// The cues (不是, 没有, 不再 …).
        public var cues: [String]
        /// How many characters before a match a cue may stand, within the same clause.
        public var window: Int
        /// The cues that say a problem is over (已经不, 不再, no longer); they negate as `cues` do.
        public var ended: [String]?
        /// What a complaint rule's match (one of positive weight) negated by an `ended` cue adds to
        /// the score: 0 or less (default 0). 已经不漏水了 leans against a complaint; 不是投诉 or
        /// 打不着火 only cancel their match.
        public var weight: Double?

        /// Creates negation settings.
        public init(cues: [String], window: Int, ended: [String]? = nil, weight: Double? = nil) {
            self.cues = cues
            self.window = window
            self.ended = ended
            self.weight = weight
        }
    }

    /// One category of the taxonomy.
    public struct Category: Sendable, Hashable, Codable {
        /// The id used in rules, templates and reports (`facilities`).
        public var id: String
        /// The name staff use (设备设施).
        public var name: String

        /// Creates a category.
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// One signal.
    public struct Rule: Sendable, Hashable, Codable {
        /// A stable id shown in explanations (`complaint.leak`).
        public var id: String
        /// Literal phrases; matched case-insensitively.
        public var phrases: [String]?
        /// Regular expressions; matched case-insensitively.
        public var patterns: [String]?
        /// What a match adds to the complaint score; negative for praise and thanks.
        public var weight: Double
        /// The category a match votes for.
        public var category: String?
        /// The flag a match sets.
        public var flag: Flag?
        /// The issue a match raises, as the phrase a draft must answer (电梯故障); none when absent.
        public var issue: String?
        /// Whether a negation cue just before the match cancels it (default true).
        public var negatable: Bool?
        /// A proximity constraint: the rule fires only where one of these phrases stands within
        /// `within` characters before or after the match (电梯 … 坏, 物业 … 不管).
        public var near: Near?
        /// The least severity of a case with a post where this rule fired (`major` for exposure
        /// that already happened: 已经曝光, 记者已经来了).
        public var caseSeverity: Severity?
        /// When set, a match decides the verdict whatever the score and the model say:
        /// `complaint` forces it, `not_complaint` vetoes it (a rule forcing wins over one vetoing).
        public var decides: Decision?
        /// Whether a match names the root cause (nobody came, the guard's conduct, no notice given)
        /// rather than the symptom (the lift, the leak): its category then leads the rules'
        /// categories whatever symptom rules vote (domain.md §3: classify by the root cause).
        public var cause: Bool?

        /// A verdict a rule can force.
        public enum Decision: String, Sendable, Hashable, Codable {
            /// The post is a complaint.
            case complaint
            /// The post is not a complaint.
            case notComplaint = "not_complaint"
        }

        enum CodingKeys: String, CodingKey {
            case id, phrases, patterns, weight, category, flag, issue, negatable, near, decides, cause
            case caseSeverity = "case_severity"
        }

        /// Phrases one of which must stand near a match.
        public struct Near: Sendable, Hashable, Codable {
            /// The phrases.
            public var phrases: [String]
            /// How many characters away, before or after, they may stand.
            public var within: Int
        }

        /// Creates a rule.
        public init(id: String, phrases: [String]? = nil, patterns: [String]? = nil, weight: Double,
                    category: String? = nil, flag: Flag? = nil, issue: String? = nil, negatable: Bool? = nil, caseSeverity: Severity? = nil) {
            self.caseSeverity = caseSeverity
            self.id = id
            self.phrases = phrases
            self.patterns = patterns
            self.weight = weight
            self.category = category
            self.flag = flag
            self.issue = issue
            self.negatable = negatable
        }
    }

    /// The numbers behind the per-case severity grades (domain.md §4).
    public struct SeverityThresholds: Sendable, Hashable, Codable {
        /// Distinct complainants that make a case major (5).
        public var majorComplainants: Int
        /// Distinct complainants that make a case hot (3).
        public var hotComplainants: Int
        /// Distinct complainants about the same problem (cases sharing an issue) within
        /// `same_type_days` that make each of those cases hot (3; 0 turns the rule off).
        public var sameTypeComplainants: Int?
        /// The window of `same_type_complainants`, in days (30).
        public var sameTypeDays: Int?
        /// Issues that name a kind of complaint broader than one fault (服务态度, 收费争议): they
        /// still group a case and say what its reply must answer, but cases that share only such
        /// an issue are not "the same problem" (labeling.md), so they never make each other hot.
        /// Each must be the `issue:` of some rule of the lexicon.
        public var broadIssues: [String]?

        enum CodingKeys: String, CodingKey {
            case majorComplainants = "major_complainants"
            case hotComplainants = "hot_complainants"
            case sameTypeComplainants = "same_type_complainants"
            case sameTypeDays = "same_type_days"
            case broadIssues = "broad_issues"
        }

        /// Creates thresholds.
        public init(majorComplainants: Int, hotComplainants: Int) {
            self.majorComplainants = majorComplainants
            self.hotComplainants = hotComplainants
        }
    }
}
