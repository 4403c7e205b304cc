import Foundation

/// One post of a labeled corpus (JSON Lines): the text and what a careful reader decided about it.
///
/// `author`, `thread`, `posted_at`, `event`, `forum`, `trade`, `lang` and `author_is_official` may
/// be absent. Category and flag ids are those of the trade's lexicon; `event` names the real event a
/// complaint is about, for scoring grouping. Posts that share a `thread` are read as one thread, in
/// `posted_at` order (file order where times are equal or absent).
public struct LabeledPost: Sendable, Hashable, Codable {
    /// A unique id within the corpus.
    public var id: String
    /// The post's text.
    public var text: String
    /// The author, if known.
    public var author: String?
    /// The thread, if known.
    public var thread: String?
    /// When it was posted (ISO 8601), if known.
    public var postedAt: String?
    /// Whether it is a complaint.
    public var isComplaint: Bool
    /// Its categories (the first is the main one); empty for non-complaints.
    public var categories: [String]
    /// Its flags.
    public var flags: [String]
    /// Whether the corpus labeled its flags: a row without a `flags` field (a public review set)
    /// says nothing of them, and teaches no flag head.
    public var flagsLabeled = true
    /// The event a complaint is about.
    public var event: String?
    /// The forum the thread is on, if known.
    public var forum: String?
    /// The trade (`property`, `retail`, `bank`, `car`): which lexicon's taxonomy the categories are
    /// from (``taxonomy``); absent: property.
    public var trade: String?
    /// The language (`zh-CN`, `zh-TW`, `en`), if known.
    public var lang: String?
    /// Whether the author is one of the company's official accounts.
    public var authorIsOfficial: Bool

    enum CodingKeys: String, CodingKey {
        case id, text, author, thread, categories, flags, event, forum, trade, lang
        case postedAt = "posted_at"
        case isComplaint = "is_complaint"
        case authorIsOfficial = "author_is_official"
    }

    /// The lexicon whose taxonomy the categories are from: `triage` (the property set) for the
    /// property trade, otherwise the trade's own name.
    public var taxonomy: String {
        guard let trade, trade != "property" else { return "triage" }
        return trade
    }

    /// Creates a labeled post.
    public init(id: String, text: String, author: String? = nil, thread: String? = nil, postedAt: String? = nil, isComplaint: Bool,
                categories: [String] = [], flags: [String] = [], event: String? = nil) {
        self.id = id
        self.text = text
        self.author = author
        self.thread = thread
        self.postedAt = postedAt
        self.isComplaint = isComplaint
        self.categories = categories
        self.flags = flags
        self.event = event
        authorIsOfficial = false
    }

    /// Decodes, treating absent category and flag lists as empty (an absent flag list as not labeled).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        text = try c.decode(String.self, forKey: .text)
        author = try c.decodeIfPresent(String.self, forKey: .author)
        thread = try c.decodeIfPresent(String.self, forKey: .thread)
        postedAt = try c.decodeIfPresent(String.self, forKey: .postedAt)
        isComplaint = try c.decode(Bool.self, forKey: .isComplaint)
        categories = try c.decodeIfPresent([String].self, forKey: .categories) ?? []
        let flags = try c.decodeIfPresent([String].self, forKey: .flags)
        self.flags = flags ?? []
        flagsLabeled = flags != nil
        event = try c.decodeIfPresent(String.self, forKey: .event)
        forum = try c.decodeIfPresent(String.self, forKey: .forum)
        trade = try c.decodeIfPresent(String.self, forKey: .trade)
        lang = try c.decodeIfPresent(String.self, forKey: .lang)
        authorIsOfficial = try c.decodeIfPresent(Bool.self, forKey: .authorIsOfficial) ?? false
    }

    /// The posts of `labels` as threads: each thread's posts in posting order, threads in the order
    /// of their first post; a post without a thread is a thread of its own.
    public static func threads(_ labels: [LabeledPost]) -> [[LabeledPost]] {
        var order: [String] = []
        var byThread: [String: [(index: Int, post: LabeledPost)]] = [:]
        for (index, label) in labels.enumerated() {
            let thread = label.thread ?? "\u{1F}\(label.id)"
            if byThread[thread] == nil { order.append(thread) }
            byThread[thread, default: []].append((index, label))
        }
        let threads = order.map { thread in
            byThread[thread]!.sorted { ($0.post.postedAt ?? "", $0.index) < ($1.post.postedAt ?? "", $1.index) }
        }
        return threads.sorted { ($0[0].post.postedAt ?? "", $0[0].index) < ($1[0].post.postedAt ?? "", $1[0].index) }
            .map { $0.map(\.post) }
    }
}
