import OmbudCore

/// What triage knows of a post's thread when it reads the post: labeling.md's "a reply in a
/// complaint thread is read with the thread".
///
/// Built from the verdicts already taken on the posts before it (the pipeline and `ombud eval`
/// go through each thread in posting order), never from the post itself.
public struct ThreadContext: Sendable, Hashable {
    /// Whether the post opens its thread.
    public var isOpening: Bool
    /// Whether the opening post or an earlier reply was judged a complaint.
    public var complaintThread: Bool
    /// Whether one of our official accounts posted earlier in the thread.
    public var afterOfficial: Bool
    /// The categories of the thread's earlier complaints, the opening's first.
    public var threadCategories: [String]
    /// How many of the thread's earlier complaints led with each category: a reply's category
    /// follows what its thread is mostly about, not only its opening.
    public var threadCategoryCounts: [String: Int]
    /// The flags of the thread's earlier complaints.
    public var threadFlags: Set<Flag>
    /// The earlier complaint in another thread that this post repeats near-verbatim, if any
    /// (found by a ``RepostIndex``).
    public var repostOf: String?
    /// Who wrote the post being read (set by the caller before judging, like ``isOpening``); nil
    /// when unknown, and then no author feature is read.
    public var author: String?
    /// Who opened the thread, once the opening has been added.
    public var openingAuthor: String?
    /// The authors of the thread's earlier complaints (not our official accounts).
    public var complainants: Set<String> = []
    /// Whether the post just before was one of our official accounts' (the post answers an answer).
    public var justAfterOfficial = false

    /// Creates a context.
    public init(isOpening: Bool, complaintThread: Bool = false, afterOfficial: Bool = false, threadCategories: [String] = [],
                threadFlags: Set<Flag> = []) {
        self.isOpening = isOpening
        self.complaintThread = complaintThread
        self.afterOfficial = afterOfficial
        self.threadCategories = threadCategories
        threadCategoryCounts = Dictionary(threadCategories.map { ($0, 1) }, uniquingKeysWith: +)
        self.threadFlags = threadFlags
    }

    /// An opening post.
    public static let opening = ThreadContext(isOpening: true)

    /// A reply in a thread of which only what is given is known.
    public static func reply(complaintThread: Bool = false, afterOfficial: Bool = false, categories: [String] = [],
                             flags: Set<Flag> = []) -> ThreadContext {
        ThreadContext(isOpening: false, complaintThread: complaintThread, afterOfficial: afterOfficial, threadCategories: categories,
                      threadFlags: flags)
    }

    /// The context after `assessment` of the post read (official or not, by ``author``) is added
    /// to this thread; without an author the thread's opener and complainants stay unknown.
    public func adding(_ assessment: Assessment, official: Bool) -> ThreadContext {
        var next = self
        next.isOpening = false
        next.repostOf = nil
        next.author = nil
        next.justAfterOfficial = official
        if isOpening, let author { next.openingAuthor = author }
        if official { next.afterOfficial = true }
        if assessment.isComplaint && !official {
            if let author { next.complainants.insert(author) }
            next.complaintThread = true
            for category in assessment.categories.prefix(1) {
                if !next.threadCategories.contains(category) { next.threadCategories.append(category) }
                next.threadCategoryCounts[category, default: 0] += 1
            }
            next.threadFlags.formUnion(assessment.flags)
        }
        return next
    }

    /// The share of the thread's earlier complaints that led with each category (they add up to 1).
    public var threadCategoryShares: [String: Double] {
        let total = Double(threadCategoryCounts.values.reduce(0, +))
        return total == 0 ? [:] : threadCategoryCounts.mapValues { Double($0) / total }
    }

    /// The model's context features for this context.
    public var featureSet: Set<ModelFeatures.Context> {
        var result: Set<ModelFeatures.Context> = [isOpening ? .opening : .reply]
        if complaintThread { result.insert(.complaintThread) }
        if afterOfficial { result.insert(.afterOfficial) }
        if threadFlags.contains(.collective) { result.insert(.collectiveThread) }
        if threadFlags.contains(.safety) { result.insert(.safetyThread) }
        if threadFlags.contains(.mediaThreat) { result.insert(.mediaThread) }
        if threadFlags.contains(.legalThreat) { result.insert(.legalThread) }
        if !isOpening, let author {
            if author == openingAuthor { result.insert(.byOpener) }
            if complainants.contains(author) { result.insert(.complainedBefore) }
        }
        if justAfterOfficial { result.insert(.justAfterOfficial) }
        return result
    }
}
