import Foundation
import GRDB
import OmbudCore
import OmbudStore
import Testing

/// Accounts and the append-only audit log on a real SQLite file.
@Suite struct AuditLogTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-audit-\(UUID().uuidString)")
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func entriesAreNumberedReadNewestFirstAndNeverChanged() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ombud.sqlite").path
        let store = try SQLiteStore(path: path)
        let first = try store.append(audit: AuditEntry(at: now, actor: "li", action: "draft.edit", caseID: "c1", before: "a", after: "b"))
        let second = try store.append(audit: AuditEntry(at: now + 1, actor: "wang", action: "draft.approve", caseID: "c1"))
        _ = try store.append(audit: AuditEntry(at: now + 2, actor: "li", action: "case.reassign", caseID: "c2", after: "chen"))
        #expect(second.id == first.id + 1)
        #expect(try store.audit(caseID: "c1", limit: 10).map(\.id) == [second.id, first.id])
        #expect(try store.audit(caseID: nil, limit: 2).map(\.action) == ["case.reassign", "draft.approve"])
        // Not even the database's own connection may rewrite history.
        let queue = try DatabaseQueue(path: path)
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "UPDATE audit SET actor = 'nobody'") } }
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "DELETE FROM audit") } }
        // REPLACE deletes the old row without firing the delete trigger; it, an upsert and an id
        // slipped in before the newest are refused all the same.
        for statement in ["INSERT OR REPLACE INTO audit (id, at, actor, action, case_id, body) VALUES (\(first.id), 0, 'x', 'x', NULL, '{}')",
                          "REPLACE INTO audit (id, at, actor, action, case_id, body) VALUES (\(second.id), 0, 'x', 'x', NULL, '{}')",
                          "INSERT INTO audit (id, at, actor, action, case_id, body) VALUES (\(first.id), 0, 'x', 'x', NULL, '{}') ON CONFLICT(id) DO UPDATE SET actor = 'x'",
                          "INSERT INTO audit (id, at, actor, action, case_id, body) VALUES (0, 0, 'x', 'x', NULL, '{}')"] {
            #expect(throws: (any Error).self, "\(statement)") { try queue.write { try $0.execute(sql: statement) } }
        }
        let history = try store.audit(caseID: nil, limit: 10)
        #expect(history.count == 3 && history.map(\.actor) == ["li", "wang", "li"])
    }

    @Test func accountsKeepOnlyAHash() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("ombud.sqlite").path)
        try store.save(account: Account(name: "张主管", role: .supervisor, passwordHash: "$2b$12$abcdefghijklmnopqrstuu", createdAt: now))
        try store.save(account: Account(name: "li", role: .staff, passwordHash: "$2b$12$zzz", createdAt: now, disabled: true))
        #expect(try store.accounts().map(\.name) == ["li", "张主管"])
        #expect(try store.account(named: "张主管")?.role == .supervisor)
        #expect(try store.account(named: "li")?.disabled == true)
        #expect(try store.account(named: "nobody") == nil)
    }
}
