import GRDB
import OmbudCore

extension SQLiteStore {
    public func noticeRecords(caseID: String) throws -> [NoticeRecord] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT body FROM notice WHERE case_id = ? ORDER BY step, notifier", arguments: [caseID])
                .map { try JSON.decode(NoticeRecord.self, $0) }
        }
    }

    public func save(noticeRecord record: NoticeRecord) throws {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO notice (case_id, step, notifier, state, body) VALUES (?, ?, ?, ?, ?)",
                           arguments: [record.caseID, record.step, record.notifier, record.state.rawValue, try JSON.encode(record)])
        }
    }
}
