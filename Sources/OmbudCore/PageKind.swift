/// What a crawled page is, which decides how it is extracted.
public enum PageKind: String, Sendable, Hashable, Codable {
    /// A board's thread list.
    case board
    /// A page of a thread's posts.
    case thread
}
