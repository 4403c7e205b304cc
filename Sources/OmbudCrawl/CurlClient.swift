import CCurl
import Foundation
import OmbudCore

/// Fetches over HTTP(S) with libcurl's multi interface: many transfers at once on one thread.
///
/// Every request has connect, total and low-speed timeouts, a body-size cap, a redirect limit,
/// compressed transfer (whatever this libcurl supports) and HTTP/2 where the server offers it
/// over TLS. The proxy comes from the settings or, when none is set, from the standard
/// `http_proxy` / `https_proxy` / `no_proxy` environment variables (libcurl reads them). A request
/// naming a cookie jar shares its cookies with every other request naming it, and the jar file is
/// written as transfers finish.
///
/// Safe to share between tasks; politeness (how many requests per host, how far apart) is the
/// caller's business — see ``PoliteFetcher``.
public final class CurlClient: Fetcher, @unchecked Sendable {
    /// What every request uses.
    public struct Settings: Sendable, Hashable {
        /// The User-Agent header: names Ombud and a contact URL.
        public var userAgent: String
        /// The most time a whole transfer may take, in seconds.
        public var timeoutSeconds: Int
        /// The most time connecting may take, in seconds.
        public var connectTimeoutSeconds: Int
        /// A transfer slower than `lowSpeedBytesPerSecond` for `lowSpeedSeconds` is aborted.
        public var lowSpeedBytesPerSecond: Int
        /// See `lowSpeedBytesPerSecond`.
        public var lowSpeedSeconds: Int
        /// The largest body accepted; a larger one fails with `fetch.too_large`.
        public var maxBodyBytes: Int
        /// The most redirects followed; more fail with `fetch.redirect_loop`.
        public var maxRedirects: Int
        /// A proxy URL (`http://proxy:3128`); nil uses the environment's, if any.
        public var proxy: String?

        /// Creates settings.
        public init(userAgent: String, timeoutSeconds: Int = 30, connectTimeoutSeconds: Int = 10, lowSpeedBytesPerSecond: Int = 100,
                    lowSpeedSeconds: Int = 20, maxBodyBytes: Int = 4 << 20, maxRedirects: Int = 5, proxy: String? = nil) {
            self.userAgent = userAgent
            self.timeoutSeconds = timeoutSeconds
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.lowSpeedBytesPerSecond = lowSpeedBytesPerSecond
            self.lowSpeedSeconds = lowSpeedSeconds
            self.maxBodyBytes = maxBodyBytes
            self.maxRedirects = maxRedirects
            self.proxy = proxy
        }
    }

    /// The settings in force.
    public let settings: Settings
    private let engine: CurlEngine

    /// Starts the client's transfer thread; responses are stamped with `clock`'s time. Throws ``OmbudError`` `fetch.curl_init` when libcurl is unusable.
    public init(settings: Settings, clock: any OmbudCore.Clock) throws {
        self.settings = settings
        engine = try CurlEngine(settings: settings, clock: clock)
    }

    deinit {
        engine.stop()
    }

    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        let transfer = try CurlTransfer(request: request, settings: settings)
        return try await withCheckedThrowingContinuation { continuation in
            transfer.continuation = continuation
            engine.submit(transfer)
        }
    }
}

/// The transfer thread: adds submitted transfers to the multi handle, drives them, finishes them.
final class CurlEngine: @unchecked Sendable {
    private let multi: CurlMulti
    private let clock: any OmbudCore.Clock
    private let lock = NSLock()
    private var submitted: [CurlTransfer] = []
    private var stopping = false
    // Touched only by the transfer thread:
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var shares: [String: CurlShare] = [:]

    init(settings: CurlClient.Settings, clock: any OmbudCore.Clock) throws {
        multi = try CurlMulti()
        self.clock = clock
        let thread = Thread { [self] in run() }
        thread.name = "ombud-curl"
        thread.start()
    }

    func submit(_ transfer: CurlTransfer) {
        let accepted = lock.withLock {
            if stopping { return false }
            submitted.append(transfer)
            return true
        }
        if accepted {
            multi.wakeup()
        } else {
            transfer.finish(failure: OmbudError(code: .fetchStopped, message: "the HTTP client was shut down",
                                                context: ["url": transfer.request.url]))
        }
    }

    func stop() {
        lock.withLock { stopping = true }
        multi.wakeup()
    }

    private func run() {
        while true {
            let (incoming, stop) = lock.withLock { () -> ([CurlTransfer], Bool) in
                defer { submitted = [] }
                return (submitted, stopping)
            }
            if stop {
                let error = OmbudError(code: .fetchStopped, message: "the HTTP client was shut down")
                for transfer in incoming + active.values {
                    curl_multi_remove_handle(multi.handle, transfer.easy.handle)
                    transfer.finish(failure: error)
                }
                active = [:]
                return
            }
            for transfer in incoming {
                if let jar = transfer.request.cookieJar {
                    // The jar file is read into the share once; later handles only switch the cookie
                    // engine on (""), or they would reload cookies the share has since replaced.
                    let known = shares[jar] != nil
                    let share = shares[jar] ?? CurlShare()
                    shares[jar] = share
                    transfer.easy.set(CURLOPT_SHARE, pointer: share?.handle)
                    transfer.easy.set(CURLOPT_COOKIEFILE, known ? "" : jar)
                }
                active[transfer.easy.handle] = transfer
                curl_multi_add_handle(multi.handle, transfer.easy.handle)
            }
            var running: Int32 = 0
            curl_multi_perform(multi.handle, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi.handle, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                      let transfer = active.removeValue(forKey: handle) else { continue }
                let result = ombud_curl_msg_result(message)
                curl_multi_remove_handle(multi.handle, handle)
                transfer.finish(result: result, at: clock.now)
            }
            curl_multi_poll(multi.handle, nil, 0, 1000, nil)
        }
    }
}

/// One transfer: its easy handle, what has arrived, and who waits for it.
final class CurlTransfer {
    let request: FetchRequest
    let easy: CurlEasy
    private let limit: Int
    private var body: [UInt8] = []
    private var headers: [String: String] = [:]
    private var overflowed = false
    private var setsCookies = false
    var continuation: CheckedContinuation<FetchResponse, any Error>?

    init(request: FetchRequest, settings: CurlClient.Settings) throws {
        self.request = request
        easy = try CurlEasy()
        limit = settings.maxBodyBytes
        easy.set(CURLOPT_URL, request.url)
        easy.set(CURLOPT_USERAGENT, settings.userAgent)
        easy.set(CURLOPT_FOLLOWLOCATION, 1)
        easy.set(CURLOPT_MAXREDIRS, settings.maxRedirects)
        easy.set(CURLOPT_TIMEOUT, settings.timeoutSeconds)
        easy.set(CURLOPT_CONNECTTIMEOUT, settings.connectTimeoutSeconds)
        easy.set(CURLOPT_LOW_SPEED_LIMIT, settings.lowSpeedBytesPerSecond)
        easy.set(CURLOPT_LOW_SPEED_TIME, settings.lowSpeedSeconds)
        easy.set(CURLOPT_NOSIGNAL, 1)
        easy.set(CURLOPT_ACCEPT_ENCODING, "")  // every encoding this libcurl supports
        easy.set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        if let proxy = settings.proxy { easy.set(CURLOPT_PROXY, proxy) }
        if !request.headers.isEmpty { easy.setHeaders(request.headers) }
        if let form = request.form {
            easy.set(CURLOPT_COPYPOSTFIELDS, form.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&"))
        } else if let body = request.body {
            // libcurl copies the body up to its NUL; JSON text has none.
            easy.set(CURLOPT_POSTFIELDSIZE, body.utf8.count)
            easy.set(CURLOPT_COPYPOSTFIELDS, body)
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        easy.set(CURLOPT_WRITEDATA, pointer: context)
        easy.set(CURLOPT_WRITEFUNCTION, callback: { data, size, count, context in
            guard let data, let context else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().receive(body: data, count: size * count)
        })
        easy.set(CURLOPT_HEADERDATA, pointer: context)
        easy.set(CURLOPT_HEADERFUNCTION, callback: { data, size, count, context in
            guard let data, let context else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().receive(header: data, count: size * count)
        })
    }

    private static let formAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: formAllowed) ?? text
    }

    private func receive(body data: UnsafeMutablePointer<CChar>, count: Int) -> Int {
        if body.count + count > limit {
            overflowed = true
            return 0  // aborts the transfer with CURLE_WRITE_ERROR
        }
        data.withMemoryRebound(to: UInt8.self, capacity: count) { body.append(contentsOf: UnsafeBufferPointer(start: $0, count: count)) }
        return count
    }

    private func receive(header data: UnsafeMutablePointer<CChar>, count: Int) -> Int {
        data.withMemoryRebound(to: UInt8.self, capacity: count) { start in
            let bytes = UnsafeBufferPointer(start: start, count: count)
            let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
            guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return }
            let line = bytes[first...last]
            if line.starts(with: "HTTP/".utf8) {
                headers = [:]  // a new response (after a redirect or a 100 Continue)
                setsCookies = false
                return
            }
            guard let colon = line.firstIndex(of: 0x3A) else { return }
            let nameEnd = line[..<colon].lastIndex(where: { !isSpace($0) }).map { $0 + 1 } ?? colon
            let name = String(decoding: line[line.startIndex..<nameEnd], as: UTF8.self).lowercased()
            let valueStart = line[(colon + 1)...].firstIndex(where: { !isSpace($0) }) ?? line.endIndex
            headers[name] = String(decoding: line[valueStart...], as: UTF8.self)
            if name == "set-cookie" { setsCookies = true }
        }
        return count
    }

    func finish(result: CURLcode, at date: Date) {
        let url = request.url
        if overflowed {
            return finish(failure: OmbudError(code: .fetchTooLarge, message: "the body is over \(limit) bytes; the page was dropped",
                                              context: ["url": url], fix: "raise crawl.max_body_bytes if it really is a forum page"))
        }
        guard result == CURLE_OK else {
            let (code, fix): (OmbudError.Code, String) = switch result {
            case CURLE_OPERATION_TIMEDOUT: (.fetchTimeout, "the forum is slow or unreachable; it will be retried")
            case CURLE_TOO_MANY_REDIRECTS: (.fetchRedirectLoop, "check the URL in a browser; the forum redirects in circles")
            case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
                (.fetchUnreachable, "check the URL and this machine's network or proxy")
            case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
                (.fetchConnection, "the connection broke; it will be retried")
            default: (.fetchTransport, "check the URL and this machine's network")
            }
            return finish(failure: OmbudError(code: code, message: CurlEasy.describe(result), context: ["url": url], fix: fix))
        }
        if let jar = request.cookieJar, setsCookies {
            // libcurl writes the jar when the handle is cleaned up; only a response that set a
            // cookie changes it, so only such a handle is told where the jar is.
            easy.set(CURLOPT_COOKIEJAR, jar)
        }
        let response = FetchResponse(url: easy.info(string: CURLINFO_EFFECTIVE_URL) ?? url, status: easy.info(long: CURLINFO_RESPONSE_CODE),
                                     headers: headers, body: body, fetchedAt: date)
        continuation?.resume(returning: response)
        continuation = nil
    }

    func finish(failure: OmbudError) {
        continuation?.resume(throwing: failure)
        continuation = nil
    }
}
