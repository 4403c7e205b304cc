import Foundation
import OmbudCore
import OmbudExtract
import Testing

/// The FlaskBB profile against its default templates' markup (Fixtures/flaskbb).
@Suite struct FlaskBBProfileTests {
    let extractor = Fixtures.extractor("flaskbb")
    let times = Fixtures.times

    func bytes(_ name: String) throws -> [UInt8] { try Fixtures.bytes("flaskbb/" + name) }

    @Test func forumListsTopics() throws {
        let board = try extractor.board(bytes("forum.html"), charset: nil, pageURL: "https://flaskbb.example.com/forum/2-complaints",
                                        source: "f", board: "2")
        #expect(board.threads.map(\.id) == ["5", "9"])
        #expect(board.threads[0].url == "https://flaskbb.example.com/topic/5-lift-in-building-3-broken-again")
        #expect(board.threads[0].replyCount == 12 && board.threads[0].viewCount == 523)
        #expect(board.threads[1].lastPost.flatMap(times.parse) == DeadlineTime.at("2026-11-15 11:30"))
        #expect(board.nextPage == "https://flaskbb.example.com/forum/2-complaints?page=2")
    }

    @Test func topicGivesCleanPosts() throws {
        let thread = try extractor.thread(bytes("topic.html"), charset: nil, pageURL: "https://flaskbb.example.com/topic/5-lift-in-building-3-broken-again",
                                          source: "f", board: "2", threadID: nil, times: times)
        #expect(thread.threadID == "5" && thread.skipped.isEmpty)
        #expect(thread.posts.map(\.id) == ["12", "13"] && thread.posts.map(\.floor) == [1, 2])
        #expect(thread.posts.map(\.author) == ["alice_w", "bob"] && thread.posts[0].authorID == "alice_w")
        #expect(thread.posts.map(\.authorPosts) == [31, 4])
        #expect(thread.posts[0].postedAt == DeadlineTime.at("2026-11-18 08:12").addingTimeInterval(31))
        #expect(thread.posts[0].text == "The lift in building 3 broke down again this morning at 7:40 and my neighbour was trapped for twenty minutes.\n\nNobody answered the management office phone.")
        #expect(thread.posts[1].text == "Same here, the lift in building 3 has stopped three times this month.")
        #expect(thread.nextPage == "https://flaskbb.example.com/topic/5-lift-in-building-3-broken-again?page=2")
    }
}
