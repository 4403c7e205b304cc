import Foundation
import Logging
import OmbudApp
import OmbudCore
import OmbudDemo
import OmbudTesting
import OmbudCrawl
import OmbudStore
import Testing

/// The sample forum while `ombud demo` runs: posts arrive on its timeline, replies posted through
/// its form appear in their threads, and the crawler turns both into what the dashboard shows.
@Suite(.serialized) struct LiveDemoForumTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-live-\(UUID().uuidString)")
    let forumFolder = DemoTests.root.appendingPathComponent("demo/forum")

    @Test func postsArriveOnTheTimelineInTheThreadAndItsBoardRow() throws {
        let clock = SteppedClock(DemoForumTime.reference)
        let forum = try DemoForum.load(folder: forumFolder, clock: clock)
        let before = try #require(forum.page("thread-105-1-1.html"))
        let quietBefore = try #require(forum.page("thread-109-1-1.html")).etag
        #expect(before.html.contains(#"回复:</span> <span class="xi1">0</span>"#) && !before.html.contains("7号楼王阿姨"))
        clock.set(DemoForumTime.reference.addingTimeInterval(61))
        let after = try #require(forum.page("thread-105-1-1.html"))
        #expect(after.html.contains(#"回复:</span> <span class="xi1">1</span>"#) && after.html.contains("7号楼王阿姨"))
        #expect(after.html.contains(#"id="postmessage_5000""#) && after.html.contains("发表于 2026-11-18 11:31"))
        #expect(after.etag != before.etag)
        let board = try #require(forum.page("forum-2-1.html")).html
        let row = try #require(board.range(of: #"<tbody id="normalthread_105">"#).map { String(board[$0.lowerBound...].prefix(1_500)) })
        #expect(row.contains(#"class="xi2">1</a>"#) && row.contains("7号楼王阿姨") && row.contains("2026-11-18 11:31"))
        // A page of another thread is unchanged; after the script, follow-ups keep coming every minute.
        #expect(try #require(forum.page("thread-109-1-1.html")).etag == quietBefore)
        clock.set(DemoForumTime.reference.addingTimeInterval(10 * 60 + 1))
        #expect(try #require(forum.page("thread-101-2-1.html")).html.contains("楼下的小陈"))
        #expect(try #require(forum.page("thread-104-1-1.html")).html.contains("晨练的周姐"))
    }

    @Test func aReplyPostedThroughTheFormIsCrawledAndStopsTheClock() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = SteppedClock(DemoForumTime.reference)
        let session = try await DemoSession.start(root: DemoTests.root, forumPort: 0, database: folder.appendingPathComponent("l.sqlite").path,
                                                  clock: clock, logger: Logger(label: "test"))
        defer { Task { await session.forum.stop() } }
        // Two minutes on, a resident complains in a question thread: the next crawl opens a case for it.
        clock.set(DemoForumTime.reference.addingTimeInterval(2 * 60 + 5))
        let run = try await session.pipeline.runOnce(sources: [session.source])
        #expect(run.errors == [] && run.newPosts == 2)
        let badge = try #require(try session.store.cases().first { $0.id == "demo-5001" })
        #expect(badge.status == .open && badge.threads.map(\.threadID) == ["108"])
        // The media-threat case: approved, posted through the forum's reply form.
        let spokesperson = Account(name: "p", role: .spokesperson, passwordHash: "x", createdAt: DemoForumTime.reference)
        let desk = ApprovalDesk(pipeline: session.pipeline, posters: ["demo": try session.replyPoster()])
        let thread = ThreadRef(source: "demo", threadID: "105")
        _ = try desk.approve(caseID: "demo-1050", thread: thread, by: spokesperson)
        let sent = try await desk.post(caseID: "demo-1050", thread: thread, by: spokesperson)
        #expect(sent.status == .open && sent.replySentAt == clock.now)
        let link = try #require(try session.store.draft(caseID: "demo-1050", thread: thread)?.review?.postedURL)
        #expect(link == session.forumURL + "thread-105-1-1.html#pid8000")
        // The next crawl reads the reply back from the thread: answered at the forum's time.
        let postedAt = clock.now
        clock.set(postedAt.addingTimeInterval(60))
        _ = try await session.pipeline.runOnce(sources: [session.source])
        let answered = try #require(try session.store.storedCase(id: "demo-1050"))
        #expect(answered.status == .replied && answered.replySentAt == nil)
        #expect(answered.answeredAt.map { abs($0.timeIntervalSince(postedAt)) < 60 } == true)
        let draft = try #require(try session.store.draft(caseID: "demo-1050", thread: thread))
        #expect(draft.review?.confirmedURL == session.forumURL + "thread-105-1-1.html#pid8000")
        #expect(try session.store.audit(caseID: "demo-1050", limit: 1).first?.action == "draft.confirmed")
    }

    @Test func theReplyFormRefusesWhatDiscuzRefuses() async throws {
        let forum = try await FixedForum.start(folder: forumFolder)
        defer { Task { await forum.server.stop() } }
        let client = try CurlClient(settings: .init(userAgent: "test"), clock: FixedClock(DemoForumTime.reference))
        let missing = try await client.fetch(.init(url: forum.url + "forum.php?mod=post&action=reply&tid=999", form: [("message", "您好，已安排处理")]))
        #expect(missing.status == 404 && String(decoding: missing.body, as: UTF8.self).contains("主题不存在"))
        let short = try await client.fetch(.init(url: forum.url + "forum.php?mod=post&action=reply&tid=105", form: [("message", "好")]))
        #expect(!String(decoding: short.body, as: UTF8.self).contains("回复发布成功"))
        #expect(try #require(forum.forum.page("thread-105-1-1.html")).html.contains(#"回复:</span> <span class="xi1">0</span>"#))
        // A reply is text: markup and the template's own slot names in it are shown as typed.
        let odd = try await client.fetch(.init(url: forum.url + "forum.php?mod=post&action=reply&tid=105", form: [("message", "收到 @@PID@@ <b>x</b>")]))
        #expect(String(decoding: odd.body, as: UTF8.self).contains("回复发布成功"))
        let page = try #require(forum.forum.page("thread-105-1-1.html")).html
        #expect(page.contains("收到 @@PID@@ &lt;b&gt;x&lt;/b&gt;<br />") && page.contains(#"id="postmessage_8000""#))
    }
}
