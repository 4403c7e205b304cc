/// Why the bot took a decision: the rule, the text it matched and the weight it added.
///
/// Every assessment and every case membership keeps its reasons so that the person approving
/// a reply sees why the bot decided as it did.
public struct Reason: Sendable, Hashable, Codable {
    /// The rule's id in the lexicon (or a built-in rule name such as `grouping.shared_place`).
    public var rule: String
    /// The text that matched, as written in the post.
    public var matched: String
    /// Where the match starts, in characters from the start of the text.
    public var offset: Int
    /// The weight this reason added to the decision (negative for negations).
    public var weight: Double
    /// A short human explanation.
    public var note: String

    /// Creates a reason.
    public init(rule: String, matched: String, offset: Int, weight: Double, note: String) {
        self.rule = rule
        self.matched = matched
        self.offset = offset
        self.weight = weight
        self.note = note
    }
}
