import Foundation
import OmbudCore
import OmbudStore
import Testing

@Suite struct SQLiteStoreTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-store-\(UUID().uuidString)")

    func post(_ id: String, text: String = "电梯坏了") -> Post {
        Post(source: "demo", id: id, threadID: "1", threadTitle: "t", board: "2", floor: Int(id) ?? 1, author: "a", authorID: "1",
             postedAt: Date(timeIntervalSince1970: 1_700_000_000 + (Double(id) ?? 0)), text: text, url: "http://x/#pid\(id)")
    }

    @Test func aPostIsStoredOnceAndUpdatedInPlace() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("a/ombud.sqlite").path)
        #expect(try store.save(posts: [post("1"), post("2")]) == 2)
        #expect(try store.save(posts: [post("1", text: "电梯坏了（已编辑）"), post("2"), post("3")]) == 1)
        #expect(try store.counts().posts == 3)
        #expect(try store.posts([PostKey(source: "demo", id: "1")])[PostKey(source: "demo", id: "1")]?.text == "电梯坏了（已编辑）")
    }

    @Test func aTransactionCommitsAllOrNothingAndReadsItsOwnWrites() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("t.sqlite").path)
        struct Stop: Error, Equatable {}
        #expect(throws: Stop.self) {
            try store.transaction {
                _ = try store.save(posts: [post("1"), post("2")])
                #expect(try store.postsWithoutAssessment().count == 2, "reads inside see the transaction's writes")
                #expect(try store.transaction { try store.counts().posts } == 2, "a nested transaction joins the outer one")
                throw Stop()
            }
        }
        #expect(try store.counts().posts == 0, "a body that throws leaves nothing")
        // A refused store call inside undoes only itself; the rest commits.
        try store.transaction {
            _ = try store.save(posts: [post("1")])
            #expect(throws: OmbudError.self) { _ = try store.merge(["forum-9"], into: "forum-1", by: "a", at: Date(timeIntervalSince1970: 0)) }
            _ = try store.save(posts: [post("2")])
        }
        #expect(try store.counts().posts == 2)
    }

    @Test func theLifeOfAPostThroughTheStoreSurvivesReopening() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ombud.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            _ = try store.save(posts: [post("1"), post("2")])
            #expect(try store.postsWithoutAssessment().map(\.id) == ["1", "2"])
            try store.save(assessments: [
                Assessment(post: post("1").key, isComplaint: true, score: 3, categories: ["facilities"], flags: [.safety],
                           issues: ["电梯故障"], reasons: [Reason(rule: "r", matched: "坏了", offset: 2, weight: 3, note: "")]),
                Assessment(post: post("2").key, isComplaint: false, score: 0, categories: [], flags: [], issues: [], reasons: []),
            ])
            #expect(try store.postsWithoutAssessment().isEmpty)
            #expect(try store.postsToGroup().map(\.0.id) == ["1", "2"])
            let member = CaseMember(post: post("1").key, thread: ThreadRef(source: "demo", threadID: "1"), authorID: "1", authorName: "a",
                                    postedAt: post("1").postedAt, role: .origin, reasons: [])
            let subject = Case(id: "demo-1", category: "facilities", members: [member], issues: ["电梯故障"], flags: [.safety], severity: .hot)
            try store.save(cases: [subject])
            try store.markGrouped([post("2").key])
            #expect(try store.postsToGroup().isEmpty)
            try store.save(drafts: [Draft(caseID: "demo-1", thread: member.thread, template: "replies/zh-CN/default", language: "zh-CN",
                                          text: "您好", findings: [])])
            try store.save(deadlines: [Deadline(caseID: "demo-1", startsAt: member.postedAt, dueAt: member.postedAt + 14400, policy: "online.default")])
            try store.record(run: CrawlRun(source: "demo", startedAt: member.postedAt, finishedAt: member.postedAt, pages: 3, errors: []))
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.counts() == StoreCounts(posts: 2, complaints: 1, cases: 1, drafts: 1))
        #expect(try reopened.cases().first?.flags == [.safety])
        #expect(try reopened.assessments([post("1").key])[post("1").key]?.reasons.first?.matched == "坏了")
        #expect(try reopened.deadlines()["demo-1"]?.policy == "online.default")
        #expect(try reopened.drafts(caseID: "demo-1").first?.text == "您好")
    }

    @Test func anUnopenableFileIsAClearError() {
        #expect {
            try SQLiteStore(path: "/proc/ombud/nope.sqlite")
        } throws: { ($0 as? OmbudError)?.code.rawValue == "store.open" && ($0 as? OmbudError)?.context["file"] == "/proc/ombud/nope.sqlite" }
    }
}

/// The crawl frontier in the store: what survives a crash, and what is never done twice.
@Suite struct FrontierStoreTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-frontier-\(UUID().uuidString)")
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func request(_ url: String, _ kind: PageKind = .thread) -> CrawlRequest { CrawlRequest(url: url, kind: kind, context: ["board": "2"]) }

    @Test func claimCompleteAndRefresh() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("f.sqlite").path)
        try store.enqueue([request("t1"), request("b1", .board), request("t1")], source: "s", refresh: false)
        #expect(try store.pendingCount(source: "s") == 2)
        let first = try store.claim(source: "s", limit: 1, now: now, longestWait: 900)
        #expect(first.map(\.request.url) == ["b1"])  // board pages first
        #expect(first[0].request.context == ["board": "2"])
        let post = Post(source: "s", id: "9", threadID: "1", threadTitle: "t", board: "2", floor: 1, author: "a", authorID: "1",
                        postedAt: now, text: "x", url: "u")
        let state = ThreadState(source: "s", threadID: "1", replyCount: 4, lastPost: "2026-11-18 10:05", lastPageURL: "t1")
        #expect(try store.complete(first[0], posts: [post], threads: [.listed(state)], next: [request("t2")], etag: "\"e\"", lastModified: nil) == 1)
        // Listed by the board, not yet stored: the thread's known state has no reply count yet.
        let listed = ThreadState(source: "s", threadID: "1", replyCount: nil, lastPost: nil, lastPageURL: "t1")
        #expect(try store.threadStates(source: "s", ids: ["1", "2"]) == ["1": listed])
        let threads = try store.claim(source: "s", limit: 5, now: now, longestWait: 900)
        #expect(Set(threads.map(\.request.url)) == ["t1", "t2"])
        // A first page with more to come leaves it so; the thread's last page makes the listed values known.
        let t1 = try #require(threads.first { $0.request.url == "t1" })
        _ = try store.complete(t1, posts: [], threads: [.stored(source: "s", threadID: "1", pageURL: "t1", last: false)], next: [],
                               etag: nil, lastModified: nil)
        #expect(try store.threadStates(source: "s", ids: ["1"]) == ["1": listed])
        let t2 = try #require(threads.first { $0.request.url == "t2" })
        _ = try store.complete(t2, posts: [], threads: [.stored(source: "s", threadID: "1", pageURL: "t2", last: true)], next: [],
                               etag: nil, lastModified: nil)
        var known = state
        known.lastPageURL = "t2"
        #expect(try store.threadStates(source: "s", ids: ["1"]) == ["1": known])
        // A page done before is queued again only when refreshed, and then carries its validators.
        try store.enqueue([request("b1", .board)], source: "s", refresh: false)
        #expect(try store.claim(source: "s", limit: 5, now: now, longestWait: 900).isEmpty)
        try store.enqueue([request("b1", .board)], source: "s", refresh: true)
        let again = try store.claim(source: "s", limit: 5, now: now, longestWait: 900)
        #expect(again.map(\.request.url) == ["b1"] && again[0].etag == "\"e\"")
    }

    @Test func aCrashLeavesNothingLostAndNothingTwice() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("f.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            try store.enqueue([request("a"), request("b"), request("c")], source: "s", refresh: true)
            let claimed = try store.claim(source: "s", limit: 2, now: now, longestWait: 900)
            _ = try store.complete(claimed[0], posts: [], threads: [], next: [], etag: nil, lastModified: nil)
            // …and the process dies with claimed[1] in flight.
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.requeueInFlight(source: "s") == 1)
        #expect(Set(try reopened.claim(source: "s", limit: 5, now: now, longestWait: 900).map(\.request.url)) == ["b", "c"])
    }

    @Test func aFailedPageWaitsItsTurnKeepsItsFailuresAndWaitsUntilStoredOrDropped() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("f.sqlite").path)
        // A board lists thread 7 (page y) with 3 replies, and page x.
        try store.enqueue([request("b", .board)], source: "s", refresh: true)
        let board = try store.claim(source: "s", limit: 1, now: now, longestWait: 900)
        _ = try store.complete(board[0], posts: [],
                               threads: [.listed(ThreadState(source: "s", threadID: "7", replyCount: 3, lastPost: nil, lastPageURL: "y"))],
                               next: [request("x"), CrawlRequest(url: "y", kind: .thread, context: ["board": "2", "thread_id": "7"])],
                               etag: nil, lastModified: nil)
        let items = try store.claim(source: "s", limit: 2, now: now, longestWait: 900)
        try store.fail(items[0], reason: "x: HTTP 500", at: now, retryAt: now.addingTimeInterval(600))
        try store.fail(items[1], reason: "y: robots.txt disallows", at: now, retryAt: now.addingTimeInterval(600))
        #expect(try store.claim(source: "s", limit: 5, now: now, longestWait: 900).isEmpty)
        // A board listing the thread again does not cut its wait short.
        try store.enqueue([request("x")], source: "s", refresh: true)
        #expect(try store.claim(source: "s", limit: 5, now: now, longestWait: 900).isEmpty)
        #expect(try store.pendingCount(source: "s") == 2)
        let later = try store.claim(source: "s", limit: 5, now: now.addingTimeInterval(601), longestWait: 900)
        #expect(later.map(\.request.url) == ["x", "y"] && later.allSatisfy { $0.attempts == 1 })
        try store.fail(later[0], reason: "x: connection reset", at: now.addingTimeInterval(601), retryAt: now.addingTimeInterval(1800))
        try store.fail(later[1], reason: "y: HTTP 503", at: now.addingTimeInterval(601), retryAt: now.addingTimeInterval(1800))

        // Every attempt is kept, with its time and reason, until the page is stored.
        let failing = try store.failingPages(source: "s")
        #expect(failing.map(\.url) == ["x", "y"] && failing.map(\.attempts) == [2, 2])
        #expect(failing[0].failures == [FailingPage.Failure(at: now, reason: "x: HTTP 500"),
                                        FailingPage.Failure(at: now.addingTimeInterval(601), reason: "x: connection reset")])
        #expect(failing[0].nextAttempt == now.addingTimeInterval(1800))
        let third = try store.claim(source: "s", limit: 5, now: now.addingTimeInterval(1800), longestWait: 900)
        _ = try store.complete(third[0], posts: [], threads: [], next: [], etag: nil, lastModified: nil)
        // A page being fetched cannot be dropped (the crawl would undo it); once it failed again it can.
        #expect(!(try store.drop(source: "s", url: "y")))
        try store.fail(third[1], reason: "y: HTTP 503", at: now.addingTimeInterval(1800), retryAt: now.addingTimeInterval(7200))
        #expect(try store.failingPages(source: "s").map(\.url) == ["y"])

        // A person drops y: it leaves the frontier, and its thread counts as up to date with its board.
        #expect(try store.drop(source: "s", url: "y") && !(try store.drop(source: "s", url: "nowhere")))
        #expect(try store.failingPages(source: "s").isEmpty && store.pendingCount(source: "s") == 0)
        #expect(try store.threadStates(source: "s", ids: ["7"])["7"]?.replyCount == 3)
    }

    @Test func aRetryPutOffBeforeTheClockWentBackIsDueNow() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("b.sqlite").path)
        try store.enqueue([request("x")], source: "s", refresh: true)
        let items = try store.claim(source: "s", limit: 1, now: now, longestWait: 900)
        try store.fail(items[0], reason: "HTTP 500", at: now, retryAt: now.addingTimeInterval(600))
        // The wall clock is set back 400 days: the retry, 400 days and 10 minutes off by the new
        // clock, was never meant to wait longer than the longest wait, so it is due at once.
        let setBack = now.addingTimeInterval(-400 * 86_400)
        #expect(try store.claim(source: "s", limit: 5, now: setBack, longestWait: 900).map(\.request.url) == ["x"])
    }
}
