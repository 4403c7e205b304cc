import Foundation
import OmbudCore

/// One page to fetch, what kind it is, and what the caller knows about it (board, thread id).
public struct CrawlRequest: Sendable, Hashable {
    /// The absolute URL.
    public var url: String
    /// How the page will be read.
    public var kind: PageKind
    /// Facts carried from the page that linked here (`board`, `thread_id`).
    public var context: [String: String]

    /// Creates a request.
    public init(url: String, kind: PageKind, context: [String: String] = [:]) {
        self.url = url
        self.kind = kind
        self.context = context
    }
}

/// What one crawl did.
public struct CrawlReport: Sendable, Hashable {
    /// Pages fetched with status 200 and handed to the handler.
    public var pages: Int = 0
    /// Failures, each with URL and reason.
    public var errors: [String] = []
    /// Whether the page limit stopped the crawl before the frontier was empty.
    public var truncated = false
}

/// Walks a forum from its board pages, one request at a time with a politeness delay.
///
/// The caller's handler reads each page and answers the requests it links to; the crawler
/// fetches each URL at most once per run and stops at `maxPages`.
public struct Crawler: Sendable {
    /// The fetcher used.
    public let fetcher: any Fetcher
    /// The pause between two requests.
    public let delay: Duration
    /// The most pages one run fetches.
    public let maxPages: Int

    /// Creates a crawler.
    public init(fetcher: any Fetcher, delay: Duration, maxPages: Int) {
        self.fetcher = fetcher
        self.delay = delay
        self.maxPages = maxPages
    }

    /// Crawls from `seeds`; `handle` receives each fetched page and returns the requests it links to.
    ///
    /// A failed fetch or a failing handler is recorded in the report and the crawl goes on.
    public func run(seeds: [CrawlRequest],
                    handle: (CrawlRequest, FetchResponse) async throws -> [CrawlRequest]) async -> CrawlReport {
        var report = CrawlReport()
        var frontier = seeds
        var seen = Set(seeds.map(\.url))
        var fetched = 0
        while !frontier.isEmpty {
            if fetched >= maxPages {
                report.truncated = true
                break
            }
            let request = frontier.removeFirst()
            if fetched > 0, delay > .zero { try? await Task.sleep(for: delay) }
            fetched += 1
            do {
                let response = try await fetcher.fetch(request.url)
                guard response.status == 200 else {
                    report.errors.append("\(request.url): HTTP \(response.status)")
                    continue
                }
                report.pages += 1
                for next in try await handle(request, response) where seen.insert(next.url).inserted {
                    frontier.append(next)
                }
            } catch {
                report.errors.append("\(request.url): \(error)")
            }
        }
        return report
    }
}
