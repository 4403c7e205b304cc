import Foundation
import Hummingbird
import OmbudApp
import OmbudCore
import OmbudWeb

extension DemoForum {
    /// `html` (the page `name`, times already shifted) with the live posts of `posts` added: at the
    /// end of their thread's last page, in the thread's reply count, and in its board-list row.
    func addingLive(_ posts: [String: [DemoForumLive.Post]], to html: String, name: String) -> String {
        guard !posts.isEmpty else { return html }
        if let (thread, page) = Self.threadPage(name), let added = posts[thread] {
            var page = page
            var html = html
            let replies = Self.replyCount(in: html) ?? 0
            html = html.replacingOccurrences(of: "<span class=\"xg1\">回复:</span> <span class=\"xi1\">\(replies)</span>",
                                             with: "<span class=\"xg1\">回复:</span> <span class=\"xi1\">\(replies + added.count)</span>")
            // Only the last page gets the new posts, as on the forum.
            while pageExists("thread-\(thread)-\(page + 1)-1.html") { page += 1 }
            guard "thread-\(thread)-\(page)-1.html" == name, let end = html.range(of: "<div id=\"postlistreply\"") else { return html }
            let rendered = added.enumerated().map { index, post in postHTML(post, floor: replies + 2 + index) }.joined()
            html.insert(contentsOf: rendered, at: end.lowerBound)
            return html
        }
        guard name.hasPrefix("forum-") else { return html }
        var html = html
        for (thread, added) in posts {
            guard let last = added.last, let row = html.range(of: "<tbody id=\"normalthread_\(thread)\">"),
                  let rowEnd = html.range(of: "</tbody>", range: row.upperBound..<html.endIndex) else { continue }
            var text = String(html[row.lowerBound..<rowEnd.upperBound])
            if let count = text.range(of: #"class="xi2">(\d+)</a>"#, options: .regularExpression) {
                let number = Int(text[count].dropFirst(#"class="xi2">"#.count).dropLast("</a>".count)) ?? 0
                text.replaceSubrange(count, with: "class=\"xi2\">\(number + added.count)</a>")
            }
            // The last-post cell: the last cite and the stamp after it.
            if let cite = text.range(of: "<cite>", options: .backwards), let end = text.range(of: "</em>", options: .backwards), cite.lowerBound < end.lowerBound {
                text.replaceSubrange(cite.lowerBound..<end.upperBound, with: """
                    <cite><a href="home.php?mod=space&amp;username=\(Self.escape(last.author))" c="1">\(Self.escape(last.author))</a></cite>
                    <em><a href="forum.php?mod=redirect&amp;tid=\(thread)&amp;goto=lastpost#lastpost">\(stamp(last.at))</a></em>
                    """)
            }
            html.replaceSubrange(row.lowerBound..<rowEnd.upperBound, with: text)
        }
        return html
    }

    /// Discuz! X3's reply action, `forum.php?mod=post&action=reply&tid=…` with `message`: the
    /// reply appears at the end of the thread and the answer is Discuz!'s message page.
    func replyRoute(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        guard query["mod"] == "post", query["action"] == "reply", let thread = query["tid"].map(String.init) else {
            return Self.message("未定义操作，请返回。", status: .badRequest)
        }
        guard thread.allSatisfy(\.isNumber), pageExists("thread-\(thread)-1-1.html") else {
            return Self.message("抱歉，指定的主题不存在或已被删除或正在被审核", status: .notFound)
        }
        var request = request
        let form = FormBody(String(buffer: try await request.collectBody(upTo: 1 << 20)))
        let text = (form["message"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count >= 2 else { return Self.message("抱歉，您的帖子小于 2 个字符的限制") }
        let post = live.reply(text, in: thread, at: clock.now)
        var page = 1
        while pageExists("thread-\(thread)-\(page + 1)-1.html") { page += 1 }
        return Self.message("""
            回复发布成功</p><p class="alert_btnleft"><a href="thread-\(thread)-\(page)-1.html#pid\(post.pid)">如果您的浏览器没有自动跳转，请点击此链接</a>
            """)
    }

    private static func message(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>提示信息</title></head><body>
            <div id="messagetext" class="alert_info"><p>\(text)</p></div></body></html>
            """)))
    }

    /// One post in the markup of Discuz! X3's `viewthread_node.htm`: `post.html.template`, which
    /// demo/make-forum.py writes with the pages, its `@@NAME@@` slots filled in one pass (so a
    /// post's text is never read as a slot).
    private func postHTML(_ post: DemoForumLive.Post, floor: Int) -> String {
        let names = [1: "楼主", 2: "沙发", 3: "板凳", 4: "地板"]
        let slots = [
            "PID": "\(post.pid)", "UID": "\(post.uid)", "TID": Self.escape(post.thread), "AUTHOR": Self.escape(post.author),
            "TOPICS": "\(3 + post.uid % 40)", "CREDITS": "\(20 + post.uid % 300)",
            "FLOOR": names[floor] ?? "<em>\(floor)</em><sup>#</sup>", "POSTED_ON": stamp(post.at),
            "BODY": post.text.split(separator: "\n", omittingEmptySubsequences: false).map { Self.escape(String($0)) }.joined(separator: "<br />\r\n"),
        ]
        var result = ""
        var rest = postTemplate[...]
        while let open = rest.range(of: "@@"), let close = rest.range(of: "@@", range: open.upperBound..<rest.endIndex),
              let value = slots[String(rest[open.upperBound..<close.lowerBound])] {
            result += rest[..<open.lowerBound] + value
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// `yyyy-M-d HH:mm` in the forum's time zone, as Discuz! prints older posts.
    func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%d-%d %02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
    }

    /// `thread-<tid>-<page>-1.html` → (tid, page).
    private static func threadPage(_ name: String) -> (String, Int)? {
        let parts = name.split(separator: "-")
        guard parts.count == 4, parts[0] == "thread", parts[3] == "1.html", let page = Int(parts[2]) else { return nil }
        return (String(parts[1]), page)
    }

    private static func replyCount(in html: String) -> Int? {
        guard let range = html.range(of: #"回复:</span> <span class="xi1">\d+</span>"#, options: .regularExpression) else { return nil }
        return Int(html[range].dropLast("</span>".count).reversed().prefix { $0.isNumber }.reversed().map(String.init).joined())
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
