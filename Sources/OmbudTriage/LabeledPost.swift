import Foundation

/// One post of a labeled corpus (JSON Lines): the text and what a careful reader decided about it.
///
/// `author`, `thread`, `posted_at` and `event` may be absent. Category and flag ids are those of the
/// lexicon; `event` names the real event a complaint is about, for scoring grouping.
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
    /// The event a complaint is about.
    public var event: String?

    enum CodingKeys: String, CodingKey {
        case id, text, author, thread, categories, flags, event
        case postedAt = "posted_at"
        case isComplaint = "is_complaint"
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
    }

    /// Decodes, treating absent category and flag lists as empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        text = try c.decode(String.self, forKey: .text)
        author = try c.decodeIfPresent(String.self, forKey: .author)
        thread = try c.decodeIfPresent(String.self, forKey: .thread)
        postedAt = try c.decodeIfPresent(String.self, forKey: .postedAt)
        isComplaint = try c.decode(Bool.self, forKey: .isComplaint)
        categories = try c.decodeIfPresent([String].self, forKey: .categories) ?? []
        flags = try c.decodeIfPresent([String].self, forKey: .flags) ?? []
        event = try c.decodeIfPresent(String.self, forKey: .event)
    }
}
