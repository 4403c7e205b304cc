import Foundation

/// Finds near-verbatim reposts: a post whose text is mostly an earlier complaint's, posted in
/// another thread (labeling.md: `repeat`, "a verbatim or near-verbatim repost").
///
/// Pure. Texts are normalised as for the model and cut into character 3-grams; a post is a repost
/// of an earlier one when they share at least `containment` of the shorter one's 3-grams and both
/// have at least `minimumLength` characters. An inverted index keeps the cost per post to the
/// earlier posts that share a rare 3-gram with it.
public struct RepostIndex: Sendable {
    /// The share of the shorter text's 3-grams both must share.
    public let containment: Double
    /// The fewest characters a text needs to be compared (short replies repeat by nature).
    public let minimumLength: Int
    private var entries: [(id: String, thread: String, at: Date, grams: Set<UInt64>)] = []
    private var postings: [UInt64: [Int]] = [:]

    /// Creates an empty index.
    public init(containment: Double = 0.8, minimumLength: Int = 24) {
        self.containment = containment
        self.minimumLength = minimumLength
    }

    /// How many posts are indexed.
    public var count: Int { entries.count }

    /// Adds a complaint posted `at` (texts shorter than `minimumLength` are not kept).
    public mutating func add(id: String, thread: String, text: String, at: Date) {
        guard let grams = grams(text) else { return }
        for gram in grams { postings[gram, default: []].append(entries.count) }
        entries.append((id, thread, at, grams))
    }

    /// The id of a post in another thread, posted before `at`, that `text` repeats near-verbatim,
    /// if any (whatever order the posts were added in).
    public func original(of text: String, thread: String, at: Date) -> String? {
        guard let grams = grams(text) else { return nil }
        var shared: [Int: Int] = [:]
        for gram in grams {
            for entry in postings[gram] ?? [] where entries[entry].thread != thread && entries[entry].at < at { shared[entry, default: 0] += 1 }
        }
        let best = shared.compactMap { entry, count -> (Int, Double)? in
            let share = Double(count) / Double(min(grams.count, entries[entry].grams.count))
            return share >= containment ? (entry, share) : nil
        }.max { ($0.1, -$0.0) < ($1.1, -$1.0) }
        return best.map { entries[$0.0].id }
    }

    /// Every 3-gram key of `text` that is long enough to be compared (none for shorter texts):
    /// what a store is asked to match against the ``sketch(of:)`` of the posts it holds.
    public func keys(of text: String) -> Set<UInt64> {
        grams(text) ?? []
    }

    /// The `size` 3-gram keys of `text` that stand for it in a store (those whose mixed hashes
    /// are smallest, a sample of its grams that is the same wherever the text is): a later post
    /// that repeats this one contains most of them, so the store need not hold every gram of
    /// every post.
    public func sketch(of text: String, size: Int = 16) -> [UInt64] {
        guard let grams = grams(text) else { return [] }
        return grams.map { (Self.spread($0), $0) }.sorted { $0.0 < $1.0 }.prefix(size).map(\.1).sorted()
    }

    /// splitmix64's finaliser: orders grams in a way unrelated to the characters they hold.
    private static func spread(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private func grams(_ text: String) -> Set<UInt64>? {
        // As written, without the model's Traditional → Simplified fold: the sketches a store kept
        // from earlier versions stay comparable, and grouping finds copies across scripts itself.
        let scalars = ModelFeatures.normalised(text, foldingScripts: false).filter { $0 != 0x20 }
        guard scalars.count >= max(minimumLength, 3) else { return nil }
        var result = Set<UInt64>()
        for index in 2..<scalars.count {
            result.insert(UInt64(scalars[index - 2]) << 42 | UInt64(scalars[index - 1]) << 21 | UInt64(scalars[index]))
        }
        return result
    }
}
