import Foundation
import OmbudCore
import OmbudExtract
import Testing

/// The Discourse reader against its JSON API's responses (Fixtures/discourse).
@Suite struct DiscourseTests {
    let extractor = Fixtures.extractor("discourse")
    let times = Fixtures.times

    func bytes(_ name: String) throws -> [UInt8] { try Fixtures.bytes("discourse/" + name) }

    @Test func latestListsTopicsAndTheNextPage() throws {
        let board = try extractor.board(bytes("latest.json"), charset: nil, pageURL: "https://forum.example.com/latest.json", source: "d", board: "latest")
        #expect(board.threads.map(\.id) == ["5", "7"])
        #expect(board.threads[0].url == "https://forum.example.com/t/lift-in-building-3-broken-again-neighbour-trapped/5.json")
        #expect(board.threads[0].replyCount == 22 && board.threads[0].viewCount == 523)
        #expect(board.threads[1].title == "7号楼停水两天了，物业一句解释都没有")
        #expect(board.nextPage == "https://forum.example.com/latest.json?no_definitions=true&page=1")
    }

    @Test func topicPagesGivePostsWithoutQuotesPreviewsOrActions() throws {
        let url = "https://forum.example.com/t/lift-in-building-3-broken-again-neighbour-trapped/5.json"
        let page = try extractor.thread(bytes("t-5.json"), charset: nil, pageURL: url, source: "d", board: "latest", threadID: nil, times: times)
        #expect(page.threadID == "5" && page.skipped.isEmpty)
        #expect(page.posts.map(\.id) == ["12", "13"])  // the pin action is not a post
        let first = page.posts[0]
        #expect(first.floor == 1 && first.author == "alice_w" && first.authorID == "54")
        #expect(first.postedAt == DeadlineTime.at("2026-11-18 08:12").addingTimeInterval(31))  // whole seconds
        #expect(first.text == "The lift in building 3 broke down again this morning at 7:40 and my neighbour was trapped for twenty minutes.\n\nNobody answered the management office phone. :slightly_frowning_face:")
        #expect(page.posts[1].text == "Same here, the lift in building 3 has stopped three times this month.")
        #expect(first.url == "https://forum.example.com/t/lift-in-building-3-broken-again-neighbour-trapped/5/1")
        #expect(page.nextPage == url + "?page=2")
        let second = try extractor.thread(bytes("t-5-page2.json"), charset: nil, pageURL: url + "?page=2", source: "d", board: "latest",
                                          threadID: "5", times: times)
        #expect(second.posts.map(\.floor) == [23] && second.nextPage == nil)
    }

    /// Real responses (Fixtures/real/discourse, from discourse/discourse_api's specs): the shapes
    /// the other tests' fixtures do not have.
    @Test func aTopicsPostsWithoutItsTitleTakeTheTopicFromThePosts() throws {
        let real = try Fixtures.bytes("real/discourse/topic-57-posts.json")
        let page = try extractor.thread(real, charset: nil, pageURL: "http://localhost:3000/t/57/posts.json", source: "d", board: "latest",
                                        threadID: nil, times: times)
        #expect(page.threadID == "57" && page.title == "" && page.nextPage == nil)
        #expect(page.posts.map(\.floor) == [2] && page.posts.map(\.author) == ["Some-username"])
        #expect(page.posts[0].url == "http://localhost:3000/t/some-topic-slug/57/2")
    }

    @Test func theSitesLatestPostsAreABoardOfTheirTopics() throws {
        let real = try Fixtures.bytes("real/discourse/posts-latest.json")
        let board = try extractor.board(real, charset: nil, pageURL: "http://localhost:3000/posts.json", source: "d", board: "all")
        #expect(board.threads.map(\.id) == ["11", "7", "2"])  // topic 11 had two of the posts: listed once
        #expect(board.threads[0].lastPost == "2020-01-25T02:10:07.971Z" && board.threads[0].replyCount == nil)
        #expect(board.nextPage == "http://localhost:3000/posts.json?before=2")
        #expect {
            try extractor.thread(real, charset: nil, pageURL: "http://localhost:3000/posts.json", source: "d", board: "all", threadID: nil, times: times)
        } throws: { ($0 as? OmbudError)?.message.contains("latest posts") == true }
    }

    @Test func htmlWhereJSONWasExpectedIsAClearError() {
        #expect {
            try extractor.board(Array("<html>".utf8), charset: nil, pageURL: "https://forum.example.com/latest", source: "d", board: "x")
        } throws: { ($0 as? OmbudError)?.code.rawValue == "extract.bad_json" && ($0 as? OmbudError)?.context["url"] == "https://forum.example.com/latest" }
    }
}

