import Foundation
import OmbudCore

/// Reads Discourse through its JSON API, no HTML scraping: `/latest.json` (or a category's
/// `/c/{slug}/{id}.json`, or the site's newest posts `/posts.json`) lists topics;
/// `/t/{slug}/{id}.json?page=N` gives 20 posts a page, and `/t/{id}/posts.json` the posts asked for.
///
/// Fields that Discourse versions leave out are optional: a topic's posts without its `title` or
/// `id` (`/t/{id}/posts.json`) take them from the posts' `topic_*` fields or the board.
/// Post bodies arrive as Discourse's rendered HTML (`cooked`); quotes (`aside.quote`) and link
/// previews (`aside.onebox`) are left out. Moderator actions and small actions (closed, pinned)
/// are not posts.
public struct DiscourseExtractor: PageExtractor {
    /// The profile (its name appears in errors).
    public let profile: SiteProfile
    /// Posts Discourse returns per topic page.
    public static let postsPerPage = 20

    /// Creates the reader.
    public init(profile: SiteProfile) {
        self.profile = profile
    }

    private struct TopicList: Decodable {
        struct List: Decodable {
            var topics: [Topic]
            var more_topics_url: String?
        }
        var topic_list: List?
        /// `/posts.json`: the site's newest posts, of any topic.
        var latest_posts: [PostJSON]?
    }

    private struct Topic: Decodable {
        var id: Int
        var title: String
        var slug: String?
        var posts_count: Int?
        var views: Int?
        var last_posted_at: String?
    }

    private struct TopicPage: Decodable {
        struct Stream: Decodable { var posts: [PostJSON] }
        var id: Int?
        var title: String?
        var slug: String?
        var posts_count: Int?
        var post_stream: Stream?
        var latest_posts: [PostJSON]?
    }

    private struct PostJSON: Decodable {
        var id: Int
        var post_number: Int
        var username: String
        var user_id: Int?
        var created_at: String
        var cooked: String
        var post_type: Int?
        var action_code: String?
        var topic_id: Int?
        var topic_slug: String?
        var topic_title: String?
    }

    private func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8], url: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw OmbudError(code: .extractBadJson, message: "not the Discourse JSON expected: \(error)",
                             context: ["site": profile.name, "url": url],
                             fix: "check that the board path ends in .json (latest.json, c/slug/id.json)")
        }
    }

    public func board(_ bytes: [UInt8], charset: String?, pageURL: String, source: String, board: String) throws -> BoardPage {
        let decoded = try decode(TopicList.self, bytes, url: pageURL)
        if let latest = decoded.latest_posts {
            return latestPosts(latest, pageURL: pageURL, source: source, board: board)
        }
        guard let list = decoded.topic_list else {
            throw OmbudError(code: .extractBadJson, message: "the Discourse JSON has neither a topic list nor the latest posts",
                             context: ["site": profile.name, "url": pageURL],
                             fix: "point the source's board at a topic list: latest.json, c/slug/id.json or posts.json")
        }
        let threads = list.topics.compactMap { topic -> ForumThread? in
            guard let url = topicURL(slug: topic.slug, id: topic.id, relativeTo: pageURL) else { return nil }
            return ForumThread(source: source, id: String(topic.id), title: topic.title, board: board, url: url,
                               replyCount: topic.posts_count.map { max(0, $0 - 1) }, viewCount: topic.views, lastPost: topic.last_posted_at)
        }
        return BoardPage(threads: threads, nextPage: list.more_topics_url.flatMap { jsonURL($0, relativeTo: pageURL) })
    }

    /// `/posts.json`, newest first: each topic once, its newest post's time as its last post (no
    /// reply count, so a new post shows as a new time); older posts from `?before=` the oldest id.
    private func latestPosts(_ posts: [PostJSON], pageURL: String, source: String, board: String) -> BoardPage {
        var threads: [ForumThread] = []
        var seen = Set<Int>()
        for post in posts {
            guard let id = post.topic_id, seen.insert(id).inserted,
                  let url = topicURL(slug: post.topic_slug, id: id, relativeTo: pageURL) else { continue }
            threads.append(ForumThread(source: source, id: String(id), title: post.topic_title ?? "", board: board, url: url,
                                       replyCount: nil, viewCount: nil, lastPost: post.created_at))
        }
        let next = posts.map(\.id).min().flatMap { Self.url(pageURL, setting: "before", to: String($0)) }
        return BoardPage(threads: threads, nextPage: next)
    }

    private func topicURL(slug: String?, id: Int, relativeTo pageURL: String) -> String? {
        URL(string: "/t/\(slug ?? "topic")/\(id).json", relativeTo: URL(string: pageURL))?.absoluteURL.absoluteString
    }

    public func thread(_ bytes: [UInt8], charset: String?, pageURL: String, source: String, board: String, threadID: String?,
                       times: PostTimeParser) throws -> ThreadPage {
        let topic = try decode(TopicPage.self, bytes, url: pageURL)
        guard let stream = topic.post_stream?.posts else {
            let what = topic.latest_posts != nil ? "the site's latest posts (posts.json), not one topic" : "no post_stream"
            throw OmbudError(code: .extractBadJson, message: "the Discourse JSON holds \(what)",
                             context: ["site": profile.name, "url": pageURL],
                             fix: "a topic's posts come from /t/{slug}/{id}.json; read posts.json as the source's board")
        }
        let first = stream.first
        guard let threadID = (topic.id ?? first?.topic_id).map(String.init) ?? threadID else {
            throw OmbudError(code: .extractBadJson, message: "the Discourse JSON names no topic: no id, and no topic_id on its posts",
                             context: ["site": profile.name, "url": pageURL],
                             fix: "read topics at /t/{slug}/{id}.json, which carry their id")
        }
        let title = topic.title ?? first?.topic_title ?? ""
        let slug = topic.slug ?? first?.topic_slug
        var posts: [Post] = []
        var skipped: [String] = []
        for post in stream {
            guard (post.post_type ?? 1) == 1, post.action_code == nil else { continue }
            guard let postedAt = times.parse(post.created_at) else {
                skipped.append("post \(post.id): '\(post.created_at.prefix(80))' is not a readable or possible time")
                continue
            }
            let document = try HTMLDocument(html: "<div id=\"cooked\">\(post.cooked)</div>", url: pageURL)
            guard let body = try document.nodes("//div[@id='cooked']").first else { continue }
            let drops = try document.nodes(".//aside[contains(@class,'quote') or contains(@class,'onebox')]", in: body)
            let link = URL(string: "/t/\(slug ?? "topic")/\(threadID)/\(post.post_number)", relativeTo: URL(string: pageURL))
            posts.append(Post(source: source, id: String(post.id), threadID: threadID, threadTitle: title, board: board,
                              floor: post.post_number, author: post.username, authorID: post.user_id.map(String.init) ?? post.username,
                              postedAt: postedAt, text: body.postText(skipping: drops), url: link?.absoluteURL.absoluteString ?? pageURL))
        }
        let page = URLComponents(string: pageURL)?.queryItems?.first { $0.name == "page" }?.value.flatMap { Int($0) } ?? 1
        let next = (topic.posts_count ?? 0) > page * Self.postsPerPage ? Self.url(pageURL, setting: "page", to: String(page + 1)) : nil
        return ThreadPage(threadID: threadID, title: title, posts: posts, nextPage: next, skipped: skipped)
    }

    /// `url` with its query item `name` set to `value` (added last, or replacing the one it had).
    private static func url(_ url: String, setting name: String, to value: String) -> String? {
        guard var components = URLComponents(string: url) else { return nil }
        components.queryItems = (components.queryItems ?? []).filter { $0.name != name } + [URLQueryItem(name: name, value: value)]
        return components.string
    }

    /// `/latest?page=1` → `https://host/latest.json?page=1`: Discourse's list links point at HTML.
    private func jsonURL(_ link: String, relativeTo base: String) -> String? {
        guard var components = URLComponents(string: link) else { return nil }
        if !components.path.hasSuffix(".json") { components.path += ".json" }
        return components.url(relativeTo: URL(string: base))?.absoluteURL.absoluteString
    }
}
