import Foundation
import Glibc
import Logging
import OmbudApp
import OmbudCore
import OmbudStore
import Testing

/// `kill -9` in the middle of `ombud crawl`, then a restart: nothing committed is lost, nothing is doubled.
@Suite(.serialized) struct CrashResumeTests {
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ombud")

    func launch(_ project: TestProject, database: String) throws -> Process {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["crawl", "--once", "--root", project.root.path, "--database", database]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func aKilledCrawlResumesWithoutLossOrDuplicates() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "swift test builds the ombud executable beside the tests")
        let project = try TestProject(sourceExtra: "    politeness: { delay_ms: 150, max_per_host: 1 }")
        defer { project.remove() }
        let forum = try await FixedForum.start(folder: project.forumFolder)
        try project.point(to: forum.url)

        // What an uninterrupted crawl stores.
        let reference = project.root.appendingPathComponent("var/reference.sqlite").path
        let clean = try launch(project, database: reference)
        clean.waitUntilExit()
        #expect(clean.terminationStatus == 0)
        let expected = try SQLiteStore(path: reference)

        // The same crawl, killed part-way, then run again.
        let database = project.root.appendingPathComponent("var/crashed.sqlite").path
        let killed = try launch(project, database: database)
        try await Task.sleep(for: .milliseconds(1200))
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        #expect(killed.terminationReason == .uncaughtSignal)
        let partial = try SQLiteStore(path: database).counts().posts
        #expect(partial < (try expected.counts().posts), "the kill came after the crawl had finished")

        let resumed = try launch(project, database: database)
        resumed.waitUntilExit()
        #expect(resumed.terminationStatus == 0)
        let store = try SQLiteStore(path: database)
        #expect(try store.counts() == (try expected.counts()))
        #expect(try store.pendingCount(source: "demo") == 0)
        #expect(try store.cases().map(\.id).sorted() == (try expected.cases().map(\.id).sorted()))
        await forum.server.stop()
    }
}
