import Foundation
import OmbudCore

/// Where Ombud keeps posts, assessments, cases, drafts and deadlines.
///
/// The seam between the pipeline and persistence: SQLite (``SQLiteStore``) by default. Every
/// write is idempotent by key, so re-running a crawl or a pipeline step duplicates nothing.
public protocol Store: Sendable {
    /// Runs `body` as one transaction: every read and write it makes through this store, on this
    /// thread, commits together when it returns, or not at all when it throws or the process dies.
    /// Reads inside see the transaction's own writes. Each store call inside stays atomic on its
    /// own (a refused edit undoes only itself). Nested calls join the outer transaction. Other
    /// writers wait while it runs, so keep `body` free of network and sleeps.
    func transaction<T>(_ body: () throws -> T) throws -> T

    // MARK: What a processing pass reaches by key (its cost follows the new posts, not history)

    /// The ids of the stored cases `lookup` reaches: the newest `perKey` cases of each key, the
    /// newest `perBand` of each band seen since `bandsSince`, every case of each thread, and the
    /// cases whose id a new case could take.
    func caseIDs(for lookup: CaseLookup) throws -> Set<String>
    /// The cases with these ids (unknown ids are left out), each with its stored grouping state
    /// (nil when it has none: new from an older version, or merged or split since).
    func casesForGrouping(ids: Set<String>) throws -> [(case: Case, state: [UInt8]?)]
    /// Up to `limit` cases whose grouping state must be rebuilt from their posts (stored by an
    /// older version, merged or split since), oldest first; saving a state clears the mark.
    func casesToRegroup(limit: Int) throws -> [Case]
    /// Stores cases' grouping states and rows of the candidate index; the cases in `replaced`
    /// lose their old rows first (a case rebuilt after a merge or split).
    func save(groupingStates: [String: [UInt8]], index: [IndexEntry], replacingIndexOf replaced: Set<String>) throws
    /// For each new post (its 3-gram keys), the stored posts whose repost sketch shares at least
    /// `shared` of its keys, counted among the newest `perKey` holders of each key (so a key
    /// every post has costs no more than a rare one), at most `limit` per new post, those
    /// sharing the most first; with their texts.
    func repostCandidates(for posts: [PostKey: Set<UInt64>], perKey: Int, shared: Int, limit: Int) throws -> [RepostEntry]
    /// Stores posts' repost sketches (``RepostEntry`` candidates for later posts).
    func save(repostSketches: [PostKey: [UInt64]]) throws
    /// The cases that raised `issue` and began within `window` of `around`, the nearest `limit`
    /// on each side, as peers for grading ("the same problem").
    func peers(issue: String, around: Date, within window: TimeInterval, limit: Int) throws -> [CasePeer]

    /// Inserts new posts and updates changed ones; returns how many were new.
    func save(posts: [Post]) throws -> Int
    /// Stores assessments, replacing earlier ones of the same posts.
    func save(assessments: [Assessment]) throws
    /// Replaces the given cases (members included).
    func save(cases: [Case]) throws
    /// Replaces the drafts of the given cases, keeping drafts a person has edited (marked stale),
    /// except a reply posted before its case was raised again: that one answered the earlier
    /// complaints, and a new draft takes its place.
    func save(drafts: [Draft]) throws
    /// Replaces the given deadlines.
    func save(deadlines: [Deadline]) throws
    /// Records one crawl run of a source.
    func record(run: CrawlRun) throws

    /// Posts by key; keys not stored are absent from the answer.
    func posts(_ keys: [PostKey]) throws -> [PostKey: Post]
    /// Posts stored that have no assessment yet, oldest first.
    func postsWithoutAssessment() throws -> [Post]
    /// Assessments by post key.
    func assessments(_ keys: [PostKey]) throws -> [PostKey: Assessment]
    /// The stored posts of one thread in reading order (floor, then time), each with its
    /// assessment if it has one: the context triage reads a reply in.
    func thread(source: String, threadID: String) throws -> [(post: Post, assessment: Assessment?)]
    /// Assessed posts that grouping has not yet looked at, oldest first, with their assessments.
    func postsToGroup() throws -> [(Post, Assessment)]
    /// Records that grouping has looked at these posts (whether or not they joined a case).
    func markGrouped(_ keys: [PostKey]) throws
    /// Every case, newest activity first.
    func cases() throws -> [Case]
    /// The case with `id`, if there is one.
    func storedCase(id: String) throws -> Case?
    /// The cases waiting for a reply, newest activity first.
    func openCases() throws -> [Case]
    /// The cases `query` admits, the most urgent first, decoding only those shown.
    func queue(_ query: CaseQuery) throws -> CaseQueue
    /// The drafts of a case.
    func drafts(caseID: String) throws -> [Draft]
    /// Every deadline, by case id.
    func deadlines() throws -> [String: Deadline]
    /// The deadline of one case, if it has one.
    func deadline(caseID: String) throws -> Deadline?
    /// Counts of what is stored.
    func counts() throws -> StoreCounts

    // MARK: People's corrections to grouping

    /// Merges the cases `caseIDs` into `targetID` in one transaction: their posts join it (each
    /// member's reasons say who merged it), the merged case is open if any of them was, their
    /// untouched drafts and deadlines are dropped (edited drafts move over, marked stale), and the
    /// event is recorded with `actor`. Returns the merged case; the caller then re-drafts it.
    /// Throws ``OmbudError`` `case.unknown` or `case.merge_nothing`.
    func merge(_ caseIDs: [String], into targetID: String, by actor: String, at date: Date) throws -> Case
    /// Moves `posts` out of `caseID` into a new case in one transaction, recorded with `actor`.
    /// Every post ends in exactly one of the two; the earliest moved post is the new case's
    /// origin. Throws ``OmbudError`` `case.unknown`, `case.split_nothing`, `case.split_foreign_post`
    /// or `case.split_everything` (that would leave the case empty: merge instead).
    func split(_ caseID: String, moving posts: [PostKey], by actor: String, at date: Date) throws -> (remaining: Case, split: Case)
    /// The merges and splits that touched a case, oldest first.
    func caseEvents(caseID: String) throws -> [CaseEvent]

    // MARK: People, drafts they touch, and the audit log

    /// Adds or replaces an account. Throws ``OmbudError`` `store.write`.
    func save(account: Account) throws
    /// The account named `name`, if any.
    func account(named name: String) throws -> Account?
    /// Every account, by name.
    func accounts() throws -> [Account]
    /// The draft of one thread of a case, if any.
    func draft(caseID: String, thread: ThreadRef) throws -> Draft?
    /// Stores a draft a person changed (edited, approved, rejected): it is theirs from now on, and
    /// redrafting marks it stale instead of overwriting it.
    func savePersonal(draft: Draft) throws
    /// The drafts that went out and that the crawler has not yet seen in their threads.
    func awaitingConfirmation() throws -> [Draft]
    /// Appends to the audit log and returns the entry with its place. Nothing updates or deletes
    /// an entry (the database refuses it too).
    @discardableResult func append(audit entry: AuditEntry) throws -> AuditEntry
    /// The newest audit entries, newest first, of one case or of all (`caseID` nil), at most `limit`.
    func audit(caseID: String?, limit: Int) throws -> [AuditEntry]

    // MARK: Escalation

    /// What became of each escalation notice of a case, one record per step and notifier.
    func noticeRecords(caseID: String) throws -> [NoticeRecord]
    /// Stores a notice's record, replacing the one of the same case, step and notifier.
    func save(noticeRecord: NoticeRecord) throws

    // MARK: The crawl frontier

    /// Adds pages to a source's frontier. A page already waiting (a failed one too, until its
    /// retry) is left alone; a page done or dropped before is made pending again when `refresh`
    /// is true (a board list, a thread that changed).
    func enqueue(_ requests: [CrawlRequest], source: String, refresh: Bool) throws
    /// Takes up to `limit` pending pages of `source` that are due at `now`, marks them in flight,
    /// and returns them with the validators of their last copy. A page waiting until later than
    /// `now + longestWait` was put off under a clock since set back, and is due now.
    func claim(source: String, limit: Int, now: Date, longestWait: TimeInterval) throws -> [FrontierItem]
    /// Makes pages left in flight by a crash pending again; returns how many.
    func requeueInFlight(source: String) throws -> Int
    /// Commits a fetched page in one transaction: its posts, what it tells of threads (a board's
    /// listed values become a thread's known state only when the thread's last page is stored),
    /// the pages it links to, its validators for the next conditional request, and the item
    /// done. Returns the new posts.
    func complete(_ item: FrontierItem, posts: [Post], threads: [ThreadUpdate], next: [CrawlRequest],
                  etag: String?, lastModified: String?) throws -> Int
    /// Records a failed attempt at a page (kept with its time among the page's latest failures):
    /// pending again from `retryAt`.
    func fail(_ item: FrontierItem, reason: String, at: Date, retryAt: Date) throws
    /// The pages of `source` that failed and wait to be tried again, in the order they were added.
    func failingPages(source: String) throws -> [FailingPage]
    /// A person gives up on a waiting page: it is not fetched again until a board lists its
    /// thread as changed, and what the board listed counts as known. False when no such page waits
    /// (a page being fetched right now waits only once the fetch is over).
    func drop(source: String, url: String) throws -> Bool
    /// What the crawler last knew of these threads, by thread id.
    func threadStates(source: String, ids: [String]) throws -> [String: ThreadState]
    /// The opening post of each thread stored (its first by floor, then time): a reply is written
    /// in the thread's language. Threads with no post stored are absent.
    func openings(of threads: [ThreadRef]) throws -> [ThreadRef: Post]
    /// How many pages of `source` wait in the frontier.
    func pendingCount(source: String) throws -> Int
    /// The latest crawl runs of a source, newest recorded first (whatever their clock said).
    func runs(source: String, limit: Int) throws -> [CrawlRun]
}

/// One crawl run of one source.
public struct CrawlRun: Sendable, Hashable, Codable {
    /// The source crawled.
    public var source: String
    /// When the run started.
    public var startedAt: Date
    /// When it ended.
    public var finishedAt: Date
    /// Pages fetched successfully.
    public var pages: Int
    /// Pages that failed, with reasons.
    public var errors: [String]
    /// Threads seen for the first time but left out because their last post was older than the
    /// crawl window (`crawl.first_crawl_days`).
    public var threadsTooOld: Int
    /// The crawl window in days, when threads were left out for it.
    public var windowDays: Double?

    /// Creates a run record.
    public init(source: String, startedAt: Date, finishedAt: Date, pages: Int, errors: [String], threadsTooOld: Int = 0,
                windowDays: Double? = nil) {
        self.source = source
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.pages = pages
        self.errors = errors
        self.threadsTooOld = threadsTooOld
        self.windowDays = windowDays
    }
}

/// How much is stored.
public struct StoreCounts: Sendable, Hashable, Codable {
    /// Posts.
    public var posts: Int
    /// Posts judged complaints.
    public var complaints: Int
    /// Cases.
    public var cases: Int
    /// Drafts.
    public var drafts: Int

    /// Creates counts.
    public init(posts: Int, complaints: Int, cases: Int, drafts: Int) {
        self.posts = posts
        self.complaints = complaints
        self.cases = cases
        self.drafts = drafts
    }
}
