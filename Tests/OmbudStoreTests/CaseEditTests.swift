import Foundation
import OmbudCore
import OmbudStore
import Testing

/// People's merges and splits of cases through the store, on a real SQLite file.
@Suite struct CaseEditTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-edits-\(UUID().uuidString)")
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    func key(_ id: String) -> PostKey { PostKey(source: "forum", id: id) }

    /// A store with three cases: A (posts 1, 2, 3 in thread 10), B (post 4, thread 11), C (post 5, thread 12).
    func seeded() throws -> SQLiteStore {
        let store = try SQLiteStore(path: folder.appendingPathComponent("ombud.sqlite").path)
        let layout: [(case: String, posts: [String], thread: String, issue: String, flags: Set<Flag>)] = [
            ("forum-1", ["1", "2", "3"], "10", "电梯故障", [.safety]), ("forum-4", ["4"], "11", "停水", []),
            ("forum-5", ["5"], "12", "漏水", [.mediaThreat]),
        ]
        var cases: [Case] = []
        for entry in layout {
            let posts = entry.posts.map { id in
                Post(source: "forum", id: id, threadID: entry.thread, threadTitle: "t", board: "2", floor: 1, author: "u\(id)", authorID: "u\(id)",
                     postedAt: start.addingTimeInterval(Double(id)! * 60), text: "投诉 \(id)", url: "")
            }
            _ = try store.save(posts: posts)
            try store.save(assessments: posts.map {
                Assessment(post: $0.key, isComplaint: true, score: 3, categories: ["facilities"], flags: entry.flags, issues: [entry.issue],
                           reasons: [])
            })
            let members = posts.enumerated().map { index, post in
                CaseMember(post: post.key, thread: ThreadRef(source: "forum", threadID: entry.thread), authorID: post.authorID,
                           authorName: post.author, postedAt: post.postedAt, role: index == 0 ? .origin : .report, reasons: [])
            }
            cases.append(Case(id: entry.case, category: "facilities", members: members, issues: [entry.issue], flags: entry.flags))
        }
        try store.save(cases: cases)
        return store
    }

    @Test func mergingMovesEveryPostAndRecordsWhoDidIt() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try seeded()
        try store.save(drafts: [Draft(caseID: "forum-4", thread: ThreadRef(source: "forum", threadID: "11"), template: "t", language: "zh-CN",
                                      text: "您好", findings: [])])
        let merged = try store.merge(["forum-4", "forum-5"], into: "forum-1", by: "li.wei", at: start.addingTimeInterval(3_600))
        #expect(Set(merged.members.map(\.post.id)) == ["1", "2", "3", "4", "5"])
        #expect(merged.members.filter { $0.role == .origin }.map(\.post.id) == ["1"])
        #expect(merged.issues == ["电梯故障", "停水", "漏水"] && merged.flags == [.safety, .mediaThreat])
        #expect(merged.threads.count == 3 && merged.complainants.count == 5)
        #expect(merged.members.first { $0.post.id == "4" }?.reasons.last?.note == "merged from case forum-4 by li.wei")
        #expect(try store.cases().map(\.id) == ["forum-1"])
        #expect(try store.drafts(caseID: "forum-4").isEmpty)
        let events = try store.caseEvents(caseID: "forum-1")
        #expect(events.count == 1 && events[0].actor == "li.wei" && events[0].action == .merge && events[0].otherCaseIDs == ["forum-4", "forum-5"])
        #expect(try store.caseEvents(caseID: "forum-5").first?.caseID == "forum-1")
    }

    @Test func mergingAnOpenCaseIntoAnAnsweredOneLeavesItUnanswered() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try seeded()
        var answered = try #require(try store.storedCase(id: "forum-1"))
        answered.status = .replied
        answered.answeredAt = start.addingTimeInterval(600)
        try store.save(cases: [answered])
        let merged = try store.merge(["forum-4"], into: "forum-1", by: "li.wei", at: start.addingTimeInterval(3_600))
        // Someone still owes forum-4 an answer: the merged case's clock must run (an answer kept would stop it).
        #expect(merged.status == .open && merged.answeredAt == nil)
    }

    @Test func aReplyPostedBeforeTheCaseWasRaisedAgainGivesWayToANewDraft() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try seeded()
        let thread = ThreadRef(source: "forum", threadID: "10")
        var sent = Draft(caseID: "forum-1", thread: thread, template: "t", language: "zh-CN", text: "已安排维修", findings: [])
        sent.review = Draft.Review()
        sent.review?.postedAt = start.addingTimeInterval(600)
        sent.review?.confirmedAt = start.addingTimeInterval(900)
        try store.savePersonal(draft: sent)
        let again = Draft(caseID: "forum-1", thread: thread, template: "t", language: "zh-CN", text: "新的回复", findings: [])
        // Posted and seen, the case not raised again: the person's reply stays (marked stale).
        try store.save(drafts: [again])
        #expect(try store.draft(caseID: "forum-1", thread: thread)?.text == "已安排维修")
        // Raised again after it was posted (二次投诉): the reply answered the earlier complaints, a new draft takes its place.
        var reopened = try #require(try store.storedCase(id: "forum-1"))
        reopened.reopenedAt = start.addingTimeInterval(2 * 86_400)
        try store.save(cases: [reopened])
        try store.save(drafts: [again])
        #expect(try store.draft(caseID: "forum-1", thread: thread)?.text == "新的回复")
    }

    @Test func splittingNeverLosesAPost() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try seeded()
        let (remaining, split) = try store.split("forum-1", moving: [key("3"), key("1")], by: "zhang.min", at: start.addingTimeInterval(600))
        #expect(remaining.members.map(\.post.id) == ["2"] && remaining.members[0].role == .origin)
        #expect(split.id == "forum-1-split2" && split.members.map(\.post.id) == ["1", "3"])
        #expect(split.members[0].role == .origin && split.members[1].reasons.last?.note == "split from case forum-1 by zhang.min")
        let all = try store.cases().flatMap { $0.members.map(\.post.id) }
        #expect(all.sorted() == ["1", "2", "3", "4", "5"])
        #expect(try store.caseEvents(caseID: split.id).first?.action == .split)
        // Reopened, the store agrees.
        let reopened = try SQLiteStore(path: store.path)
        #expect(try reopened.cases().count == 4)
    }

    @Test func editsThatMakeNoSenseAreRefusedAndChangeNothing() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try seeded()
        let before = try store.cases()
        func code(_ body: () throws -> Void) -> String? {
            do { try body() } catch { return (error as? OmbudError)?.code.rawValue }
            return nil
        }
        #expect(code { _ = try store.merge(["forum-1"], into: "forum-1", by: "a", at: start) } == "case.merge_nothing")
        #expect(code { _ = try store.merge(["forum-9"], into: "forum-1", by: "a", at: start) } == "case.unknown")
        #expect(code { _ = try store.split("forum-1", moving: [], by: "a", at: start) } == "case.split_nothing")
        #expect(code { _ = try store.split("forum-1", moving: [key("4")], by: "a", at: start) } == "case.split_foreign_post")
        #expect(code { _ = try store.split("forum-1", moving: [key("1"), key("2"), key("3")], by: "a", at: start) } == "case.split_everything")
        #expect(try store.cases() == before)
        #expect(try store.caseEvents(caseID: "forum-1").isEmpty)
    }
}
