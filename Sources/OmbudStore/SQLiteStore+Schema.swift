import GRDB
import OmbudCore

extension SQLiteStore {
    /// The schema's history; add a migration for every change, never edit a shipped one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: posts, assessments, cases, drafts, deadlines, crawl runs") { db in
            try db.execute(sql: """
                CREATE TABLE post (
                    source TEXT NOT NULL, id TEXT NOT NULL, thread_id TEXT NOT NULL, thread_title TEXT NOT NULL,
                    board TEXT NOT NULL, floor INTEGER NOT NULL, author TEXT NOT NULL, author_id TEXT NOT NULL,
                    posted_at REAL NOT NULL, text TEXT NOT NULL, url TEXT NOT NULL,
                    PRIMARY KEY (source, id));
                CREATE INDEX post_thread ON post (source, thread_id);
                CREATE TABLE assessment (
                    source TEXT NOT NULL, post_id TEXT NOT NULL, is_complaint BOOLEAN NOT NULL, score REAL NOT NULL,
                    grouped BOOLEAN NOT NULL DEFAULT 0, body TEXT NOT NULL,
                    PRIMARY KEY (source, post_id), FOREIGN KEY (source, post_id) REFERENCES post (source, id));
                CREATE TABLE "case" (
                    id TEXT PRIMARY KEY, status TEXT NOT NULL, severity TEXT NOT NULL, last_seen REAL NOT NULL, body TEXT NOT NULL);
                CREATE TABLE case_member (
                    source TEXT NOT NULL, post_id TEXT NOT NULL, case_id TEXT NOT NULL REFERENCES "case" (id),
                    PRIMARY KEY (source, post_id));
                CREATE INDEX case_member_case ON case_member (case_id);
                CREATE TABLE draft (
                    case_id TEXT NOT NULL REFERENCES "case" (id), source TEXT NOT NULL, thread_id TEXT NOT NULL,
                    edited BOOLEAN NOT NULL, stale BOOLEAN NOT NULL, body TEXT NOT NULL,
                    PRIMARY KEY (case_id, source, thread_id));
                CREATE TABLE deadline (case_id TEXT PRIMARY KEY REFERENCES "case" (id), due_at REAL NOT NULL, body TEXT NOT NULL);
                CREATE TABLE crawl_run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, started_at REAL NOT NULL, finished_at REAL NOT NULL,
                    pages INTEGER NOT NULL, errors TEXT NOT NULL);
                """)
        }
        migrator.registerMigration("v2: crawl frontier, thread states, page validators") { db in
            try db.execute(sql: """
                CREATE TABLE frontier (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, url TEXT NOT NULL, kind TEXT NOT NULL,
                    context TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                    not_before REAL NOT NULL DEFAULT 0, last_error TEXT,
                    UNIQUE (source, url));
                CREATE INDEX frontier_due ON frontier (source, state, not_before);
                CREATE TABLE thread_state (
                    source TEXT NOT NULL, thread_id TEXT NOT NULL, reply_count INTEGER, last_post TEXT, last_page_url TEXT NOT NULL,
                    PRIMARY KEY (source, thread_id));
                CREATE TABLE page_cache (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT);
                """)
        }
        migrator.registerMigration("v3: extraction confidence of posts") { db in
            try db.execute(sql: "ALTER TABLE post ADD COLUMN confidence REAL NOT NULL DEFAULT 1")
        }
        migrator.registerMigration("v4: the author's post count shown beside a post") { db in
            try db.execute(sql: "ALTER TABLE post ADD COLUMN author_posts INTEGER")
        }
        migrator.registerMigration("v5: views of threads, people's merges and splits of cases") { db in
            try db.execute(sql: """
                ALTER TABLE thread_state ADD COLUMN view_count INTEGER;
                CREATE TABLE case_event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL, at REAL NOT NULL, body TEXT NOT NULL);
                CREATE INDEX case_event_case ON case_event (case_id);
                """)
        }
        migrator.registerMigration("v6: escalation notices sent, failed and retried") { db in
            try db.execute(sql: """
                CREATE TABLE notice (
                    case_id TEXT NOT NULL, step TEXT NOT NULL, notifier TEXT NOT NULL, state TEXT NOT NULL, body TEXT NOT NULL,
                    PRIMARY KEY (case_id, step, notifier));
                """)
        }
        migrator.registerMigration("v7: accounts and the append-only audit log") { db in
            try db.execute(sql: """
                CREATE TABLE account (name TEXT PRIMARY KEY, role TEXT NOT NULL, disabled BOOLEAN NOT NULL DEFAULT 0, body TEXT NOT NULL);
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, case_id TEXT,
                    body TEXT NOT NULL);
                CREATE INDEX audit_case ON audit (case_id, id);
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        migrator.registerMigration("v8: threads a crawl left out as older than its window") { db in
            try db.execute(sql: """
                ALTER TABLE crawl_run ADD COLUMN too_old INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE crawl_run ADD COLUMN window_days REAL;
                """)
        }
        migrator.registerMigration("v9: processing by the new posts: unjudged posts, the candidate index, grouping states, repost sketches") { db in
            try db.execute(sql: """
                CREATE TABLE post_unjudged (source TEXT NOT NULL, id TEXT NOT NULL, posted_at REAL NOT NULL, PRIMARY KEY (source, id));
                INSERT INTO post_unjudged (source, id, posted_at)
                    SELECT p.source, p.id, p.posted_at FROM post p LEFT JOIN assessment a ON a.source = p.source AND a.post_id = p.id
                    WHERE a.post_id IS NULL;
                CREATE INDEX post_unjudged_order ON post_unjudged (posted_at);
                CREATE TRIGGER post_unjudged_add AFTER INSERT ON post BEGIN
                    INSERT OR IGNORE INTO post_unjudged (source, id, posted_at) VALUES (NEW.source, NEW.id, NEW.posted_at);
                END;
                CREATE TRIGGER post_unjudged_judged AFTER INSERT ON assessment BEGIN
                    DELETE FROM post_unjudged WHERE source = NEW.source AND id = NEW.post_id;
                END;
                CREATE INDEX assessment_ungrouped ON assessment (source, post_id) WHERE NOT grouped;
                ALTER TABLE "case" ADD COLUMN category TEXT NOT NULL DEFAULT '';
                ALTER TABLE "case" ADD COLUMN first_seen REAL NOT NULL DEFAULT 0;
                ALTER TABLE "case" ADD COLUMN complainants TEXT NOT NULL DEFAULT '[]';
                CREATE TABLE case_key (
                    key INTEGER NOT NULL, case_id TEXT NOT NULL, band BOOLEAN NOT NULL, last_seen REAL NOT NULL,
                    PRIMARY KEY (key, case_id)) WITHOUT ROWID;
                CREATE INDEX case_key_newest ON case_key (key, last_seen);
                CREATE INDEX case_key_case ON case_key (case_id);
                CREATE TABLE case_grouping (case_id TEXT PRIMARY KEY, state BLOB NOT NULL);
                CREATE TABLE case_regroup (case_id TEXT PRIMARY KEY);
                INSERT INTO case_regroup (case_id) SELECT id FROM "case";
                CREATE INDEX draft_sent ON draft (case_id) WHERE edited;
                CREATE TABLE repost_sketch (
                    gram INTEGER NOT NULL, posted_at REAL NOT NULL, source TEXT NOT NULL, post_id TEXT NOT NULL,
                    PRIMARY KEY (gram, posted_at, source, post_id)) WITHOUT ROWID;
                """)
            // Cases stored before keep their columns in their bodies; their grouping states are
            // rebuilt from their posts by the next pass (`case_regroup`).
            for row in try Row.fetchAll(db, sql: "SELECT id, body FROM \"case\"") {
                let subject = try JSON.decode(Case.self, row["body"] as String)
                try db.execute(sql: "UPDATE \"case\" SET category = ?, first_seen = ?, complainants = ? WHERE id = ?",
                               arguments: [subject.category, subject.firstSeen.timeIntervalSince1970,
                                           try JSON.encode(subject.complainants.sorted()), subject.id])
            }
            try db.execute(sql: "CREATE INDEX case_category ON \"case\" (category, first_seen)")
        }
        migrator.registerMigration("v10: cases by the issues they raised (the same problem, for severity)") { db in
            // Kept by triggers from each case's body, so no writer can forget it; a replaced case
            // (INSERT OR REPLACE fires no delete trigger) clears its old rows in the insert trigger.
            try db.execute(sql: """
                CREATE TABLE case_issue (
                    issue TEXT NOT NULL, first_seen REAL NOT NULL, case_id TEXT NOT NULL,
                    PRIMARY KEY (issue, first_seen, case_id)) WITHOUT ROWID;
                CREATE INDEX case_issue_case ON case_issue (case_id);
                INSERT OR IGNORE INTO case_issue (issue, first_seen, case_id)
                    SELECT j.value, c.first_seen, c.id FROM "case" c, json_each(c.body, '$.issues') j;
                CREATE TRIGGER case_issue_insert AFTER INSERT ON "case" BEGIN
                    DELETE FROM case_issue WHERE case_id = NEW.id;
                    INSERT OR IGNORE INTO case_issue (issue, first_seen, case_id)
                        SELECT value, NEW.first_seen, NEW.id FROM json_each(NEW.body, '$.issues');
                END;
                CREATE TRIGGER case_issue_update AFTER UPDATE OF body, first_seen ON "case" BEGIN
                    DELETE FROM case_issue WHERE case_id = NEW.id;
                    INSERT OR IGNORE INTO case_issue (issue, first_seen, case_id)
                        SELECT value, NEW.first_seen, NEW.id FROM json_each(NEW.body, '$.issues');
                END;
                CREATE TRIGGER case_issue_delete AFTER DELETE ON "case" BEGIN
                    DELETE FROM case_issue WHERE case_id = OLD.id;
                END;
                """)
        }
        migrator.registerMigration("v11: a thread's listed state waits for its pages; failed pages are retried, with their history") { db in
            // A page failed for good under the old rule left its thread's board values stored as if
            // fetched: they are forgotten so the next crawl fetches the thread, and the page is due again.
            try db.execute(sql: """
                ALTER TABLE thread_state ADD COLUMN listed_reply_count INTEGER;
                ALTER TABLE thread_state ADD COLUMN listed_last_post TEXT;
                ALTER TABLE frontier ADD COLUMN error_history TEXT NOT NULL DEFAULT '[]';
                UPDATE thread_state SET listed_reply_count = reply_count, listed_last_post = last_post, reply_count = NULL, last_post = NULL
                    WHERE EXISTS (SELECT 1 FROM frontier f WHERE f.source = thread_state.source AND f.url = thread_state.last_page_url
                                  AND f.state = 'failed');
                UPDATE frontier SET state = 'pending', not_before = 0,
                    error_history = CASE WHEN last_error IS NULL THEN '[]'
                        ELSE json_array(json_object('at', 0, 'reason', last_error)) END
                    WHERE state = 'failed';
                """)
        }
        migrator.registerMigration("v12: the audit log refuses an insert that would replace or predate an entry") { db in
            // INSERT OR REPLACE deletes the old row without firing the delete trigger; a BEFORE
            // INSERT trigger runs before the conflict is resolved, so it refuses such an id first.
            // (Before the insert an id SQLite will assign reads -1, so the check after the insert
            // refuses an id given below the newest.)
            try db.execute(sql: """
                CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
                WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_no_backdating AFTER INSERT ON audit
                WHEN NEW.id <= 0 OR NEW.id < (SELECT MAX(id) FROM audit)
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        return migrator
    }
}
