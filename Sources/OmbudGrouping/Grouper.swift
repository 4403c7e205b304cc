import Foundation
import OmbudCore

/// Puts complaint posts into cases, one case per real event, incrementally (domain.md §3).
///
/// A new post is compared only with the cases an index offers for its keys — the specifics it
/// names (`building:3`, `facility:电梯`, `date:11-18`), its issues and category, and the
/// MinHash bands of its 3-grams — each key yielding at most `candidates_per_key` of the newest
/// cases. So the cost per post stays flat however many cases are stored. Pure: the caller
/// persists the cases and feeds back the stored ones with ``restore(_:posts:)``.
public struct Grouper: Sendable {
    /// The rules in force.
    public let rules: GroupingRules

    private let finders: [SpecificFinder]
    private let followUpPhrases: [String]
    private let minHasher: MinHasher
    private var calendar: Calendar
    private var index: CandidateIndex
    private var slots: [CaseState] = []
    private var slotOfCase: [String: Int32] = [:]
    private var slotOfPost: [PostKey: Int32] = [:]
    private var slotsOfThread: [ThreadRef: [Int32]] = [:]

    /// The most member posts a case keeps for similarity (its first and its newest).
    static let exemplarLimit = 4
    /// The most cases a post is compared with in full, the likeliest first: the bound on the
    /// cost per post.
    public static let scoredLimit = 24

    /// A case with what grouping needs to compare posts against it quickly.
    private struct CaseState: Sendable {
        var value: Case
        var lastSeen: Date
        var specifics: [String: Double]
        var exemplars: [PostFeatures]
        var issues: Set<String>
        /// How the case's first post was written.
        var writing: GroupingText.Writing?
    }

    /// Checks and compiles `rules`. Throws ``OmbudError`` `grouping.*` naming the key and the fix.
    public init(rules: GroupingRules) throws {
        self.rules = rules
        func invalid(_ key: String, _ message: String, _ fix: String) -> OmbudError {
            OmbudError(code: "grouping.invalid", message: message, context: ["key": key], fix: fix)
        }
        let settings = rules.minhash ?? GroupingRules.MinHashSettings()
        guard settings.permutations > 0, settings.bands > 0, settings.permutations % settings.bands == 0 else {
            throw invalid("minhash", "bands (\(settings.bands)) must divide permutations (\(settings.permutations))",
                          "use for example permutations: 64 and bands: 16")
        }
        let perKey = rules.candidatesPerKey ?? 24
        guard perKey >= 1 else { throw invalid("candidates_per_key", "must be at least 1", "use 24, the default") }
        let zoneName = rules.timeZone ?? "Asia/Shanghai"
        guard let zone = TimeZone(identifier: zoneName) else {
            throw invalid("time_zone", "unknown time zone '\(zoneName)'", "use an IANA name such as Asia/Shanghai or Asia/Taipei")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
        minHasher = MinHasher(permutations: settings.permutations, bands: settings.bands)
        index = CandidateIndex(perKey: perKey)
        finders = try rules.specifics.enumerated().map { position, specific in
            try SpecificFinder(specific, key: "specifics[\(position)]")
        }
        followUpPhrases = rules.followUps.phrases.map(GroupingText.normalize)
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

    /// Marks a case answered: its clock stops, and reports from other threads no longer join it
    /// (replies in its own threads still do).
    public mutating func markReplied(_ caseID: String) {
        if let slot = slotOfCase[caseID] { slots[Int(slot)].value.status = .replied }
    }

    /// Feeds back a stored case and the posts of its members, rebuilding the indexes without
    /// re-deciding membership. Members whose post is missing from `posts` still count, but are
    /// not compared with new posts.
    public mutating func restore(_ stored: Case, posts: [PostKey: Post]) {
        let slot: Int32
        if let known = slotOfCase[stored.id] {
            slot = known
            slots[Int(slot)].value = stored
        } else {
            slot = Int32(slots.count)
            slots.append(CaseState(value: stored, lastSeen: stored.lastSeen, specifics: [:], exemplars: [], issues: Set(stored.issues)))
            slotOfCase[stored.id] = slot
        }
        slots[Int(slot)].lastSeen = stored.lastSeen
        index.add(Self.categoryKey(stored.category), slot: slot)
        for issue in stored.issues { index.add(Self.issueKey(issue), slot: slot) }
        for member in stored.members {
            slotOfPost[member.post] = slot
            addThread(member.thread, slot: slot)
            if let post = posts[member.post] { remember(features(of: post), in: slot) }
        }
    }

    /// Assigns one post given its assessment; returns nil when the post neither is a complaint
    /// nor follows up on a thread that has a case.
    ///
    /// A post already in a case is left where it is and its assignment returned.
    public mutating func assign(_ post: Post, _ assessment: Assessment) -> Assignment? {
        if let slot = slotOfPost[post.key], let member = slots[Int(slot)].value.members.first(where: { $0.post == post.key }) {
            return Assignment(caseID: slots[Int(slot)].value.id, role: member.role, opened: false)
        }
        let thread = ThreadRef(source: post.source, threadID: post.threadID)
        let threadSlots = (slotsOfThread[thread] ?? []).sorted { slots[Int($0)].value.firstSeen < slots[Int($1)].value.firstSeen }

        // A reply in a case's thread that raises no issue the case lacks belongs to that case:
        // a bare "+1" adds heat, a complaint adds a complainant; new issues make a new complaint.
        var repeated: Reason?
        if !post.isOpening, let target = threadSlots.first {
            let subject = slots[Int(target)]
            if subject.value.status != .open, assessment.isComplaint, !isFollowUp(post) {
                // A complaint in a thread we already answered: the problem came back (二次投诉).
                repeated = Reason(rule: "grouping.repeat", matched: subject.value.id, offset: 0, weight: 0,
                                  note: "raised again in the thread of case \(subject.value.id) after it was answered")
            } else if Set(assessment.issues).isSubset(of: subject.issues) {
                if isFollowUp(post) {
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
            }
        }
        guard assessment.isComplaint else { return nil }

        let own = features(of: post)
        let keys = keys(of: own, assessment)
        var best: (slot: Int32, score: Double, similarity: Double, reasons: [Reason])?
        let candidates = candidates(for: keys)
        for candidate in candidates {
            let subject = slots[Int(candidate)]
            if subject.value.status != .open {
                // The same event after it was answered, or the same author with the same issue again.
                let after = post.postedAt.timeIntervalSince(subject.lastSeen)
                guard after > 0, after <= Double(rules.repeatDays ?? 30) * 86_400 else { continue }
                let sameAuthor = subject.value.complainants.contains(post.authorID) && !subject.issues.isDisjoint(with: assessment.issues)
                if sameAuthor || score(own, assessment, against: subject).score >= rules.joinScore {
                    repeated = Reason(rule: "grouping.repeat", matched: subject.value.id, offset: 0, weight: 0,
                                      note: "raised again after case \(subject.value.id) was answered")
                }
                continue
            }
            guard abs(post.postedAt.timeIntervalSince(subject.lastSeen)) <= rules.windowHours * 3600 else { continue }
            let scored = score(own, assessment, against: subject)
            if scored.score >= rules.joinScore, scored.score > (best?.score ?? -.infinity) {
                best = (candidate, scored.score, scored.similarity, scored.reasons)
            }
        }
        if let best {
            let role: CaseMember.Role = best.similarity >= rules.repostSimilarity ? .repost : .report
            join(post, assessment, own, slot: best.slot, role: role, reasons: best.reasons)
            return Assignment(caseID: slots[Int(best.slot)].value.id, role: role, opened: false, compared: candidates.count)
        }
        var opened = open(post, assessment, own, thread: thread, inThreadOfCase: !threadSlots.isEmpty, repeated: repeated)
        opened.compared = candidates.count
        return opened
    }

    private mutating func open(_ post: Post, _ assessment: Assessment, _ own: PostFeatures, thread: ThreadRef, inThreadOfCase: Bool,
                               repeated: Reason?) -> Assignment {
        var id = "\(post.source)-\(post.id)"
        var suffix = 2
        while slotOfCase[id] != nil {
            id = "\(post.source)-\(post.id)-\(suffix)"
            suffix += 1
        }
        let note = inThreadOfCase ? "a reply raising new content: a new case in the same thread" : "no open case shares its specifics"
        var reasons = [Reason(rule: "grouping.new_case", matched: "", offset: 0, weight: 0, note: note)]
        var flags = assessment.flags
        if let repeated {
            reasons.append(repeated)
            flags.insert(.repeat)
        }
        let origin = CaseMember(post: post.key, thread: thread, authorID: post.authorID, authorName: post.author,
                                postedAt: post.postedAt, role: .origin, reasons: reasons)
        var value = Case(id: id, category: assessment.primaryCategory, members: [origin], issues: assessment.issues, flags: flags)
        value.severityFloor = assessment.caseSeverity
        let slot = Int32(slots.count)
        slots.append(CaseState(value: value, lastSeen: post.postedAt, specifics: [:], exemplars: [], issues: Set(assessment.issues)))
        slotOfCase[id] = slot
        slotOfPost[post.key] = slot
        addThread(thread, slot: slot)
        index.add(Self.categoryKey(value.category), slot: slot)
        for issue in assessment.issues { index.add(Self.issueKey(issue), slot: slot) }
        remember(own, in: slot)
        return Assignment(caseID: id, role: .origin, opened: true)
    }

    private func isFollowUp(_ post: Post) -> Bool {
        let text = GroupingText.normalize(post.text).trimmingCharacters(in: .whitespacesAndNewlines)
        if followUpPhrases.contains(where: { text.hasPrefix($0) }) { return true }
        return text.count <= rules.followUps.maxLength && followUpPhrases.contains { text.contains($0) }
    }

    /// The index keys of a post, each with what finding a case through it suggests.
    private func keys(of own: PostFeatures, _ assessment: Assessment) -> [(key: UInt64, prior: Double)] {
        var keys: [(UInt64, Double)] = own.specifics.map { (PostFeatures.hash($0.key), $0.value) }
        keys += assessment.issues.map { (Self.issueKey($0), rules.issueWeight) }
        keys.append((Self.categoryKey(assessment.primaryCategory), 0))
        keys += own.bands.map { ($0, 1) }
        return keys
    }

    /// The likeliest cases for a post's keys: at most ``scoredLimit``, by the summed prior of the
    /// keys that found them.
    private func candidates(for keys: [(key: UInt64, prior: Double)]) -> [Int32] {
        var prior: [Int32: Double] = [:]
        for (key, weight) in keys {
            for slot in index.cases(for: key) { prior[slot, default: 0] += weight }
        }
        // Newest first among equals, so ties between equally scored cases go the same way every run.
        let ranked = prior.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key > $1.key }
        return ranked.prefix(Self.scoredLimit).map(\.key)
    }

    private func score(_ own: PostFeatures, _ assessment: Assessment, against subject: CaseState)
        -> (score: Double, similarity: Double, reasons: [Reason]) {
        let similarity = subject.exemplars.map { own.similarity(to: $0) }.max() ?? 0
        var reasons = [Reason(rule: "grouping.similarity", matched: String(format: "%.2f", similarity), offset: 0,
                              weight: similarity, note: "character 3-gram Jaccard similarity")]
        var score = similarity
        for (key, weight) in own.specifics.sorted(by: { $0.key < $1.key }) where subject.specifics[key] != nil {
            score += weight
            reasons.append(Reason(rule: "grouping.shared_specific", matched: key, offset: 0, weight: weight, note: "shared specific"))
        }
        for issue in assessment.issues.sorted() where subject.issues.contains(issue) {
            score += rules.issueWeight
            reasons.append(Reason(rule: "grouping.shared_issue", matched: issue, offset: 0, weight: rules.issueWeight, note: "shared issue"))
        }
        let penalty = rules.conflictPenalty ?? 1.0
        for finder in finders where finder.exclusive {
            let prefix = finder.kind + ":"
            let mine = own.specifics.keys.filter { $0.hasPrefix(prefix) }
            guard !mine.isEmpty, mine.allSatisfy({ subject.specifics[$0] == nil }),
                  let theirs = subject.specifics.keys.first(where: { $0.hasPrefix(prefix) }) else { continue }
            score -= penalty
            reasons.append(Reason(rule: "grouping.conflict", matched: mine.sorted()[0], offset: 0, weight: -penalty,
                                  note: "the case names \(theirs) instead"))
        }
        let otherWriting = rules.otherWritingPenalty ?? 0.2
        if let writing = subject.writing, writing != own.writing, similarity < rules.repostSimilarity, otherWriting > 0 {
            score -= otherWriting
            reasons.append(Reason(rule: "grouping.other_writing", matched: "\(own.writing)", offset: 0, weight: -otherWriting,
                                  note: "the case was written in \(writing): another community, whose 3号楼 may be another property"))
        }
        let category = assessment.primaryCategory
        if category != subject.value.category, similarity < rules.repostSimilarity {
            score -= rules.otherCategoryPenalty
            reasons.append(Reason(rule: "grouping.other_category", matched: category, offset: 0, weight: -rules.otherCategoryPenalty,
                                  note: "the case is \(subject.value.category)"))
        }
        return (score, similarity, reasons)
    }

    private mutating func join(_ post: Post, _ assessment: Assessment, _ own: PostFeatures, slot: Int32, role: CaseMember.Role,
                               reasons: [Reason]) {
        let thread = ThreadRef(source: post.source, threadID: post.threadID)
        let position = Int(slot)
        slots[position].value.members.append(CaseMember(post: post.key, thread: thread, authorID: post.authorID, authorName: post.author,
                                                        postedAt: post.postedAt, role: role, reasons: reasons))
        for issue in assessment.issues where slots[position].issues.insert(issue).inserted {
            slots[position].value.issues.append(issue)
            index.add(Self.issueKey(issue), slot: slot)
        }
        slots[position].value.flags.formUnion(assessment.flags)
        if let floor = assessment.caseSeverity, floor > (slots[position].value.severityFloor ?? .general) {
            slots[position].value.severityFloor = floor
        }
        slots[position].lastSeen = max(slots[position].lastSeen, post.postedAt)
        slotOfPost[post.key] = slot
        addThread(thread, slot: slot)
        remember(own, in: slot)
    }

    private mutating func addThread(_ thread: ThreadRef, slot: Int32) {
        if slotsOfThread[thread]?.contains(slot) != true { slotsOfThread[thread, default: []].append(slot) }
    }

    /// Indexes a member post's features under its case and keeps it as an exemplar (the first
    /// and the newest few).
    private mutating func remember(_ own: PostFeatures, in slot: Int32) {
        let position = Int(slot)
        for (key, weight) in own.specifics {
            slots[position].specifics[key] = weight
            index.add(PostFeatures.hash(key), slot: slot)
        }
        for band in own.bands { index.add(band, slot: slot) }
        if slots[position].writing == nil { slots[position].writing = own.writing }
        if slots[position].exemplars.count >= Self.exemplarLimit { slots[position].exemplars.remove(at: 1) }
        slots[position].exemplars.append(own)
    }

    private func features(of post: Post) -> PostFeatures {
        let (text, writing) = GroupingText.normalizeAndDetect(post.isOpening && !post.threadTitle.isEmpty
                                                              ? post.threadTitle + "\n" + post.text : post.text)
        var specifics: [String: Double] = [:]
        for finder in finders {
            for value in finder.values(in: text, postedAt: post.postedAt, calendar: calendar) {
                specifics[finder.kind + ":" + value] = finder.weight
            }
        }
        let shingles = PostFeatures.shingles(of: text)
        return PostFeatures(shingles: shingles, specifics: specifics, bands: minHasher.bandKeys(of: shingles), writing: writing)
    }

    private static func issueKey(_ issue: String) -> UInt64 { PostFeatures.hash("issue:" + issue) }
    private static func categoryKey(_ category: String) -> UInt64 { PostFeatures.hash("category:" + category) }
}
