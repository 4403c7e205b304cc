import Foundation
import GRDB
import OmbudCore

/// The SQLite store (GRDB), one file, with migrations; safe to share between tasks.
///
/// Opened in WAL mode through a `DatabasePool`, so the dashboard reads while the crawler writes.
public final class SQLiteStore: Store {
    private let pool: DatabasePool
    /// The database file.
    public let path: String

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    ///
    /// Throws ``OmbudError`` `store.open` naming the file.
    public init(path: String) throws {
        self.path = path
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            var configuration = Configuration()
            // WAL with synchronous=NORMAL: a crash of the process (kill -9 included) loses nothing
            // committed; only a power loss may drop the last transactions.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw OmbudError(code: .storeOpen, message: "cannot open the SQLite database: \(error)", context: ["file": path],
                             fix: "check that the folder is writable and the file is an Ombud database")
        }
    }

    /// The key under which a thread keeps the connection of the transaction it has open here.
    private var transactionKey: String { "ombud.store.transaction.\(ObjectIdentifier(self).hashValue)" }

    /// The connection of the ``transaction(_:)`` this thread has open in this store, if any.
    private var openTransaction: Database? {
        Thread.current.threadDictionary[transactionKey] as? Database
    }

    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if openTransaction != nil { return try body() }
        var failure: (any Error)?
        do {
            return try pool.write { db in
                // The body runs synchronously on this thread: the store's calls inside find the
                // connection here and join the transaction.
                Thread.current.threadDictionary[transactionKey] = db
                defer { Thread.current.threadDictionary.removeObject(forKey: transactionKey) }
                do { return try body() } catch {
                    failure = error
                    throw error
                }
            }
        } catch {
            // The body's own error reaches the caller as it is; the database's becomes `store.write`.
            if let failure { throw failure }
            return try mapped { throw error }
        }
    }

    /// One write transaction (a savepoint inside an open ``transaction(_:)``); an ``OmbudError``
    /// the body throws (a refused edit) rolls it back and reaches the caller as it is, anything
    /// else becomes `store.write` naming the file.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        if let db = openTransaction {
            return try mapped {
                var result: T?
                try db.inSavepoint {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        }
        return try mapped { try pool.write(body) }
    }

    private func mapped<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as OmbudError {
            throw error
        } catch {
            throw OmbudError(code: .storeWrite, message: "\(error)", context: ["file": path], fix: "check disk space and permissions")
        }
    }

    /// A read; inside an open ``transaction(_:)`` it reads the transaction's connection, so it
    /// sees what the transaction wrote.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            if let db = openTransaction { return try body(db) }
            return try pool.read(body)
        } catch let error as OmbudError {
            throw error
        } catch {
            throw OmbudError(code: .storeRead, message: "\(error)", context: ["file": path], fix: "check the database file")
        }
    }

    public func save(posts: [Post]) throws -> Int {
        try write { db in try Self.insert(posts, db) }
    }

    /// Inserts new posts and updates changed ones; returns how many were new.
    private static func insert(_ posts: [Post], _ db: Database) throws -> Int {
        var inserted = 0
        let insert = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO post (source, id, thread_id, thread_title, board, floor, author, author_id, posted_at, text, url, confidence,
                author_posts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let update = try db.cachedStatement(sql: """
            UPDATE post SET thread_title = ?, floor = ?, author = ?, author_id = ?, posted_at = ?, text = ?, url = ?, confidence = ?,
                author_posts = ? WHERE source = ? AND id = ?
            """)
        for post in posts {
            try insert.execute(arguments: [post.source, post.id, post.threadID, post.threadTitle, post.board, post.floor, post.author,
                                           post.authorID, post.postedAt.timeIntervalSince1970, post.text, post.url, post.confidence,
                                           post.authorPosts])
            if db.changesCount > 0 {
                inserted += 1
            } else {
                try update.execute(arguments: [post.threadTitle, post.floor, post.author, post.authorID, post.postedAt.timeIntervalSince1970,
                                               post.text, post.url, post.confidence, post.authorPosts, post.source, post.id])
            }
        }
        return inserted
    }

    public func save(assessments: [Assessment]) throws {
        try write { db in
            for assessment in assessments {
                try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO assessment (source, post_id, is_complaint, score, grouped, body) VALUES (?, ?, ?, ?, 0, ?)
                    """).execute(arguments: [assessment.post.source, assessment.post.id, assessment.isComplaint, assessment.score,
                                     try JSON.encode(assessment)])
            }
        }
    }

    public func save(cases: [Case]) throws {
        try write { db in
            for subject in cases { try Self.write(subject, db) }
        }
    }

    /// Stores one case and its membership inside a transaction already open (the one place a
    /// case is written: saves, merges and splits all go through it).
    static func write(_ subject: Case, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO "case" (id, status, severity, last_seen, body, category, first_seen, complainants)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [subject.id, subject.status.rawValue, subject.severity.rawValue, subject.lastSeen.timeIntervalSince1970,
                                     try JSON.encode(subject), subject.category, subject.firstSeen.timeIntervalSince1970,
                                     try JSON.encode(subject.complainants.sorted())])
        try db.cachedStatement(sql: "DELETE FROM case_member WHERE case_id = ?").execute(arguments: [subject.id])
        for member in subject.members {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO case_member (source, post_id, case_id) VALUES (?, ?, ?)")
                .execute(arguments: [member.post.source, member.post.id, subject.id])
        }
    }

    public func save(drafts: [Draft]) throws {
        try write { db in
            // A thread that left the case (a split) takes its untouched draft with it.
            for (caseID, drafts) in Dictionary(grouping: drafts, by: \.caseID) {
                let kept = Set(drafts.map { "\($0.thread.source)\u{1F}\($0.thread.threadID)" })
                for row in try Row.fetchAll(db, sql: "SELECT source, thread_id FROM draft WHERE case_id = ? AND NOT edited", arguments: [caseID]) {
                    let source: String = row["source"], thread: String = row["thread_id"]
                    if !kept.contains("\(source)\u{1F}\(thread)") {
                        try db.execute(sql: "DELETE FROM draft WHERE case_id = ? AND source = ? AND thread_id = ?", arguments: [caseID, source, thread])
                    }
                }
            }
            // When each case was last raised again (二次投诉), read once per case.
            var reopenedAtOf: [String: Date?] = [:]
            for draft in drafts {
                let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT edited, body FROM draft WHERE case_id = ? AND source = ? AND thread_id = ?"),
                                           arguments: [draft.caseID, draft.thread.source, draft.thread.threadID])
                let edited: Bool = row?["edited"] ?? false
                // A reply posted before the case was raised again (二次投诉) answered the earlier
                // complaints: a new draft takes its place; the audit log keeps its posting.
                var superseded = false
                if edited, let row {
                    if reopenedAtOf[draft.caseID] == nil {
                        reopenedAtOf[draft.caseID] = try String.fetchOne(db.cachedStatement(sql: "SELECT body FROM \"case\" WHERE id = ?"),
                                                                         arguments: [draft.caseID]).flatMap { try JSON.decode(Case.self, $0).reopenedAt }
                    }
                    if let reopenedAt = reopenedAtOf[draft.caseID] ?? nil,
                       let postedAt = try JSON.decode(Draft.self, row["body"] as String).review?.postedAt {
                        superseded = postedAt < reopenedAt
                    }
                }
                if edited, !superseded {
                    try db.cachedStatement(sql: "UPDATE draft SET stale = 1 WHERE case_id = ? AND source = ? AND thread_id = ?").execute(arguments: [draft.caseID, draft.thread.source, draft.thread.threadID])
                    continue
                }
                try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO draft (case_id, source, thread_id, edited, stale, body) VALUES (?, ?, ?, 0, 0, ?)
                    """).execute(arguments: [draft.caseID, draft.thread.source, draft.thread.threadID, try JSON.encode(draft)])
            }
        }
    }

    public func save(deadlines: [Deadline]) throws {
        try write { db in
            for deadline in deadlines {
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO deadline (case_id, due_at, body) VALUES (?, ?, ?)").execute(arguments: [deadline.caseID, deadline.dueAt.timeIntervalSince1970, try JSON.encode(deadline)])
            }
        }
    }

    public func record(run: CrawlRun) throws {
        try write { db in
            try db.cachedStatement(sql: """
                INSERT INTO crawl_run (source, started_at, finished_at, pages, errors, too_old, window_days) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [run.source, run.startedAt.timeIntervalSince1970, run.finishedAt.timeIntervalSince1970,
                                       run.pages, try JSON.encode(run.errors), run.threadsTooOld, run.windowDays])
        }
    }

    public func posts(_ keys: [PostKey]) throws -> [PostKey: Post] {
        try read { db in
            var result: [PostKey: Post] = [:]
            for key in keys {
                if let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM post WHERE source = ? AND id = ?"), arguments: [key.source, key.id]) {
                    result[key] = Self.post(row)
                }
            }
            return result
        }
    }

    public func postsWithoutAssessment() throws -> [Post] {
        try read { db in
            try Row.fetchAll(try db.cachedStatement(sql: """
                SELECT p.* FROM post_unjudged u CROSS JOIN post p ON p.source = u.source AND p.id = u.id
                ORDER BY p.posted_at, p.source, CAST(p.id AS INTEGER)
                """)).map(Self.post)
        }
    }

    public func assessments(_ keys: [PostKey]) throws -> [PostKey: Assessment] {
        try read { db in try Self.assessments(keys, db) }
    }

    public func thread(source: String, threadID: String) throws -> [(post: Post, assessment: Assessment?)] {
        try read { db in
            let posts = try Row.fetchAll(try db.cachedStatement(sql: """
                SELECT * FROM post WHERE source = ? AND thread_id = ? ORDER BY floor, posted_at, CAST(id AS INTEGER)
                """), arguments: [source, threadID]).map(Self.post)
            let assessed = try Self.assessments(posts.map(\.key), db)
            return posts.map { ($0, assessed[$0.key]) }
        }
    }

    public func openings(of threads: [ThreadRef]) throws -> [ThreadRef: Post] {
        try read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT * FROM post WHERE source = ? AND thread_id = ? ORDER BY floor, posted_at, CAST(id AS INTEGER) LIMIT 1
                """)
            var result: [ThreadRef: Post] = [:]
            for thread in Set(threads) {
                if let row = try Row.fetchOne(statement, arguments: [thread.source, thread.threadID]) { result[thread] = Self.post(row) }
            }
            return result
        }
    }

    /// Assessments by post key, inside a transaction already open.
    static func assessments(_ keys: [PostKey], _ db: Database) throws -> [PostKey: Assessment] {
        var result: [PostKey: Assessment] = [:]
        for key in keys {
            if let body = try String.fetchOne(try db.cachedStatement(sql: "SELECT body FROM assessment WHERE source = ? AND post_id = ?"),
                                              arguments: [key.source, key.id]) {
                result[key] = try JSON.decode(Assessment.self, body)
            }
        }
        return result
    }

    public func postsToGroup() throws -> [(Post, Assessment)] {
        try read { db in
            try Row.fetchAll(try db.cachedStatement(sql: """
                SELECT p.*, a.body AS assessment FROM assessment a INDEXED BY assessment_ungrouped
                JOIN post p ON p.source = a.source AND p.id = a.post_id
                LEFT JOIN case_member m ON m.source = a.source AND m.post_id = a.post_id
                WHERE NOT a.grouped AND m.case_id IS NULL ORDER BY p.posted_at, p.source, CAST(p.id AS INTEGER)
                """)).map { row in (Self.post(row), try JSON.decode(Assessment.self, row["assessment"])) }
        }
    }

    public func markGrouped(_ keys: [PostKey]) throws {
        try write { db in
            for key in keys {
                try db.cachedStatement(sql: "UPDATE assessment SET grouped = 1 WHERE source = ? AND post_id = ?").execute(arguments: [key.source, key.id])
            }
        }
    }

    public func cases() throws -> [Case] {
        try read { db in
            try String.fetchAll(try db.cachedStatement(sql: "SELECT body FROM \"case\" ORDER BY last_seen DESC, id")).map { try JSON.decode(Case.self, $0) }
        }
    }

    public func drafts(caseID: String) throws -> [Draft] {
        try read { db in
            try String.fetchAll(try db.cachedStatement(sql: "SELECT body FROM draft WHERE case_id = ? ORDER BY source, thread_id"), arguments: [caseID])
                .map { try JSON.decode(Draft.self, $0) }
        }
    }

    public func deadline(caseID: String) throws -> Deadline? {
        try read { db in
            try String.fetchOne(try db.cachedStatement(sql: "SELECT body FROM deadline WHERE case_id = ?"), arguments: [caseID])
                .map { try JSON.decode(Deadline.self, $0) }
        }
    }

    public func deadlines() throws -> [String: Deadline] {
        try read { db in
            let all = try String.fetchAll(try db.cachedStatement(sql: "SELECT body FROM deadline")).map { try JSON.decode(Deadline.self, $0) }
            return Dictionary(all.map { ($0.caseID, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    public func counts() throws -> StoreCounts {
        try read { db in
            StoreCounts(posts: try Int.fetchOne(try db.cachedStatement(sql: "SELECT COUNT(*) FROM post")) ?? 0,
                        complaints: try Int.fetchOne(try db.cachedStatement(sql: "SELECT COUNT(*) FROM assessment WHERE is_complaint")) ?? 0,
                        cases: try Int.fetchOne(try db.cachedStatement(sql: "SELECT COUNT(*) FROM \"case\"")) ?? 0,
                        drafts: try Int.fetchOne(try db.cachedStatement(sql: "SELECT COUNT(*) FROM draft")) ?? 0)
        }
    }

    // MARK: The crawl frontier

    public func enqueue(_ requests: [CrawlRequest], source: String, refresh: Bool) throws {
        try write { db in try Self.enqueue(requests, source: source, refresh: refresh, db) }
    }

    private static func enqueue(_ requests: [CrawlRequest], source: String, refresh: Bool, _ db: Database) throws {
        for request in requests {
            try db.cachedStatement(sql: """
                INSERT INTO frontier (source, url, kind, context, state) VALUES (?, ?, ?, ?, 'pending')
                ON CONFLICT(source, url) DO UPDATE SET state = 'pending', context = excluded.context, kind = excluded.kind,
                    attempts = 0, not_before = 0, last_error = NULL
                WHERE ? AND frontier.state IN ('done', 'dropped', 'failed')
                """).execute(arguments: [source, request.url, request.kind.rawValue, try JSON.encode(request.context), refresh])
        }
    }

    public func claim(source: String, limit: Int, now: Date, longestWait: TimeInterval) throws -> [FrontierItem] {
        guard limit > 0 else { return [] }
        return try write { db in
            let rows = try Row.fetchAll(try db.cachedStatement(sql: """
                SELECT f.*, c.etag, c.last_modified FROM frontier f LEFT JOIN page_cache c ON c.url = f.url
                WHERE f.source = ? AND f.state = 'pending' AND (f.not_before <= ? OR f.not_before > ?)
                ORDER BY f.kind = 'board' DESC, f.id LIMIT ?
                """), arguments: [source, now.timeIntervalSince1970, now.addingTimeInterval(longestWait).timeIntervalSince1970, limit])
            var items: [FrontierItem] = []
            for row in rows {
                let id: Int64 = row["id"]
                try db.cachedStatement(sql: "UPDATE frontier SET state = 'in_flight' WHERE id = ?").execute(arguments: [id])
                let kind = PageKind(rawValue: row["kind"]) ?? .thread
                items.append(FrontierItem(id: id, source: row["source"],
                                          request: CrawlRequest(url: row["url"], kind: kind, context: try JSON.decode([String: String].self, row["context"])),
                                          attempts: row["attempts"], etag: row["etag"], lastModified: row["last_modified"]))
            }
            return items
        }
    }

    public func requeueInFlight(source: String) throws -> Int {
        try write { db in
            try db.cachedStatement(sql: "UPDATE frontier SET state = 'pending' WHERE source = ? AND state = 'in_flight'").execute(arguments: [source])
            return db.changesCount
        }
    }

    public func complete(_ item: FrontierItem, posts: [Post], threads: [ThreadUpdate], next: [CrawlRequest],
                         etag: String?, lastModified: String?) throws -> Int {
        try write { db in
            let inserted = try Self.insert(posts, db)
            for update in threads { try Self.apply(update, db) }
            try Self.enqueue(next, source: item.source, refresh: true, db)
            if etag != nil || lastModified != nil {
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO page_cache (url, etag, last_modified) VALUES (?, ?, ?)").execute(arguments: [item.request.url, etag, lastModified])
            }
            try db.cachedStatement(sql: "UPDATE frontier SET state = 'done', last_error = NULL, error_history = '[]' WHERE id = ?").execute(arguments: [item.id])
            return inserted
        }
    }

    private static func apply(_ update: ThreadUpdate, _ db: Database) throws {
        switch update {
        case .listed(let thread):
            try db.cachedStatement(sql: """
                INSERT INTO thread_state (source, thread_id, view_count, last_page_url, listed_reply_count, listed_last_post) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(source, thread_id) DO UPDATE SET view_count = COALESCE(excluded.view_count, view_count),
                    listed_reply_count = COALESCE(excluded.listed_reply_count, listed_reply_count),
                    listed_last_post = COALESCE(excluded.listed_last_post, listed_last_post)
                """).execute(arguments: [thread.source, thread.threadID, thread.viewCount, thread.lastPageURL, thread.replyCount, thread.lastPost])
        case .stored(let source, let threadID, let pageURL, let last):
            try db.cachedStatement(sql: """
                INSERT INTO thread_state (source, thread_id, last_page_url) VALUES (?, ?, ?)
                ON CONFLICT(source, thread_id) DO UPDATE SET last_page_url = excluded.last_page_url
                """).execute(arguments: [source, threadID, pageURL])
            if last { try accept(source: source, threadID: threadID, db) }
        }
    }

    /// The values the board listed become the thread's known state.
    private static func accept(source: String, threadID: String, _ db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE thread_state SET reply_count = COALESCE(listed_reply_count, reply_count), last_post = COALESCE(listed_last_post, last_post)
            WHERE source = ? AND thread_id = ?
            """).execute(arguments: [source, threadID])
    }

    public func fail(_ item: FrontierItem, reason: String, at: Date, retryAt: Date) throws {
        try write { db in
            let stored = try String.fetchOne(try db.cachedStatement(sql: "SELECT error_history FROM frontier WHERE id = ?"), arguments: [item.id]) ?? "[]"
            let history = (try JSON.decode([FailingPage.Failure].self, stored) + [FailingPage.Failure(at: at, reason: reason)]).suffix(FailingPage.Failure.kept)
            try db.cachedStatement(sql: """
                UPDATE frontier SET state = 'pending', attempts = attempts + 1, not_before = ?, last_error = ?, error_history = ? WHERE id = ?
                """).execute(arguments: [retryAt.timeIntervalSince1970, reason, try JSON.encode(Array(history)), item.id])
        }
    }

    public func failingPages(source: String) throws -> [FailingPage] {
        try read { db in
            try Row.fetchAll(try db.cachedStatement(sql: """
                SELECT url, kind, attempts, not_before, error_history FROM frontier
                WHERE source = ? AND state IN ('pending', 'in_flight') AND attempts > 0 ORDER BY id
                """), arguments: [source]).map { row in
                FailingPage(url: row["url"], kind: PageKind(rawValue: row["kind"]) ?? .thread, attempts: row["attempts"],
                            nextAttempt: Date(timeIntervalSince1970: row["not_before"]),
                            failures: try JSON.decode([FailingPage.Failure].self, row["error_history"]))
            }
        }
    }

    public func drop(source: String, url: String) throws -> Bool {
        try write { db in
            guard let row = try Row.fetchOne(try db.cachedStatement(sql: """
                SELECT id, context FROM frontier WHERE source = ? AND url = ? AND state IN ('pending', 'failed')
                """), arguments: [source, url]) else { return false }
            try db.cachedStatement(sql: "UPDATE frontier SET state = 'dropped' WHERE id = ?").execute(arguments: [row["id"] as Int64])
            // The person gives up on this copy of the thread: what the board listed counts as known.
            if let thread = try JSON.decode([String: String].self, row["context"])["thread_id"] {
                try Self.accept(source: source, threadID: thread, db)
            }
            return true
        }
    }

    public func threadStates(source: String, ids: [String]) throws -> [String: ThreadState] {
        try read { db in
            var states: [String: ThreadState] = [:]
            for id in ids {
                guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM thread_state WHERE source = ? AND thread_id = ?"),
                                                 arguments: [source, id]) else { continue }
                states[id] = ThreadState(source: source, threadID: id, replyCount: row["reply_count"], lastPost: row["last_post"],
                                         lastPageURL: row["last_page_url"], viewCount: row["view_count"])
            }
            return states
        }
    }

    public func pendingCount(source: String) throws -> Int {
        try read { db in
            try Int.fetchOne(try db.cachedStatement(sql: "SELECT COUNT(*) FROM frontier WHERE source = ? AND state IN ('pending', 'in_flight')"),
                             arguments: [source]) ?? 0
        }
    }

    public func runs(source: String, limit: Int) throws -> [CrawlRun] {
        try read { db in
            try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM crawl_run WHERE source = ? ORDER BY id DESC LIMIT ?"),
                             arguments: [source, limit]).map { row in
                CrawlRun(source: row["source"], startedAt: Date(timeIntervalSince1970: row["started_at"]),
                         finishedAt: Date(timeIntervalSince1970: row["finished_at"]), pages: row["pages"],
                         errors: try JSON.decode([String].self, row["errors"]), threadsTooOld: row["too_old"], windowDays: row["window_days"])
            }
        }
    }

    private static func post(_ row: Row) -> Post {
        Post(source: row["source"], id: row["id"], threadID: row["thread_id"], threadTitle: row["thread_title"], board: row["board"],
             floor: row["floor"], author: row["author"], authorID: row["author_id"],
             postedAt: Date(timeIntervalSince1970: row["posted_at"]), text: row["text"], url: row["url"], confidence: row["confidence"],
             authorPosts: row["author_posts"])
    }
}
