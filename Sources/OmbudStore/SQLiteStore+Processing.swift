import Foundation
import GRDB
import OmbudCore

/// What a processing pass reads and writes beyond posts and cases: the candidate index, the
/// cases' grouping states, repost sketches and peers, each reached by key, never by a scan.
extension SQLiteStore {
    public func caseIDs(for lookup: CaseLookup) throws -> Set<String> {
        try read { db in
            var ids = Set<String>()
            let byKey = try db.cachedStatement(sql: "SELECT case_id FROM case_key WHERE key = ? ORDER BY last_seen DESC, case_id LIMIT ?")
            for key in lookup.keys.sorted() {
                ids.formUnion(try String.fetchAll(byKey, arguments: [Int64(bitPattern: key), lookup.perKey]))
            }
            let byBand = try db.cachedStatement(sql: """
                SELECT case_id FROM case_key WHERE key = ? AND last_seen >= ? ORDER BY last_seen DESC, case_id LIMIT ?
                """)
            for band in lookup.bands.sorted() {
                ids.formUnion(try String.fetchAll(byBand, arguments: [Int64(bitPattern: band), lookup.bandsSince.timeIntervalSince1970,
                                                                      lookup.perBand]))
            }
            let byThread = try db.cachedStatement(sql: """
                SELECT DISTINCT m.case_id FROM post p JOIN case_member m ON m.source = p.source AND m.post_id = p.id
                WHERE p.source = ? AND p.thread_id = ?
                """)
            for thread in lookup.threads.sorted(by: { $0.description < $1.description }) {
                ids.formUnion(try String.fetchAll(byThread, arguments: [thread.source, thread.threadID]))
            }
            // An id and its numbered variants (`id-2`): '-' sorts just before '.'.
            let byID = try db.cachedStatement(sql: "SELECT id FROM \"case\" WHERE id = ? OR (id > ? AND id < ?)")
            for id in lookup.caseIDs.sorted() {
                ids.formUnion(try String.fetchAll(byID, arguments: [id, id + "-", id + "."]))
            }
            return ids
        }
    }

    public func casesForGrouping(ids: Set<String>) throws -> [(case: Case, state: [UInt8]?)] {
        try read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT c.body, g.state FROM "case" c LEFT JOIN case_grouping g ON g.case_id = c.id WHERE c.id = ?
                """)
            var found: [(case: Case, state: [UInt8]?)] = []
            for id in ids.sorted() {
                guard let row = try Row.fetchOne(statement, arguments: [id]) else { continue }
                let state: Data? = row["state"]
                found.append((try JSON.decode(Case.self, row["body"] as String), state.map { [UInt8]($0) }))
            }
            return found
        }
    }

    public func casesToRegroup(limit: Int) throws -> [Case] {
        try write { db in
            // A case merged away since it was marked has nothing to rebuild.
            try db.execute(sql: "DELETE FROM case_regroup WHERE case_id NOT IN (SELECT id FROM \"case\")")
            return try String.fetchAll(try db.cachedStatement(sql: """
                SELECT c.body FROM case_regroup r CROSS JOIN "case" c ON c.id = r.case_id ORDER BY c.last_seen, c.id LIMIT ?
                """), arguments: [limit]).map { try JSON.decode(Case.self, $0) }
        }
    }

    public func save(groupingStates: [String: [UInt8]], index: [IndexEntry], replacingIndexOf replaced: Set<String>) throws {
        try write { db in
            for id in replaced.sorted() {
                try db.cachedStatement(sql: "DELETE FROM case_key WHERE case_id = ?").execute(arguments: [id])
            }
            for (id, state) in groupingStates.sorted(by: { $0.key < $1.key }) {
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO case_grouping (case_id, state) VALUES (?, ?)")
                    .execute(arguments: [id, Data(state)])
                try db.cachedStatement(sql: "DELETE FROM case_regroup WHERE case_id = ?").execute(arguments: [id])
            }
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO case_key (key, case_id, band, last_seen) VALUES (?, ?, ?, ?)
                ON CONFLICT (key, case_id) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)
                """)
            for entry in index {
                try upsert.execute(arguments: [Int64(bitPattern: entry.key), entry.caseID, entry.isBand, entry.lastSeen.timeIntervalSince1970])
            }
        }
    }

    public func repostCandidates(for posts: [PostKey: Set<UInt64>], perKey: Int, shared: Int, limit: Int) throws -> [RepostEntry] {
        try read { db in
            let newest = try db.cachedStatement(sql: """
                SELECT source, post_id FROM repost_sketch WHERE gram = ? ORDER BY posted_at DESC LIMIT ?
                """)
            // A gram several new posts hold is read once.
            var holders: [UInt64: [PostKey]] = [:]
            var chosen = Set<PostKey>()
            for (_, grams) in posts.sorted(by: { $0.key.description < $1.key.description }) {
                var counts: [PostKey: Int] = [:]
                for gram in grams {
                    if holders[gram] == nil {
                        holders[gram] = try Row.fetchAll(newest, arguments: [Int64(bitPattern: gram), perKey])
                            .map { PostKey(source: $0["source"], id: $0["post_id"]) }
                    }
                    for holder in holders[gram] ?? [] { counts[holder, default: 0] += 1 }
                }
                let best = counts.filter { $0.value >= shared }.sorted { ($0.value, $1.key.description) > ($1.value, $0.key.description) }
                chosen.formUnion(best.prefix(limit).map(\.key))
            }
            let post = try db.cachedStatement(sql: "SELECT thread_id, posted_at, text FROM post WHERE source = ? AND id = ?")
            return try chosen.sorted { $0.description < $1.description }.compactMap { key in
                try Row.fetchOne(post, arguments: [key.source, key.id]).map { row in
                    RepostEntry(post: key, thread: ThreadRef(source: key.source, threadID: row["thread_id"]),
                                postedAt: Date(timeIntervalSince1970: row["posted_at"]), text: row["text"])
                }
            }
        }
    }

    public func save(repostSketches: [PostKey: [UInt64]]) throws {
        try write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO repost_sketch (gram, posted_at, source, post_id)
                SELECT ?, posted_at, source, id FROM post WHERE source = ? AND id = ?
                """)
            for (post, grams) in repostSketches.sorted(by: { $0.key.description < $1.key.description }) {
                for gram in grams { try insert.execute(arguments: [Int64(bitPattern: gram), post.source, post.id]) }
            }
        }
    }

    public func peers(issue: String, around: Date, within window: TimeInterval, limit: Int) throws -> [CasePeer] {
        try read { db in
            let columns = """
                SELECT c.id, c.category, c.first_seen, c.complainants, c.severity, json_extract(c.body, '$.issues') AS issues
                FROM case_issue i CROSS JOIN "case" c ON c.id = i.case_id
                """
            let before = try db.cachedStatement(sql: columns + " WHERE i.issue = ? AND i.first_seen BETWEEN ? AND ? ORDER BY i.first_seen DESC LIMIT ?")
            let after = try db.cachedStatement(sql: columns + " WHERE i.issue = ? AND i.first_seen > ? AND i.first_seen <= ? ORDER BY i.first_seen LIMIT ?")
            let time = around.timeIntervalSince1970
            var peers: [CasePeer] = []
            for (statement, from, to) in [(before, time - window, time), (after, time, time + window)] {
                for row in try Row.fetchAll(statement, arguments: [issue, from, to, limit]) {
                    peers.append(CasePeer(id: row["id"], category: row["category"], firstSeen: Date(timeIntervalSince1970: row["first_seen"]),
                                          complainants: Set(try JSON.decode([String].self, row["complainants"] as String)),
                                          issues: Set(try JSON.decode([String].self, (row["issues"] as String?) ?? "[]")),
                                          severity: Severity(rawValue: row["severity"] as String) ?? .general))
                }
            }
            return peers
        }
    }
}
