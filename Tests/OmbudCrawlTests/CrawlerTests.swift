import Foundation
import OmbudCore
import OmbudCrawl
import OmbudExtract
import OmbudTesting
import Testing

/// A frontier in memory, with the same contract as the store's.
actor MemoryFrontier: Frontier {
    private var pending: [FrontierItem] = []
    private var seen = Set<String>()
    private var nextID: Int64 = 1
    private(set) var failures: [String: String] = [:]
    private(set) var done: [String] = []

    init(_ urls: [String]) {
        for url in urls {
            seen.insert(url)
            pending.append(FrontierItem(id: nextID, source: "s", request: CrawlRequest(url: url, kind: .board)))
            nextID += 1
        }
    }

    func add(_ request: CrawlRequest) {
        guard seen.insert(request.url).inserted else { return }
        pending.append(FrontierItem(id: nextID, source: "s", request: request))
        nextID += 1
    }

    func markDone(_ item: FrontierItem) { done.append(item.request.url) }

    func claim(limit: Int) async throws -> [FrontierItem] {
        let taken = Array(pending.prefix(limit))
        pending.removeFirst(taken.count)
        return taken
    }

    func fail(_ item: FrontierItem, reason: String) async throws {
        failures[item.request.url] = reason
    }
}

@Suite struct CrawlerTests {
    @Test func followsLinksOnceAndRecordsFailures() async throws {
        let site = FakeFetcher.pages(["board": 200, "t1": 200, "t2": 500, "t1p2": 200])
        let frontier = MemoryFrontier(["board"])
        let crawler = Crawler(fetcher: site, concurrency: 4, maxPages: 100)
        let report = await crawler.run(frontier: frontier) { item, _ in
            let links: [String] = switch item.request.url {
            case "board": ["t1", "t2", "t3", "t1"]
            case "t1": ["t1p2", "board"]
            default: []
            }
            for link in links { await frontier.add(CrawlRequest(url: link, kind: .thread)) }
            await frontier.markDone(item)
        }
        #expect(Set(site.requests.map(\.url)) == ["board", "t1", "t2", "t3", "t1p2"])
        #expect(site.requests.count == 5)
        #expect(report.pages == 3)
        #expect(report.errors.count == 2)
        let failures = await frontier.failures
        #expect(failures["t2"]?.contains("HTTP 500") == true)
        #expect(failures["t3"]?.contains("connection refused") == true)
        #expect(Set(await frontier.done) == ["board", "t1", "t1p2"])
    }

    @Test func stopsAtThePageLimitLeavingTheRestQueued() async throws {
        let site = FakeFetcher.pages(Dictionary(uniqueKeysWithValues: (0..<10).map { ("p\($0)", 200) }))
        let frontier = MemoryFrontier(["p0"])
        let crawler = Crawler(fetcher: site, concurrency: 1, maxPages: 3)
        let report = await crawler.run(frontier: frontier) { item, _ in
            let next = Int(item.request.url.dropFirst())! + 1
            await frontier.add(CrawlRequest(url: "p\(next)", kind: .board))
        }
        #expect(report.pages == 3)
        #expect(report.truncated)
        #expect(try await frontier.claim(limit: 10).map(\.request.url) == ["p3"])
    }

    @Test func aFailingHandlerIsRecordedAndTheCrawlGoesOn() async {
        let site = FakeFetcher.pages(["a": 200, "b": 200])
        let frontier = MemoryFrontier(["a", "b"])
        let crawler = Crawler(fetcher: site, concurrency: 2, maxPages: 10)
        let report = await crawler.run(frontier: frontier) { item, _ in
            if item.request.url == "a" { throw OmbudError(code: .extractNoThreadId, message: "no id", context: ["url": "a"]) }
        }
        #expect(report.pages == 1)
        #expect(report.errors.count == 1 && report.errors[0].contains("extract.no_thread_id"))
    }

    @Test func conditionalRequestsCarryTheValidators() {
        let crawler = Crawler(fetcher: FakeFetcher.pages([:]), concurrency: 1, maxPages: 1, cookieJar: "/tmp/jar")
        let item = FrontierItem(id: 1, source: "s", request: CrawlRequest(url: "u", kind: .board), etag: "\"abc\"",
                                lastModified: "Wed, 18 Nov 2026 08:00:00 GMT")
        let request = crawler.request(for: item)
        #expect(request.headers == ["If-None-Match": "\"abc\"", "If-Modified-Since": "Wed, 18 Nov 2026 08:00:00 GMT"])
        #expect(request.cookieJar == "/tmp/jar")
    }
}
