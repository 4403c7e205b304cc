import Foundation
import OmbudConfig
import OmbudApp
import OmbudCore

/// What happens on the sample forum while it runs: posts that arrive on a timeline
/// (`demo/forum/live.yaml`) and replies posted to it. Safe to share between request handlers.
public final class DemoForumLive: @unchecked Sendable {
    /// One post that was not in the forum's pages.
    public struct Post: Sendable, Hashable {
        /// The forum's post id.
        public var pid: Int
        /// The thread.
        public var thread: String
        /// The author's name.
        public var author: String
        /// The author's user id.
        public var uid: Int
        /// When it was posted.
        public var at: Date
        /// The text, lines separated by newlines.
        public var text: String
    }

    /// The timeline, `demo/forum/live.yaml`.
    struct Script: Codable {
        var posts: [Entry]
        var followUps: FollowUps?

        struct Entry: Codable {
            var afterMinutes: Int
            var thread: String
            var author: String
            var uid: Int
            var text: String
            enum CodingKeys: String, CodingKey {
                case thread, author, uid, text
                case afterMinutes = "after_minutes"
            }
        }

        struct FollowUps: Codable {
            var threads: [String]
            var authors: [Author]
            var texts: [String]
            var limit: Int
            struct Author: Codable {
                var name: String
                var uid: Int
            }
        }

        enum CodingKeys: String, CodingKey {
            case posts
            case followUps = "follow_ups"
        }
    }

    /// The account replies are posted as (the forum's own official account).
    static let replyAuthor = (name: "物业客服中心", uid: 9001)

    private let script: Script
    private let startedAt: Date
    private let lock = NSLock()
    private var replies: [Post] = []

    init(script: Script, startedAt: Date) {
        self.script = script
        self.startedAt = startedAt
    }

    /// Reads `live.yaml` in `folder`; no file means a forum where only replies arrive. Throws
    /// ``OmbudError`` naming the file for a bad one.
    static func load(folder: URL, startedAt: Date) throws -> DemoForumLive {
        let file = folder.appendingPathComponent("live.yaml")
        guard FileManager.default.fileExists(atPath: file.path) else {
            return DemoForumLive(script: Script(posts: []), startedAt: startedAt)
        }
        let script = try ConfigFile.load(Script.self, from: file)
        if let followUps = script.followUps, followUps.threads.isEmpty || followUps.authors.isEmpty || followUps.texts.isEmpty {
            throw OmbudError(code: .demoBadLive, message: "follow_ups needs threads, authors and texts",
                             context: ["file": file.relativePath, "key": "follow_ups"], fix: "list at least one of each, or remove follow_ups")
        }
        return DemoForumLive(script: script, startedAt: startedAt)
    }

    /// Adds a reply to `thread` by the official account at `date`; returns it.
    func reply(_ text: String, in thread: String, at date: Date) -> Post {
        lock.withLock {
            let post = Post(pid: 8000 + replies.count, thread: thread, author: Self.replyAuthor.name, uid: Self.replyAuthor.uid, at: date,
                            text: text)
            replies.append(post)
            return post
        }
    }

    /// The posts visible at `now`, by thread, oldest first.
    public func posts(at now: Date) -> [String: [Post]] {
        let minutes = Int(now.timeIntervalSince(startedAt) / 60)
        var result: [String: [Post]] = [:]
        for (index, entry) in script.posts.enumerated() where entry.afterMinutes <= minutes {
            result[entry.thread, default: []].append(Post(pid: 5000 + index, thread: entry.thread, author: entry.author, uid: entry.uid,
                                                          at: startedAt.addingTimeInterval(Double(entry.afterMinutes) * 60), text: entry.text))
        }
        if let followUps = script.followUps {
            let first = (script.posts.map(\.afterMinutes).max() ?? 0) + 1
            for step in 0..<max(0, min(followUps.limit, minutes - first + 1)) {
                let author = followUps.authors[step % followUps.authors.count]
                let thread = followUps.threads[step % followUps.threads.count]
                result[thread, default: []].append(Post(pid: 6000 + step, thread: thread, author: author.name, uid: author.uid,
                                                        at: startedAt.addingTimeInterval(Double(first + step) * 60),
                                                        text: followUps.texts[step % followUps.texts.count]))
            }
        }
        for reply in lock.withLock({ replies }) where reply.at <= now { result[reply.thread, default: []].append(reply) }
        return result.mapValues { $0.sorted { ($0.at, $0.pid) < ($1.at, $1.pid) } }
    }
}
