import Foundation
import OmbudCore
import OmbudExtract
import Testing

/// The Misago profile on pages rendered by Misago 0.39.6 running here (Fixtures/real/misago): page
/// 2 of a thread continues page 1's floors though Misago repeats page 1's last post on it, and the
/// board page gives each thread's id, replies and last activity.
@Suite struct MisagoProfileTests {
    let extractor = try! SiteExtractor(profile: DiscuzProfileTests.workspace.sites["misago"]!)
    let times = PostTimeParser(timeZone: TimeZone(identifier: "UTC")!, reference: DeadlineTime.at("2026-11-18 11:30"))
    static let thread = "http://127.0.0.1:8123/t/3hao-lou-dian-ti-you-pi-liao-wu-ye-dao-di-guan-bu-guan/1/"

    func page(_ name: String, url: String) throws -> HTMLDocument {
        let file = RealPagesTests.folder.appendingPathComponent("misago/\(name)")
        return try HTMLDocument(bytes: [UInt8](Data(contentsOf: file)), url: url)
    }

    @Test func pageTwoContinuesTheFloorsAndRepeatsOnePost() throws {
        let first = try extractor.thread(page("misago-thread-A-p1.html", url: Self.thread), pageURL: Self.thread, source: "s", board: "4",
                                         threadID: nil, times: times)
        let second = try extractor.thread(page("misago-thread-A-p2.html", url: Self.thread + "2/"), pageURL: Self.thread + "2/", source: "s",
                                          board: "4", threadID: nil, times: times)
        #expect(first.threadID == "1" && second.threadID == "1")
        #expect(first.posts.map(\.floor) == Array(1...18))
        #expect(second.posts.map(\.floor) == Array(18...26))
        // Page 1's last post, shown again at the top of page 2, is the same post: same id, same floor.
        #expect(first.posts.last?.id == "18" && second.posts.first?.id == "18")
        #expect(first.posts[0].author == "ZhangWei" && first.posts[0].authorID == "2")
        #expect(first.posts[0].postedAt == DeadlineTime.at("2025-03-12 09:23"))
        #expect(first.nextPage == Self.thread + "2/" && second.nextPage == nil)
    }

    @Test func theCategoryPageListsThreadsWithRepliesAndLastActivity() throws {
        let url = "http://127.0.0.1:8123/c/ye-zhu-tou-su-residents-complaints/4/"
        let board = try extractor.board(page("misago-category.html", url: url), pageURL: url, source: "s", board: "4")
        #expect(board.threads.map(\.id) == ["3", "2", "1"])
        #expect(board.threads.map(\.replyCount) == [1, 4, 25])
        // "May 18, 2025, 1:36 p.m. - latest activity", as Django prints it.
        #expect(board.threads[0].lastPost == "May 18, 2025, 1:36 p.m. - latest activity")
        #expect(times.parse(board.threads[0].lastPost ?? "") == DeadlineTime.at("2025-05-18 21:36"))
    }
}
