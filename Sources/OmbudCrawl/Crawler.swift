import Foundation
import OmbudCore

/// Where the crawler takes its work from: a source's frontier (in the store, or in memory in tests).
public protocol Frontier: Sendable {
    /// Takes up to `limit` pending items and marks them in flight.
    func claim(limit: Int) async throws -> [FrontierItem]
    /// Records that fetching or reading an item failed, with the reason.
    func fail(_ item: FrontierItem, reason: String) async throws
}

/// What one crawl did.
public struct CrawlReport: Sendable, Hashable {
    /// Pages fetched and handed to the handler (304s included).
    public var pages = 0
    /// Of those, pages that had not changed since the last visit (304).
    public var unchanged = 0
    /// Failures, each with URL and reason.
    public var errors: [String] = []
    /// Whether the run reached its page limit (what is left stays in the frontier for the next run).
    public var truncated = false
}

/// Works through a frontier: many pages at once, each through the (polite) fetcher, each handed
/// to a handler that commits its results and the pages it links to.
///
/// The handler must mark the item done in the same transaction as its results; the crawler only
/// records failures. Conditional requests are made from the item's ETag and Last-Modified.
public struct Crawler: Sendable {
    /// The fetcher used (usually a ``PoliteFetcher``).
    public let fetcher: any Fetcher
    /// How many pages may be in flight at once (per-host limits still apply inside the fetcher).
    public let concurrency: Int
    /// The most pages one run fetches.
    public let maxPages: Int
    /// The cookie jar requests use, if the source has one.
    public let cookieJar: String?

    /// Creates a crawler.
    public init(fetcher: any Fetcher, concurrency: Int, maxPages: Int, cookieJar: String? = nil) {
        self.fetcher = fetcher
        self.concurrency = max(1, concurrency)
        self.maxPages = maxPages
        self.cookieJar = cookieJar
    }

    /// The request for an item: a conditional GET when a copy was seen before.
    public func request(for item: FrontierItem) -> FetchRequest {
        var headers: [String: String] = [:]
        if let etag = item.etag { headers["If-None-Match"] = etag }
        if let modified = item.lastModified { headers["If-Modified-Since"] = modified }
        return FetchRequest(url: item.request.url, headers: headers, cookieJar: cookieJar)
    }

    private enum Outcome: Sendable {
        case page(unchanged: Bool)
        case failed(String)
    }

    /// Crawls until the frontier is empty or `maxPages` pages were fetched; `progress` hears of each page.
    public func run(frontier: any Frontier,
                    handle: @escaping @Sendable (FrontierItem, FetchResponse) async throws -> Void,
                    progress: @escaping @Sendable (CrawlReport) -> Void = { _ in }) async -> CrawlReport {
        var report = CrawlReport()
        await withTaskGroup(of: Outcome.self) { group in
            var inFlight = 0
            var claimed = 0
            var buffer: [FrontierItem] = []
            while true {
                if buffer.isEmpty, claimed < maxPages, inFlight < concurrency {
                    // Claim a batch at a time: one store transaction feeds many requests.
                    do {
                        buffer = try await frontier.claim(limit: min(concurrency * 2, maxPages - claimed))
                    } catch {
                        report.errors.append("frontier: \(error)")
                    }
                    claimed += buffer.count
                }
                if !buffer.isEmpty, inFlight < concurrency {
                    let item = buffer.removeFirst()
                    inFlight += 1
                    group.addTask { await self.process(item, frontier: frontier, handle: handle) }
                    continue
                }
                guard inFlight > 0, let outcome = await group.next() else { break }
                inFlight -= 1
                switch outcome {
                case .page(let unchanged):
                    report.pages += 1
                    if unchanged { report.unchanged += 1 }
                case .failed(let reason):
                    report.errors.append(reason)
                }
                progress(report)
            }
            report.truncated = claimed >= maxPages
        }
        return report
    }

    private func process(_ item: FrontierItem, frontier: any Frontier,
                         handle: @Sendable (FrontierItem, FetchResponse) async throws -> Void) async -> Outcome {
        let reason: String
        do {
            let response = try await fetcher.fetch(request(for: item))
            if response.status == 200 || response.status == 304 {
                try await handle(item, response)
                return .page(unchanged: response.status == 304)
            }
            reason = "\(item.request.url): HTTP \(response.status)"
        } catch {
            reason = "\(item.request.url): \(error)"
        }
        try? await frontier.fail(item, reason: reason)
        return .failed(reason)
    }
}
