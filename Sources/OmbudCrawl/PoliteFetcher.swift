import Foundation
import OmbudCore

/// Wraps a fetcher with per-host politeness: robots.txt, spacing, a concurrency cap, retries with
/// exponential backoff and jitter, Retry-After, and a circuit breaker.
///
/// - robots.txt is fetched once per host (and again after a day) through the same gate; a
///   disallowed URL is never fetched (`crawl.disallowed`), form posts (logins) excepted; no
///   robots.txt (any 4xx) allows all; a
///   5xx or a failure holds the host off for `robotsRetry` (`crawl.robots_unavailable`).
/// - Timeouts, broken connections and 5xx are retried up to `retries` times; 429 and 503 wait for
///   their Retry-After (and hold the whole host off meanwhile). The last response or error is
///   returned or thrown unchanged.
/// - After `breakerThreshold` failures in a row the host's circuit opens: requests fail at once
///   with `crawl.circuit_open` until `breakerCooldown` has passed.
public actor PoliteFetcher: Fetcher {
    /// The settings in force, except for hosts in `overrides`.
    public let politeness: Politeness
    /// Hosts (`host:port`) with spacing and concurrency of their own.
    public let overrides: [String: Politeness]
    private let inner: any Fetcher
    private var hosts: [String: HostState] = [:]
    private let clock = ContinuousClock()

    private struct HostState {
        var active = 0
        var lastStart: ContinuousClock.Instant?
        var holdUntil: ContinuousClock.Instant?
        var holdReason = ""
        var failures = 0
        var openUntil: ContinuousClock.Instant?
        var waiters: [CheckedContinuation<Void, Never>] = []
        var robots: RobotsRules?
        var robotsAt: ContinuousClock.Instant?
        var robotsLoading: Task<Void, Never>?
    }

    /// Wraps `inner`; `overrides` gives some hosts (`host:port`) settings of their own.
    public init(_ inner: any Fetcher, politeness: Politeness, overrides: [String: Politeness] = [:]) {
        self.inner = inner
        self.politeness = politeness
        self.overrides = overrides
    }

    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        let host = request.hostKey
        // robots.txt governs crawling; a form post (a login) is the account holder's own action.
        if politeness.obeyRobots, request.form == nil {
            try await loadRobots(for: request)
            if let robots = hosts[host]?.robots, !robots.allows(request.url, agent: politeness.robotsAgent) {
                throw OmbudError(code: .crawlDisallowed, message: "robots.txt disallows this URL; it was not fetched",
                                 context: ["url": request.url], fix: "leave it out of the source's boards, or ask the forum's operator")
            }
        }
        return try await fetchWithRetries(request, host: host)
    }

    private func fetchWithRetries(_ request: FetchRequest, host: String) async throws -> FetchResponse {
        var attempt = 0
        while true {
            try await acquire(host, url: request.url)
            let outcome: Result<FetchResponse, any Error>
            do { outcome = .success(try await inner.fetch(request)) } catch { outcome = .failure(error) }
            release(host)

            var wait: Duration?
            switch outcome {
            case .success(let response) where response.status == 429 || response.status == 503:
                let asked = response.retryAfter.map { Duration.milliseconds(Int64($0 * 1000)) }
                let pause = asked ?? backoff(attempt)
                hold(host, for: pause, reason: "HTTP \(response.status)")
                noteFailure(host)
                wait = (asked.map { $0 <= politeness.backoffMax } ?? true) ? pause : nil
            case .success(let response) where response.status >= 500:
                noteFailure(host)
                wait = backoff(attempt)
            case .success:
                hosts[host, default: HostState()].failures = 0
            case .failure(let error as OmbudError) where [.fetchTimeout, .fetchConnection, .fetchUnreachable, .fetchTransport].contains(error.code):
                noteFailure(host)
                wait = backoff(attempt)
            case .failure:
                break
            }
            guard let pause = wait, attempt < politeness.retries else { return try outcome.get() }
            attempt += 1
            try await Task.sleep(for: pause)
        }
    }

    /// Exponential backoff with jitter: a random time between half and all of base·2^attempt, capped.
    private func backoff(_ attempt: Int) -> Duration {
        let full = min(politeness.backoffMax, politeness.backoffBase * Int(1 << min(attempt, 20)))
        return full * Double.random(in: 0.5...1.0)
    }

    private func noteFailure(_ host: String) {
        var state = hosts[host, default: HostState()]
        state.failures += 1
        if state.failures >= politeness.breakerThreshold {
            state.openUntil = clock.now + politeness.breakerCooldown
            state.failures = 0
        }
        hosts[host] = state
    }

    private func hold(_ host: String, for pause: Duration, reason: String) {
        let until = clock.now + pause
        if let current = hosts[host]?.holdUntil, current > until { return }
        hosts[host, default: HostState()].holdUntil = until
        hosts[host, default: HostState()].holdReason = reason
    }

    /// Waits for a free slot on `host` that respects the spacing and any hold; fails fast while its circuit is open.
    private func acquire(_ host: String, url: String) async throws {
        while true {
            let state = hosts[host, default: HostState()]
            if let open = state.openUntil, open > clock.now {
                throw OmbudError(code: .crawlCircuitOpen, message: "too many failures in a row: the host is left alone for a while",
                                 context: ["url": url, "host": host], fix: "check the forum; it is tried again after the cool-down")
            }
            guard state.active < (overrides[host] ?? politeness).maxPerHost else {
                await withCheckedContinuation { hosts[host, default: HostState()].waiters.append($0) }
                continue
            }
            var earliest = clock.now
            if let last = state.lastStart { earliest = max(earliest, last + effectiveDelay(state, host: host)) }
            if let hold = state.holdUntil { earliest = max(earliest, hold) }
            if earliest <= clock.now {
                hosts[host, default: HostState()].active += 1
                hosts[host, default: HostState()].lastStart = clock.now
                return
            }
            try await Task.sleep(until: earliest, clock: clock)
        }
    }

    private func release(_ host: String) {
        hosts[host, default: HostState()].active -= 1
        if !(hosts[host]?.waiters.isEmpty ?? true) {
            hosts[host]!.waiters.removeFirst().resume()
        }
    }

    private func effectiveDelay(_ state: HostState, host: String) -> Duration {
        let robotsDelay = state.robots?.crawlDelay(for: politeness.robotsAgent).map { Duration.milliseconds(Int64($0 * 1000)) } ?? .zero
        return max((overrides[host] ?? politeness).delay, robotsDelay)
    }

    /// Loads the host's robots.txt unless fresh; concurrent requests share one load.
    private func loadRobots(for request: FetchRequest) async throws {
        let host = request.hostKey
        if let hold = hosts[host]?.holdUntil, hold > clock.now, hosts[host]?.holdReason.hasPrefix("robots.txt") == true {
            throw OmbudError(code: .crawlRobotsUnavailable, message: "the host is held off: \(hosts[host]!.holdReason)",
                             context: ["url": request.url, "host": host], fix: "it is tried again later; check the forum if this persists")
        }
        if let at = hosts[host]?.robotsAt, clock.now - at < .seconds(86_400) { return }
        if let loading = hosts[host]?.robotsLoading {
            await loading.value
        } else {
            let task = Task { await self.fetchRobots(for: request, host: host) }
            hosts[host, default: HostState()].robotsLoading = task
            await task.value
            hosts[host]?.robotsLoading = nil
        }
        if hosts[host]?.robotsAt == nil {
            throw OmbudError(code: .crawlRobotsUnavailable, message: "the host is held off: \(hosts[host]?.holdReason ?? "robots.txt failed")",
                             context: ["url": request.url, "host": host], fix: "it is tried again later; check the forum if this persists")
        }
    }

    private func fetchRobots(for request: FetchRequest, host: String) async {
        guard var components = URLComponents(string: request.url) else { return }
        components.path = "/robots.txt"
        components.query = nil
        components.fragment = nil
        guard let url = components.string else { return }
        do {
            let response = try await fetchWithRetries(FetchRequest(url: url, cookieJar: request.cookieJar), host: host)
            switch response.status {
            case 200..<300:
                hosts[host, default: HostState()].robots = RobotsRules(parsing: String(decoding: response.body, as: UTF8.self))
                hosts[host, default: HostState()].robotsAt = clock.now
            case 400..<500:
                hosts[host, default: HostState()].robots = .allowAll
                hosts[host, default: HostState()].robotsAt = clock.now
            default:
                hold(host, for: politeness.robotsRetry, reason: "robots.txt answered HTTP \(response.status)")
            }
        } catch {
            hold(host, for: politeness.robotsRetry, reason: "robots.txt could not be fetched: \(error)")
        }
    }
}
