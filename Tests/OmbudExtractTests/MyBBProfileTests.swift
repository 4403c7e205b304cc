import Foundation
import OmbudConfig
import OmbudCore
import OmbudExtract
import Testing

/// The MyBB 1.8 profile against default-theme markup (Fixtures/mybb).
@Suite struct MyBBProfileTests {
    let extractor = Fixtures.extractor("mybb18")
    let times = Fixtures.times

    func bytes(_ name: String) throws -> [UInt8] { try Fixtures.bytes("mybb/" + name) }

    @Test func boardListsThreads() throws {
        let board = try extractor.board(bytes("forumdisplay.html"), charset: nil, pageURL: "https://mybb.example.com/forumdisplay.php?fid=2",
                                        source: "m", board: "2")
        #expect(board.threads.map(\.id) == ["5", "9"])
        #expect(board.threads[0].url == "https://mybb.example.com/showthread.php?tid=5")
        #expect(board.threads[0].title == "Lift in building 3 broken again, neighbour trapped")
        #expect(board.threads[0].replyCount == 11)
        #expect(board.threads[1].lastPost.flatMap(times.parse) == DeadlineTime.at("2026-11-15 21:30"))
        #expect(board.nextPage == "https://mybb.example.com/forumdisplay.php?fid=2&page=2")
    }

    @Test func threadGivesCleanPosts() throws {
        let thread = try extractor.thread(bytes("showthread.html"), charset: nil, pageURL: "https://mybb.example.com/showthread.php?tid=5",
                                          source: "m", board: "2", threadID: nil, times: times)
        #expect(thread.threadID == "5" && thread.skipped.isEmpty)
        #expect(thread.posts.map(\.id) == ["12", "13"] && thread.posts.map(\.floor) == [1, 2])
        #expect(thread.posts[0].author == "alice_w" && thread.posts[0].authorID == "54" && thread.posts[0].authorPosts == 31)
        #expect(thread.posts[0].postedAt == DeadlineTime.at("2026-11-18 08:12"))
        #expect(thread.posts[1].postedAt == DeadlineTime.at("2026-11-17 21:05"))
        #expect(thread.posts[0].text == "The lift in building 3 broke down again this morning at 7:40 and my neighbour was trapped for twenty minutes.\n\nNobody answered the management office phone. Sad")
        #expect(thread.posts[1].text == "Same here, the lift in building 3 has stopped three times this month.")
        #expect(thread.nextPage == "https://mybb.example.com/showthread.php?tid=5&page=2")
    }
}
