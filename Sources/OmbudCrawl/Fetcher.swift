import Foundation
import OmbudCore

/// Fetches one request: the seam between the crawler and the network (fakes in tests).
public protocol Fetcher: Sendable {
    /// Fetches `request`. Throws ``OmbudError`` `fetch.*` naming the URL for transport failures
    /// (timeouts, refused or reset connections, a body over the cap); an HTTP error status is a
    /// response, not an error.
    func fetch(_ request: FetchRequest) async throws -> FetchResponse
}

extension Fetcher {
    /// Fetches `url` with a plain GET.
    public func fetch(_ url: String) async throws -> FetchResponse {
        try await fetch(FetchRequest(url: url))
    }
}

/// One HTTP request.
public struct FetchRequest: Sendable, Hashable {
    /// The absolute URL.
    public var url: String
    /// Extra request headers (`If-None-Match`, `If-Modified-Since`, `Referer`).
    public var headers: [String: String]
    /// Form fields to POST (application/x-www-form-urlencoded); nil for a GET.
    public var form: [(String, String)]?
    /// The cookie jar this request reads and writes (one per source), if any.
    public var cookieJar: String?
    /// A text body to POST as it is (a webhook's JSON); its type goes in ``headers``. Ignored
    /// when ``form`` is set.
    public var body: String?

    /// Creates a request.
    public init(url: String, headers: [String: String] = [:], form: [(String, String)]? = nil, cookieJar: String? = nil,
                body: String? = nil) {
        self.url = url
        self.headers = headers
        self.form = form
        self.cookieJar = cookieJar
        self.body = body
    }

    /// The `host:port` politeness is counted by.
    public var hostKey: String {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else { return url }
        let port = components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80)
        return "\(host):\(port)"
    }

    public static func == (lhs: FetchRequest, rhs: FetchRequest) -> Bool {
        lhs.url == rhs.url && lhs.headers == rhs.headers && lhs.cookieJar == rhs.cookieJar && lhs.body == rhs.body
            && lhs.form?.map { "\($0.0)=\($0.1)" } == rhs.form?.map { "\($0.0)=\($0.1)" }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(url)
        hasher.combine(headers)
        hasher.combine(cookieJar)
        hasher.combine(body)
        hasher.combine(form?.map { "\($0.0)=\($0.1)" })
    }
}

/// What a fetch brought back.
public struct FetchResponse: Sendable, Hashable {
    /// The URL after redirects.
    public var url: String
    /// The HTTP status code.
    public var status: Int
    /// Response headers of the final response, names lower-cased (the last value of a repeated header).
    public var headers: [String: String]
    /// The body's bytes, undecoded.
    public var body: [UInt8]
    /// When the response arrived.
    public var fetchedAt: Date

    /// Creates a response.
    public init(url: String, status: Int, headers: [String: String] = [:], body: [UInt8], fetchedAt: Date) {
        self.url = url
        self.status = status
        self.headers = headers
        self.body = body
        self.fetchedAt = fetchedAt
    }

    /// Creates a response with only a content type among its headers.
    public init(url: String, status: Int, contentType: String?, body: [UInt8], fetchedAt: Date) {
        self.init(url: url, status: status, headers: contentType.map { ["content-type": $0] } ?? [:], body: body, fetchedAt: fetchedAt)
    }

    /// The `Content-Type` header.
    public var contentType: String? { headers["content-type"] }

    /// The `charset` parameter of the Content-Type, lower-cased (`gbk`, `utf-8`), or nil.
    public var charset: String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0].lowercased() == "charset" {
                return parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'")).lowercased()
            }
        }
        return nil
    }

    /// How long the server asks us to wait (`Retry-After` in seconds or as an HTTP date), if it says.
    public var retryAfter: TimeInterval? {
        guard let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = TimeInterval(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSince(fetchedAt)) }
    }
}
