import OmbudCore

/// The error codes this module raises (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `crawl.circuit_open`: too many failures in a row: the host is left alone for a while (raised in PoliteFetcher.swift).
    public static let crawlCircuitOpen = Self(rawValue: "crawl.circuit_open")
    /// `crawl.disallowed`: robots.txt disallows this URL; it was not fetched (raised in PoliteFetcher.swift).
    public static let crawlDisallowed = Self(rawValue: "crawl.disallowed")
    /// `crawl.robots_unavailable`: the host is held off: … (raised in PoliteFetcher.swift).
    public static let crawlRobotsUnavailable = Self(rawValue: "crawl.robots_unavailable")
    /// `fetch.connection`: the connection broke; it will be retried (raised in CurlClient.swift).
    public static let fetchConnection = Self(rawValue: "fetch.connection")
    /// `fetch.curl_init`: libcurl could not be initialised (raised in CurlEasy.swift).
    public static let fetchCurlInit = Self(rawValue: "fetch.curl_init")
    /// `fetch.redirect_loop`: check the URL in a browser; the forum redirects in circles (raised in CurlClient.swift).
    public static let fetchRedirectLoop = Self(rawValue: "fetch.redirect_loop")
    /// `fetch.stopped`: the HTTP client was shut down (raised in CurlClient.swift).
    public static let fetchStopped = Self(rawValue: "fetch.stopped")
    /// `fetch.timeout`: the forum is slow or unreachable; it will be retried (raised in CurlClient.swift).
    public static let fetchTimeout = Self(rawValue: "fetch.timeout")
    /// `fetch.too_large`: the body is over … bytes; the page was dropped (raised in CurlClient.swift).
    public static let fetchTooLarge = Self(rawValue: "fetch.too_large")
    /// `fetch.transport`: check the URL and this machine's network (raised in CurlClient.swift).
    public static let fetchTransport = Self(rawValue: "fetch.transport")
    /// `fetch.unreachable`: check the URL and this machine's network or proxy (raised in CurlClient.swift).
    public static let fetchUnreachable = Self(rawValue: "fetch.unreachable")
}
