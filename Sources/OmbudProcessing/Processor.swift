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
    /// Threads are read side by side in posting-time order (each in its own reading order), so a
    /// repost is found whichever thread it is in, as it would have been following the forum live.
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
        let threads = Set(batch.fresh.map { ThreadRef(source: $0.source, threadID: $0.threadID) }).sorted { $0.description < $1.description }
        // Each post's place in time: its own time, or the post before it in its thread's if later
        // (a thread is always read in its own order).
        var order: [(at: Date, thread: Int, index: Int)] = []
        for (number, thread) in threads.enumerated() {
            var latest = Date.distantPast
            for (index, entry) in (batch.threads[thread] ?? []).enumerated() {
                latest = max(latest, entry.post.postedAt)
                order.append((latest, number, index))
            }
        }
        order.sort { ($0.at, $0.thread, $0.index) < ($1.at, $1.thread, $1.index) }
        var contexts = [ThreadContext](repeating: .opening, count: threads.count)
        var judged: [Assessment] = []
        for (_, number, index) in order {
            let thread = threads[number]
            guard let (post, stored) = batch.threads[thread]?[index] else { continue }
            var context = contexts[number]
            context.isOpening = post.isOpening
            context.author = post.authorID
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
            contexts[number] = context.adding(assessment, official: rules.isOfficial(post) || assessment.isOurs)
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
    ///
    /// One pass in posting-time order, our posts in their place among the complaints: an answer
    /// answers only what was posted before it, and a complaint after it in its thread comes back
    /// after handling (二次投诉). So a first crawl of months of history gives the cases, answers
    /// and repeats that following the forum day by day would have given.
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
        let replies = SentReplies(batch.sent)
        var confirmedDrafts = Set<String>()
        let ordered = batch.pending.enumerated().sorted { ($0.element.post.postedAt, $0.offset) < ($1.element.post.postedAt, $1.offset) }
        for (post, assessment) in ordered.map(\.element) {
            if let assignment = grouper.assign(post, assessment) {
                changed.insert(assignment.caseID)
                let sketch = sketcher.sketch(of: post.text, size: rules.repostSketchSize)
                if !sketch.isEmpty { outcome.sketches[post.key] = sketch }
            }
            let thread = ThreadRef(source: post.source, threadID: post.threadID)
            let official = rules.isOfficial(post)
            let confirmed = replies.echoed(by: post) + (official ? replies.inThread(thread).filter { Self.mayBe($0, post) } : [])
            guard official || !confirmed.isEmpty else { continue }
            for subject in grouper.cases(in: thread) where subject.status == .open && post.postedAt >= subject.clockStart {
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

    /// What each thread of `subject` named: its opening and the case's posts there.
    func mentions(of subject: Case, _ batch: RefreshBatch) -> [ThreadRef: ThreadMentions] {
        var result: [ThreadRef: ThreadMentions] = [:]
        for thread in subject.threads {
            var told = subject.members.filter { $0.thread == thread }.compactMap { batch.posts[$0.post] }
            if let opening = batch.openings[thread], !told.contains(where: { $0.key == opening.key }) { told.insert(opening, at: 0) }
            let named = rules.grouper.mentions(in: told)
            result[thread] = ThreadMentions(places: named.places, dates: named.dates)
        }
        return result
    }

    /// The peers grading `cases` needs: for each issue of each case that names one fault (not
    /// one of the lexicon's `broad_issues`), the cases that raised it
    /// and began within the longest `same_type_days` of any lexicon around the case's first post
    /// (one query per issue and day). A case that raised no issue needs none.
    public func peerQueries(for cases: [Case], limit: Int = 50) -> [PeerQuery] {
        let days = ([rules.triage] + Array(rules.triageBySource.values)).map { $0.lexicon.severity.sameTypeDays ?? 30 }.max() ?? 30
        var seen = Set<String>()
        return cases.flatMap { subject in
            let day = (subject.firstSeen.timeIntervalSince1970 / 86_400).rounded(.down)
            return rules.triage(for: subject.source).sameProblemIssues(of: subject.issues).sorted().compactMap { issue -> PeerQuery? in
                guard seen.insert("\(issue)\u{1F}\(day)").inserted else { return nil }
                return PeerQuery(issue: issue, around: subject.firstSeen, window: Double(days) * 86_400, limit: limit)
            }
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
        var regrade = Set<String>()
        for subject in graded where subject.severityReasons.contains(where: { $0.rule == "severity.same_problem" }) {
            let window = Double(rules.triage(for: subject.source).lexicon.severity.sameTypeDays ?? 30) * 86_400
            let issues = rules.triage(for: subject.source).sameProblemIssues(of: subject.issues)
            // Only peers graded below hot can change: the pattern makes them hot.
            for peer in batch.peers where peer.severity < .hot && !current.contains(peer.id) && !peer.issues.isDisjoint(with: issues)
                && abs(peer.firstSeen.timeIntervalSince(subject.firstSeen)) <= window {
                regrade.insert(peer.id)
            }
        }
        let drafts = graded.flatMap { subject in
            rules.drafter.drafts(for: subject, posts: batch.posts, openings: batch.openings, mentions: mentions(of: subject, batch),
                                 categoryNames: rules.categoryNames)
        }
        let deadlines = graded.map { rules.deadlines.deadline(for: $0, channel: rules.channels[$0.source] ?? DeadlinePolicy.online) }
        return RefreshOutcome(cases: graded, drafts: drafts, deadlines: deadlines, regrade: regrade)
    }
}
