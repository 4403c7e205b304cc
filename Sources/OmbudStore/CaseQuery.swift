import OmbudCore

/// Which cases a queue lists, answered by the store with an index, not by loading every case.
public struct CaseQuery: Sendable, Hashable {
    /// Cases with a post on this source.
    public var source: String?
    /// Cases of this category id.
    public var category: String?
    /// Cases of this severity.
    public var severity: String?
    /// Cases in this status; nil lists every status.
    public var status: String?
    /// Cases owned by this account, or `none` for unassigned ones.
    public var owner: String?
    /// Cases with any of these flags (`media_threat`, …); nil or empty: any.
    public var flags: [String]?
    /// The most cases returned (the most urgent first).
    public var limit: Int

    /// Creates a query.
    public init(source: String? = nil, category: String? = nil, severity: String? = nil, status: String? = "open", owner: String? = nil,
                flags: [String]? = nil, limit: Int = 200) {
        self.flags = flags
        self.source = source
        self.category = category
        self.severity = severity
        self.status = status
        self.owner = owner
        self.limit = limit
    }
}

/// A page of a queue: the cases shown, how many matched in all, and what the filters can offer.
public struct CaseQueue: Sendable {
    /// The cases shown, by deadline (the most urgent first), with their deadlines.
    public var cases: [(Case, Deadline?)]
    /// How many cases matched.
    public var total: Int
    /// Every source, category and owner that cases have, for the filter form.
    public var sources: [String]
    /// Category ids in use.
    public var categories: [String]
    /// Owners in use.
    public var owners: [String]

    /// Creates a page.
    public init(cases: [(Case, Deadline?)], total: Int, sources: [String], categories: [String], owners: [String]) {
        self.cases = cases
        self.total = total
        self.sources = sources
        self.categories = categories
        self.owners = owners
    }
}
