import Foundation
import OmbudCore
import OmbudCrawl
import Testing

/// A fetcher that serves a fixed site from memory and records when each URL was asked for.
actor FakeSite: Fetcher {
    var pages: [String: Int]
    private(set) var requests: [(url: String, at: ContinuousClock.Instant)] = []

    init(pages: [String: Int]) { self.pages = pages }

    nonisolated func fetch(_ url: String) async throws -> FetchResponse {
        try await record(url)
    }

    private func record(_ url: String) throws -> FetchResponse {
        requests.append((url, ContinuousClock.now))
        guard let status = pages[url] else {
            throw OmbudError(code: "fetch.transport", message: "connection refused", context: ["url": url])
        }
        return FetchResponse(url: url, status: status, contentType: "text/html", body: Array(url.utf8), fetchedAt: Date())
    }
}

@Suite struct CrawlerTests {
    @Test func followsLinksOnceRecordsFailuresAndKeepsItsDistance() async throws {
        let site = FakeSite(pages: ["board": 200, "t1": 200, "t2": 500, "t1p2": 200])
        let crawler = Crawler(fetcher: site, delay: .milliseconds(40), maxPages: 100)
        let report = await crawler.run(seeds: [CrawlRequest(url: "board", kind: .board)]) { request, _ in
            switch request.url {
            case "board": return ["t1", "t2", "t3", "t1"].map { CrawlRequest(url: $0, kind: .thread) }
            case "t1": return [CrawlRequest(url: "t1p2", kind: .thread), CrawlRequest(url: "board", kind: .board)]
            default: return []
            }
        }
        let requests = await site.requests
        #expect(requests.map(\.url) == ["board", "t1", "t2", "t3", "t1p2"])
        #expect(report.pages == 3)
        #expect(report.errors.count == 2)
        #expect(report.errors.contains { $0.hasPrefix("t2: HTTP 500") })
        #expect(report.errors.contains { $0.hasPrefix("t3:") && $0.contains("connection refused") })
        for (earlier, later) in zip(requests, requests.dropFirst()) {
            #expect(later.at - earlier.at >= .milliseconds(40))
        }
    }

    @Test func stopsAtThePageLimit() async {
        let site = FakeSite(pages: Dictionary(uniqueKeysWithValues: (0..<10).map { ("p\($0)", 200) }))
        let crawler = Crawler(fetcher: site, delay: .zero, maxPages: 3)
        let report = await crawler.run(seeds: [CrawlRequest(url: "p0", kind: .board)]) { request, _ in
            let next = Int(request.url.dropFirst())! + 1
            return [CrawlRequest(url: "p\(next)", kind: .board)]
        }
        #expect(report.pages == 3)
        #expect(report.truncated)
    }

    @Test func aFailingHandlerIsRecordedAndTheCrawlGoesOn() async {
        let site = FakeSite(pages: ["a": 200, "b": 200])
        let crawler = Crawler(fetcher: site, delay: .zero, maxPages: 10)
        let report = await crawler.run(seeds: [CrawlRequest(url: "a", kind: .board), CrawlRequest(url: "b", kind: .board)]) { request, _ in
            if request.url == "a" { throw OmbudError(code: "extract.no_thread_id", message: "no id", context: ["url": "a"]) }
            return []
        }
        #expect(report.pages == 2)
        #expect(report.errors.count == 1 && report.errors[0].contains("extract.no_thread_id"))
    }
}
