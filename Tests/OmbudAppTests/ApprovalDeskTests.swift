import Foundation
import Logging
import OmbudApp
import OmbudCore
import OmbudDemo
import OmbudTesting
import OmbudCrawl
import OmbudPosting
import OmbudStore
import Testing

/// People's actions on the demo's cases through the server-side desk: every rule enforced, every
/// action in the audit log.
@Suite(.serialized) struct ApprovalDeskTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-desk-\(UUID().uuidString)")
    let logger = Logger(label: "test")

    func person(_ name: String, _ role: Account.Role) -> Account {
        Account(name: name, role: role, passwordHash: "x", createdAt: DemoForumTime.reference)
    }

    func desk() async throws -> (ApprovalDesk, SQLiteStore) {
        let session = try await DemoSession.start(root: DemoTests.root, forumPort: 0, database: folder.appendingPathComponent("d.sqlite").path,
                                                  clock: FixedClock(DemoForumTime.reference), logger: logger)
        await session.forum.stop()
        let pipeline = Pipeline(workspace: session.workspace, store: session.store, fetcher: try CurlClient(settings: .init(userAgent: "t"), clock: FixedClock(DemoForumTime.reference)),
                                clock: FixedClock(DemoForumTime.reference), logger: logger, cookieFolder: folder)
        return (ApprovalDesk(pipeline: pipeline), session.store)
    }

    func code(_ body: () throws -> Void) -> String? {
        do { try body() } catch { return (error as? OmbudError)?.code.rawValue ?? "\(error)" }
        return nil
    }

    @Test func aMajorCaseNeedsASupervisorWhoDidNotWriteTheReply() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (desk, store) = try await desk()
        // The collective fee complaint: major, and no media or legal threat.
        let fees = try #require(try store.storedCase(id: "demo-1040"))
        #expect(fees.severity == .major && fees.flags.isDisjoint(with: [.mediaThreat, .legalThreat]))
        let thread = fees.threads[0]
        let original = try #require(try store.draft(caseID: fees.id, thread: thread))

        // A forbidden phrase is found on save and blocks approval.
        let blamed = try desk.edit(caseID: fees.id, thread: thread, text: original.text + "\n这是公司规定。", by: person("li", .staff))
        #expect(blamed.findings.contains { $0.rule == "forbidden.blame" && $0.matched == "公司规定" })
        #expect(code { _ = try desk.approve(caseID: fees.id, thread: thread, by: person("zhang", .supervisor)) } == "approval.lint")
        // Fixed by the supervisor, who may then not approve her own words (four-eyes) …
        _ = try desk.edit(caseID: fees.id, thread: thread, text: original.text, by: person("zhang", .supervisor))
        #expect(code { _ = try desk.approve(caseID: fees.id, thread: thread, by: person("zhang", .supervisor)) } == "approval.four_eyes")
        #expect(code { _ = try desk.approve(caseID: fees.id, thread: thread, by: person("li", .staff)) } == "approval.supervisor_needed")
        // … another supervisor does.
        let approved = try desk.approve(caseID: fees.id, thread: thread, by: person("wang", .supervisor))
        #expect(approved.review?.approvedBy == "wang" && approved.review?.lastEditor == "zhang")
        #expect(try store.draft(caseID: fees.id, thread: thread)?.isApproved == true)
        // The log has every step, newest first, with before and after.
        let log = try store.audit(caseID: fees.id, limit: 10)
        #expect(log.map(\.action) == ["draft.approve", "draft.edit", "draft.edit"])
        #expect(log[2].actor == "li" && log[2].after?.contains("公司规定") == true && log[1].before?.contains("公司规定") == true)
    }

    /// A edits, B saves the same text again, A approves: four-eyes must still see A's hand.
    @Test func fourEyesCannotBeLaunderedThroughAnotherEditor() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (desk, store) = try await desk()
        let fees = try #require(try store.storedCase(id: "demo-1040"))
        let thread = fees.threads[0]
        let original = try #require(try store.draft(caseID: fees.id, thread: thread))
        let edited = try desk.edit(caseID: fees.id, thread: thread, text: original.text + "\n我们会在本帖公布进展。", by: person("a", .supervisor))
        let resaved = try desk.edit(caseID: fees.id, thread: thread, text: edited.text, by: person("b", .supervisor))
        #expect(resaved == edited)  // the same text again changes nothing
        #expect(code { _ = try desk.approve(caseID: fees.id, thread: thread, by: person("a", .supervisor)) } == "approval.four_eyes")
        // B's real change makes B an author too: neither may approve, a third person may.
        _ = try desk.edit(caseID: fees.id, thread: thread, text: edited.text + "如有疑问请联系管理处。", by: person("b", .supervisor))
        #expect(code { _ = try desk.approve(caseID: fees.id, thread: thread, by: person("a", .supervisor)) } == "approval.four_eyes")
        #expect(code { _ = try desk.approve(caseID: fees.id, thread: thread, by: person("b", .supervisor)) } == "approval.four_eyes")
        #expect(try desk.approve(caseID: fees.id, thread: thread, by: person("c", .supervisor)).isApproved)
    }

    /// Dismissing, marking posted and confirming seen stop a case's clock as approving does, so the
    /// same people decide them, a dismissal says why, and a reply's link is on the case's forum.
    @Test func everyActionThatStopsAClockFollowsTheApprovalRules() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (desk, store) = try await desk()
        let threat = try #require(try store.storedCase(id: "demo-1050"))
        #expect(threat.flags.contains(.mediaThreat))
        let major = try #require(try store.storedCase(id: "demo-1040"))
        #expect(major.severity == .major)
        #expect(code { _ = try desk.markNotComplaint(caseID: threat.id, reason: "", by: person("p", .spokesperson)) } == "action.reason_needed")
        #expect(code { _ = try desk.markNotComplaint(caseID: threat.id, reason: " \n ", by: person("p", .spokesperson)) } == "action.reason_needed")
        #expect(code { _ = try desk.markNotComplaint(caseID: threat.id, reason: "不是投诉", by: person("s", .supervisor)) } == "approval.spokesperson_only")
        #expect(code { _ = try desk.markNotComplaint(caseID: major.id, reason: "不是投诉", by: person("s", .staff)) } == "approval.supervisor_needed")
        #expect(try store.storedCase(id: threat.id)?.status == .open && store.storedCase(id: major.id)?.status == .open)

        // The spokesperson approves the threat's reply; posting it elsewhere, or by someone else, is refused.
        let thread = threat.threads[0]
        _ = try desk.approve(caseID: threat.id, thread: thread, by: person("p", .spokesperson))
        #expect(code { _ = try desk.markPosted(caseID: threat.id, thread: thread, url: "https://evil.example/t/1", by: person("p", .spokesperson)) }
                == "action.foreign_url")
        #expect(code { _ = try desk.markPosted(caseID: threat.id, thread: thread, url: "https://127.0.0.1.evil.example/x", by: person("p", .spokesperson)) }
                == "action.foreign_url")
        #expect(code { _ = try desk.markPosted(caseID: threat.id, thread: thread, url: "http://127.0.0.1/thread-105-1-1.html", by: person("s", .staff)) }
                == "approval.spokesperson_only")
        let posted = try desk.markPosted(caseID: threat.id, thread: thread, url: "http://127.0.0.1/thread-105-1-1.html#pid1", by: person("p", .spokesperson))
        #expect(posted.replySentAt != nil)
        #expect(code { _ = try desk.confirmSeen(caseID: threat.id, thread: thread, url: "http://127.0.0.1/thread-105-1-1.html", by: person("s", .supervisor)) }
                == "approval.spokesperson_only")
        #expect(code { _ = try desk.confirmSeen(caseID: threat.id, thread: thread, url: "https://evil.example/", by: person("p", .spokesperson)) }
                == "action.foreign_url")
        #expect(try store.storedCase(id: threat.id)?.answeredAt == nil)
        #expect(try desk.confirmSeen(caseID: threat.id, thread: thread, url: "http://127.0.0.1/thread-105-1-1.html", by: person("p", .spokesperson))
                .answeredAt != nil)
    }

    @Test func aMediaThreatIsTheSpokespersonsAndRejectionsNeedAReason() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (desk, store) = try await desk()
        let threat = try #require(try store.storedCase(id: "demo-1050"))
        #expect(threat.flags.contains(.mediaThreat))
        let thread = threat.threads[0]
        #expect(code { _ = try desk.approve(caseID: threat.id, thread: thread, by: person("boss", .admin)) } == "approval.spokesperson_only")
        #expect(code { _ = try desk.reject(caseID: threat.id, thread: thread, reason: "  ", by: person("p", .spokesperson)) } == "action.reason_needed")
        let rejected = try desk.reject(caseID: threat.id, thread: thread, reason: "先说明已联系维修单位", by: person("p", .spokesperson))
        #expect(rejected.review?.rejection == "先说明已联系维修单位" && !rejected.isApproved)
        #expect(try desk.approve(caseID: threat.id, thread: thread, by: person("p", .spokesperson)).isApproved)
    }

    @Test func reassigningAndDismissingAreRecorded() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (desk, store) = try await desk()
        #expect(code { _ = try desk.reassign(caseID: "demo-1060", to: "nobody", by: person("a", .supervisor)) } == "account.unknown")
        try store.save(account: person("chen", .staff))
        #expect(try desk.reassign(caseID: "demo-1060", to: "chen", by: person("a", .supervisor)).owner == "chen")
        let dismissed = try desk.markNotComplaint(caseID: "demo-1090", reason: "a question, not a complaint", by: person("a", .supervisor))
        #expect(dismissed.status == .notComplaint)
        #expect(try store.storedCase(id: "demo-1090")?.status == .notComplaint)
        #expect(code { _ = try desk.markNotComplaint(caseID: "demo-9999", reason: "x", by: person("a", .supervisor)) } == "case.unknown")
        let log = try store.audit(caseID: nil, limit: 10)
        #expect(log.map(\.action) == ["case.not_complaint", "case.reassign"])
        #expect(log[0].note == "a question, not a complaint" && log[1].after == "chen")
    }
}

/// Accounts as `ombud user add` makes them.
@Suite struct AccountsTests {
    @Test func aPasswordIsStoredAsABcryptHashAndChecked() throws {
        let account = try Accounts.make(name: " 张主管 ", role: "supervisor", password: "correct horse battery", now: DemoForumTime.reference)
        #expect(account.name == "张主管" && account.role == .supervisor && account.passwordHash.hasPrefix("$2b$12$"))
        #expect(!account.passwordHash.contains("correct"))
        #expect(Accounts.verify("correct horse battery", for: account))
        #expect(!Accounts.verify("correct horse batterY", for: account))
        var disabled = account
        disabled.disabled = true
        #expect(!Accounts.verify("correct horse battery", for: disabled))
    }

    @Test func badAccountsAreRefusedWithTheFix() {
        func code(_ name: String, _ role: String, _ password: String) -> String? {
            do { _ = try Accounts.make(name: name, role: role, password: password, now: DemoForumTime.reference) } catch { return (error as? OmbudError)?.code.rawValue }
            return nil
        }
        #expect(code("li", "boss", "long enough pass") == "account.bad_role")
        #expect(code("li", "staff", "short") == "account.weak_password")
        #expect(code("  ", "staff", "long enough pass") == "account.bad_name")
    }
}

/// People's decisions as training examples for `ombud learn --from-store`.
extension ApprovalDeskTests {
    @Test func staffDecisionsBecomeTrainingExamples() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (desk, store) = try await desk()
        #expect(try Learning.examples(from: store) { _ in "triage" }.isEmpty)   // nobody decided anything yet
        let cases = try store.openCases()
        let dismissed = try #require(cases.first)
        let approved = try #require(cases.dropFirst().first { $0.flags.isDisjoint(with: [.mediaThreat, .legalThreat]) && $0.severity < .major })
        _ = try desk.markNotComplaint(caseID: dismissed.id, reason: "an advertisement", by: person("王主管", .supervisor))
        let thread = try #require(approved.threads.first)
        _ = try desk.approve(caseID: approved.id, thread: thread, by: person("李客服", .staff))
        let examples = try Learning.examples(from: store) { _ in "triage" }
        #expect(examples.filter { !$0.isComplaint }.count == dismissed.members.count)
        let positives = examples.filter(\.isComplaint)
        #expect(positives.count == approved.members.count)
        #expect(positives.allSatisfy { $0.category?.id == approved.category && !$0.flagsKnown })
    }
}

/// A poster that records what it was asked to send.
final class RecordingPoster: Poster, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [String] = []
    var posts: [String] { lock.withLock { sent } }
    func post(_ text: String, in thread: ThreadRef) async throws -> String? {
        lock.withLock { sent.append(text) }
        return "http://127.0.0.1/thread-\(thread.threadID)-1-1.html#pid9999"
    }
}

extension ApprovalDeskTests {
    /// Posting is deciding: someone the policy would not let decide the case gets a refusal and
    /// the forum gets nothing (a reply sent and then refused could be posted twice).
    @Test func aRefusedPostSendsNothing() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try await DemoSession.start(root: DemoTests.root, forumPort: 0, database: folder.appendingPathComponent("d.sqlite").path,
                                                  clock: FixedClock(DemoForumTime.reference), logger: logger)
        await session.forum.stop()
        let store = session.store
        let poster = RecordingPoster()
        let desk = ApprovalDesk(pipeline: Pipeline(workspace: session.workspace, store: store, fetcher: FakeFetcher.unreachable(),
                                                   clock: FixedClock(DemoForumTime.reference), logger: logger, cookieFolder: folder),
                                posters: ["demo": poster])
        let threat = try #require(try store.storedCase(id: "demo-1050"))
        let thread = threat.threads[0]
        _ = try desk.approve(caseID: threat.id, thread: thread, by: person("p", .spokesperson))
        await #expect(throws: OmbudError.self) { _ = try await desk.post(caseID: threat.id, thread: thread, by: person("s", .staff)) }
        #expect(poster.posts.isEmpty)
        _ = try await desk.post(caseID: threat.id, thread: thread, by: person("p", .spokesperson))
        #expect(poster.posts.count == 1)
    }
}
