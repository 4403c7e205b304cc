extension Assessment {
    /// The verdict on a post of ours: one of our official accounts (`official_account`), or a
    /// reply we sent read back from its thread (`our_reply`, with `note` naming its case). Never
    /// a complaint.
    public static func ours(_ post: PostKey, author: String, reply note: String? = nil) -> Assessment {
        Assessment(post: post, isComplaint: false, score: 0, categories: [], flags: [], issues: [],
                   reasons: [Reason(rule: note == nil ? "official_account" : "our_reply", matched: author, offset: 0, weight: 0,
                                    note: note ?? "one of our official accounts")])
    }

    /// Whether this is the verdict on a post of ours (``ours(_:author:reply:)``): the thread
    /// context counts it as our answer.
    public var isOurs: Bool { reasons.contains { $0.rule == "official_account" || $0.rule == "our_reply" } }
}
