import Foundation
import OmbudCore

/// Fetches one URL: the seam between the crawler and the network (fakes in tests).
public protocol Fetcher: Sendable {
    /// Fetches `url`. Throws ``OmbudError`` `fetch.*` naming the URL for transport failures;
    /// an HTTP error status is a response, not an error.
    func fetch(_ url: String) async throws -> FetchResponse
}

/// What a fetch brought back.
public struct FetchResponse: Sendable, Hashable {
    /// The URL after redirects.
    public var url: String
    /// The HTTP status code.
    public var status: Int
    /// The `Content-Type` header, if any.
    public var contentType: String?
    /// The body's bytes, undecoded.
    public var body: [UInt8]
    /// When the response arrived.
    public var fetchedAt: Date

    /// Creates a response.
    public init(url: String, status: Int, contentType: String?, body: [UInt8], fetchedAt: Date) {
        self.url = url
        self.status = status
        self.contentType = contentType
        self.body = body
        self.fetchedAt = fetchedAt
    }

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
}
