import Foundation
import Logging
import OmbudConfig
import OmbudCore
import OmbudDeadlines
import OmbudCrawl
import OmbudDrafting
import OmbudExtract
import OmbudGrouping
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

    /// Creates a pipeline; each source's cookie jar is kept in `cookieFolder`.
    public init(workspace: Workspace, store: any Store, fetcher: any Fetcher, clock: any OmbudCore.Clock, logger: Logger,
                cookieFolder: URL) {
        self.workspace = workspace
        self.store = store
        self.fetcher = fetcher
        self.clock = clock
        self.logger = logger
        self.cookieFolder = cookieFolder
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
            throw OmbudError(code: "config.unknown_site", message: "no site profile is named \(source.site)",
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
        let officialAccounts = Dictionary(grouping: workspace.configuration.sources, by: \.name)
            .mapValues { Set($0.flatMap { $0.officialAccounts ?? [] }) }
        let sent = Dictionary(grouping: try store.awaitingConfirmation(), by: \.thread)
        let echo = ReplyEcho()
        func isOfficial(_ post: Post) -> Bool { officialAccounts[post.source]?.contains(post.author) == true }
        // Asked at triage and again at grouping: each post is compared with its thread's sent replies once.
        var echoes: [PostKey: [Draft]] = [:]
        func echoed(_ post: Post) -> [Draft] {
            if let known = echoes[post.key] { return known }
            let found = (sent[ThreadRef(source: post.source, threadID: post.threadID)] ?? []).filter { echo.matches(reply: $0.text, post: post.text) }
            echoes[post.key] = found
            return found
        }

        let fresh = try store.postsWithoutAssessment()
        func judge(_ post: Post, in context: ThreadContext) -> Assessment {
            if isOfficial(post) { return .ours(post.key, author: post.author) }
            if let reply = echoed(post).first {
                return .ours(post.key, author: post.author, reply: "our reply to case \(reply.caseID), sent from Ombud")
            }
            return workspace.triage(for: post.source).assess(post, context: context)
        }
        let stored = try store.cases()
        let storedPosts = try store.posts(stored.flatMap { $0.members.map(\.post) })
        // Reposts are looked for among the complaints already in cases, then those judged now.
        var earlier = RepostIndex()
        for post in storedPosts.values.sorted(by: { $0.postedAt < $1.postedAt }) {
            earlier.add(id: post.key.description, thread: "\(post.source)/\(post.threadID)", text: post.text, at: post.postedAt)
        }
        // Each new post is read with its thread: the verdicts on the posts before it, in reading order.
        var judged: [Assessment] = []
        let freshKeys = Set(fresh.map(\.key))
        for thread in Set(fresh.map { ThreadRef(source: $0.source, threadID: $0.threadID) }).sorted(by: { $0.description < $1.description }) {
            var context = ThreadContext.opening
            for (post, stored) in try store.thread(source: thread.source, threadID: thread.threadID) {
                context.isOpening = post.isOpening
                let assessment: Assessment
                if freshKeys.contains(post.key) {
                    var seen = context
                    seen.repostOf = earlier.original(of: post.text, thread: thread.description, at: post.postedAt)
                    assessment = judge(post, in: seen)
                    judged.append(assessment)
                    if assessment.isComplaint { earlier.add(id: post.key.description, thread: thread.description, text: post.text, at: post.postedAt) }
                } else if let stored {
                    assessment = stored
                } else {
                    continue
                }
                context = context.adding(assessment, official: isOfficial(post) || assessment.isOurs)
            }
        }
        try store.save(assessments: judged)

        var grouper = try Grouper(rules: workspace.grouping)
        for subject in stored { grouper.restore(subject, posts: storedPosts) }

        var changed = Set<String>()
        var newPosts: [PostKey: Post] = [:]
        let pending = try store.postsToGroup()
        for (post, assessment) in pending {
            newPosts[post.key] = post
            if let assignment = grouper.assign(post, assessment) { changed.insert(assignment.caseID) }
        }
        // Our posts in a case's thread after its first post answer it.
        var confirmedDrafts = Set<String>()
        for (post, _) in pending {
            let thread = ThreadRef(source: post.source, threadID: post.threadID)
            let confirmed = echoed(post) + (isOfficial(post) ? (sent[thread] ?? []).filter { Self.mayBe($0, post) } : [])
            guard isOfficial(post) || !confirmed.isEmpty else { continue }
            for subject in grouper.cases(in: thread) where subject.status == .open && post.postedAt >= subject.firstSeen {
                grouper.markReplied(subject.id, at: post.postedAt)
                changed.insert(subject.id)
            }
            try confirm(confirmed.filter { confirmedDrafts.insert("\($0.caseID)\u{1F}\($0.thread)").inserted }, seen: post)
        }
        try store.markGrouped(pending.map { $0.0.key })

        let posts = storedPosts.merging(newPosts) { old, _ in old }
        let cases = try refresh(changed.sorted().compactMap { grouper.caseWithID($0) }, peers: grouper.cases, posts: posts)
        logger.info("processed", metadata: ["assessed": "\(fresh.count)", "grouped": "\(pending.count)", "cases_changed": "\(cases.count)"])
    }

    /// Whether an official account's `post` may be the sent `draft`, as far as time tells: not
    /// written well before it went out (forums show minutes; clocks differ a little).
    private static func mayBe(_ draft: Draft, _ post: Post) -> Bool {
        guard let sentAt = draft.review?.postedAt else { return false }
        return post.postedAt >= sentAt.addingTimeInterval(-600)
    }

    /// Records that the crawler saw the sent `drafts` as `post`.
    private func confirm(_ drafts: [Draft], seen post: Post) throws {
        for var draft in drafts {
            draft.review?.confirmedAt = clock.now
            draft.review?.confirmedURL = post.url
            try store.savePersonal(draft: draft)
            try store.append(audit: AuditEntry(at: clock.now, actor: "crawler", action: "draft.confirmed", caseID: draft.caseID,
                                               after: post.url, note: "\(draft.thread): seen as \(post.author)'s post of \(post.postedAt)"))
            logger.notice("reply seen in its thread", metadata: ["case": "\(draft.caseID)", "thread": "\(draft.thread)", "url": "\(post.url)"])
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
        try refresh(cases, peers: try store.cases(), posts: try store.posts(cases.flatMap { $0.members.map(\.post) }))
    }

    /// Grades `cases` against their peers, adds their threads' replies and views, and stores
    /// them with fresh drafts and deadlines. Returns them as stored.
    func refresh(_ cases: [Case], peers: [Case], posts: [PostKey: Post]) throws -> [Case] {
        let categoryNames = workspace.categoryNames
        var refreshed: [Case] = []
        for var subject in cases {
            let source = subject.members.first?.post.source ?? ""
            let (severity, reasons) = workspace.triage(for: source).severity(of: subject, peers: peers)
            subject.severity = severity
            subject.severityReasons = reasons
            var replies: Int?
            var views: Int?
            for (source, threads) in Dictionary(grouping: subject.threads, by: \.source) {
                for state in try store.threadStates(source: source, ids: threads.map(\.threadID)).values {
                    if let count = state.replyCount { replies = (replies ?? 0) + count }
                    if let count = state.viewCount { views = (views ?? 0) + count }
                }
            }
            subject.replies = replies
            subject.views = views
            refreshed.append(subject)
        }
        try store.save(cases: refreshed)
        try store.save(drafts: refreshed.flatMap { workspace.drafter.drafts(for: $0, posts: posts, categoryNames: categoryNames) })
        let channels = Dictionary(workspace.configuration.sources.map { ($0.name, $0.channel ?? DeadlinePolicy.online) }) { first, _ in first }
        try store.save(deadlines: refreshed.map { subject in
            let source = subject.members.min { $0.postedAt < $1.postedAt }?.post.source ?? ""
            return workspace.deadlines.deadline(for: subject, channel: channels[source] ?? DeadlinePolicy.online)
        })
        return refreshed
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
