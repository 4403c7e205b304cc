import Foundation
import Logging
import OmbudApp
import OmbudCore
import OmbudDemo
import OmbudTesting
import OmbudStore
import Testing

/// A reply that went out stops the clock only when the crawler sees it in its thread.
@Suite struct ReplyConfirmationTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-confirm-\(UUID().uuidString)")
    let thread = ThreadRef(source: "demo", threadID: "105")
    let spokesperson = Account(name: "p", role: .spokesperson, passwordHash: "x", createdAt: DemoForumTime.reference)

    /// The demo crawled at the forum's reference time, with the media-threat case's reply approved and marked posted.
    func sent() async throws -> (DemoSession, SteppedClock, Draft) {
        let clock = SteppedClock(DemoForumTime.reference)
        let session = try await DemoSession.start(root: DemoTests.root, forumPort: 0, database: folder.appendingPathComponent("c.sqlite").path,
                                                  clock: clock, logger: Logger(label: "test"))
        await session.forum.stop()
        let desk = ApprovalDesk(pipeline: session.pipeline)
        _ = try desk.approve(caseID: "demo-1050", thread: thread, by: spokesperson)
        clock.set(DemoForumTime.reference.addingTimeInterval(600))
        let subject = try desk.markPosted(caseID: "demo-1050", thread: thread, url: "http://127.0.0.1/thread-105-1-1.html", by: spokesperson)
        #expect(subject.status == .open && subject.replySentAt == clock.now && subject.answeredAt == nil)
        #expect(try session.store.deadline(caseID: "demo-1050")?.answeredAt == nil)
        #expect(try session.store.awaitingConfirmation().map(\.caseID) == ["demo-1050"])
        return (session, clock, try #require(try session.store.draft(caseID: "demo-1050", thread: thread)))
    }

    func post(_ id: String, by author: String, at date: Date, _ text: String) -> Post {
        Post(source: "demo", id: id, threadID: "105", threadTitle: "7号楼停水两天了，再不解决就找电视台曝光", board: "2", floor: 2, author: author,
             authorID: author, postedAt: date, text: text, url: "http://127.0.0.1/thread-105-1-1.html#pid\(id)")
    }

    @Test func ourReplyReadBackFromTheThreadStopsTheClockAtItsForumTime() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (session, clock, draft) = try await sent()
        // A complaint in the thread is not our reply: the case stays open and waiting.
        let angry = post("7001", by: "7号楼住户", at: clock.now, "说好的今天来水，7号楼还是没水，物业到底管不管？")
        _ = try session.store.save(posts: [angry])
        try session.pipeline.process()
        #expect(try session.store.storedCase(id: "demo-1050")?.status == .open)
        // Our reply as the forum shows it, under a staff member's own name (not an official account).
        let shownAt = clock.now.addingTimeInterval(60)
        clock.set(clock.now.addingTimeInterval(300))
        let echo = post("7002", by: "物业小王", at: shownAt, draft.text.replacingOccurrences(of: "\n", with: " ") + "\n阳光花园，我的家")
        _ = try session.store.save(posts: [echo])
        try session.pipeline.process()
        let answered = try #require(try session.store.storedCase(id: "demo-1050"))
        #expect(answered.status == .replied && answered.answeredAt == shownAt && answered.replySentAt == nil)
        #expect(try session.store.deadline(caseID: "demo-1050")?.answeredAt == shownAt)
        #expect(!answered.members.map(\.post.id).contains("7002"))
        let assessment = try #require(try session.store.assessments([echo.key])[echo.key])
        #expect(!assessment.isComplaint && assessment.reasons.map(\.rule) == ["our_reply"])
        let confirmed = try #require(try session.store.draft(caseID: "demo-1050", thread: thread))
        #expect(confirmed.review?.confirmedAt == clock.now && confirmed.review?.confirmedURL == echo.url)
        #expect(try session.store.awaitingConfirmation().isEmpty)
        let entry = try #require(try session.store.audit(caseID: "demo-1050", limit: 1).first)
        #expect(entry.actor == "crawler" && entry.action == "draft.confirmed" && entry.after == echo.url)
        // Seen once: processing again records nothing more.
        try session.pipeline.process()
        #expect(try session.store.audit(caseID: "demo-1050", limit: 10).filter { $0.action == "draft.confirmed" }.count == 1)
    }

    @Test func anOfficialAccountsPostAfterSendingConfirmsTheReplyEvenReworded() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (session, clock, _) = try await sent()
        let reply = post("7003", by: "物业客服中心", at: clock.now, "孙先生您好，7号楼供水已于今天下午恢复，停水原因和补偿方案明天在本帖公示。")
        _ = try session.store.save(posts: [reply])
        try session.pipeline.process()
        #expect(try session.store.storedCase(id: "demo-1050")?.status == .replied)
        #expect(try session.store.draft(caseID: "demo-1050", thread: thread)?.review?.confirmedAt != nil)
    }
}
