import Foundation
import OmbudCore

/// Puts complaint posts into cases, one case per real event, incrementally (domain.md §3).
///
/// A new post is compared only with the cases an index offers for its keys — the specifics it
/// names (`building:3`, `facility:电梯`, `date:11-18`), its issues and category, and the
/// MinHash bands of its 3-grams — each key yielding at most `candidates_per_key` of the newest
/// cases. So the cost per post stays flat however many cases are stored. Pure: the caller
/// persists the cases and feeds back the stored ones, with their stored states
/// (``restore(_:state:)``) or their posts (``restore(_:posts:)``); a grouper need only hold the
/// cases its ``lookup(for:)`` reaches (the stored ids a new case could take among them).
public struct Grouper: Sendable {
    /// The rules in force.
    public let rules: GroupingRules

    /// Reads the specifics, 3-grams and bands of a post.
    let analyzer: PostAnalyzer
    /// Scores a post against a case, for the decision and for its reasons alike.
    let scorer: JoinScorer
    var index: CandidateIndex
    var slots: [CaseState] = []
    var slotOfCase: [String: Int32] = [:]
    private var slotOfPost: [PostKey: Int32] = [:]
    private var slotsOfThread: [ThreadRef: [Int32]] = [:]
    /// The latest post time of each case, by slot: kept apart from the case states so the
    /// candidate loop and the band table's pruning read it without touching them.
    var lastSeenOfSlot: [Date] = []
    /// The latest post time seen: what "quiet" is measured against when the band table is pruned.
    var newest = Date.distantPast

    /// The most member posts a case keeps for similarity (its first and its newest).
    static let exemplarLimit = 4
    /// The most cases a post is compared with in full, the likeliest first: the bound on the
    /// cost per post.
    public static let scoredLimit = 24

    /// A case with what grouping needs to compare posts against it quickly.
    struct CaseState: Sendable {
        var value: Case
        /// Hashes of every specific its posts named.
        var specifics: Set<UInt64> = []
        /// A bit per kind its posts named, and one value named for each (for explanations).
        var kindMask: UInt64 = 0
        var nameOfKind: [Int: String] = [:]
        var exemplars: [PostFeatures] = []
        var issues: Set<String>
        /// How the case's first post was written.
        var writing: GroupingText.Writing?
    }

    /// Checks and compiles `rules`. Throws ``OmbudError`` `grouping.*` naming the key and the fix.
    public init(rules: GroupingRules) throws {
        self.rules = rules
        let perKey = rules.candidatesPerKey ?? 24
        guard perKey >= 1 else {
            throw OmbudError(code: .groupingInvalid, message: "must be at least 1", context: ["key": "candidates_per_key"], fix: "use 24, the default")
        }
        for (key, value, fix) in [("window_hours", rules.windowHours, "use 72: posts of one event are at most that far apart"),
                                  ("separate_problems_days", rules.separateProblemsDays ?? 7, "use 7, the default"),
                                  ("repeat_days", Double(rules.repeatDays ?? 30), "use 30, the default")] where !(value > 0) {
            throw OmbudError(code: .groupingInvalid, message: "\(value) is not a positive length of time", context: ["key": key], fix: fix)
        }
        guard rules.joinScore > 0, (0...1).contains(rules.repostSimilarity) else {
            throw OmbudError(code: .groupingInvalid, message: "join_score must be positive and repost_similarity between 0 and 1",
                             context: ["key": rules.joinScore > 0 ? "repost_similarity" : "join_score"], fix: "restore the value from the repository")
        }
        analyzer = try PostAnalyzer(rules: rules)
        scorer = JoinScorer(rules: rules, finders: analyzer.finders)
        index = CandidateIndex(perKey: perKey)
    }

    /// What happened to one post.
    public struct Assignment: Sendable, Hashable {
        /// The case the post joined or opened.
        public var caseID: String
        /// Its role in the case.
        public var role: CaseMember.Role
        /// Whether the post opened a new case.
        public var opened: Bool
        /// How many cases the post was compared with: bounded by the index, whatever the number
        /// of cases stored (0 for replies settled by their thread).
        public var compared: Int = 0
    }

    /// Every case known, in the order they were opened or restored.
    public var cases: [Case] { slots.map(\.value) }

    /// How many cases are known.
    public var caseCount: Int { slots.count }

    /// The case with `id`, if known.
    public func caseWithID(_ id: String) -> Case? {
        slotOfCase[id].map { slots[Int($0)].value }
    }

    /// The cases with a post in `thread`, oldest first.
    public func cases(in thread: ThreadRef) -> [Case] {
        (slotsOfThread[thread] ?? []).map { slots[Int($0)].value }.sorted { $0.firstSeen < $1.firstSeen }
    }

    /// Marks a case answered at `time` (the answer's post time): its clock stops, and reports
    /// from other threads no longer join it (replies in its own threads still do). The first
    /// answer is the one the deadline is judged by; a reply that was waiting to be seen is seen.
    public mutating func markReplied(_ caseID: String, at time: Date) {
        guard let slot = slotOfCase[caseID] else { return }
        slots[Int(slot)].value.status = .replied
        slots[Int(slot)].value.replySentAt = nil
        if slots[Int(slot)].value.answeredAt == nil { slots[Int(slot)].value.answeredAt = time }
    }

    /// Feeds back a stored case and the posts of its members, rebuilding the indexes without
    /// re-deciding membership. Members whose post is missing from `posts` still count, but are
    /// not compared with new posts.
    public mutating func restore(_ stored: Case, posts: [PostKey: Post]) {
        let slot = place(stored)
        for member in stored.members {
            if let post = posts[member.post], member.role != .aside { remember(features(of: post), in: slot, extending: Self.extends(member)) }
        }
    }

    /// Holds `stored` (replacing the version held, if any) with its members, threads, category and
    /// issues indexed; its specifics and exemplars are the caller's to add.
    mutating func place(_ stored: Case) -> Int32 {
        let slot: Int32
        if let known = slotOfCase[stored.id] {
            slot = known
            slots[Int(slot)].value = stored
        } else {
            slot = Int32(slots.count)
            slots.append(CaseState(value: stored, issues: Set(stored.issues)))
            lastSeenOfSlot.append(stored.lastSeen)
            slotOfCase[stored.id] = slot
        }
        lastSeenOfSlot[Int(slot)] = stored.lastSeen
        newest = max(newest, stored.lastSeen)
        index.add(Self.categoryKey(stored.category), slot: slot)
        for issue in stored.issues { index.add(Self.issueKey(issue), slot: slot) }
        for member in stored.members {
            slotOfPost[member.post] = slot
            addThread(member.thread, slot: slot)
        }
        return slot
    }

    /// Assigns one post given its assessment; returns nil when the post neither is a complaint
    /// nor follows up on a thread that has a case.
    ///
    /// A post already in a case is left where it is and its assignment returned.
    public mutating func assign(_ post: Post, _ assessment: Assessment) -> Assignment? {
        if let slot = slotOfPost[post.key], let member = slots[Int(slot)].value.members.first(where: { $0.post == post.key }) {
            return Assignment(caseID: slots[Int(slot)].value.id, role: member.role, opened: false)
        }
        newest = max(newest, post.postedAt)
        let thread = ThreadRef(source: post.source, threadID: post.threadID)
        // A case people judged not a complaint takes no part: nothing joins it, nothing repeats it.
        let threadSlots = (slotsOfThread[thread] ?? []).filter { slots[Int($0)].value.status != .notComplaint }
            .sorted { slots[Int($0)].value.firstSeen < slots[Int($1)].value.firstSeen }

        // A reply in a case's thread that raises no issue the case lacks belongs to that case:
        // a bare "+1" adds heat, a complaint adds a complainant. A complaint raising new issues
        // goes to the case it reports, if another scores; else it stays with its thread's open
        // case (most such replies tell the same event in other words) without extending what
        // that case is found by.
        var threadCase: Int32?
        if !post.isOpening, let target = threadSlots.first {
            let subject = slots[Int(target)]
            let followUp = analyzer.isFollowUp(post)
            if subject.value.status != .open, assessment.isComplaint, !followUp, Self.isAfterHandling(post, subject.value),
               assessment.issues.isEmpty || !subject.issues.isDisjoint(with: assessment.issues) {
                // A complaint in a thread we already answered, about its problem, written after the
                // answer: the problem came back (二次投诉), and the case is open again. Joined by its
                // thread, it does not extend what the case is found by.
                let reasons = [Reason(rule: "grouping.repeat", matched: subject.value.id, offset: 0, weight: 0,
                                      note: "raised again in the thread of case \(subject.value.id) after it was answered: the case is reopened"),
                               Reason(rule: "grouping.same_thread", matched: post.threadID, offset: 0, weight: 0,
                                      note: "in the case's own thread")]
                reopen(target, by: post, assessment, features(of: post), reasons: reasons)
                return Assignment(caseID: subject.value.id, role: .report, opened: false)
            } else if subject.value.status == .open || !assessment.isComplaint || followUp || !Self.isAfterHandling(post, subject.value),
                      Set(assessment.issues).isSubset(of: subject.issues) {
                // An open case's thread; or an answered one, for a reply written before the answer
                // (crawled late), which the answer already answered: it joins, the case stays answered.
                if followUp {
                    let reason = Reason(rule: "grouping.follow_up", matched: String(post.text.prefix(20)), offset: 0, weight: 0,
                                        note: "a reply in the case's thread that adds nothing new")
                    join(post, assessment, features(of: post), slot: target, role: .followUp, reasons: [reason])
                    return Assignment(caseID: subject.value.id, role: .followUp, opened: false)
                }
                if assessment.isComplaint {
                    let reason = Reason(rule: "grouping.same_thread", matched: post.threadID, offset: 0, weight: 0,
                                        note: "a complaint in the case's thread raising no new issue")
                    join(post, assessment, features(of: post), slot: target, role: .report, reasons: [reason])
                    return Assignment(caseID: subject.value.id, role: .report, opened: false)
                }
            } else if subject.value.status == .open, assessment.isComplaint {
                threadCase = target
            }
        }
        guard assessment.isComplaint else { return nil }

        let own = features(of: post)
        let keys = keys(of: own, assessment)
        var best: (slot: Int32, score: Double, similarity: Double)?
        // The answered case this post raises again, if no open case takes it.
        var again: (slot: Int32, score: Double)?
        // An unanswered case gone quiet for longer than the window that this post raises again.
        var stillOpen: (slot: Int32, score: Double, similarity: Double)?
        let candidates = candidates(for: keys)
        // Read the cases in place, and capture no `self`: copying a case state (or the grouper)
        // per candidate was a measurable cost.
        let (scorer, joinScore, window, repostSimilarity) = (scorer, rules.joinScore, rules.windowHours * 3600, rules.repostSimilarity)
        var noTerms = JoinScorer.Unrecorded()
        let repeatSeconds = Double(rules.repeatDays ?? 30) * 86_400
        let separateSeconds = (rules.separateProblemsDays ?? 7) * 86_400
        let ownIssues = Set(assessment.issues)
        // Both arrays are read through buffers that end with the loop, so the join that follows
        // mutates them in place instead of copying them.
        lastSeenOfSlot.withUnsafeBufferPointer { lastSeen in
            slots.withUnsafeBufferPointer { slots in
                for candidate in candidates {
                    let position = Int(candidate)
                    if slots[position].value.status == .notComplaint { continue }
                    if slots[position].value.status != .open {
                        // The same event after it was answered, or the same author with the same issue again.
                        let after = post.postedAt.timeIntervalSince(lastSeen[position])
                        guard after > 0, after <= repeatSeconds, Self.isAfterHandling(post, slots[position].value) else { continue }
                        let sameAuthor = slots[position].value.complainants.contains(post.authorID)
                            && !slots[position].issues.isDisjoint(with: assessment.issues)
                        let score = scorer.score(own, assessment, against: slots.baseAddress! + position, joinScore: joinScore, terms: &noTerms).score
                        if sameAuthor || score >= joinScore, score > (again?.score ?? -.infinity) { again = (candidate, score) }
                        continue
                    }
                    guard abs(post.postedAt.timeIntervalSince(lastSeen[position])) <= window else {
                        // Quiet for longer than the window and never answered: the same problem raised
                        // again within repeat_days (a near-verbatim repost, or one of its complainants on
                        // its issue naming no other place: "still not fixed") is the same ongoing event.
                        // A case of the post's own thread is left to the thread's rules above.
                        let after = post.postedAt.timeIntervalSince(lastSeen[position])
                        guard after > 0, after <= repeatSeconds, !threadSlots.contains(candidate) else { continue }
                        let scored = scorer.score(own, assessment, against: slots.baseAddress! + position, joinScore: joinScore, terms: &noTerms)
                        let sameAuthor = scored.score > 0 && !slots[position].issues.isDisjoint(with: assessment.issues)
                            && slots[position].value.members.contains { $0.authorID == post.authorID && $0.isComplaint != false && $0.role != .aside }
                        if sameAuthor || scored.similarity >= repostSimilarity, scored.score > (stillOpen?.score ?? -.infinity) {
                            stillOpen = (candidate, scored.score, scored.similarity)
                        }
                        continue
                    }
                    // Another problem, weeks after the case began: another event, whatever it shares.
                    if !ownIssues.isEmpty, !slots[position].issues.isEmpty, ownIssues.isDisjoint(with: slots[position].issues),
                       post.postedAt.timeIntervalSince(slots[position].value.members.first?.postedAt ?? post.postedAt) > separateSeconds { continue }
                    let scored = scorer.score(own, assessment, against: slots.baseAddress! + position, joinScore: joinScore, terms: &noTerms)
                    if scored.score >= joinScore, scored.score > (best?.score ?? -.infinity) {
                        best = (candidate, scored.score, scored.similarity)
                    }
                }
            }
        }
        if let best {
            let role: CaseMember.Role = best.similarity >= rules.repostSimilarity ? .repost : .report
            join(post, assessment, own, slot: best.slot, role: role, reasons: explain(own, assessment, against: Int(best.slot)))
            return Assignment(caseID: slots[Int(best.slot)].value.id, role: role, opened: false, compared: candidates.count)
        }
        if let stillOpen, stillOpen.score >= (again?.score ?? -.infinity) {
            let role: CaseMember.Role = stillOpen.similarity >= rules.repostSimilarity ? .repost : .report
            let id = slots[Int(stillOpen.slot)].value.id
            let reason = Reason(rule: "grouping.still_open", matched: id, offset: 0, weight: 0,
                                note: role == .repost ? "a near-verbatim repost of case \(id), still unanswered" :
                                    "its complainant raises the issue of case \(id) again, still unanswered")
            join(post, assessment, own, slot: stillOpen.slot, role: role, reasons: [reason])
            return Assignment(caseID: id, role: role, opened: false, compared: candidates.count)
        }
        if let again {
            let id = slots[Int(again.slot)].value.id
            let reason = Reason(rule: "grouping.repeat", matched: id, offset: 0, weight: 0,
                                note: "raised again after case \(id) was answered: the case is reopened")
            reopen(again.slot, by: post, assessment, own, reasons: [reason])
            return Assignment(caseID: id, role: .report, opened: false, compared: candidates.count)
        }
        // An aside's flags and least severity still count: someone at risk told in passing makes
        // the case major, not a case nobody sees.
        if let threadCase {
            let reason = Reason(rule: "grouping.same_thread", matched: post.threadID, offset: 0, weight: 0,
                                note: "a complaint in the case's thread that no other case takes")
            join(post, assessment, own, slot: threadCase, role: .aside, reasons: [reason])
            return Assignment(caseID: slots[Int(threadCase)].value.id, role: .aside, opened: false, compared: candidates.count)
        }
        var opened = open(post, assessment, own, thread: thread, inThreadOfCase: !threadSlots.isEmpty)
        opened.compared = candidates.count
        return opened
    }

    private mutating func open(_ post: Post, _ assessment: Assessment, _ own: PostFeatures, thread: ThreadRef, inThreadOfCase: Bool) -> Assignment {
        var id = "\(post.source)-\(post.id)"
        var suffix = 2
        while slotOfCase[id] != nil {
            id = "\(post.source)-\(post.id)-\(suffix)"
            suffix += 1
        }
        let note = inThreadOfCase ? "a reply raising new content: a new case in the same thread" : "no open case shares its specifics"
        let reasons = [Reason(rule: "grouping.new_case", matched: "", offset: 0, weight: 0, note: note)]
        let origin = CaseMember(post: post.key, thread: thread, authorID: post.authorID, authorName: post.author,
                                postedAt: post.postedAt, role: .origin, reasons: reasons, isComplaint: true)
        var value = Case(id: id, category: assessment.primaryCategory, members: [origin], issues: assessment.issues, flags: assessment.flags)
        value.severityFloor = assessment.caseSeverity
        let slot = Int32(slots.count)
        slots.append(CaseState(value: value, issues: Set(assessment.issues)))
        lastSeenOfSlot.append(post.postedAt)
        slotOfCase[id] = slot
        slotOfPost[post.key] = slot
        addThread(thread, slot: slot)
        index.add(Self.categoryKey(value.category), slot: slot)
        for issue in assessment.issues { index.add(Self.issueKey(issue), slot: slot) }
        remember(own, in: slot)
        return Assignment(caseID: id, role: .origin, opened: true)
    }

    /// The index keys of a post, each with what finding a case through it suggests.
    func keys(of own: PostFeatures, _ assessment: Assessment) -> [(key: UInt64, prior: Double, band: Bool)] {
        var keys: [(UInt64, Double, Bool)] = own.specifics.map { ($0.hash, $0.weight, false) }
        keys += assessment.issues.map { (Self.issueKey($0), rules.issueWeight, false) }
        // A post that names nothing specific can still be a report of a recent case of its category.
        if keys.isEmpty { keys.append((Self.categoryKey(assessment.primaryCategory), 0, false)) }
        // A near copy is of a recent post: a band offers only its few newest cases.
        keys += own.bands.map { ($0, 1, true) }
        return keys
    }

    /// The likeliest cases for a post's keys: at most ``scoredLimit``, by the summed prior of the
    /// keys that found them.
    private func candidates(for keys: [(key: UInt64, prior: Double, band: Bool)]) -> [Int32] {
        // Sum the priors per case in a small open-addressing table on the stack: a Dictionary
        // (hashing every slot with SipHash) was a tenth of the time per post.
        let capacity = 1 << max(6, (keys.count * (index.perKey + 4) * 2).bitWidth - (keys.count * (index.perKey + 4) * 2).leadingZeroBitCount)
        return withUnsafeTemporaryAllocation(of: (slot: Int32, prior: Double).self, capacity: capacity) { table in
            table.initialize(repeating: (-1, 0))
            var used: [Int] = []
            used.reserveCapacity(64)
            func add(_ slot: Int32, _ weight: Double) {
                var position = Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: slot)) &* 0x9E37_79B9_7F4A_7C15) >> 40) & (capacity - 1)
                while table[position].slot != -1, table[position].slot != slot { position = (position + 1) & (capacity - 1) }
                if table[position].slot == -1 {
                    table[position].slot = slot
                    used.append(position)
                }
                table[position].prior += weight
            }
            for (key, weight, band) in keys {
                if band {
                    for slot in index.cases(forBand: key) { add(slot, weight) }
                } else {
                    for slot in index.cases(for: key) { add(slot, weight) }
                }
            }
            // The top `scoredLimit` by prior, newest first among equals (so ties go the same way
            // every run), kept in a small sorted buffer rather than sorting every candidate.
            let ahead = { (a: (slot: Int32, prior: Double), b: (slot: Int32, prior: Double)) in
                a.prior != b.prior ? a.prior > b.prior : a.slot > b.slot
            }
            var top: [(slot: Int32, prior: Double)] = []
            top.reserveCapacity(Self.scoredLimit + 1)
            for position in used {
                let entry = table[position]
                if top.count == Self.scoredLimit, !ahead(entry, top[top.count - 1]) { continue }
                let at = top.firstIndex { ahead(entry, $0) } ?? top.count
                top.insert(entry, at: at)
                if top.count > Self.scoredLimit { top.removeLast() }
            }
            return top.map(\.slot)
        }
    }

    /// Why a post joins a case: every term of its score, as reasons people read.
    private func explain(_ own: PostFeatures, _ assessment: Assessment, against position: Int) -> [Reason] {
        var terms = JoinScorer.Reasons()
        _ = slots.withUnsafeBufferPointer { scorer.score(own, assessment, against: $0.baseAddress! + position, joinScore: -.infinity, terms: &terms) }
        return terms.reasons
    }

    /// Whether `post` was written after `subject` was answered (or, for a case closed without a
    /// recorded answer, after its last post): only then can it raise the case again.
    static func isAfterHandling(_ post: Post, _ subject: Case) -> Bool {
        post.postedAt > (subject.answeredAt ?? subject.lastSeen)
    }

    /// Joins a complaint to an answered case it raises again (二次投诉): the case is open again,
    /// flagged `repeat`, its clock runs from this post, and the next answer answers it.
    private mutating func reopen(_ slot: Int32, by post: Post, _ assessment: Assessment, _ own: PostFeatures, reasons: [Reason]) {
        join(post, assessment, own, slot: slot, role: .report, reasons: reasons)
        let position = Int(slot)
        slots[position].value.flags.insert(.repeat)
        slots[position].value.status = .open
        slots[position].value.reopenedAt = post.postedAt
        slots[position].value.answeredAt = nil
        slots[position].value.replySentAt = nil
    }

    /// Adds `post` to the case in `slot`. A post that joined by its thread alone (``extends(_:)``
    /// false: a follow-up, a same-thread report) does not extend what the case is found by: a
    /// reply in a fee thread that mentions a building's elevator must not make the fee case the
    /// place where that elevator's next entrapment is filed. An aside adds neither its issues nor
    /// anything the case is found by.
    private mutating func join(_ post: Post, _ assessment: Assessment, _ own: PostFeatures, slot: Int32, role: CaseMember.Role,
                               reasons: [Reason]) {
        let thread = ThreadRef(source: post.source, threadID: post.threadID)
        let position = Int(slot)
        let member = CaseMember(post: post.key, thread: thread, authorID: post.authorID, authorName: post.author,
                                postedAt: post.postedAt, role: role, reasons: reasons, isComplaint: assessment.isComplaint)
        slots[position].value.members.append(member)
        // An aside's issues are not the case's: the case is not found by them.
        for issue in assessment.issues where role != .aside && slots[position].issues.insert(issue).inserted {
            slots[position].value.issues.append(issue)
            index.add(Self.issueKey(issue), slot: slot)
        }
        slots[position].value.flags.formUnion(assessment.flags)
        if let floor = assessment.caseSeverity, floor > (slots[position].value.severityFloor ?? .general) {
            slots[position].value.severityFloor = floor
        }
        lastSeenOfSlot[position] = max(lastSeenOfSlot[position], post.postedAt)
        slotOfPost[post.key] = slot
        addThread(thread, slot: slot)
        if role != .aside { remember(own, in: slot, extending: Self.extends(member)) }
    }

    /// Whether a member joined by what it said (and so extends what its case is found by), not
    /// by its thread alone (a follow-up, a same-thread report, an aside).
    /// How long after its last post a case can still take a post: `window_hours` for another
    /// report, `repeat_days` for its problem raised again (answered or not). Cases quiet for longer
    /// need not be offered by the index.
    var reachSeconds: Double { max(rules.windowHours * 3600, Double(rules.repeatDays ?? 30) * 86_400) }

    static func extends(_ member: CaseMember) -> Bool {
        member.role != .followUp && member.role != .aside && !member.reasons.contains { $0.rule == "grouping.same_thread" }
    }

    /// Keeps the places and dates the case's posts name, for the reply (at most four places and
    /// three dates, in the order first named).
    private mutating func mention(_ specific: PostFeatures.Specific, in position: Int) {
        let finder = analyzer.finders[specific.kind]
        if finder.isPlace {
            var places = slots[position].value.places ?? []
            if places.count < 4, !places.contains(specific.surface) { places.append(specific.surface) }
            slots[position].value.places = places
        } else if finder.kind == "date" {
            var dates = slots[position].value.dates ?? []
            let day = String(specific.key.dropFirst(finder.kind.count + 1))
            if dates.count < 3, !dates.contains(day) { dates.append(day) }
            slots[position].value.dates = dates
        }
    }

    private mutating func addThread(_ thread: ThreadRef, slot: Int32) {
        if slotsOfThread[thread]?.contains(slot) != true { slotsOfThread[thread, default: []].append(slot) }
    }

    /// Indexes a member post's features under its case and keeps it as an exemplar (the first
    /// and the newest few).
    private mutating func remember(_ own: PostFeatures, in slot: Int32, extending: Bool = true) {
        let position = Int(slot)
        for specific in own.specifics {
            guard extending || slots[position].specifics.contains(specific.hash) else { continue }
            if slots[position].specifics.insert(specific.hash).inserted {
                if slots[position].nameOfKind[specific.kind] == nil { slots[position].nameOfKind[specific.kind] = specific.key }
                mention(specific, in: position)
                var core = slots[position].value.core ?? []
                if core.count < 8, !core.contains(specific.key) { core.append(specific.key) }
                slots[position].value.core = core
            }
            index.add(specific.hash, slot: slot)
        }
        if extending { slots[position].kindMask |= own.kindMask }
        let quietBefore = newest.addingTimeInterval(-reachSeconds)
        for band in own.bands {
            index.addBand(band, slot: slot) { [lastSeenOfSlot] other in lastSeenOfSlot[Int(other)] < quietBefore }
        }
        if slots[position].writing == nil { slots[position].writing = own.writing }
        if slots[position].exemplars.count >= Self.exemplarLimit { slots[position].exemplars.remove(at: 1) }
        // An exemplar is compared by its 3-grams and kept findable by its bands: the rest would be memory for nothing.
        slots[position].exemplars.append(PostFeatures(specifics: [:], shingles: own.shingles, bands: own.bands, writing: own.writing))
    }

    /// The specifics grouping reads in `post` (`building:3`, `facility:电梯`, `date:11-18`), with
    /// their weights: what ``assign(_:_:)`` compares, for explaining and for benchmarks.
    public func specifics(of post: Post) -> [String: Double] {
        Dictionary(features(of: post).specifics.map { ($0.key, $0.weight) }) { first, _ in first }
    }

    func features(of post: Post) -> PostFeatures {
        analyzer.features(of: post)
    }

    static func issueKey(_ issue: String) -> UInt64 { PostFeatures.hash("issue:" + issue) }
    static func categoryKey(_ category: String) -> UInt64 { PostFeatures.hash("category:" + category) }
}
