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

    @Test func aPageWithoutPostsSaysSo() throws {
        let page = try extractor.thread(Array("<html><body><p>Hello</p></body></html>".utf8), charset: nil, pageURL: "http://x/", source: "g",
                                        board: "b", threadID: nil, times: times)
        #expect(page.posts.isEmpty && page.skipped.contains { $0.contains("site profile") })
    }
}
