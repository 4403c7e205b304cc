import Foundation
import OmbudConfig
import OmbudCore
import OmbudExtract
import Testing

/// The phpBB 3.3 profile against prosilver markup (Fixtures/phpbb, see Fixtures/README.md).
@Suite struct PhpBBProfileTests {

    let extractor = try! SiteExtractor(profile: DiscuzProfileTests.workspace.sites["phpbb3"]!)
    let times = Fixtures.times

    func page(_ name: String) throws -> HTMLDocument {
        try HTMLDocument(bytes: Fixtures.bytes("phpbb/" + name), url: "https://bbs.example.com/\(name)")
    }

    @Test func boardListsTopicsWithCountsAndLastPosts() throws {
        let board = try extractor.board(page("viewforum.html"), pageURL: "https://bbs.example.com/viewforum.php?f=2", source: "s", board: "2")
        #expect(board.threads.map(\.id) == ["1", "5", "7"])
        let lift = board.threads[1]
        #expect(lift.title == "Lift in building 3 broken again, neighbour trapped")
        #expect(lift.url == "https://bbs.example.com/viewtopic.php?t=5")
        #expect(lift.replyCount == 11 && lift.viewCount == 523)
        #expect(lift.lastPost == "2026-11-18T02:05:00+00:00")
        #expect(board.threads[2].title == "7号楼停水两天了，物业一句解释都没有")
        #expect(board.nextPage == "https://bbs.example.com/viewforum.php?f=2&start=20")
    }

    @Test func topicGivesCleanPosts() throws {
        let thread = try extractor.thread(page("viewtopic.html"), pageURL: "https://bbs.example.com/viewtopic.php?t=5", source: "s", board: "2",
                                          threadID: nil, times: times)
        #expect(thread.threadID == "5" && thread.skipped.isEmpty)
        #expect(thread.posts.map(\.id) == ["12", "13"])
        #expect(thread.posts.map(\.floor) == [1, 2])
        let first = thread.posts[0]
        #expect(first.author == "alice_w" && first.authorID == "54" && first.authorPosts == 31)
        #expect(first.postedAt == DeadlineTime.at("2026-11-18 08:12"))
        // The edit notice and the signature are not the post's words; the smiley is its alt text.
        #expect(first.text == "The lift in building 3 broke down again this morning at 7:40 and my neighbour was trapped for twenty minutes.\n\nNobody answered the management office phone. This is the third time this month. :(")
        #expect(thread.posts[1].text == "Same here, the lift in building 3 has stopped three times this month.")
        #expect(thread.nextPage == "https://bbs.example.com/viewtopic.php?t=5&start=10")
    }

    /// A forum paging threads by `?page=N` and printing no floors: page 2's first reply is floor 21,
    /// not a new opening post.
    @Test func aPageNumberAndAPageSizeGiveTheFloors() throws {
        var profile = try #require(DiscuzProfileTests.workspace.sites["phpbb3"])
        profile.thread?.pageOffset = "page=(\\d+)"
        profile.thread?.pageSize = 20
        let paged = try SiteExtractor(profile: profile)
        let second = try paged.thread(page("viewtopic-2.html"), pageURL: "https://bbs.example.com/viewtopic.php?t=5&page=2", source: "s",
                                      board: "2", threadID: "5", times: times)
        #expect(second.posts.map(\.floor) == [21])
        let first = try paged.thread(page("viewtopic.html"), pageURL: "https://bbs.example.com/viewtopic.php?t=5", source: "s",
                                     board: "2", threadID: "5", times: times)
        #expect(first.posts.map(\.floor) == [1, 2])
        profile.thread?.pageOffset = nil
        #expect(throws: OmbudError.self) { _ = try SiteExtractor(profile: profile) }
    }

    @Test func laterPagesCountFloorsFromStart() throws {
        let thread = try extractor.thread(page("viewtopic-2.html"), pageURL: "https://bbs.example.com/viewtopic.php?t=5&start=10", source: "s",
                                          board: "2", threadID: "5", times: times)
        #expect(thread.posts.map(\.floor) == [11])
        #expect(thread.posts[0].author == "PropertyOffice" && thread.posts[0].authorID == "2")
        #expect(thread.nextPage == nil)
    }
}
