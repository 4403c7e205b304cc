import Foundation
import Glibc
import Logging
import OmbudApp
import OmbudConfig
import OmbudCore
import OmbudDemo
import OmbudTesting
import OmbudStore
import Testing

/// `kill -9` in the middle of `ombud crawl`, then a restart: nothing committed is lost, nothing is doubled.
@Suite(.serialized) struct CrashResumeTests {
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ombud")

    /// Starts `ombud crawl --once`; `exit` reports its end without blocking a concurrency thread
    /// (the forum the crawl talks to is served from this process's thread pool).
    func launch(_ project: TestProject, database: String) throws -> (process: Process, exit: Task<Process.TerminationReason, Never>) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["crawl", "--once", "--root", project.root.path, "--database", database, "--now", DemoForumTime.iso]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return (process, try Self.start(process))
    }

    static func start(_ process: Process) throws -> Task<Process.TerminationReason, Never> {
        let (stream, continuation) = AsyncStream.makeStream(of: Process.TerminationReason.self)
        process.terminationHandler = { continuation.yield($0.terminationReason); continuation.finish() }
        try process.run()
        return Task { await stream.first { _ in true } ?? .exit }
    }

    @Test func aKilledCrawlResumesWithoutLossOrDuplicates() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "swift test builds the ombud executable beside the tests")
        let project = try TestProject { $0.sources[0].politeness = .init(delayMilliseconds: 150, maxPerHost: 1) }
        defer { project.remove() }
        let forum = try await FixedForum.start(folder: project.forumFolder)
        try project.point(to: forum.url)

        // What an uninterrupted crawl stores.
        let reference = project.root.appendingPathComponent("var/reference.sqlite").path
        let clean = try launch(project, database: reference)
        _ = await clean.exit.value
        #expect(clean.process.terminationStatus == 0)
        let expected = try SQLiteStore(path: reference)

        // The same crawl, killed part-way, then run again.
        let database = project.root.appendingPathComponent("var/crashed.sqlite").path
        let killed = try launch(project, database: database)
        try await Task.sleep(for: .milliseconds(1200))
        kill(killed.process.processIdentifier, SIGKILL)
        #expect(await killed.exit.value == .uncaughtSignal)
        let partial = try SQLiteStore(path: database).counts().posts
        #expect(partial < (try expected.counts().posts), "the kill came after the crawl had finished")

        let resumed = try launch(project, database: database)
        _ = await resumed.exit.value
        #expect(resumed.process.terminationStatus == 0)
        let store = try SQLiteStore(path: database)
        #expect(try store.counts() == (try expected.counts()))
        #expect(try store.pendingCount(source: "demo") == 0)
        #expect(try store.cases().map(\.id).sorted() == (try expected.cases().map(\.id).sorted()))
        await forum.server.stop()
    }
}

/// `ombud status` after a crawl.
@Suite struct StatusCommandTests {
    @Test func statusShowsTheLastRunTheFrontierAndTheNextRun() async throws {
        let project = try TestProject()
        defer { project.remove() }
        let forum = try await FixedForum.start(folder: project.forumFolder)
        try project.point(to: forum.url)
        let crawl = Process()
        crawl.executableURL = CrashResumeTests.binary
        crawl.arguments = ["crawl", "--once", "--root", project.root.path, "--now", DemoForumTime.iso]
        crawl.standardOutput = FileHandle.nullDevice
        crawl.standardError = FileHandle.nullDevice
        _ = await (try CrashResumeTests.start(crawl)).value
        await forum.server.stop()
        let status = Process()
        let output = Pipe()
        status.executableURL = CrashResumeTests.binary
        status.arguments = ["status", "--root", project.root.path, "--now", DemoForumTime.iso]
        status.standardOutput = output
        _ = await (try CrashResumeTests.start(status)).value
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(status.terminationStatus == 0)
        #expect(text.contains("demo (\(forum.url), every 15m)"))
        #expect(text.contains("18 pages, 0 errors"))
        #expect(text.contains("frontier   0 pages waiting"))
        #expect(text.contains("next run"))
    }
}

/// `ombud extract`, the way a profile author uses it.
@Suite struct ExtractCommandTests {
    func run(_ arguments: [String], errors: Pipe? = nil) async throws -> (status: Int32, output: String) {
        let process = Process()
        let output = Pipe()
        process.executableURL = CrashResumeTests.binary
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors ?? FileHandle.nullDevice
        _ = await (try CrashResumeTests.start(process)).value
        return (process.terminationStatus, String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    @Test func postsComeOutAsJSON() async throws {
        let root = TestProject.repository.path
        let (status, output) = try await run(["extract", "--root", root, "--site", "discuz-x3", "--fetched-at", "2026-11-18T11:30:00+08:00",
                                             "\(root)/demo/forum/thread-102-1-1.html"])
        #expect(status == 0)
        let posts = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(posts.count == 2)
        #expect(posts[0]["id"] as? String == "1020" && posts[0]["author"] as? String == "李女士" && posts[0]["author_id"] as? String == "1005")
        #expect(posts[0]["floor"] as? Int == 1 && posts[0]["posted_at"] as? String == "2026-11-18T00:25:00Z")
        #expect((posts[0]["text"] as? String)?.hasPrefix("早上我妈妈在3号楼电梯里被困了") == true)
    }

    /// A new user's way to a profile: two saved pages of a forum with no profile, one command.
    @Test func aSuggestedProfileIsWrittenAndLoads() async throws {
        let project = try TestProject()
        defer { project.remove() }
        let real = TestProject.repository.appendingPathComponent("Tests/OmbudExtractTests/Fixtures/real/vbulletin")
        let (status, output) = try await run([
            "profile", "suggest", "--root", project.root.path, "--name", "aussie-vb4", "--time-zone", "UTC", "--write",
            "--thread", real.appendingPathComponent("terraforums-vb4-93602-p2.html").path,
            "--thread-url", "http://www.terraforums.com/forums/north-american-sarracenia-conservancy/93602-pollinate-sarracenia-flower-2.html",
            "--board", real.appendingPathComponent("aussiev8-vb4-board-comedy-central.html").path,
            "--board-url", "http://www.aussiev8.com.au/comedy-central/",
        ])
        #expect(status == 0, "\(output)")
        #expect(output.contains("9 posts") && output.contains("32 threads") && output.contains("JBL"))
        let workspace = try Workspace.load(root: project.root)
        #expect(workspace.sites["aussie-vb4"] != nil)
        // Written once: a second run does not overwrite it.
        let (again, _) = try await run(["profile", "suggest", "--root", project.root.path, "--name", "aussie-vb4", "--write",
                                        "--thread", real.appendingPathComponent("terraforums-vb4-93602-p2.html").path,
                                        "--board", real.appendingPathComponent("aussiev8-vb4-board-comedy-central.html").path])
        #expect(again != 0)
    }

    /// A board page with no rows it can name: nothing is written, and the error says why and what
    /// to do; the thread's rules are still printed, with the placeholder `ombud check` refuses.
    @Test func aBoardWithoutRowsWritesNothingAndSaysWhy() async throws {
        let project = try TestProject()
        defer { project.remove() }
        let real = TestProject.repository.appendingPathComponent("Tests/OmbudExtractTests/Fixtures/real")
        // A "board" with no rows of thread links at all.
        let empty = project.root.appendingPathComponent("no-rows.html")
        try "<html><body><h1>Forum</h1><p>No topics here yet.</p></body></html>".write(to: empty, atomically: true, encoding: .utf8)
        let errors = Pipe()
        let (status, output) = try await run([
            "profile", "suggest", "--root", project.root.path, "--name", "zc", "--time-zone", "UTC", "--write",
            "--thread", real.appendingPathComponent("phpbb/zone-concours-topic-t190.html").path,
            "--thread-url", "http://www.zone-concours.com/forum/jeux-zelda-pour-ds-dsi-et-3ds-gratuit-t190.html",
            "--board", empty.path, "--board-url", "http://www.zone-concours.com/forum/temoignages-f26.html",
        ], errors: errors)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(status != 0)
        #expect(message.contains("no thread rows were found on the board page") && message.contains("board: section written by hand"), "\(message)")
        #expect(output.contains("threads: //FILL-IN") && output.contains("5 posts"), "\(output)")
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("config/sites/zc.yaml").path))
    }

    @Test func anUnknownProfileFails() async throws {
        let root = TestProject.repository.path
        let (status, output) = try await run(["extract", "--root", root, "--site", "nope", "\(root)/demo/forum/thread-102-1-1.html"])
        #expect(status != 0 && output.isEmpty)
    }
}
