import Foundation
import Logging
import OmbudCore
import OmbudCrawl
import OmbudExtract
import OmbudStore

/// Reads one fetched page of a source and commits what it holds, with the page, in one transaction.
struct PageReader: Sendable {
    let source: String
    let extractor: any PageExtractor
    let timeZone: TimeZone
    let store: any Store
    /// How far back (seconds) a first crawl reaches, by the threads' last-post times.
    let window: TimeInterval
    let logger: Logger
    /// The login to renew when a page shows the logged-out wall, for sources with a login recipe.
    let session: LoginSession?
    /// The crawler, to fetch a page again after logging in.
    let crawler: Crawler
    /// How many posts were stored for the first time.
    let newPosts = Counter()
    /// Threads met for the first time whose last post is older than `window`: left out.
    let tooOld = Counter()

    /// Handles one fetched page: logs in again and refetches if it is the login wall, then commits it.
    ///
    /// Pages that hit the wall together share one login; a page that meets the wall again after
    /// it (the new session already used up) tries twice more before giving up with `login.wall`.
    @Sendable func receive(_ item: FrontierItem, _ response: FetchResponse) async throws {
        var response = response
        if let session {
            var seen = await session.current
            var attempts = 0
            while session.isLoggedOut(response) {
                guard attempts < 3 else {
                    throw OmbudError(code: .loginWall, message: "the page still asks for a login after logging in",
                                     context: ["url": item.request.url, "source": source], fix: "check login.logged_out and the account's rights")
                }
                try await session.login(after: seen)
                seen = await session.current
                response = try await crawler.fetcher.fetch(crawler.request(for: item))
                attempts += 1
            }
        }
        newPosts.add(try commit(item, response))
    }

    /// Commits `response` for `item`; returns how many posts were new.
    func commit(_ item: FrontierItem, _ response: FetchResponse) throws -> Int {
        let etag = response.headers["etag"] ?? item.etag
        let modified = response.headers["last-modified"] ?? item.lastModified
        if response.status == 304 {
            // A thread's page as stored before: the thread is up to date with what its board lists.
            let threads = item.request.context["thread_id"].map {
                [ThreadUpdate.stored(source: source, threadID: $0, pageURL: item.request.url, last: true)]
            } ?? []
            return try store.complete(item, posts: [], threads: threads, next: [], etag: etag, lastModified: modified)
        }
        let board = item.request.context["board"] ?? ""
        switch item.request.kind {
        case .board:
            let (threads, next) = try changedThreads(on: response, board: board)
            return try store.complete(item, posts: [], threads: threads.map { .listed($0.state) }, next: threads.map(\.request) + next,
                                      etag: etag, lastModified: modified)
        case .thread:
            let times = PostTimeParser(timeZone: timeZone, reference: response.fetchedAt)
            let page = try extractor.thread(response.body, charset: response.charset, pageURL: response.url, source: source, board: board,
                                            threadID: item.request.context["thread_id"], times: times)
            noteReplaced(page.replacedBytes, response)
            for problem in page.skipped { logger.warning("skipped a post", metadata: ["url": "\(response.url)", "why": "\(problem)"]) }
            let stored = ThreadUpdate.stored(source: source, threadID: page.threadID, pageURL: item.request.url, last: page.nextPage == nil)
            let next = page.nextPage.map { [CrawlRequest(url: $0, kind: .thread, context: item.request.context)] } ?? []
            return try store.complete(item, posts: page.posts, threads: [stored], next: next, etag: etag, lastModified: modified)
        }
    }

    /// The threads on a board page that changed since the last crawl (with their new states and
    /// the page to fetch), and the next board page when this one still had activity.
    private func noteReplaced(_ count: Int, _ response: FetchResponse) {
        guard count > 0 else { return }
        logger.notice("undecodable bytes replaced", metadata: ["url": "\(response.url)", "replaced": "\(count)"])
    }

    private func changedThreads(on response: FetchResponse, board: String) throws
        -> ([(state: ThreadState, request: CrawlRequest)], [CrawlRequest]) {
        let page = try extractor.board(response.body, charset: response.charset, pageURL: response.url, source: source, board: board)
        noteReplaced(page.replacedBytes, response)
        let known = try store.threadStates(source: source, ids: page.threads.map(\.id))
        let times = PostTimeParser(timeZone: timeZone, reference: response.fetchedAt)
        var changed: [(ThreadState, CrawlRequest)] = []
        var active = false
        for thread in page.threads {
            let previous = known[thread.id]
            let isChanged: Bool
            if let previous {
                // Reply counts are the reliable signal; the printed last-post time only where there is none.
                isChanged = thread.replyCount != nil ? thread.replyCount != previous.replyCount : thread.lastPost != previous.lastPost
            } else {
                let last = thread.lastPost.flatMap(times.parse)
                isChanged = last.map { response.fetchedAt.timeIntervalSince($0) <= window } ?? true
                if !isChanged { tooOld.add(1) }
            }
            guard isChanged else { continue }
            active = true
            let resume = previous?.lastPageURL ?? thread.url
            changed.append((ThreadState(source: source, threadID: thread.id, replyCount: thread.replyCount, lastPost: thread.lastPost,
                                        lastPageURL: resume, viewCount: thread.viewCount),
                            CrawlRequest(url: resume, kind: .thread, context: ["board": board, "thread_id": thread.id])))
        }
        let next = active ? page.nextPage.map { [CrawlRequest(url: $0, kind: .board, context: ["board": board])] } ?? [] : []
        return (changed, next)
    }
}
