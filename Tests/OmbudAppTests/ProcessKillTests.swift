import Foundation
import Glibc
import OmbudCore
import OmbudDemo
import OmbudTesting
import OmbudStore
import Testing

/// `kill -9` at random instants of a processing pass (`ombud process`), then a restart: the store
/// holds the state before the pass or after it, never a part, and resuming gives exactly the
/// cases, drafts and deadlines of an uninterrupted pass.
@Suite(.serialized) struct ProcessKillTests {
    /// What a pass leaves that a reader can compare: judged and grouped counts, every case with its
    /// members, severity and status, its drafts' texts and its deadline.
    struct Outcome: Equatable, CustomStringConvertible {
        var unjudged: Int
        var ungrouped: Int
        var cases: [String]
        var drafts: [String]
        var deadlines: [String]

        init(_ path: String) throws {
            let store = try SQLiteStore(path: path)
            unjudged = try store.postsWithoutAssessment().count
            ungrouped = try store.postsToGroup().count
            let stored = try store.cases().sorted { $0.id < $1.id }
            cases = stored.map { subject in
                "\(subject.id) \(subject.status) \(subject.severity) \(subject.category) "
                    + subject.members.map(\.post.description).sorted().joined(separator: ",")
            }
            drafts = try stored.flatMap { subject in try store.drafts(caseID: subject.id).map { "\($0.caseID) \($0.thread) \($0.text)" } }.sorted()
            deadlines = try store.deadlines().map { "\($0.key) \($0.value.dueAt.timeIntervalSince1970)" }.sorted()
        }

        var description: String { "\(unjudged) unjudged, \(ungrouped) ungrouped, \(cases.count) cases, \(drafts.count) drafts, \(deadlines.count) deadlines" }
    }

    /// A running `ombud process` on `database`; `started` ends when it printed that the pass begins.
    struct Pass {
        let process: Process
        let exit: Task<Process.TerminationReason, Never>
        let started: Task<Void, Never>

        init(_ project: TestProject, database: String) throws {
            process = Process()
            process.executableURL = CrashResumeTests.binary
            process.arguments = ["process", "--root", project.root.path, "--database", database, "--now", DemoForumTime.iso]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            let (lines, continuation) = AsyncStream.makeStream(of: Void.self)
            let seen = Seen()
            output.fileHandleForReading.readabilityHandler = { handle in
                let data = handle.availableData
                if data.isEmpty || seen.add(data) {
                    continuation.yield()
                    continuation.finish()
                    handle.readabilityHandler = nil
                }
            }
            started = Task { await lines.first { _ in true } }
            exit = try CrashResumeTests.start(process)
        }
    }

    /// The output read so far; says when the pass's first line is in.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var text = Data()
        func add(_ data: Data) -> Bool {
            lock.withLock {
                text += data
                return String(decoding: text, as: UTF8.self).contains("processing:")
            }
        }
    }

    /// Copies a closed database file (and its WAL, if one is left) to `target`.
    func copy(_ source: String, to target: String) throws {
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: source + suffix) {
            try? FileManager.default.removeItem(atPath: target + suffix)
            try FileManager.default.copyItem(atPath: source + suffix, toPath: target + suffix)
        }
    }

    @Test func aPassKilledAnywhereLeavesBeforeOrAfterAndResumesToTheSameCases() async throws {
        let project = try TestProject()
        defer { project.remove() }
        let forum = try await FixedForum.start(folder: project.forumFolder)
        try project.point(to: forum.url)

        // The forum's posts, stored and not processed.
        let base = project.root.appendingPathComponent("var/base.sqlite").path
        let crawl = Process()
        crawl.executableURL = CrashResumeTests.binary
        crawl.arguments = ["crawl", "--once", "--no-process", "--root", project.root.path, "--database", base, "--now", DemoForumTime.iso]
        crawl.standardOutput = FileHandle.nullDevice
        crawl.standardError = FileHandle.nullDevice
        _ = await (try CrashResumeTests.start(crawl)).value
        #expect(crawl.terminationStatus == 0)
        await forum.server.stop()
        // The forum's threads forty times more, each copy in its own threads an hour apart: a pass
        // long enough (a second or more) for kills to land inside it, not after it.
        let store = try SQLiteStore(path: base)
        let crawled = try store.postsWithoutAssessment()
        let copies = (1...40).flatMap { copy in
            crawled.map { post in
                Post(source: post.source, id: "c\(copy)-\(post.id)", threadID: "c\(copy)-\(post.threadID)", threadTitle: post.threadTitle,
                     board: post.board, floor: post.floor, author: post.author, authorID: post.authorID,
                     postedAt: post.postedAt.addingTimeInterval(Double(copy) * 3600), text: post.text, url: post.url + "#c\(copy)")
            }
        }
        #expect(try store.save(posts: copies) == copies.count)
        let before = try Outcome(base)
        #expect(before.unjudged > 1_000 && before.cases.isEmpty)

        // An uninterrupted pass, timed from its first line to its end.
        let reference = project.root.appendingPathComponent("var/reference.sqlite").path
        try copy(base, to: reference)
        let clean = try Pass(project, database: reference)
        await clean.started.value
        let startedAt = ContinuousClock.now
        _ = await clean.exit.value
        // The shortest pass seen so far: a pass timed under a busy machine's load would send the
        // kills past the end of quicker passes, so every pass timed later may shorten it.
        var passTime = ContinuousClock.now - startedAt
        #expect(clean.process.terminationStatus == 0)
        let after = try Outcome(reference)
        #expect(after.unjudged == 0 && after.ungrouped == 0 && !after.cases.isEmpty && after.drafts.count >= after.cases.count)

        // Kills at random instants of the pass; each says where it landed.
        var generator = SystemRandomNumberGenerator()
        var landed: [String] = []
        for attempt in 1...10 {
            let database = project.root.appendingPathComponent("var/killed-\(attempt).sqlite").path
            try copy(base, to: database)
            let pass = try Pass(project, database: database)
            await pass.started.value
            let began = ContinuousClock.now
            let exited = Task { _ = await pass.exit.value; return ContinuousClock.now }
            let delay = Duration.microseconds(Int64.random(in: 0...max(1, passTime.microseconds), using: &generator))
            try await Task.sleep(for: delay)
            kill(pass.process.processIdentifier, SIGKILL)
            let reason = await pass.exit.value
            if reason != .uncaughtSignal { passTime = min(passTime, await exited.value - began) }
            let found = try Outcome(database)
            let state = found == before ? "before" : found == after ? "after" : "PART"
            landed.append("kill \(attempt) at \(delay) of \(passTime) (\(reason == .uncaughtSignal ? "killed" : "had ended")): \(state)")
            #expect(found == before || found == after, "kill \(attempt) at \(delay) left a part of the pass: \(found)")

            let resumed = try Pass(project, database: database)
            await resumed.started.value
            let resumedAt = ContinuousClock.now
            _ = await resumed.exit.value
            // Resuming from before the pass is a whole pass: another timing.
            if found == before { passTime = min(passTime, ContinuousClock.now - resumedAt) }
            #expect(resumed.process.terminationStatus == 0)
            #expect(try Outcome(database) == after, "kill \(attempt) at \(delay): resuming differs from an uninterrupted pass")
        }
        print(landed.joined(separator: "\n"))
        // The test means something only if kills land inside passes.
        #expect(landed.filter { $0.contains("(killed)") }.count >= 5, "too few kills landed inside a pass: \(landed)")
    }
}

private extension Duration {
    var microseconds: Int64 { components.seconds * 1_000_000 + components.attoseconds / 1_000_000_000_000 }
}
