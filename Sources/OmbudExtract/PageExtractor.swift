import OmbudCore

/// Reads a fetched board or thread page into threads and posts: the seam between crawling and a
/// forum's format (HTML through XPath rules, or an API's JSON).
public protocol PageExtractor: Sendable {
    /// The threads a board page lists, and its next page.
    func board(_ bytes: [UInt8], charset: String?, pageURL: String, source: String, board: String) throws -> BoardPage
    /// The posts of a thread page, and its next page. `threadID` is known from the board, when it is.
    func thread(_ bytes: [UInt8], charset: String?, pageURL: String, source: String, board: String, threadID: String?,
                times: PostTimeParser) throws -> ThreadPage
}

/// Builds the extractor a profile's format calls for.
public enum PageExtractors {
    /// The extractor for `profile`; throws ``OmbudError`` naming the profile's bad key.
    public static func make(_ profile: SiteProfile) throws -> any PageExtractor {
        switch profile.format ?? .html {
        case .html: try SiteExtractor(profile: profile)
        case .discourse: DiscourseExtractor(profile: profile)
        case .generic: GenericExtractor()
        }
    }
}

extension SiteExtractor: PageExtractor {
    public func board(_ bytes: [UInt8], charset: String?, pageURL: String, source: String, board: String) throws -> BoardPage {
        let document = try HTMLDocument(bytes: bytes, url: pageURL, charset: charset)
        var page = try self.board(document, pageURL: pageURL, source: source, board: board)
        page.replacedBytes = document.replacedBytes
        return page
    }

    public func thread(_ bytes: [UInt8], charset: String?, pageURL: String, source: String, board: String, threadID: String?,
                       times: PostTimeParser) throws -> ThreadPage {
        let document = try HTMLDocument(bytes: bytes, url: pageURL, charset: charset)
        var page = try thread(document, pageURL: pageURL, source: source, board: board, threadID: threadID, times: times)
        page.replacedBytes = document.replacedBytes
        return page
    }
}
