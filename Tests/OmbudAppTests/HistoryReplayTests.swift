import Foundation
import Logging
import OmbudApp
import OmbudCore
import OmbudDemo
import OmbudStore
import OmbudTesting
import Testing

/// The first crawl of a forum with history gives what following it live would have given: the
/// sample forum's posts processed all at once, and again as a crawl every two hours would have
/// found them, give the same cases, answers, severities, flags and deadlines.
@Suite(.serialized) struct HistoryReplayTests {
    let logger = Logger(label: "test")

    /// What must agree between the two ways, per case.
    struct Outcome: Hashable, CustomStringConvertible {
        var members: Set<String>
        var status: String
        var answeredAt: Date?
        var severity: String
        var flags: Set<String>
        var dueAt: Date?

        var description: String { "\(members.sorted()) \(status) answered \(answeredAt.map { "\($0)" } ?? "-") \(severity) \(flags.sorted()) due \(dueAt.map { "\($0)" } ?? "-")" }
    }

    func outcomes(_ store: any Store) throws -> Set<Outcome> {
        let deadlines = try store.deadlines()
        return Set(try store.cases().map { subject in
            Outcome(members: Set(subject.members.map(\.post.id)), status: subject.status.rawValue, answeredAt: subject.answeredAt,
                    severity: subject.severity.rawValue, flags: Set(subject.flags.map(\.rawValue)), dueAt: deadlines[subject.id]?.dueAt)
        })
    }

    @Test func theSampleForumAllAtOnceAndFollowedLiveGiveTheSameCases() async throws {
        let project = try TestProject()
        defer { project.remove() }
        let forum = try await FixedForum.start(folder: project.forumFolder)
        defer { Task { await forum.server.stop() } }
        try project.point(to: forum.url)
        let clock = FixedClock(DemoForumTime.reference)
        let runtime = try Runtime.open(root: project.root, database: project.database, clock: clock, logger: logger)
        let source = try #require(runtime.workspace.configuration.sources.first)
        let pipeline = Pipeline(workspace: runtime.workspace, store: runtime.store, fetcher: try FetcherFactory.make(runtime.workspace.configuration, clock: clock),
                                clock: clock, logger: logger, cookieFolder: project.root.appendingPathComponent("var/cookies"))
        _ = try await pipeline.crawl(source)
        let history = try runtime.store.postsWithoutAssessment().sorted { ($0.postedAt, $0.key.description) < ($1.postedAt, $1.key.description) }
        try #require(history.count >= 25 && history.contains { source.officialAccounts?.contains($0.author) == true })
        try pipeline.process()
        let atOnce = try outcomes(runtime.store)
        #expect(atOnce.contains { $0.status == CaseStatus.replied.rawValue }, "the history holds an answer")

        // The same posts given to a fresh store two hours at a time, each batch processed as its
        // two hours end.
        let live = try SQLiteStore(path: project.root.appendingPathComponent("var/live.sqlite").path)
        let window = 2.0 * 3_600
        let batches = Dictionary(grouping: history) { ($0.postedAt.timeIntervalSince1970 / window).rounded(.down) }
        for slot in batches.keys.sorted() {
            _ = try live.save(posts: batches[slot]!)
            let then = FixedClock(Date(timeIntervalSince1970: (slot + 1) * window))
            try Pipeline(workspace: runtime.workspace, store: live, fetcher: FakeFetcher.unreachable(), clock: then, logger: logger,
                         cookieFolder: project.root.appendingPathComponent("var/cookies")).process()
        }
        try #require(batches.count >= 5, "the history comes in several crawls")
        let followed = try outcomes(live)
        #expect(followed == atOnce, "only all at once: \(atOnce.subtracting(followed)); only followed live: \(followed.subtracting(atOnce))")
    }
}
