import OmbudCore

/// The error codes this module raises (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `extract.bad_json`: not the Discourse JSON expected: … (raised in DiscourseExtractor.swift).
    public static let extractBadJson = Self(rawValue: "extract.bad_json")
    /// `extract.no_thread_id`: the thread page shows no thread id (raised in SiteExtractor.swift).
    public static let extractNoThreadId = Self(rawValue: "extract.no_thread_id")
    /// `extract.uncertain`: the generic reader is not sure these are posts (raised in GenericExtractor.swift).
    public static let extractUncertain = Self(rawValue: "extract.uncertain")
    /// `extract.unreadable`: the generic reader finds no posts or threads here (raised in GenericExtractor.swift).
    public static let extractUnreadable = Self(rawValue: "extract.unreadable")
    /// `html.empty`: the page is empty (raised in HTMLDocument.swift).
    public static let htmlEmpty = Self(rawValue: "html.empty")
    /// `html.too_large`: page of … bytes is over the …-byte limit (raised in HTMLDocument.swift).
    public static let htmlTooLarge = Self(rawValue: "html.too_large")
    /// `html.too_deep`: the page nests elements … deep, over the … limit (raised in HTMLDocument.swift).
    public static let htmlTooDeep = Self(rawValue: "html.too_deep")
    /// `html.unparsable`: libxml2 could not parse the page (raised in HTMLDocument.swift).
    public static let htmlUnparsable = Self(rawValue: "html.unparsable")
    /// `site.missing_rules`: an HTML profile needs both board: and thread: rules (raised in SiteExtractor.swift).
    public static let siteMissingRules = Self(rawValue: "site.missing_rules")
    /// `xpath.invalid`: libxml2 cannot evaluate the XPath expression (raised in HTMLDocument.swift).
    public static let xpathInvalid = Self(rawValue: "xpath.invalid")
    /// `xpath.no_memory`: libxml2 could not allocate an XPath context (raised in HTMLDocument.swift).
    public static let xpathNoMemory = Self(rawValue: "xpath.no_memory")
}
