import Foundation
import GRDB
import OmbudCore

extension SQLiteStore {
    public func save(account: Account) throws {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO account (name, role, disabled, body) VALUES (?, ?, ?, ?)",
                           arguments: [account.name, account.role.rawValue, account.disabled, try JSON.encode(account)])
        }
    }

    public func account(named name: String) throws -> Account? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT body FROM account WHERE name = ?", arguments: [name]).map { try JSON.decode(Account.self, $0) }
        }
    }

    public func accounts() throws -> [Account] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT body FROM account ORDER BY name").map { try JSON.decode(Account.self, $0) }
        }
    }

    public func storedCase(id: String) throws -> Case? {
        try read { db in try Self.storedCase(id: id, db) }
    }

    /// The case with `id`, inside a transaction already open.
    static func storedCase(id: String, _ db: Database) throws -> Case? {
        try String.fetchOne(db, sql: "SELECT body FROM \"case\" WHERE id = ?", arguments: [id]).map { try JSON.decode(Case.self, $0) }
    }

    public func openCases() throws -> [Case] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT body FROM \"case\" WHERE status = 'open' ORDER BY last_seen DESC, id")
                .map { try JSON.decode(Case.self, $0) }
        }
    }

    public func queue(_ query: CaseQuery) throws -> CaseQueue {
        try read { db in
            let filter = """
                FROM "case" c LEFT JOIN deadline d ON d.case_id = c.id
                WHERE (:status IS NULL OR c.status = :status)
                  AND (:category IS NULL OR json_extract(c.body, '$.category') = :category)
                  AND (:severity IS NULL OR c.severity = :severity)
                  AND (:owner IS NULL OR (:owner = 'none' AND json_extract(c.body, '$.owner') IS NULL) OR json_extract(c.body, '$.owner') = :owner)
                  AND (:source IS NULL OR EXISTS (SELECT 1 FROM case_member m WHERE m.case_id = c.id AND m.source = :source))
                  AND (:flags IS NULL OR EXISTS (SELECT 1 FROM json_each(c.body, '$.flags') f WHERE f.value IN (SELECT value FROM json_each(:flags))))
                """
            let flags = (query.flags ?? []).isEmpty ? nil : try JSON.encode(query.flags ?? [])
            let arguments: StatementArguments = ["status": query.status, "category": query.category, "severity": query.severity,
                                                 "owner": query.owner, "source": query.source, "flags": flags]
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) " + filter, arguments: arguments) ?? 0
            var limited = arguments
            limited += ["limit": query.limit]
            let rows = try Row.fetchAll(db, sql: "SELECT c.body AS body, d.body AS deadline " + filter
                                            + " ORDER BY COALESCE(d.due_at, 1e18), c.id LIMIT :limit", arguments: limited)
            let cases = try rows.map { row -> (Case, Deadline?) in
                let deadline: String? = row["deadline"]
                return (try JSON.decode(Case.self, row["body"] as String), try deadline.map { try JSON.decode(Deadline.self, $0) })
            }
            return CaseQueue(cases: cases, total: total,
                             sources: try String.fetchAll(db, sql: "SELECT DISTINCT source FROM case_member ORDER BY source"),
                             categories: try String.fetchAll(db, sql: "SELECT DISTINCT json_extract(body, '$.category') AS c FROM \"case\" WHERE c IS NOT NULL ORDER BY c"),
                             owners: try String.fetchAll(db, sql: "SELECT DISTINCT json_extract(body, '$.owner') AS o FROM \"case\" WHERE o IS NOT NULL ORDER BY o"))
        }
    }

    public func draft(caseID: String, thread: ThreadRef) throws -> Draft? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT body FROM draft WHERE case_id = ? AND source = ? AND thread_id = ?",
                                arguments: [caseID, thread.source, thread.threadID]).map { try JSON.decode(Draft.self, $0) }
        }
    }

    public func savePersonal(draft: Draft) throws {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO draft (case_id, source, thread_id, edited, stale, body) VALUES (?, ?, ?, 1, 0, ?)",
                           arguments: [draft.caseID, draft.thread.source, draft.thread.threadID, try JSON.encode(draft)])
        }
    }

    public func awaitingConfirmation() throws -> [Draft] {
        try read { db in
            // Only a person's drafts can have gone out (approving makes a draft theirs).
            try String.fetchAll(db, sql: """
                SELECT body FROM draft INDEXED BY draft_sent WHERE edited AND json_extract(body, '$.review.postedAt') IS NOT NULL
                AND json_extract(body, '$.review.confirmedAt') IS NULL ORDER BY case_id, source, thread_id
                """).map { try JSON.decode(Draft.self, $0) }
        }
    }

    @discardableResult
    public func append(audit entry: AuditEntry) throws -> AuditEntry {
        try write { db in
            var stored = entry
            stored.id = 0  // the row's id is the entry's place; the body never carries it
            try db.execute(sql: "INSERT INTO audit (at, actor, action, case_id, body) VALUES (?, ?, ?, ?, ?)",
                           arguments: [entry.at.timeIntervalSince1970, entry.actor, entry.action, entry.caseID, try JSON.encode(stored)])
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    public func audit(caseID: String?, limit: Int) throws -> [AuditEntry] {
        try read { db in
            let rows = if let caseID {
                try Row.fetchAll(db, sql: "SELECT id, body FROM audit WHERE case_id = ? ORDER BY id DESC LIMIT ?", arguments: [caseID, limit])
            } else {
                try Row.fetchAll(db, sql: "SELECT id, body FROM audit ORDER BY id DESC LIMIT ?", arguments: [limit])
            }
            return try rows.map { row in
                var entry = try JSON.decode(AuditEntry.self, row["body"] as String)
                entry.id = row["id"]
                return entry
            }
        }
    }
}
