import CCurl
import Foundation
import OmbudCore

/// Fetches over HTTP(S) with libcurl: timeouts, a body-size cap, redirects, compression.
///
/// Each fetch runs its blocking transfer on a background thread, so the caller's task is not
/// tying up the concurrency pool.
public struct CurlFetcher: Fetcher {
    /// What every request uses.
    public struct Settings: Sendable, Hashable {
        /// The User-Agent header: names Ombud and a contact URL.
        public var userAgent: String
        /// The most time a whole transfer may take.
        public var timeoutSeconds: Int
        /// The most time connecting may take.
        public var connectTimeoutSeconds: Int
        /// The largest body accepted; a larger one fails with `fetch.too_large`.
        public var maxBodyBytes: Int
        /// The most redirects followed.
        public var maxRedirects: Int

        /// Creates settings.
        public init(userAgent: String, timeoutSeconds: Int = 30, connectTimeoutSeconds: Int = 10,
                    maxBodyBytes: Int = 4 << 20, maxRedirects: Int = 5) {
            self.userAgent = userAgent
            self.timeoutSeconds = timeoutSeconds
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.maxBodyBytes = maxBodyBytes
            self.maxRedirects = maxRedirects
        }
    }

    /// The settings in force.
    public let settings: Settings
    private let clock: any OmbudCore.Clock

    /// Creates a fetcher.
    public init(settings: Settings, clock: any OmbudCore.Clock = SystemClock()) {
        self.settings = settings
        self.clock = clock
    }

    public func fetch(_ url: String) async throws -> FetchResponse {
        let settings = self.settings
        let clock = self.clock
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Self.transfer(url, settings: settings, clock: clock) })
            }
        }
    }

    private final class Sink {
        var bytes: [UInt8] = []
        let limit: Int
        var overflowed = false
        init(limit: Int) { self.limit = limit }
    }

    private static func transfer(_ url: String, settings: Settings, clock: any OmbudCore.Clock) throws -> FetchResponse {
        let easy = try CurlEasy()
        let sink = Sink(limit: settings.maxBodyBytes)
        easy.set(CURLOPT_URL, url)
        easy.set(CURLOPT_USERAGENT, settings.userAgent)
        easy.set(CURLOPT_FOLLOWLOCATION, 1)
        easy.set(CURLOPT_MAXREDIRS, settings.maxRedirects)
        easy.set(CURLOPT_TIMEOUT, settings.timeoutSeconds)
        easy.set(CURLOPT_CONNECTTIMEOUT, settings.connectTimeoutSeconds)
        easy.set(CURLOPT_NOSIGNAL, 1)
        easy.set(CURLOPT_ACCEPT_ENCODING, "")  // every encoding this libcurl supports
        easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        let context = Unmanaged.passUnretained(sink).toOpaque()
        easy.set(CURLOPT_WRITEDATA, pointer: context)
        easy.setWriteCallback { data, size, count, context in
            guard let data, let context else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
            let length = size * count
            if sink.bytes.count + length > sink.limit {
                sink.overflowed = true
                return 0  // aborts the transfer with CURLE_WRITE_ERROR
            }
            data.withMemoryRebound(to: UInt8.self, capacity: length) { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) }
            return length
        }
        let code = withExtendedLifetime(sink) { easy.perform() }
        if sink.overflowed {
            throw OmbudError(code: "fetch.too_large", message: "the body is over \(settings.maxBodyBytes) bytes; the page was dropped",
                             context: ["url": url], fix: "raise crawl.max_body_bytes if the page is really a forum page")
        }
        guard code == CURLE_OK else {
            throw OmbudError(code: code == CURLE_OPERATION_TIMEDOUT ? "fetch.timeout" : "fetch.transport",
                             message: CurlEasy.describe(code), context: ["url": url],
                             fix: "check that the forum is reachable from this machine")
        }
        return FetchResponse(url: easy.info(string: CURLINFO_EFFECTIVE_URL) ?? url, status: easy.info(long: CURLINFO_RESPONSE_CODE),
                             contentType: easy.info(string: CURLINFO_CONTENT_TYPE), body: sink.bytes, fetchedAt: clock.now)
    }
}
