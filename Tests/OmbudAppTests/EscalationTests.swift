import Foundation
import Hummingbird
import Logging
import OmbudApp
import OmbudConfig
import OmbudCore
import OmbudDemo
import OmbudTesting
import OmbudCrawl
import OmbudDeadlines
import OmbudNotify
import OmbudStore
import Testing

/// A notifier that records what it was asked to send, and fails while told to.
final class RecordingNotifier: Notifier, @unchecked Sendable {
    let name: String
    let roles: Set<String>?
    private let lock = NSLock()
    private var received: [Notice] = []
    private var failing: Bool

    init(name: String, roles: Set<String>? = nil, failing: Bool = false) {
        self.name = name
        self.roles = roles
        self.failing = failing
    }

    var notices: [Notice] { lock.withLock { received } }
    func heal() { lock.withLock { failing = false } }

    func send(_ notice: Notice, now: Date) async throws {
        try lock.withLock {
            if failing { throw OmbudError(code: .notifyRejected, message: "HTTP 500", context: ["notifier": name]) }
            received.append(notice)
        }
    }
}

/// Escalation through a real SQLite store: each notice once, retries, superseded steps, answered
/// cases left alone, and a real webhook on 127.0.0.1.
@Suite struct EscalationTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-escalation-\(UUID().uuidString)")
    let workspace = try! Workspace.load(root: TestProject.repository)
    /// 2026-11-19 10:00 in Shanghai: working hours, so the 4-hour clock starts at once.
    let start = Date(timeIntervalSince1970: 1_795_053_600)

    func seed(_ store: SQLiteStore, id: String, answeredAt: Date? = nil) throws {
        let post = Post(source: "forum", id: id, threadID: "t\(id)", threadTitle: "电梯", board: "2", floor: 1, author: "业主", authorID: "u\(id)",
                        postedAt: start, text: "3号楼电梯又坏了，老人被困二十分钟，物业电话没人接", url: "")
        _ = try store.save(posts: [post])
        var subject = Case(id: "forum-\(id)", category: "facilities", members: [
            CaseMember(post: post.key, thread: ThreadRef(source: "forum", threadID: post.threadID), authorID: post.authorID,
                       authorName: post.author, postedAt: start, role: .origin, reasons: []),
        ], issues: ["电梯故障"], flags: [], severity: .hot)
        if let answeredAt {
            subject.status = .replied
            subject.answeredAt = answeredAt
        }
        try store.save(cases: [subject])
        try store.save(deadlines: [workspace.deadlines.deadline(for: subject)])
    }

    func escalator(_ store: SQLiteStore, _ notifiers: [any Notifier], clock: SteppedClock) -> Escalator {
        Escalator(store: store, notifiers: notifiers, rules: .init(ladder: EscalationRules.standard.ladder,
                                                                   people: ["owner": "值班客服", "supervisor": "张主管", "department_head": "李经理"],
                                                                   retry: .init(attempts: 3, backoffSeconds: 60)),
                  clock: clock, logger: Logger(label: "test"), categoryNames: ["facilities": "设施设备"], publicURL: "https://ombud.example.com")
    }

    @Test func eachStepGoesOutOnceToTheRolesItAddresses() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("ombud.sqlite").path)
        try seed(store, id: "1")
        let clock = SteppedClock(start.addingTimeInterval(3_600))
        let everyone = RecordingNotifier(name: "all")
        let heads = RecordingNotifier(name: "heads", roles: ["department_head"])
        let escalation = escalator(store, [everyone, heads], clock: clock)

        #expect(try await escalation.run() == Escalator.Report())           // 1 h of 4: nothing yet
        clock.set(start.addingTimeInterval(2 * 3_600 + 60))                  // past 50 %
        #expect(try await escalation.run().sent == 1)
        #expect(try await escalation.run().sent == 0)                        // sent once, never again
        #expect(everyone.notices.map(\.step) == ["reminder"] && everyone.notices[0].people == ["值班客服"])
        #expect(everyone.notices[0].link == "https://ombud.example.com/#case-forum-1" && everyone.notices[0].category == "设施设备")
        clock.set(start.addingTimeInterval(4 * 3_600 + 60))                  // past the deadline
        #expect(try await escalation.run().sent == 2)
        #expect(everyone.notices.map(\.step) == ["reminder", "breach"])      // the warning was passed by
        #expect(heads.notices.map(\.step) == ["breach"] && heads.notices[0].isBreach)
        let records = try store.noticeRecords(caseID: "forum-1")
        #expect(records.first { $0.step == "warning" && $0.notifier == "all" }?.state == .superseded)
        #expect(records.filter { $0.state == .sent }.count == 3)
    }

    @Test func aReopenedCaseEscalatesAgainOnItsNewClock() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("ombud.sqlite").path)
        try seed(store, id: "1")
        let clock = SteppedClock(start.addingTimeInterval(4 * 3_600 + 60))
        let everyone = RecordingNotifier(name: "all")
        let escalation = escalator(store, [everyone], clock: clock)
        #expect(try await escalation.run().sent == 1)                        // breached on its first clock
        // Answered, then raised again two days later (二次投诉): the case reopens with a new clock.
        var subject = try #require(try store.storedCase(id: "forum-1"))
        subject.reopenedAt = start.addingTimeInterval(2 * 86_400)
        try store.save(cases: [subject])
        try store.save(deadlines: [workspace.deadlines.deadline(for: subject)])
        clock.set(start.addingTimeInterval(2 * 86_400 + 3_600))
        #expect(try await escalation.run().sent == 0)                        // 1 h into the new clock
        clock.set(start.addingTimeInterval(2 * 86_400 + 4 * 3_600 + 60))
        #expect(try await escalation.run().sent == 1)                        // the new clock's breach is a new notice
        #expect(everyone.notices.map(\.step) == ["breach", "breach"])
        #expect(try await escalation.run().sent == 0)
        #expect(try store.noticeRecords(caseID: "forum-1").contains { $0.step.hasPrefix("breach (reopened ") && $0.state == .sent })
    }

    @Test func anEmergencyAtNightReachesTheOnCallAtOnce() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("ombud.sqlite").path)
        let night = start.addingTimeInterval(17 * 3_600)   // 03:00 the next day in Shanghai, before the desk opens
        let post = Post(source: "forum", id: "1", threadID: "t1", threadTitle: "电梯困人", board: "2", floor: 1, author: "业主", authorID: "u1",
                        postedAt: night, text: "3号楼电梯困人了，里面有老人，按警铃没人应", url: "")
        _ = try store.save(posts: [post])
        let subject = Case(id: "forum-1", category: "emergency", members: [
            CaseMember(post: post.key, thread: ThreadRef(source: "forum", threadID: "t1"), authorID: "u1", authorName: "业主",
                       postedAt: night, role: .origin, reasons: []),
        ], issues: ["电梯困人"], flags: [.safety], severity: .major)
        try store.save(cases: [subject])
        let deadline = workspace.deadlines.deadline(for: subject)   // the shipped config: around_the_clock [safety], emergency → on_call
        #expect(deadline.startsAt == night && deadline.dueAt == night.addingTimeInterval(3_600))
        try store.save(deadlines: [deadline])
        let onCall = RecordingNotifier(name: "on-call", roles: ["on_call"])
        let everyone = RecordingNotifier(name: "all")
        let clock = SteppedClock(night.addingTimeInterval(60))
        let escalation = Escalator(store: store, notifiers: [onCall, everyone], rules: workspace.configuration.escalation ?? .standard, clock: clock,
                                   logger: Logger(label: "test"), categoryNames: [:], publicURL: "https://ombud.example.com")
        #expect(try await escalation.run().sent == 2)
        #expect(onCall.notices.map(\.step) == ["emergency"] && onCall.notices[0].people == ["工程部24小时值班"])
        #expect(everyone.notices.map(\.step) == ["emergency"])
        clock.set(night.addingTimeInterval(31 * 60))        // half the hour: the ladder goes on, the on-call is not told twice
        #expect(try await escalation.run().sent == 1)
        #expect(onCall.notices.count == 1 && everyone.notices.map(\.step) == ["emergency", "reminder"])
    }

    @Test func aFailedNoticeIsRetriedWithAGrowingWaitThenGivenUp() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("ombud.sqlite").path)
        try seed(store, id: "1")
        let reached = start.addingTimeInterval(2 * 3_600 + 60)
        let clock = SteppedClock(reached)
        let flaky = RecordingNotifier(name: "flaky", failing: true)
        let escalation = escalator(store, [flaky], clock: clock)
        #expect(try await escalation.run().retrying == 1)
        #expect(try store.noticeRecords(caseID: "forum-1").first?.retryAt == reached.addingTimeInterval(60))
        clock.set(reached.addingTimeInterval(30))
        #expect(try await escalation.run() == Escalator.Report())            // not before its time
        clock.set(reached.addingTimeInterval(61))
        #expect(try await escalation.run().retrying == 1)                    // second attempt; next wait 120 s
        #expect(try store.noticeRecords(caseID: "forum-1").first?.retryAt == reached.addingTimeInterval(61 + 120))
        clock.set(reached.addingTimeInterval(61 + 121))
        #expect(try await escalation.run().failed == 1)                      // third and last attempt
        flaky.heal()
        clock.set(reached.addingTimeInterval(3_000))
        #expect(try await escalation.run() == Escalator.Report())            // given up: left for people to see
        let record = try #require(try store.noticeRecords(caseID: "forum-1").first)
        #expect(record.state == .failed && record.attempts == 3 && record.lastError?.contains("HTTP 500") == true)
    }

    @Test func aDepartmentsOwnPeopleHearOfItsCases() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("ombud.sqlite").path)
        try seed(store, id: "1")
        let notifier = RecordingNotifier(name: "all")
        let escalation = Escalator(store: store, notifiers: [notifier], rules: .init(ladder: EscalationRules.standard.ladder, people: ["owner": "值班客服"]),
                                   clock: SteppedClock(start.addingTimeInterval(2 * 3_600 + 60)), logger: Logger(label: "test"),
                                   peopleByCategory: ["facilities": ["owner": "工程部值班"]])
        _ = try await escalation.run()
        #expect(notifier.notices.map(\.people) == [["工程部值班"]])
    }

    @Test func anAnsweredCaseIsNotEscalated() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("ombud.sqlite").path)
        try seed(store, id: "1", answeredAt: start.addingTimeInterval(3_000))
        let notifier = RecordingNotifier(name: "all")
        let report = try await escalator(store, [notifier], clock: SteppedClock(start.addingTimeInterval(10 * 3_600))).run()
        #expect(report == Escalator.Report() && notifier.notices.isEmpty)
        #expect(try store.deadlines()["forum-1"]?.metDeadline == true)
    }

    @Test func aSentReplyHoldsEscalationUntilTheHoldEnds() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("ombud.sqlite").path)
        try seed(store, id: "1")
        var subject = try #require(try store.storedCase(id: "forum-1"))
        subject.replySentAt = start.addingTimeInterval(2 * 3_600)  // sent after 2 h; the reminder was due at 2 h
        try store.save(cases: [subject])
        let notifier = RecordingNotifier(name: "all")
        let clock = SteppedClock(start.addingTimeInterval(2 * 3_600 + 29 * 60))
        #expect(try await escalator(store, [notifier], clock: clock).run() == Escalator.Report())
        // 30 minutes (the default hold) and the crawler still has not seen it: the reply may be lost.
        clock.set(start.addingTimeInterval(2 * 3_600 + 30 * 60))
        #expect(try await escalator(store, [notifier], clock: clock).run().sent == 1)
        #expect(notifier.notices.map(\.step) == ["reminder"])
    }

    @Test func aWebhookOn127001ReceivesTheNotice() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let bodies = Bodies()
        let router = Router()
        router.post("/hook") { request, context -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            bodies.add(String(buffer: buffer))
            return Response(status: bodies.count == 1 ? .internalServerError : .ok)
        }
        let server = try await HTTPServer.start(router, host: "127.0.0.1", port: 0, logger: Logger(label: "hook"))
        defer { Task { await server.stop() } }
        let store = try SQLiteStore(path: folder.appendingPathComponent("ombud.sqlite").path)
        try seed(store, id: "1")
        let webhook = WebhookNotifier(name: "ops", kind: .webhook, url: "http://127.0.0.1:\(server.port)/hook",
                                      fetcher: try CurlClient(settings: .init(userAgent: "ombud-test"), clock: FixedClock(DemoForumTime.reference)), timeZone: .gmt)
        let clock = SteppedClock(start.addingTimeInterval(2 * 3_600 + 60))
        let escalation = escalator(store, [webhook], clock: clock)
        #expect(try await escalation.run().retrying == 1)                    // the hook answered 500 …
        clock.set(clock.now.addingTimeInterval(61))
        #expect(try await escalation.run().sent == 1)                        // … and took the retry
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bodies.all.last!.utf8)) as? [String: Any])
        #expect(json["case"] as? String == "forum-1" && json["step"] as? String == "reminder" && json["people"] as? [String] == ["值班客服"])
        await server.stop()
    }
}

/// Request bodies a test server received.
final class Bodies: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ body: String) { lock.withLock { items.append(body) } }
    var all: [String] { lock.withLock { items } }
    var count: Int { lock.withLock { items.count } }
}
