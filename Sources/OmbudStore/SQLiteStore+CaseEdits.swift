import Foundation
import GRDB
import OmbudCore

extension SQLiteStore {
    public func merge(_ caseIDs: [String], into targetID: String, by actor: String, at date: Date) throws -> Case {
        let others = caseIDs.filter { $0 != targetID }
        guard !others.isEmpty else {
            throw OmbudError(code: .caseMergeNothing, message: "nothing to merge into case \(targetID)", context: ["case": targetID],
                             fix: "choose at least one other case")
        }
        return try write { db in
            var target = try Self.fetchCase(targetID, db)
            var moved: [PostKey] = []
            for id in others {
                let other = try Self.fetchCase(id, db)
                let reason = Reason(rule: "grouping.merged", matched: actor, offset: 0, weight: 0,
                                    note: "merged from case \(other.id) by \(actor)")
                for var member in other.members {
                    if member.role == .origin { member.role = .report }
                    member.reasons.append(reason)
                    target.members.append(member)
                    moved.append(member.post)
                }
                // Someone still owes an answer if any of the merged cases was waiting for one: the
                // merged case is open and unanswered (an answer kept would stop its clock for good).
                if other.status == .open {
                    target.status = .open
                    target.answeredAt = nil
                }
                if let reopened = other.reopenedAt, reopened > (target.reopenedAt ?? .distantPast) { target.reopenedAt = reopened }
                // A person's edited draft is kept, re-addressed to the merged case and marked stale;
                // untouched drafts and the old deadline go, and are made again for the merged case.
                try db.execute(sql: "UPDATE draft SET case_id = ?, stale = 1 WHERE case_id = ? AND edited", arguments: [targetID, id])
                try db.execute(sql: "DELETE FROM draft WHERE case_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM deadline WHERE case_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM case_member WHERE case_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM \"case\" WHERE id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM case_key WHERE case_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM case_grouping WHERE case_id = ?", arguments: [id])
            }
            // The merged case is analysed again from its posts by the next pass (or the caller).
            try db.execute(sql: "INSERT OR IGNORE INTO case_regroup (case_id) VALUES (?)", arguments: [targetID])
            target.members.sort { $0.postedAt < $1.postedAt }
            try Self.recomputeUnions(&target, db)
            try Self.write(target, db)
            try Self.record(CaseEvent(at: date, actor: actor, action: .merge, caseID: targetID, otherCaseIDs: others, posts: moved), db)
            return target
        }
    }

    public func split(_ caseID: String, moving posts: [PostKey], by actor: String, at date: Date) throws -> (remaining: Case, split: Case) {
        guard !posts.isEmpty else {
            throw OmbudError(code: .caseSplitNothing, message: "no posts chosen to split from case \(caseID)", context: ["case": caseID],
                             fix: "choose the posts that belong to another event")
        }
        return try write { db in
            var original = try Self.fetchCase(caseID, db)
            let chosen = Set(posts)
            let members = Set(original.members.map(\.post))
            if let stranger = posts.first(where: { !members.contains($0) }) {
                throw OmbudError(code: .caseSplitForeignPost, message: "post \(stranger.source)/\(stranger.id) is not in case \(caseID)",
                                 context: ["case": caseID, "post": "\(stranger.source)/\(stranger.id)"],
                                 fix: "choose posts listed in the case")
            }
            guard chosen.count < members.count else {
                throw OmbudError(code: .caseSplitEverything, message: "splitting every post out of case \(caseID) would leave it empty",
                                 context: ["case": caseID], fix: "leave at least one post, or merge the case into another instead")
            }
            let reason = Reason(rule: "grouping.split", matched: actor, offset: 0, weight: 0, note: "split from case \(caseID) by \(actor)")
            var moving = original.members.filter { chosen.contains($0.post) }.sorted { $0.postedAt < $1.postedAt }
            original.members.removeAll { chosen.contains($0.post) }
            for index in moving.indices {
                moving[index].role = index == 0 ? .origin : (moving[index].role == .origin ? .report : moving[index].role)
                moving[index].reasons.append(reason)
            }
            if !original.members.contains(where: { $0.role == .origin }) {
                original.members.sort { $0.postedAt < $1.postedAt }
                original.members[0].role = .origin
            }
            var id = "\(moving[0].post.source)-\(moving[0].post.id)"
            var suffix = 1
            while try Bool.fetchOne(db, sql: "SELECT 1 FROM \"case\" WHERE id = ?", arguments: [id]) == true {
                suffix += 1
                id = "\(moving[0].post.source)-\(moving[0].post.id)-split\(suffix)"
            }
            var split = Case(id: id, category: original.category, members: moving, issues: [], flags: [], status: original.status)
            split.answeredAt = original.answeredAt
            // Each part of a reopened case was reopened by its own latest repeat, if it kept one.
            if original.reopenedAt != nil {
                original.reopenedAt = Self.latestRepeat(in: original)
                split.reopenedAt = Self.latestRepeat(in: split)
            }
            let assessments = try Self.assessments(moving.map(\.post), db)
            if let first = assessments[moving[0].post], first.isComplaint { split.category = first.primaryCategory }
            try Self.recomputeUnions(&original, db)
            try Self.recomputeUnions(&split, db)
            try Self.write(original, db)
            try Self.write(split, db)
            // Both cases are analysed again from their posts by the next pass (or the caller).
            try db.execute(sql: "INSERT OR IGNORE INTO case_regroup (case_id) VALUES (?), (?)", arguments: [original.id, split.id])
            // The original's drafts were written for posts some of which left: a person looks again.
            try db.execute(sql: "UPDATE draft SET stale = 1 WHERE case_id = ?", arguments: [caseID])
            try Self.record(CaseEvent(at: date, actor: actor, action: .split, caseID: caseID, otherCaseIDs: [id], posts: moving.map(\.post)),
                            db)
            return (original, split)
        }
    }

    public func caseEvents(caseID: String) throws -> [CaseEvent] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT body FROM case_event WHERE case_id = ? ORDER BY at, id", arguments: [caseID])
                .map { try JSON.decode(CaseEvent.self, $0) }
        }
    }

    private static func fetchCase(_ id: String, _ db: Database) throws -> Case {
        guard let subject = try storedCase(id: id, db) else {
            throw OmbudError(code: .caseUnknown, message: "there is no case \(id)", context: ["case": id],
                             fix: "reload the dashboard: the case may have been merged or split meanwhile")
        }
        return subject
    }

    /// When the latest member that raised `subject` again after an answer (`grouping.repeat`) was
    /// posted; nil when none did.
    private static func latestRepeat(in subject: Case) -> Date? {
        subject.members.filter { $0.reasons.contains { $0.rule == "grouping.repeat" } }.map(\.postedAt).max()
    }

    /// Issues and flags are the union of what the members' assessments raised, in member order
    /// (an aside's issues are not the case's).
    private static func recomputeUnions(_ subject: inout Case, _ db: Database) throws {
        let assessments = try assessments(subject.members.map(\.post), db)
        var issues: [String] = []
        var flags = Set<Flag>()
        for member in subject.members {
            guard let assessment = assessments[member.post] else { continue }
            if member.role != .aside { for issue in assessment.issues where !issues.contains(issue) { issues.append(issue) } }
            flags.formUnion(assessment.flags)
        }
        // Keep what the case had when no assessment is stored (cases made by hand in tests).
        if !assessments.isEmpty {
            subject.issues = issues
            subject.flags = flags.union(subject.flags.intersection([.repeat]))
        }
    }

    private static func record(_ event: CaseEvent, _ db: Database) throws {
        for id in [event.caseID] + event.otherCaseIDs {
            try db.execute(sql: "INSERT INTO case_event (case_id, at, body) VALUES (?, ?, ?)",
                           arguments: [id, event.at.timeIntervalSince1970, try JSON.encode(event)])
        }
    }
}
