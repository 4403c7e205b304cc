import Foundation
import Logging
import OmbudApp
import OmbudCore
import OmbudDemo
import OmbudTesting
import OmbudCrawl
import OmbudStore
import Testing

/// `ombud demo` end to end: the sample forum over HTTP on 127.0.0.1, libcurl, libxml2, a SQLite file.
@Suite(.serialized) struct DemoTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-demo-\(UUID().uuidString)")
    var database: String { folder.appendingPathComponent("demo.sqlite").path }
    let logger = Logger(label: "test")

    @Test func theDemoCrawlsGroupsDraftsAndTimesTheSampleForum() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try await DemoSession.start(root: Self.root, forumPort: 0, database: database,clock: FixedClock(DemoForumTime.reference), logger: logger)
        await session.forum.stop()
        let summary = session.summary
        #expect(summary.errors == [])
        #expect(summary.pagesFetched == 18)  // 3 board pages, 14 threads on 15 pages (the 8-day-old notice is outside the first crawl's window)
        #expect(summary.newPosts == summary.posts)

        let cases = try session.store.cases()
        let byOrigin = Dictionary(uniqueKeysWithValues: cases.map { ($0.id, $0) })
        // The lift event: reported in two threads, cross-posted to the other board, followed up many times.
        let lift = try #require(byOrigin["demo-1001"])
        #expect(Set(lift.threads.map(\.threadID)) == ["101", "102", "201"])
        #expect(lift.members.first { $0.post.id == "2010" }?.role == .repost)
        #expect(lift.members.first { $0.post.id == "1020" }?.role == .report)
        #expect(lift.complainants.count >= 5)
        #expect(lift.severity == .major)
        #expect(lift.flags.isSuperset(of: [.safety]))
        #expect(try session.store.drafts(caseID: lift.id).count == 3)
        // Collective fee complaint of five households → major; media threat → at least hot; our official reply → replied.
        #expect(byOrigin["demo-1040"]?.flags.contains(.collective) == true)
        #expect(byOrigin["demo-1040"]?.severity == .major)
        #expect(byOrigin["demo-1050"]?.flags.contains(.mediaThreat) == true)
        #expect((byOrigin["demo-1050"]?.severity ?? .general) >= .hot)
        #expect(byOrigin["demo-1030"]?.status == .replied)
        // The official reply is when it was answered, and the deadline says whether that was in time.
        #expect(byOrigin["demo-1030"]?.answeredAt != nil)
        #expect(try session.store.deadlines()["demo-1030"]?.metDeadline != nil)
        // Praise, questions, sales, chat and the official notice open no case.
        let threadsWithCases = Set(cases.flatMap { $0.threads.map(\.threadID) })
        #expect(threadsWithCases.isDisjoint(with: ["100", "107", "108", "202", "203", "204", "205"]))
        // Every case has a lint-clean draft per thread and a deadline.
        let deadlines = try session.store.deadlines()
        for subject in cases {
            let drafts = try session.store.drafts(caseID: subject.id)
            #expect(drafts.count == subject.threads.count)
            #expect(drafts.allSatisfy { $0.isClean }, "\(drafts.flatMap(\.findings))")
            let deadline = try #require(deadlines[subject.id])
            #expect(deadline.dueAt > deadline.startsAt)
        }
        #expect(deadlines["demo-1001"]?.policy == "online.major")
    }

    @Test func runningTheDemoTwiceDuplicatesNothing() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try await DemoSession.start(root: Self.root, forumPort: 0, database: database,clock: FixedClock(DemoForumTime.reference), logger: logger)
        await first.forum.stop()
        let second = try await DemoSession.start(root: Self.root, forumPort: 0, database: database,clock: FixedClock(DemoForumTime.reference), logger: logger)
        await second.forum.stop()
        #expect(second.summary.newPosts == 0)
        #expect(second.summary.posts == first.summary.posts)
        #expect(second.summary.cases == first.summary.cases)
        #expect(second.summary.drafts == first.summary.drafts)
        #expect(try second.store.cases() == first.store.cases())
    }

    @Test func theDashboardShowsCasesAndEscapesForumText() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try await DemoSession.start(root: Self.root, forumPort: 0, database: database,clock: FixedClock(DemoForumTime.reference), logger: logger)
        await session.forum.stop()
        // A hostile post joins the lift case's thread as a follow-up.
        let hostile = Post(source: "demo", id: "666", threadID: "101", threadTitle: "<svg onload=alert(2)>", board: "2", floor: 99,
                           author: "<img src=x onerror=alert(1)>", authorID: "666", postedAt: DemoForumTime.reference,
                           text: "+1 <script>alert('x')</script>", url: "javascript:alert(1)")
        _ = try session.store.save(posts: [hostile])
        let pipeline = Pipeline(workspace: session.workspace, store: session.store, fetcher: try CurlClient(settings: .init(userAgent: "t"), clock: FixedClock(DemoForumTime.reference)),
                                clock: FixedClock(DemoForumTime.reference), logger: logger, cookieFolder: folder)
        try pipeline.process()

        let dashboard = try await session.dashboard(host: "127.0.0.1", port: 0)
        let fetcher = try CurlClient(settings: .init(userAgent: "test"), clock: FixedClock(DemoForumTime.reference))
        let jar = folder.appendingPathComponent("jar.txt").path
        let accounts = try session.demoAccounts()
        let staff = try #require(accounts.first { $0.account.role == .staff })
        let page = try await fetcher.fetch(FetchRequest(url: "http://127.0.0.1:\(dashboard.port)/login",
                                                        form: [("name", staff.account.name), ("password", staff.password)], cookieJar: jar))
        let summary = try await fetcher.fetch(FetchRequest(url: "http://127.0.0.1:\(dashboard.port)/api/summary", cookieJar: jar))
        let casePage = try await fetcher.fetch(FetchRequest(url: "http://127.0.0.1:\(dashboard.port)/cases/demo-1001", cookieJar: jar))
        await dashboard.stop()
        #expect(page.status == 200 && casePage.status == 200)
        #expect(String(decoding: page.body, as: UTF8.self).contains("case-demo-1001"))  // the queue
        let html = String(decoding: casePage.body, as: UTF8.self)
        #expect(html.contains("case-demo-1001"))
        #expect(html.contains("3号楼电梯又坏了"))
        #expect(html.contains("剩余时间"))
        #expect(html.contains("论坛 1") && html.contains("热度（跟帖） ") && html.contains("浏览 "))
        #expect(html.contains("replies/zh-CN/major"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("<svg onload") && html.contains("&lt;svg onload=alert(2)&gt;"))
        let counts = try JSONDecoder().decode(StoreCounts.self, from: Data(summary.body))
        #expect(counts.posts == session.summary.posts + 1)
    }

    @Test func aPersonSplitsAndMergesCasesAndTheyAreRedrafted() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try await DemoSession.start(root: Self.root, forumPort: 0, database: database,clock: FixedClock(DemoForumTime.reference), logger: logger)
        await session.forum.stop()
        let pipeline = Pipeline(workspace: session.workspace, store: session.store, fetcher: try CurlClient(settings: .init(userAgent: "t"), clock: FixedClock(DemoForumTime.reference)),
                                clock: FixedClock(DemoForumTime.reference), logger: logger, cookieFolder: folder)
        let lift = try #require(try session.store.cases().first { $0.id == "demo-1001" })
        // The board lists show replies and views: the case adds them up over its threads.
        #expect((lift.replies ?? 0) > 0 && (lift.views ?? 0) > 0)
        // The cross-post on the other board is judged another event and split off …
        let crossPost = lift.members.filter { $0.thread.threadID == "201" }.map(\.post)
        let (remaining, split) = try pipeline.split(lift.id, moving: crossPost, by: "supervisor")
        #expect(remaining.members.count + split.members.count == lift.members.count)
        #expect(!remaining.threads.contains { $0.threadID == "201" } && split.threads.map(\.threadID) == ["201"])
        #expect(try session.store.drafts(caseID: split.id).count == 1)
        #expect(try session.store.drafts(caseID: lift.id).map(\.thread.threadID).sorted() == ["101", "102"])
        #expect(try session.store.deadlines()[split.id] != nil)
        // … then merged back, and the case is whole again, with both edits on record.
        let merged = try pipeline.merge([split.id], into: lift.id, by: "supervisor")
        #expect(Set(merged.members.map(\.post)) == Set(lift.members.map(\.post)))
        #expect(try session.store.drafts(caseID: merged.id).count == 3)
        #expect(try session.store.deadlines()[split.id] == nil)
        #expect(try session.store.caseEvents(caseID: lift.id).map(\.action) == [.split, .merge])
    }

    @Test func aMissingDemoForumIsAClearError() async throws {
        let project = try TestProject()
        defer { project.remove() }
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("demo"))
        await #expect {
            try await DemoSession.start(root: project.root, forumPort: 0, database: database,clock: FixedClock(DemoForumTime.reference), logger: logger)
        } throws: { error in
            (error as? OmbudError)?.code.rawValue == "config.unreadable" && (error as? OmbudError)?.context["file"]?.hasSuffix("demo/forum/forum.yaml") == true
        }
    }
}

/// `ombud check` over the repository and over a broken copy.
@Suite struct ProjectCheckTests {
    @Test func theRepositoryPassesTheCheck() {
        #expect(ProjectCheck.problems(root: DemoTests.root) == [])
    }

    @Test func aBrokenSiteProfileIsReportedWithItsKey() throws {
        let project = try TestProject()
        defer { project.remove() }
        let copy = project.root
        // A broken XPath is what is tested: the profile is changed as text, as a person's typo would be.
        let profile = copy.appendingPathComponent("config/sites/discuz-x3.yaml")
        let text = try String(contentsOf: profile, encoding: .utf8)
            .replacingOccurrences(of: #"body: ".//td[starts-with(@id,'postmessage_')]""#, with: #"body: ".//td[starts-with(@id,'postmessage_')""#)
        try text.write(to: profile, atomically: true, encoding: .utf8)
        let problems = ProjectCheck.problems(root: copy)
        #expect(problems.count == 1)
        #expect(problems.first?.code.rawValue == "xpath.invalid")
        #expect(problems.first?.context["key"] == "thread.body")
        // … with the file and the line to open.
        #expect(problems.first?.context["file"] == "config/sites/discuz-x3.yaml")
        let line = try #require(problems.first?.context["line"].flatMap { Int($0) })
        #expect(text.components(separatedBy: "\n")[line - 1].contains("body: "))
    }
}
