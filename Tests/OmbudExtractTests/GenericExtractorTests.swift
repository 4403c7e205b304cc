import Foundation
import OmbudCore
import OmbudExtract
import Testing

/// The structure-based fallback, on pages of three forum programs it was not told about.
@Suite struct GenericExtractorTests {
    let extractor = GenericExtractor()
    let times = Fixtures.times

    func bytes(_ path: String) throws -> [UInt8] {
        path.hasPrefix("demo/") ? [UInt8](try Data(contentsOf: DiscuzProfileTests.root.appendingPathComponent(path))) : try Fixtures.bytes(path)
    }

    @Test func discuzPostsAreFoundByStructure() throws {
        let page = try extractor.thread(bytes("demo/forum/thread-101-1-1.html"), charset: nil, pageURL: "http://x/thread-101-1-1.html",
                                        source: "g", board: "2", threadID: "101", times: times)
        #expect(page.posts.map(\.id) == ["1001", "1002", "1003", "1004", "1010"])
        #expect(page.posts.map(\.author) == ["张先生", "陈阿姨", "老刘", "小周", "阳台种菜"])
        #expect(page.posts.map(\.authorID) == ["1001", "1002", "1003", "1004", "1010"])
        #expect(page.posts[1].postedAt == DeadlineTime.at("2026-11-18 08:31"))
        #expect(page.posts.map(\.text).suffix(4) == ["同样，3号楼的电梯这个月坏了三次，每次都说修好了，第二天又坏。", "顶", "我家也是3号楼，天天提心吊胆", "+1"])
        #expect(page.posts.allSatisfy { $0.confidence == GenericExtractor.confidence })
    }

    @Test(arguments: [("phpbb/viewtopic.html", ["12", "13"], ["alice_w", "bob"]), ("mybb/showthread.html", ["12", "13"], ["alice_w", "bob"])])
    func otherForumsYieldTheirPosts(file: String, ids: [String], authors: [String]) throws {
        let page = try extractor.thread(bytes(file), charset: nil, pageURL: "http://x/t", source: "g", board: "b", threadID: "5", times: times)
        #expect(page.posts.map(\.id) == ids)
        #expect(page.posts.map(\.author) == authors)
        #expect(page.posts[0].postedAt == DeadlineTime.at("2026-11-18 08:12"))
        #expect(page.posts[1].text.contains("Same here, the lift in building 3 has stopped three times this month."))
    }

    @Test func boardRowsGiveThreadLinks() throws {
        let board = try extractor.board(bytes("demo/forum/forum-2-1.html"), charset: nil, pageURL: "http://x/forum-2-1.html", source: "g", board: "2")
        #expect(board.threads.map(\.id) == ["100", "106", "108", "105", "101", "109", "104"])
        #expect(board.threads[4].title == "3号楼电梯又坏了，困了人！" && board.threads[4].url == "http://x/thread-101-1-1.html")
        #expect(board.nextPage == "http://x/forum-2-2.html")
        let phpbb = try extractor.board(bytes("phpbb/viewforum.html"), charset: nil, pageURL: "http://x/viewforum.php?f=2", source: "g", board: "2")
        #expect(phpbb.threads.map(\.id).contains("5"))
    }

    @Test func aPageWithoutPostsIsAnErrorNotAnEmptyPage() throws {
        #expect {
            _ = try extractor.thread(Array("<html><body><p>Hello</p></body></html>".utf8), charset: nil, pageURL: "http://x/", source: "g",
                                     board: "b", threadID: nil, times: times)
        } throws: { ($0 as? OmbudError)?.code == .extractUnreadable }
        #expect {
            _ = try extractor.board(Array("<html><body><p>Hello</p></body></html>".utf8), charset: nil, pageURL: "http://x/", source: "g", board: "b")
        } throws: { ($0 as? OmbudError)?.code == .extractUnreadable }
    }

    /// A forum's index: repeated rows with a description and a last-post time, but no authors of
    /// their own. Stored as posts, they were board descriptions in the queue.
    @Test func blocksThatDoNotLookLikePostsAreRefusedNotStored() throws {
        let row = { (name: String) in
            "<li class=\"forum\"><h3>\(name)</h3><p>Talk about \(name.lowercased()) and everything around it, for every resident.</p><span>2026-11-18 09:03</span></li>"
        }
        let html = "<html><body><ul>" + ["Announcements", "Repairs", "Neighbours", "Market"].map(row).joined() + "</ul></body></html>"
        #expect {
            _ = try extractor.thread(Array(html.utf8), charset: nil, pageURL: "http://x/forum.php", source: "g", board: "b", threadID: nil, times: times)
        } throws: { ($0 as? OmbudError)?.code == .extractUncertain }
    }

    @Test(arguments: [
        ("http://x/thread-101-1-1.html", "101"), ("http://x/forum.php?mod=viewthread&tid=38672&extra=page%3D1", "38672"),
        ("http://x/viewtopic.php?f=4&t=167&sid=abc", "167"), ("http://x/topic/2295-need-some-help", "2295"),
        ("http://x/threads/jede-nacht.230143/", "230143"), ("http://x/t/some-slug/421350/5", "421350"), ("http://x/p/8057560733", "8057560733"),
        // A percent-encoded Chinese slug: its digits are bytes of characters, never the id.
        ("http://x/d/%E6%88%91%E4%BB%AC%E5%B0%8F%E5%8C%BA", "/d/%E6%88%91%E4%BB%AC%E5%B0%8F%E5%8C%BA"),
        ("http://x/d/15648-%E6%88%91%E4%BB%AC", "15648"),
        // Numbers inside a slug are not ids.
        ("http://x/threads/top-10-tips.123/", "123"), ("http://x/t/2024-fee-rise/123", "123"),
        ("http://x/forum/jeux-zelda-pour-ds-dsi-et-3ds-gratuit-t190.html", "190"), ("http://x/forums/5-general/123-title.html", "123"),
    ])
    func threadIDsComeFromTheWholeURL(url: String, id: String) {
        #expect(GenericExtractor.threadID(fromURL: url) == id)
    }
}
