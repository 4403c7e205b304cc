import Foundation
import Logging
import OmbudApp
import OmbudCore
import OmbudDemo
import OmbudTesting
import OmbudCrawl
import OmbudStore
import Hummingbird
import Testing

@Suite(.serialized) struct IncrementalCrawlTests {
    let logger = Logger(label: "test")

    func pipeline(_ project: TestProject, fetcher: any Fetcher) throws -> Pipeline {
        let runtime = try Runtime.open(root: project.root, database: project.database, clock: FixedClock(DemoForumTime.reference), logger: logger)
        return Pipeline(workspace: runtime.workspace, store: runtime.store, fetcher: fetcher, clock: FixedClock(DemoForumTime.reference),
                        logger: logger, cookieFolder: project.root.appendingPathComponent("var/cookies"))
    }

    @Test func onlyWhatChangedIsFetchedAgain() async throws {
        let project = try TestProject()
        defer { project.remove() }
        // The forum serves the project's own copy of the pages, so the test can change them.
        let forum = try await FixedForum.start(folder: project.forumFolder)
        try project.point(to: forum.url)
        let runtime = try Runtime.open(root: project.root, database: project.database, clock: FixedClock(DemoForumTime.reference), logger: logger)
        let source = try #require(runtime.workspace.configuration.sources.first)
        let recorder = FakeFetcher.recording(try FetcherFactory.make(runtime.workspace.configuration, clock: FixedClock(DemoForumTime.reference)))
        let pipeline = try self.pipeline(project, fetcher: recorder)

        let first = try await pipeline.crawl(source)
        #expect(first.errors == [])
        #expect(first.pages == 18 && first.newPosts == 30)
        #expect(!recorder.urls.contains { $0.hasSuffix("thread-100-1-1.html") })  // outside the first crawl's 7 days

        recorder.reset()
        let second = try await pipeline.crawl(source)
        #expect(second.pages == 2 && second.unchanged == 2 && second.newPosts == 0)
        #expect(recorder.urls.filter { !$0.hasSuffix("robots.txt") }.count == 2)

        // A new reply in thread 105: its board row shows one more reply, its page one more post.
        let board = project.forumFolder.appendingPathComponent("forum-2-1.html")
        let thread = project.forumFolder.appendingPathComponent("thread-105-1-1.html")
        let boardHTML = try String(contentsOf: board, encoding: .utf8)
        let row = try #require(boardHTML.range(of: #"<td class="num"><a href="thread-105-1-1.html" class="xi2">0</a>"#))
        try boardHTML.replacingCharacters(in: row, with: #"<td class="num"><a href="thread-105-1-1.html" class="xi2">1</a>"#)
            .write(to: board, atomically: true, encoding: .utf8)
        let threadHTML = try String(contentsOf: thread, encoding: .utf8)
        let start = try #require(threadHTML.range(of: #"<div id="post_1050" >"#))
        let end = try #require(threadHTML.range(of: #"<div id="postlistreply""#))
        let reply = String(threadHTML[start.lowerBound..<end.lowerBound]).replacingOccurrences(of: "1050", with: "1051")
            .replacingOccurrences(of: "孙先生", with: "7号楼邻居").replacingOccurrences(of: "楼主", with: "沙发")
        try threadHTML.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: reply).write(to: thread, atomically: true, encoding: .utf8)

        recorder.reset()
        let third = try await pipeline.crawl(source)
        #expect(third.newPosts == 1)
        let fetched = recorder.urls.filter { $0.contains("thread-") }
        #expect(fetched.count == 1 && fetched[0].hasSuffix("thread-105-1-1.html"))
        await forum.server.stop()
    }

    /// A switch the test flips: while on, the forum answers 500 for one thread's page.
    final class Fault: @unchecked Sendable {
        private let lock = NSLock()
        private var on = true
        var isOn: Bool { lock.withLock { on } }
        func clear() { lock.withLock { on = false } }
    }

    @Test func aThreadWhoseFetchFailedIsFetchedAgainUntilStoredAndStatusShowsItMeanwhile() async throws {
        let project = try TestProject { $0.sources[0].politeness = .init(delayMilliseconds: 0, maxPerHost: 2) }
        defer { project.remove() }
        let fault = Fault()
        let forum = try await FixedForum.start(folder: project.forumFolder) { forum in
            let inner = forum.router().buildResponder()
            let router = Router()
            router.get("**") { request, context -> Response in
                if fault.isOn, request.uri.path.hasSuffix("thread-105-1-1.html") { return Response(status: .internalServerError) }
                return try await inner.respond(to: request, context: context)
            }
            return router
        }
        try project.point(to: forum.url)
        let start = DemoForumTime.reference
        let clock = SteppedClock(start)
        let runtime = try Runtime.open(root: project.root, database: project.database, clock: clock, logger: logger)
        let source = try #require(runtime.workspace.configuration.sources.first)
        func status() throws -> String {
            try SourceStatus(source: source, store: runtime.store, nextRun: clock.now).lines.joined(separator: "\n")
        }

        // Three runs hours apart, the thread failing each time: the rest is stored, and status
        // names the page with every attempt's reason.
        let first = try await runtime.pipeline.crawl(source)
        #expect(first.newPosts == 29 && first.errors.count == 1 && first.errors[0].contains("thread-105-1-1.html: HTTP 500"))
        for hours in [1.0, 2.0] {
            clock.set(start.addingTimeInterval(hours * 3600))
            let again = try await runtime.pipeline.crawl(source)
            #expect(again.newPosts == 0 && again.errors.count == 1)
        }
        let failing = try runtime.store.failingPages(source: source.name)
        #expect(failing.count == 1 && failing[0].attempts == 3 && failing[0].failures.count == 3)
        let shown = try status()
        #expect(shown.contains("1 of them failing") && shown.contains("thread-105-1-1.html: 3 failed attempts"), "\(shown)")
        #expect(shown.components(separatedBy: "HTTP 500").count - 1 == 3 + 1)  // three attempts, and the last run's error

        // The fault clears: the next run due fetches the thread, and nothing is left failing.
        fault.clear()
        clock.set(start.addingTimeInterval(6 * 3600))
        let cleared = try await runtime.pipeline.crawl(source)
        #expect(cleared.newPosts == 1 && cleared.errors == [])
        #expect(try runtime.store.counts().posts == 30)
        #expect(try runtime.store.failingPages(source: source.name).isEmpty && !(try status().contains("failing")))
        await forum.server.stop()
    }

    @Test func aFirstCrawlSaysWhichThreadsItLeftOutAsTooOld() async throws {
        let project = try TestProject()
        defer { project.remove() }
        let forum = try await FixedForum.start(folder: project.forumFolder)
        try project.point(to: forum.url)
        // A month after the sample forum's day: every thread is older than the 7-day window.
        let clock = FixedClock(DemoForumTime.reference.addingTimeInterval(30 * 86_400))
        let runtime = try Runtime.open(root: project.root, database: project.database, clock: clock, logger: logger)
        let source = try #require(runtime.workspace.configuration.sources.first)

        let report = try await runtime.pipeline.crawl(source)
        #expect(report.errors == [] && report.newPosts == 0 && report.pages == 2)
        #expect(report.threadsTooOld == 12)  // every dated thread the two board pages list
        let run = try #require(try runtime.store.runs(source: source.name, limit: 1).first)
        #expect(run.threadsTooOld == 12 && run.windowDays == 7)
        #expect(Pipeline.SourceReport.tooOldNote(run.threadsTooOld, windowDays: run.windowDays)
                == "12 threads older than 7 days skipped; raise crawl.first_crawl_days to reach them")
        await forum.server.stop()
    }
}
