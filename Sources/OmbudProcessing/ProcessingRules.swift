import OmbudCore
import OmbudDeadlines
import OmbudDrafting
import OmbudGrouping
import OmbudTriage

/// What a processing pass applies: the staff's rules, compiled once (a pass copies them).
public struct ProcessingRules: Sendable {
    /// The triage of sources that name no lexicon.
    public var triage: Triage
    /// The triage of sources that name a lexicon, by source.
    public var triageBySource: [String: Triage]
    /// A grouper compiled from the grouping rules, holding no case: each pass starts from a copy.
    public var grouper: Grouper
    /// Writes the drafts.
    public var drafter: Drafter
    /// Categories' display names, for drafts.
    public var categoryNames: [String: String]
    /// The reply clock.
    public var deadlines: DeadlineClock
    /// Each source's channel (its deadline policy), by source; `DeadlinePolicy.online` when absent.
    public var channels: [String: String]
    /// Our official accounts, by source: their posts are ours, never complaints.
    public var officialAccounts: [String: Set<String>]
    /// How many 3-grams of a post in a case the store keeps to find its reposts later.
    public var repostSketchSize = 16
    /// How many of them a stored post must share with a new one to be compared with it. A
    /// repeat shares at least 80 % of the shorter text's 3-grams, about thirteen of sixteen
    /// when the texts are of like length, and its rarer grams (places, numbers, names) are
    /// found even when a stock phrase's are too common to count.
    public var repostSketchShared = 4
    /// How many of the newest holders of one 3-gram are counted.
    public var repostHoldersPerGram = 48
    /// The most stored posts one new post is compared with (those sharing the most first).
    public var repostCandidates = 32

    /// Creates the rules.
    public init(triage: Triage, triageBySource: [String: Triage], grouper: Grouper, drafter: Drafter, categoryNames: [String: String],
                deadlines: DeadlineClock, channels: [String: String], officialAccounts: [String: Set<String>]) {
        self.triage = triage
        self.triageBySource = triageBySource
        self.grouper = grouper
        self.drafter = drafter
        self.categoryNames = categoryNames
        self.deadlines = deadlines
        self.channels = channels
        self.officialAccounts = officialAccounts
    }

    /// The triage `source` uses.
    public func triage(for source: String) -> Triage {
        triageBySource[source] ?? triage
    }

    /// Whether `post` is by one of our official accounts.
    public func isOfficial(_ post: Post) -> Bool {
        officialAccounts[post.source]?.contains(post.author) == true
    }
}
