import Foundation
import OmbudCore
import OmbudDeadlines
import OmbudDrafting
import OmbudGrouping
import OmbudTriage

/// One processing pass as pure steps: judge new posts, group them, grade and draft the cases
/// they changed. No I/O: each step takes what the store read and returns what the store writes.
///
/// A pass runs three steps because what a step must read depends on what the one before
/// decided: the cases to load depend on the new posts' verdicts, the peers to grade by on the
/// cases changed. The caller runs all three in one store transaction:
///
/// 1. ``repostKeys(for:)``, then ``judge(_:)`` the posts not yet judged;
/// 2. ``lookup(for:)``, then ``group(_:)`` the judged posts not yet grouped;
/// 3. ``peerQueries(for:limit:)``, then ``refresh(_:)`` the cases grouping changed.
///
/// ``rebuild(_:posts:)`` recomputes the grouping state of stored cases that have none.
public struct Processor: Sendable {
    /// The rules applied.
    public let rules: ProcessingRules

    /// Creates a processor.
    public init(rules: ProcessingRules) {
        self.rules = rules
    }

    // MARK: 1. Judging

    /// For each post of `fresh` long enough to repeat another, the 3-gram keys the store matches
    /// against its repost sketches to find the stored posts it may repeat (``TriageBatch/earlier``).
    public func repostKeys(for fresh: [Post]) -> [PostKey: Set<UInt64>] {
        let index = RepostIndex()
        var keys: [PostKey: Set<UInt64>] = [:]
        for post in fresh {
            let own = index.keys(of: post.text)
            if !own.isEmpty { keys[post.key] = own }
        }
        return keys
    }

    /// The verdict on every post of `batch.fresh`, each read with its thread: the verdicts on the
    /// posts before it, in reading order, and whether it repeats an earlier post of another thread.
    ///
    /// Our own posts are not complaints: those of official accounts, and our sent replies read
    /// back from their threads (``ReplyEcho``), whoever the forum shows as author.
    public func judge(_ batch: TriageBatch) -> [Assessment] {
        let replies = SentReplies(batch.sent)
        var earlier = RepostIndex()
        for entry in batch.earlier.sorted(by: { ($0.postedAt, $0.post.description) < ($1.postedAt, $1.post.description) }) {
            earlier.add(id: entry.post.description, thread: entry.thread.description, text: entry.text, at: entry.postedAt)
        }
        let fresh = Set(batch.fresh.map(\.key))
        var judged: [Assessment] = []
        for thread in Set(batch.fresh.map { ThreadRef(source: $0.source, threadID: $0.threadID) }).sorted(by: { $0.description < $1.description }) {
            var context = ThreadContext.opening
            for (post, stored) in batch.threads[thread] ?? [] {
                context.isOpening = post.isOpening
                let assessment: Assessment
                if fresh.contains(post.key) {
                    var seen = context
                    seen.repostOf = earlier.original(of: post.text, thread: thread.description, at: post.postedAt)
                    assessment = judge(post, in: seen, replies: replies)
                    judged.append(assessment)
                    if assessment.isComplaint { earlier.add(id: post.key.description, thread: thread.description, text: post.text, at: post.postedAt) }
                } else if let stored {
                    assessment = stored
                } else {
                    continue
                }
                context = context.adding(assessment, official: rules.isOfficial(post) || assessment.isOurs)
            }
        }
        return judged
    }

    private func judge(_ post: Post, in context: ThreadContext, replies: SentReplies) -> Assessment {
        if rules.isOfficial(post) { return .ours(post.key, author: post.author) }
        if let reply = replies.echoed(by: post).first {
            return .ours(post.key, author: post.author, reply: "our reply to case \(reply.caseID), sent from Ombud")
        }
        return rules.triage(for: post.source).assess(post, context: context)
    }

    // MARK: 2. Grouping

    /// What the store must load before `pending` can be grouped.
    public func lookup(for pending: [(post: Post, assessment: Assessment)]) -> CaseLookup {
        rules.grouper.lookup(for: pending)
    }

    /// Groups `batch.pending` among the cases loaded for them; answers the open cases of a
    /// thread where our post appears after their first post (which stops their clocks), and
    /// confirms the sent replies those posts echo.
    public func group(_ batch: GroupingBatch) -> GroupingOutcome {
        var outcome = GroupingOutcome()
        var grouper = rules.grouper
        for (subject, state) in batch.cases.sorted(by: { ($0.case.lastSeen, $0.case.id) < ($1.case.lastSeen, $1.case.id) }) {
            if let state {
                grouper.restore(subject, state: state)
            } else {
                grouper.restore(subject, posts: batch.posts)
                outcome.rebuilt.insert(subject.id)
            }
        }
        let sketcher = RepostIndex()
        var changed = Set<String>()
        for (post, assessment) in batch.pending {
            guard let assignment = grouper.assign(post, assessment) else { continue }
            changed.insert(assignment.caseID)
            let sketch = sketcher.sketch(of: post.text, size: rules.repostSketchSize)
            if !sketch.isEmpty { outcome.sketches[post.key] = sketch }
        }
        let replies = SentReplies(batch.sent)
        var confirmedDrafts = Set<String>()
        for (post, _) in batch.pending {
            let thread = ThreadRef(source: post.source, threadID: post.threadID)
            let official = rules.isOfficial(post)
            let confirmed = replies.echoed(by: post) + (official ? replies.inThread(thread).filter { Self.mayBe($0, post) } : [])
            guard official || !confirmed.isEmpty else { continue }
            for subject in grouper.cases(in: thread) where subject.status == .open && post.postedAt >= subject.firstSeen {
                grouper.markReplied(subject.id, at: post.postedAt)
                changed.insert(subject.id)
            }
            for var draft in confirmed where confirmedDrafts.insert("\(draft.caseID)\u{1F}\(draft.thread)").inserted {
                draft.review?.confirmedAt = batch.now
                draft.review?.confirmedURL = post.url
                outcome.confirmed.append(draft)
                outcome.audit.append(AuditEntry(at: batch.now, actor: "crawler", action: "draft.confirmed", caseID: draft.caseID,
                                                after: post.url, note: "\(draft.thread): seen as \(post.author)'s post of \(post.postedAt)"))
            }
        }
        outcome.grouped = batch.pending.map(\.post.key)
        outcome.cases = changed.sorted().compactMap { grouper.caseWithID($0) }
        for id in changed.union(outcome.rebuilt).sorted() {
            outcome.states[id] = grouper.state(of: id)
            outcome.index += grouper.indexEntries(of: id)
        }
        return outcome
    }

    /// The grouping state, index rows and repost sketches of stored cases that have no state
    /// (stored by an older version, or merged or split since), from their posts.
    public func rebuild(_ cases: [Case], posts: [PostKey: Post]) -> GroupingOutcome {
        var outcome = GroupingOutcome()
        var grouper = rules.grouper
        let sketcher = RepostIndex()
        for subject in cases.sorted(by: { ($0.lastSeen, $0.id) < ($1.lastSeen, $1.id) }) {
            grouper.restore(subject, posts: posts)
            outcome.rebuilt.insert(subject.id)
            for member in subject.members {
                guard let post = posts[member.post] else { continue }
                let sketch = sketcher.sketch(of: post.text, size: rules.repostSketchSize)
                if !sketch.isEmpty { outcome.sketches[post.key] = sketch }
            }
        }
        for id in outcome.rebuilt.sorted() {
            outcome.states[id] = grouper.state(of: id)
            outcome.index += grouper.indexEntries(of: id)
        }
        return outcome
    }

    /// Whether an official account's `post` may be the sent `draft`, as far as time tells: not
    /// written well before it went out (forums show minutes; clocks differ a little).
    private static func mayBe(_ draft: Draft, _ post: Post) -> Bool {
        guard let sentAt = draft.review?.postedAt else { return false }
        return post.postedAt >= sentAt.addingTimeInterval(-600)
    }

    // MARK: 3. Grading and drafting

    /// The peers grading `cases` needs: for each, the cases of its category that began within
    /// the longest `same_type_days` of any lexicon around its first post (one query per
    /// category and day).
    public func peerQueries(for cases: [Case], limit: Int = 50) -> [PeerQuery] {
        let days = ([rules.triage] + Array(rules.triageBySource.values)).map { $0.lexicon.severity.sameTypeDays ?? 30 }.max() ?? 30
        var seen = Set<String>()
        return cases.compactMap { subject in
            let day = (subject.firstSeen.timeIntervalSince1970 / 86_400).rounded(.down)
            guard seen.insert("\(subject.category)\u{1F}\(day)").inserted else { return nil }
            return PeerQuery(category: subject.category, around: subject.firstSeen, window: Double(days) * 86_400, limit: limit)
        }
    }

    /// Grades each case against its peers (the stored ones, with this pass's versions of the
    /// cases in `batch.cases` in their place), adds its threads' replies and views, and writes
    /// its drafts and deadline.
    public func refresh(_ batch: RefreshBatch) -> RefreshOutcome {
        let current = Set(batch.cases.map(\.id))
        let peers = batch.peers.filter { !current.contains($0.id) } + batch.cases.map(\.peer)
        var graded: [Case] = []
        for var subject in batch.cases {
            let (severity, reasons) = rules.triage(for: subject.source).severity(of: subject, peers: peers)
            subject.severity = severity
            subject.severityReasons = reasons
            var replies: Int?
            var views: Int?
            for thread in subject.threads {
                guard let state = batch.threadStates[thread] else { continue }
                if let count = state.replyCount { replies = (replies ?? 0) + count }
                if let count = state.viewCount { views = (views ?? 0) + count }
            }
            subject.replies = replies
            subject.views = views
            graded.append(subject)
        }
        let drafts = graded.flatMap { rules.drafter.drafts(for: $0, posts: batch.posts, categoryNames: rules.categoryNames) }
        let deadlines = graded.map { rules.deadlines.deadline(for: $0, channel: rules.channels[$0.source] ?? DeadlinePolicy.online) }
        return RefreshOutcome(cases: graded, drafts: drafts, deadlines: deadlines)
    }
}
