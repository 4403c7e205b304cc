import OmbudCore
import OmbudDrafting

/// Our sent replies awaiting confirmation, by thread, and which of them a post echoes.
struct SentReplies: Sendable {
    private let byThread: [ThreadRef: [Draft]]
    private let echo = ReplyEcho()

    init(_ sent: [Draft]) {
        byThread = Dictionary(grouping: sent, by: \.thread)
    }

    /// The sent replies of `thread`.
    func inThread(_ thread: ThreadRef) -> [Draft] {
        byThread[thread] ?? []
    }

    /// The sent replies of `post`'s thread whose text `post` repeats.
    func echoed(by post: Post) -> [Draft] {
        inThread(ThreadRef(source: post.source, threadID: post.threadID)).filter { echo.matches(reply: $0.text, post: post.text) }
    }
}
