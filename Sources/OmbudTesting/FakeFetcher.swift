import Foundation
import OmbudCore
import OmbudCrawl

/// The tests' one fetcher: answers each request with `answer` and keeps every request it was
/// sent, in order.
///
/// Made for the usual cases by ``init(status:body:)`` (one canned response), ``pages(_:)`` (a
/// site in memory), ``unreachable()`` (every request fails as a refused connection) and
/// ``recording(_:)`` (another fetcher, watched).
public final class FakeFetcher: Fetcher, @unchecked Sendable {
    /// How a request is answered.
    public typealias Answer = @Sendable (FetchRequest) async throws -> FetchResponse

    private let answer: Answer
    private let lock = NSLock()
    private var sent: [FetchRequest] = []

    /// A fetcher answering with `answer`.
    public init(_ answer: @escaping Answer) {
        self.answer = answer
    }

    /// A fetcher answering every request with `status` and `body`.
    public convenience init(status: Int = 200, body: String = "") {
        self.init { request in
            FetchResponse(url: request.url, status: status, body: Array(body.utf8), fetchedAt: FakeFetcher.fetchedAt)
        }
    }

    /// A site in memory: each known URL answers with its status (and its own URL as the body);
    /// an unknown one fails as `fetch.unreachable`.
    public static func pages(_ pages: [String: Int]) -> FakeFetcher {
        FakeFetcher { request in
            guard let status = pages[request.url] else { throw unreachable(request) }
            return FetchResponse(url: request.url, status: status, contentType: "text/html", body: Array(request.url.utf8), fetchedAt: fetchedAt)
        }
    }

    /// Every request fails as a refused connection (`fetch.unreachable`).
    public static func unreachable() -> FakeFetcher {
        FakeFetcher { request in throw unreachable(request) }
    }

    /// `inner`, with every request it is sent kept here.
    public static func recording(_ inner: any Fetcher) -> FakeFetcher {
        FakeFetcher { request in try await inner.fetch(request) }
    }

    /// Every request sent so far, in order.
    public var requests: [FetchRequest] { lock.withLock { sent } }

    /// The URLs of ``requests``.
    public var urls: [String] { requests.map(\.url) }

    /// Forgets the requests sent so far.
    public func reset() {
        lock.withLock { sent = [] }
    }

    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        lock.withLock { sent.append(request) }
        return try await answer(request)
    }

    /// The time every canned response says it was fetched.
    public static let fetchedAt = Date(timeIntervalSince1970: 1_795_000_000)

    private static func unreachable(_ request: FetchRequest) -> OmbudError {
        OmbudError(code: .fetchUnreachable, message: "connection refused", context: ["url": request.url])
    }
}
