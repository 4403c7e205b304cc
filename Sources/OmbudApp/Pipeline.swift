import Foundation
import Logging
import OmbudConfig
import OmbudCore
import OmbudDeadlines
import OmbudCrawl
import OmbudDrafting
import OmbudExtract
import OmbudGrouping
import OmbudProcessing
import OmbudStore
import OmbudTriage

/// The whole chain over one store: crawl → extract → store → triage → group → draft → deadlines.
///
/// Every step after the crawl reads its input from the store, so it can be re-run on stored
/// posts, and running it twice changes nothing the second time.
public struct Pipeline: Sendable {
    /// Configuration, lexicons, templates.
    public let workspace: Workspace
    /// Where everything is kept.
    public let store: any Store
    /// How pages are fetched.
    public let fetcher: any Fetcher
    /// Where "now" comes from.
    public let clock: any OmbudCore.Clock
    /// Where progress is logged.
    public let logger: Logger
    /// Where each source's cookie jar is kept (`<source>.cookies`).
    public let cookieFolder: URL
    /// The processing steps with the workspace's rules, made once.
    let processor: Processor

    /// Creates a pipeline; each source's cookie jar is kept in `cookieFolder`.
    public init(workspace: Workspace, store: any Store, fetcher: any Fetcher, clock: any OmbudCore.Clock, logger: Logger,
                cookieFolder: URL) {
        self.workspace = workspace
        self.store = store
        self.fetcher = fetcher
        self.clock = clock
        self.logger = logger
        self.cookieFolder = cookieFolder
        processor = Processor(rules: workspace.processingRules)
    }

    /// Crawls `sources` (by default every configured source), then processes what is new.
    public func runOnce(sources: [OmbudConfiguration.Source]? = nil) async throws -> RunSummary {
        var summary = RunSummary()
        for source in sources ?? workspace.configuration.sources {
            let report = try await crawl(source)
            summary.pagesFetched += report.pages
            summary.newPosts += report.newPosts
            summary.errors += report.errors
        }
        try process()
        let counts = try store.counts()
        summary.posts = counts.posts
        summary.complaints = counts.complaints
        summary.cases = counts.cases
        summary.drafts = counts.drafts
        return summary
    }

    /// What crawling one source did.
    public struct SourceReport: Sendable {
        /// Pages fetched (304s included).
        public var pages: Int
        /// Of those, pages unchanged since the last visit.
        public var unchanged: Int
        /// Posts stored for the first time.
        public var newPosts: Int
        /// Failures with URL and reason.
        public var errors: [String]
        /// Threads met for the first time but left out as older than `crawl.first_crawl_days`.
        public var threadsTooOld = 0

        /// What to tell a person about threads left out as too old, or nil when none were:
        /// "12 threads older than 7 days skipped; raise crawl.first_crawl_days to reach them".
        public static func tooOldNote(_ count: Int, windowDays: Double?) -> String? {
            guard count > 0 else { return nil }
            let days = windowDays.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "?"
            return "\(count) thread\(count == 1 ? "" : "s") older than \(days) days skipped; raise crawl.first_crawl_days to reach them"
        }
    }

    /// Crawls one source incrementally from its frontier in the store.
    ///
    /// Board lists are read every run; a listed thread is fetched only when its reply count (or,
    /// where the list shows none, its last-post time) changed since the last run, starting at the
    /// last page fetched before. A first crawl takes threads active within `crawl.first_crawl_days`.
    /// Every page's posts, thread states and links are committed with the page, so a crawl killed at
    /// any point loses nothing committed and repeats nothing on restart.
    public func crawl(_ source: OmbudConfiguration.Source,
                      progress: @escaping @Sendable (SourceReport) -> Void = { _ in }) async throws -> SourceReport {
        guard let profile = workspace.sites[source.site] else {
            throw OmbudError(code: .configUnknownSite, message: "no site profile is named \(source.site)",
                             context: ["source": source.name], fix: "add config/sites/\(source.site).yaml")
        }
        let extractor = try PageExtractors.make(profile)
        let timeZone = TimeZone(identifier: source.timeZone) ?? .gmt
        let settings = workspace.configuration.crawl
        let started = clock.now
        let requeued = try store.requeueInFlight(source: source.name)
        if requeued > 0 { logger.notice("resuming an interrupted crawl", metadata: ["source": "\(source.name)", "pages": "\(requeued)"]) }
        let base = URL(string: source.baseURL)
        try store.enqueue(source.boards.compactMap { board in
            URL(string: board.path, relativeTo: base).map {
                CrawlRequest(url: $0.absoluteURL.absoluteString, kind: .board, context: ["board": board.id])
            }
        }, source: source.name, refresh: true)

        try FileManager.default.createDirectory(at: cookieFolder, withIntermediateDirectories: true)
        let cookieJar = cookieFolder.appendingPathComponent("\(source.name).cookies").path
        let crawler = Crawler(fetcher: fetcher, concurrency: settings.concurrency, maxPages: settings.maxPages, cookieJar: cookieJar)
        let session = source.login.map { LoginSession(source: source, recipe: $0, fetcher: fetcher, cookieJar: cookieJar, logger: logger) }
        if let session { try await session.login(after: await session.current) }
        let reader = PageReader(source: source.name, extractor: extractor, timeZone: timeZone, store: store,
                                window: settings.firstCrawlDays * 86_400, logger: logger, session: session, crawler: crawler)
        let frontier = StoreFrontier(store: store, source: source.name, clock: clock)
        let report = await crawler.run(frontier: frontier, handle: reader.receive) { report in
            progress(SourceReport(pages: report.pages, unchanged: report.unchanged, newPosts: reader.newPosts.value, errors: report.errors,
                                  threadsTooOld: reader.tooOld.value))
        }
        let newPosts = reader.newPosts
        for error in report.errors { logger.warning("crawl error", metadata: ["source": "\(source.name)", "error": "\(error)"]) }
        let tooOld = reader.tooOld.value
        try store.record(run: CrawlRun(source: source.name, startedAt: started, finishedAt: clock.now, pages: report.pages,
                                       errors: report.errors, threadsTooOld: tooOld, windowDays: tooOld > 0 ? settings.firstCrawlDays : nil))
        if let note = SourceReport.tooOldNote(tooOld, windowDays: settings.firstCrawlDays) {
            logger.notice("threads left out", metadata: ["source": "\(source.name)", "note": "\(note)"])
        }
        logger.info("crawled", metadata: ["source": "\(source.name)", "pages": "\(report.pages)", "unchanged": "\(report.unchanged)",
                                          "new_posts": "\(newPosts.value)", "errors": "\(report.errors.count)"])
        return SourceReport(pages: report.pages, unchanged: report.unchanged, newPosts: newPosts.value, errors: report.errors,
                            threadsTooOld: tooOld)
    }

    /// Triage of unassessed posts, grouping of new ones, then drafts and deadlines of changed cases.
    ///
    /// Our own posts are not complaints: those of the sources' `official_accounts`, and our sent
    /// replies read back from their threads (``ReplyEcho``), whoever the forum shows as author. Such
    /// a post answers the open cases of its thread at the time the forum gives it, which stops
    /// their clocks; a sent reply it echoes is confirmed (recorded in the audit log as the crawler's).
    ///
    /// The whole pass is one store transaction: a crash at any instant leaves the store as it was
    /// before the pass or as it is after it, never posts marked grouped without their cases or
    /// cases without their drafts and deadlines; the next pass then does the work again.
    public func process() throws {
        try store.transaction { try processPass() }
    }

    private func processPass() throws {
        try rebuildGroupingStates()
        let sent = try store.awaitingConfirmation()

        // 1. Judge the new posts, each read with its thread.
        let fresh = try store.postsWithoutAssessment()
        if !fresh.isEmpty {
            var threads: [ThreadRef: [(post: Post, assessment: Assessment?)]] = [:]
            for thread in Set(fresh.map { ThreadRef(source: $0.source, threadID: $0.threadID) }) {
                threads[thread] = try store.thread(source: thread.source, threadID: thread.threadID)
            }
            let rules = processor.rules
            let earlier = try store.repostCandidates(for: processor.repostKeys(for: fresh), perKey: rules.repostHoldersPerGram,
                                                     shared: rules.repostSketchShared, limit: rules.repostCandidates)
            try store.save(assessments: processor.judge(TriageBatch(fresh: fresh, threads: threads, earlier: earlier, sent: sent)))
        }

        // 2. Group the judged posts among the cases the index offers for them.
        let pending = try store.postsToGroup().map { (post: $0.0, assessment: $0.1) }
        guard !pending.isEmpty else {
            logger.info("processed", metadata: ["assessed": "\(fresh.count)", "grouped": "0", "cases_changed": "0"])
            return
        }
        let loaded = try store.casesForGrouping(ids: store.caseIDs(for: processor.lookup(for: pending)))
        let cases = loaded.map { (case: $0.case, state: $0.state.flatMap(GroupingState.init(encoded:))) }
        // A state that cannot be read is rebuilt from the case's posts.
        let posts = try store.posts(cases.filter { $0.state == nil }.flatMap { $0.case.members.map(\.post) })
        let grouped = processor.group(GroupingBatch(now: clock.now, pending: pending, cases: cases, posts: posts, sent: sent))
        try apply(grouped)
        for draft in grouped.confirmed {
            try store.savePersonal(draft: draft)
            logger.notice("reply seen in its thread", metadata: ["case": "\(draft.caseID)", "thread": "\(draft.thread)",
                                                                "url": "\(draft.review?.confirmedURL ?? "")"])
        }
        for entry in grouped.audit { try store.append(audit: entry) }
        try store.markGrouped(grouped.grouped)

        // 3. Grade and draft the cases that changed.
        let refreshed = try refresh(grouped.cases, known: Dictionary(pending.map { ($0.post.key, $0.post) }) { a, _ in a })
        logger.info("processed", metadata: ["assessed": "\(fresh.count)", "grouped": "\(pending.count)", "cases_changed": "\(refreshed.count)"])
    }

    /// Stores what grouping keeps of cases beside them: states, index rows, repost sketches.
    private func apply(_ outcome: GroupingOutcome) throws {
        try store.save(groupingStates: outcome.states.mapValues { $0.encoded() }, index: outcome.index, replacingIndexOf: outcome.rebuilt)
        try store.save(repostSketches: outcome.sketches)
    }

    /// Gives every stored case without a grouping state one, from its posts: cases stored by an
    /// older version (once, on the first pass after an upgrade) and cases merged or split since.
    private func rebuildGroupingStates() throws {
        while true {
            let cases = try store.casesToRegroup(limit: 500)
            guard !cases.isEmpty else { return }
            let posts = try store.posts(cases.flatMap { $0.members.map(\.post) })
            // Every case restored gets a state, which clears its mark.
            try apply(processor.rebuild(cases, posts: posts))
        }
    }
}

extension Pipeline {
    /// Merges cases a person judged to be one event, then re-grades and re-drafts the result, in
    /// one transaction.
    ///
    /// Throws ``OmbudError`` `case.*` for an unknown case or nothing to merge (see ``Store/merge(_:into:by:at:)``).
    public func merge(_ caseIDs: [String], into targetID: String, by actor: String) throws -> Case {
        try store.transaction {
            let merged = try store.merge(caseIDs, into: targetID, by: actor, at: clock.now)
            logger.notice("cases merged", metadata: ["into": "\(targetID)", "cases": "\(caseIDs.joined(separator: ","))", "by": "\(actor)"])
            return try refreshStored([merged])[0]
        }
    }

    /// Moves posts a person judged to be another event out of a case, then re-grades and
    /// re-drafts both cases, in one transaction. Never loses a post (see ``Store/split(_:moving:by:at:)``).
    public func split(_ caseID: String, moving posts: [PostKey], by actor: String) throws -> (remaining: Case, split: Case) {
        try store.transaction {
            let (remaining, split) = try store.split(caseID, moving: posts, by: actor, at: clock.now)
            logger.notice("case split", metadata: ["case": "\(caseID)", "new_case": "\(split.id)", "by": "\(actor)"])
            let refreshed = try refreshStored([remaining, split])
            return (refreshed[0], refreshed[1])
        }
    }

    private func refreshStored(_ cases: [Case]) throws -> [Case] {
        // Merged and split cases lost their grouping states: they get new ones now.
        try rebuildGroupingStates()
        return try refresh(cases, known: [:])
    }

    /// Grades `cases` against their stored peers, adds their threads' replies and views, and
    /// stores them with fresh drafts and deadlines. Returns them as stored.
    ///
    /// Stored cases that a new grade drew into a same-problem pattern are graded again after them
    /// (once: their grades draw in no one new), so every case of the pattern is hot whichever
    /// came first, as if the history had been read at once.
    func refresh(_ cases: [Case], known: [PostKey: Post], regrading: Bool = false) throws -> [Case] {
        guard !cases.isEmpty else { return [] }
        var peers: [String: CasePeer] = [:]
        for query in processor.peerQueries(for: cases) {
            for peer in try store.peers(issue: query.issue, around: query.around, within: query.window, limit: query.limit) {
                peers[peer.id] = peer
            }
        }
        let threads = Array(Set(cases.flatMap(\.threads)))
        var states: [ThreadRef: ThreadState] = [:]
        for (source, threads) in Dictionary(grouping: threads, by: \.source) {
            for (id, state) in try store.threadStates(source: source, ids: threads.map(\.threadID)) {
                states[ThreadRef(source: source, threadID: id)] = state
            }
        }
        let wanted = cases.flatMap { $0.members.map(\.post) }
        var posts = try store.posts(wanted.filter { known[$0] == nil })
        for key in wanted { if let post = known[key] { posts[key] = post } }
        let openings = try store.openings(of: threads)
        let outcome = processor.refresh(RefreshBatch(cases: cases, peers: peers.values.sorted { $0.id < $1.id }, threadStates: states, posts: posts,
                                                     openings: openings))
        try store.save(cases: outcome.cases)
        try store.save(drafts: outcome.drafts)
        try store.save(deadlines: outcome.deadlines)
        if !regrading, !outcome.regrade.isEmpty {
            let drawn = try outcome.regrade.sorted().compactMap { try store.storedCase(id: $0) }
            _ = try refresh(drawn, known: [:], regrading: true)
        }
        return outcome.cases
    }
}

/// A count shared with the crawl handler.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add(_ amount: Int) { lock.withLock { count += amount } }
    var value: Int { lock.withLock { count } }
}

/// What one run did and what the store holds afterwards.
public struct RunSummary: Sendable, Hashable, Codable {
    /// Pages fetched in this run.
    public var pagesFetched = 0
    /// Posts stored for the first time in this run.
    public var newPosts = 0
    /// Posts stored in all.
    public var posts = 0
    /// Posts judged complaints.
    public var complaints = 0
    /// Cases.
    public var cases = 0
    /// Drafts.
    public var drafts = 0
    /// Crawl failures of this run.
    public var errors: [String] = []

    enum CodingKeys: String, CodingKey {
        case posts, complaints, cases, drafts, errors
        case pagesFetched = "pages"
        case newPosts = "new_posts"
    }
}
