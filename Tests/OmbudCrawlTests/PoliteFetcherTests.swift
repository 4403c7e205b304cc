import Foundation
import OmbudCore
import OmbudCrawl
import Testing

/// Politeness, asserted from the times the server saw the requests.
@Suite struct PoliteFetcherTests {
    let client = try! CurlClient(settings: .init(userAgent: "ombud-test", timeoutSeconds: 5), clock: TestTime.clock)

    /// Counts requests in flight on the server side.
    final class InFlight: @unchecked Sendable {
        private let lock = NSLock()
        private var now = 0
        private(set) var most = 0
        func enter() { lock.withLock { now += 1; most = max(most, now) } }
        func leave() { lock.withLock { now -= 1 } }
    }

    func gaps(_ requests: [TestServer.Request]) -> [TimeInterval] {
        let times = requests.map(\.at).sorted()
        return zip(times, times.dropFirst()).map { gap in
            let span = gap.1 - gap.0
            return Double(span.components.seconds) + Double(span.components.attoseconds) / 1e18
        }
    }

    @Test func oneAtATimeAndSpacedApart() async throws {
        let inFlight = InFlight()
        let server = try TestServer { request in
            if request.path == "/robots.txt" { return .respond(status: 404) }
            inFlight.enter()
            Thread.sleep(forTimeInterval: 0.05)
            inFlight.leave()
            return .html("page")
        }
        let polite = PoliteFetcher(client, politeness: Politeness(delay: .milliseconds(200), maxPerHost: 1))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<5 { group.addTask { _ = try await polite.fetch("\(server.url)/p\(index)") } }
            try await group.waitForAll()
        }
        let pages = server.requests.filter { $0.path != "/robots.txt" }
        #expect(pages.count == 5)
        #expect(inFlight.most == 1)
        for gap in gaps(pages) { #expect(gap >= 0.19, "requests \(gap) s apart") }
        #expect(server.requests(to: "/robots.txt").count == 1)
    }

    @Test func aHigherLimitAllowsThatManyAtOnce() async throws {
        let inFlight = InFlight()
        let server = try TestServer { request in
            if request.path == "/robots.txt" { return .respond(status: 404) }
            inFlight.enter()
            Thread.sleep(forTimeInterval: 0.2)
            inFlight.leave()
            return .html("page")
        }
        let polite = PoliteFetcher(client, politeness: Politeness(delay: .zero, maxPerHost: 3))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<9 { group.addTask { _ = try await polite.fetch("\(server.url)/p\(index)") } }
            try await group.waitForAll()
        }
        #expect(inFlight.most == 3)
    }

    @Test func robotsTxtIsObeyedAndItsCrawlDelayHonoured() async throws {
        let server = try TestServer { request in
            request.path == "/robots.txt" ? .html("User-agent: *\nDisallow: /private\nCrawl-delay: 0.3\n") : .html("page")
        }
        let polite = PoliteFetcher(client, politeness: Politeness(delay: .zero))
        await #expect {
            try await polite.fetch("\(server.url)/private/secret.html")
        } throws: { ($0 as? OmbudError)?.code.rawValue == "crawl.disallowed" }
        for index in 0..<3 { _ = try await polite.fetch("\(server.url)/open\(index)") }
        #expect(server.requests(to: "/private/secret.html").isEmpty)
        let pages = server.requests.filter { $0.path.hasPrefix("/open") }
        for gap in gaps(pages) { #expect(gap >= 0.29, "Crawl-delay ignored: \(gap) s") }
    }

    @Test func aFailingRobotsTxtHoldsTheHostOff() async throws {
        let server = try TestServer { request in request.path == "/robots.txt" ? .respond(status: 503) : .html("page") }
        let polite = PoliteFetcher(client, politeness: Politeness(delay: .zero, retries: 0))
        for _ in 0..<2 {
            await #expect {
                try await polite.fetch("\(server.url)/page")
            } throws: { ($0 as? OmbudError)?.code.rawValue == "crawl.robots_unavailable" }
        }
        #expect(server.requests(to: "/page").isEmpty)
        #expect(server.requests(to: "/robots.txt").count == 1)
    }

    @Test func serverErrorsAreRetriedWithBackoff() async throws {
        let counter = InFlight()
        let server = try TestServer { request in
            if request.path == "/robots.txt" { return .respond(status: 404) }
            counter.enter()
            return counter.most <= 2 ? .respond(status: 500) : .html("finally")
        }
        let polite = PoliteFetcher(client, politeness: Politeness(delay: .zero, retries: 3, backoffBase: .milliseconds(200)))
        let response = try await polite.fetch("\(server.url)/flaky")
        #expect(response.status == 200)
        let tries = server.requests(to: "/flaky")
        #expect(tries.count == 3)
        let waits = gaps(tries)
        #expect(waits[0] >= 0.09 && waits[1] >= 0.19, "backoff \(waits)")  // half of 200 ms, then of 400 ms at least
    }

    @Test func retryAfterIsHonoured() async throws {
        let counter = InFlight()
        let server = try TestServer { request in
            if request.path == "/robots.txt" { return .respond(status: 404) }
            counter.enter()
            return counter.most == 1 ? .respond(status: 429, headers: ["Retry-After": "1"]) : .html("ok")
        }
        let polite = PoliteFetcher(client, politeness: Politeness(delay: .zero, backoffBase: .milliseconds(10)))
        #expect(try await polite.fetch("\(server.url)/busy").status == 200)
        let tries = server.requests(to: "/busy")
        #expect(tries.count == 2)
        #expect(gaps(tries)[0] >= 0.95)
    }

    @Test func theCircuitOpensAfterRepeatedFailures() async throws {
        let server = try TestServer { request in request.path == "/robots.txt" ? .respond(status: 404) : .reset }
        let polite = PoliteFetcher(client, politeness: Politeness(delay: .zero, retries: 0, breakerThreshold: 3, breakerCooldown: .seconds(60)))
        for _ in 0..<3 {
            await #expect { try await polite.fetch("\(server.url)/down") } throws: { ($0 as? OmbudError)?.code.rawValue == "fetch.connection" }
        }
        await #expect { try await polite.fetch("\(server.url)/down") } throws: { ($0 as? OmbudError)?.code.rawValue == "crawl.circuit_open" }
        #expect(server.requests(to: "/down").count == 3)
    }
}
