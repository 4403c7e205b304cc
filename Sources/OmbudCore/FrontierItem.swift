/// A page waiting in a source's crawl frontier, as the store hands it to the crawler.
///
/// The frontier lives in the store: an item stays there until the page's results are committed
/// (in the same transaction), so a crawl killed at any moment resumes where it stopped.
public struct FrontierItem: Sendable, Hashable, Codable {
    /// The store's id for the item.
    public var id: Int64
    /// The source it belongs to.
    public var source: String
    /// What to fetch.
    public var request: CrawlRequest
    /// How many times fetching it has failed before.
    public var attempts: Int
    /// The ETag of the last copy seen, for a conditional request.
    public var etag: String?
    /// The Last-Modified of the last copy seen, for a conditional request.
    public var lastModified: String?

    /// Creates an item.
    public init(id: Int64, source: String, request: CrawlRequest, attempts: Int = 0, etag: String? = nil, lastModified: String? = nil) {
        self.id = id
        self.source = source
        self.request = request
        self.attempts = attempts
        self.etag = etag
        self.lastModified = lastModified
    }
}
