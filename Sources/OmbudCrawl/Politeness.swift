/// How gently a crawler treats each host: spacing, concurrency, robots.txt, retries, a circuit breaker.
public struct Politeness: Sendable, Hashable {
    /// The least time between the starts of two requests to one host (robots.txt's Crawl-delay can raise it).
    public var delay: Duration
    /// The most requests in flight to one host.
    public var maxPerHost: Int
    /// Whether robots.txt is fetched and obeyed.
    public var obeyRobots: Bool
    /// The product token robots.txt groups are matched against (`ombud`).
    public var robotsAgent: String
    /// How long a host is held off after its robots.txt answered 5xx or could not be fetched.
    public var robotsRetry: Duration
    /// How many times a failed request is tried again (timeouts, broken connections, 5xx, 429).
    public var retries: Int
    /// The first retry waits about this long; each next one twice as long, with jitter.
    public var backoffBase: Duration
    /// No retry waits longer than this (a longer Retry-After ends the retries).
    public var backoffMax: Duration
    /// After this many failures in a row, a host is left alone for `breakerCooldown`.
    public var breakerThreshold: Int
    /// How long an open circuit keeps a host off.
    public var breakerCooldown: Duration

    /// Creates settings; the defaults are the polite ones: one request at a time, a second apart.
    public init(delay: Duration = .seconds(1), maxPerHost: Int = 1, obeyRobots: Bool = true, robotsAgent: String = "ombud",
                robotsRetry: Duration = .seconds(600), retries: Int = 3, backoffBase: Duration = .seconds(1),
                backoffMax: Duration = .seconds(60), breakerThreshold: Int = 8, breakerCooldown: Duration = .seconds(300)) {
        self.delay = delay
        self.maxPerHost = maxPerHost
        self.obeyRobots = obeyRobots
        self.robotsAgent = robotsAgent
        self.robotsRetry = robotsRetry
        self.retries = retries
        self.backoffBase = backoffBase
        self.backoffMax = backoffMax
        self.breakerThreshold = breakerThreshold
        self.breakerCooldown = breakerCooldown
    }
}
