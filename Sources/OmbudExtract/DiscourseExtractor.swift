import Foundation
import OmbudCore

/// Reads Discourse through its JSON API, no HTML scraping: `/latest.json` (or a category's
/// `/c/{slug}/{id}.json`) lists topics; `/t/{slug}/{id}.json?page=N` gives 20 posts a page.
///
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
        var topic_list: List
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
        var id: Int
        var title: String
        var slug: String?
        var posts_count: Int?
        var post_stream: Stream
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
        let list = try decode(TopicList.self, bytes, url: pageURL).topic_list
        let threads = list.topics.compactMap { topic -> ForumThread? in
            guard let url = URL(string: "/t/\(topic.slug ?? "topic")/\(topic.id).json", relativeTo: URL(string: pageURL)) else { return nil }
            return ForumThread(source: source, id: String(topic.id), title: topic.title, board: board, url: url.absoluteURL.absoluteString,
                               replyCount: topic.posts_count.map { max(0, $0 - 1) }, viewCount: topic.views, lastPost: topic.last_posted_at)
        }
        return BoardPage(threads: threads, nextPage: list.more_topics_url.flatMap { jsonURL($0, relativeTo: pageURL) })
    }

    public func thread(_ bytes: [UInt8], charset: String?, pageURL: String, source: String, board: String, threadID: String?,
                       times: PostTimeParser) throws -> ThreadPage {
        let topic = try decode(TopicPage.self, bytes, url: pageURL)
        let threadID = String(topic.id)
        var posts: [Post] = []
        var skipped: [String] = []
        for post in topic.post_stream.posts {
            guard (post.post_type ?? 1) == 1, post.action_code == nil else { continue }
            guard let postedAt = times.parse(post.created_at) else {
                skipped.append("post \(post.id): '\(post.created_at.prefix(80))' is not a readable or possible time")
                continue
            }
            let document = try HTMLDocument(html: "<div id=\"cooked\">\(post.cooked)</div>", url: pageURL)
            guard let body = try document.nodes("//div[@id='cooked']").first else { continue }
            let drops = try document.nodes(".//aside[contains(@class,'quote') or contains(@class,'onebox')]", in: body)
            let link = URL(string: "/t/\(topic.slug ?? "topic")/\(topic.id)/\(post.post_number)", relativeTo: URL(string: pageURL))
            posts.append(Post(source: source, id: String(post.id), threadID: threadID, threadTitle: topic.title, board: board,
                              floor: post.post_number, author: post.username, authorID: post.user_id.map(String.init) ?? post.username,
                              postedAt: postedAt, text: body.postText(skipping: drops), url: link?.absoluteURL.absoluteString ?? pageURL))
        }
        let page = URLComponents(string: pageURL)?.queryItems?.first { $0.name == "page" }?.value.flatMap { Int($0) } ?? 1
        var next: String?
        if let count = topic.posts_count, count > page * Self.postsPerPage, var components = URLComponents(string: pageURL) {
            components.queryItems = (components.queryItems ?? []).filter { $0.name != "page" } + [URLQueryItem(name: "page", value: String(page + 1))]
            next = components.string
        }
        return ThreadPage(threadID: threadID, title: topic.title, posts: posts, nextPage: next, skipped: skipped)
    }

    /// `/latest?page=1` → `https://host/latest.json?page=1`: Discourse's list links point at HTML.
    private func jsonURL(_ link: String, relativeTo base: String) -> String? {
        guard var components = URLComponents(string: link) else { return nil }
        if !components.path.hasSuffix(".json") { components.path += ".json" }
        return components.url(relativeTo: URL(string: base))?.absoluteURL.absoluteString
    }
}
