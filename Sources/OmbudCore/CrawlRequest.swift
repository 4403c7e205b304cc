/// One page to fetch, what kind it is, and what the page that linked here knew about it.
public struct CrawlRequest: Sendable, Hashable, Codable {
    /// The absolute URL.
    public var url: String
    /// How the page will be read.
    public var kind: PageKind
    /// Facts carried from the linking page (`board`, `thread_id`).
    public var context: [String: String]

    /// Creates a request.
    public init(url: String, kind: PageKind, context: [String: String] = [:]) {
        self.url = url
        self.kind = kind
        self.context = context
    }
}
