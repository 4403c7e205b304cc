import Foundation
import OmbudConfig
import OmbudCore
import OmbudCrawl

/// Builds the fetcher a configuration asks for: libcurl behind the per-host politeness.
public enum FetcherFactory {
    /// The polite fetcher for `configuration`; each source's own politeness applies to its host.
    /// `sources` replaces the configured sources (the demo moves its source to the port it got).
    /// Responses are stamped with `clock`'s time: the crawl window and relative post times count from it.
    public static func make(_ configuration: OmbudConfiguration, sources: [OmbudConfiguration.Source]? = nil,
                            clock: any OmbudCore.Clock) throws -> PoliteFetcher {
        let crawl = configuration.crawl
        let client = try CurlClient(settings: .init(userAgent: crawl.userAgent, timeoutSeconds: crawl.timeoutSeconds,
                                                    connectTimeoutSeconds: crawl.connectTimeoutSeconds,
                                                    lowSpeedBytesPerSecond: crawl.lowSpeedBytes, lowSpeedSeconds: crawl.lowSpeedSeconds,
                                                    maxBodyBytes: crawl.maxBodyBytes, maxRedirects: crawl.maxRedirects, proxy: crawl.proxy),
                                    clock: clock)
        let base = Politeness(delay: .milliseconds(crawl.delayMilliseconds), maxPerHost: crawl.maxPerHost, obeyRobots: crawl.robots,
                              robotsAgent: "ombud", retries: crawl.retries, backoffBase: .milliseconds(crawl.backoffMilliseconds),
                              breakerThreshold: crawl.breakerFailures, breakerCooldown: .seconds(crawl.breakerCooldownSeconds))
        var overrides: [String: Politeness] = [:]
        for source in sources ?? configuration.sources {
            guard let own = source.politeness else { continue }
            var politeness = base
            if let delay = own.delayMilliseconds { politeness.delay = .milliseconds(delay) }
            if let most = own.maxPerHost { politeness.maxPerHost = most }
            overrides[FetchRequest(url: source.baseURL).hostKey] = politeness
        }
        return PoliteFetcher(client, politeness: base, overrides: overrides)
    }
}
