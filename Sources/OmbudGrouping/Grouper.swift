import Foundation
import OmbudCore

/// Puts complaint posts into cases, one case per real event, incrementally (domain.md §3).
///
/// Each new post is compared only with the cases that share one of its specifics or its
/// thread (an index, not a scan of every case). Pure: the caller persists the cases and feeds
/// back the stored ones with ``restore(_:posts:)`` before assigning new posts.
public struct Grouper: Sendable {
    /// The rules in force.
    public let rules: GroupingRules
    /// Every case known, by id.
    public private(set) var cases: [String: Case] = [:]

    private let specificFinders: [(kind: String, weight: Double, phrases: [String], patterns: [TextPattern])]
    private let followUpPhrases: [String]
    private var features: [PostKey: PostFeatures] = [:]
    private var bySpecific: [String: Set<String>] = [:]
    private var byThread: [ThreadRef: Set<String>] = [:]
    private var byCategory: [String: [String]] = [:]
    private var caseOfPost: [PostKey: String] = [:]

    /// Checks and compiles `rules`. Throws ``OmbudError`` `grouping.*` naming the key.
    public init(rules: GroupingRules) throws {
        self.rules = rules
        specificFinders = try rules.specifics.enumerated().map { index, specific in
            let patterns = try OmbudError.locating(["key": "specifics[\(index)].patterns"]) {
                try (specific.patterns ?? []).map { try TextPattern($0, caseInsensitive: true) }
            }
            return (specific.kind, specific.weight, (specific.phrases ?? []).map { $0.lowercased() }, patterns)
        }
        followUpPhrases = rules.followUps.phrases.map { $0.lowercased() }
    }

    /// What happened to one post.
    public struct Assignment: Sendable, Hashable {
        /// The case the post joined or opened.
        public var caseID: String
        /// Its role in the case.
        public var role: CaseMember.Role
        /// Whether the post opened a new case.
        public var opened: Bool
    }

    /// Feeds back a stored case and the posts of its members, rebuilding the indexes without
    /// re-deciding membership.
    public mutating func restore(_ stored: Case, posts: [PostKey: Post]) {
        cases[stored.id] = stored
        byCategory[stored.category, default: []].append(stored.id)
        for member in stored.members {
            byThread[member.thread, default: []].insert(stored.id)
            caseOfPost[member.post] = stored.id
            if let post = posts[member.post] { remember(post, in: stored.id) }
        }
    }

    /// Assigns one post given its assessment; returns nil when the post neither is a complaint
    /// nor follows up on a thread that has a case.
    ///
    /// A post already in a case is left where it is and its assignment returned.
    public mutating func assign(_ post: Post, _ assessment: Assessment) -> Assignment? {
        if let existing = caseOfPost[post.key].flatMap({ cases[$0] }),
           let member = existing.members.first(where: { $0.post == post.key }) {
            return Assignment(caseID: existing.id, role: member.role, opened: false)
        }
        let thread = ThreadRef(source: post.source, threadID: post.threadID)
        let threadCases = cases(in: thread)

        // A reply in a case's thread that raises no issue the case lacks belongs to that case:
        // a bare "+1" adds heat, a complaint adds a complainant; new issues make a new complaint.
        var repeated: (id: String, reason: Reason)?
        if !post.isOpening, let target = threadCases.first, target.status != .open, assessment.isComplaint, !isFollowUp(post) {
            // A complaint in a thread we already answered: the problem came back (二次投诉).
            repeated = (target.id, Reason(rule: "grouping.repeat", matched: target.id, offset: 0, weight: 0,
                                          note: "raised again in the thread of case \(target.id) after it was answered"))
        } else if !post.isOpening, let target = threadCases.first, Set(assessment.issues).isSubset(of: target.issues) {
            if isFollowUp(post) {
                let reason = Reason(rule: "grouping.follow_up", matched: String(post.text.prefix(20)), offset: 0, weight: 0,
                                    note: "a reply in the case's thread that adds nothing new")
                join(post, assessment, caseID: target.id, role: .followUp, reasons: [reason])
                return Assignment(caseID: target.id, role: .followUp, opened: false)
            }
            if assessment.isComplaint {
                let reason = Reason(rule: "grouping.same_thread", matched: post.threadID, offset: 0, weight: 0,
                                    note: "a complaint in the case's thread raising no new issue")
                join(post, assessment, caseID: target.id, role: .report, reasons: [reason])
                return Assignment(caseID: target.id, role: .report, opened: false)
            }
        }
        guard assessment.isComplaint else { return nil }

        let own = features(of: post)
        var best: (id: String, score: Double, similarity: Double, reasons: [Reason])?
        for candidate in candidates(for: own) {
            guard let subject = cases[candidate] else { continue }
            if subject.status != .open {
                // The same event after it was answered, or the same author with the same issue again.
                let after = post.postedAt.timeIntervalSince(subject.lastSeen)
                guard after > 0, after <= Double(rules.repeatDays ?? 30) * 86_400 else { continue }
                let sameAuthor = subject.complainants.contains(post.authorID) && !Set(assessment.issues).isDisjoint(with: subject.issues)
                if sameAuthor || self.score(own, assessment, against: subject).0 >= rules.joinScore {
                    repeated = (candidate, Reason(rule: "grouping.repeat", matched: candidate, offset: 0, weight: 0,
                                                  note: "raised again after case \(candidate) was answered"))
                }
                continue
            }
            guard abs(post.postedAt.timeIntervalSince(subject.lastSeen)) <= rules.windowHours * 3600 else { continue }
            let (score, similarity, reasons) = self.score(own, assessment, against: subject)
            if score >= rules.joinScore, score > (best?.score ?? -1) {
                best = (candidate, score, similarity, reasons)
            }
        }
        if let best {
            let role: CaseMember.Role = best.similarity >= rules.repostSimilarity ? .repost : .report
            join(post, assessment, caseID: best.id, role: role, reasons: best.reasons)
            return Assignment(caseID: best.id, role: role, opened: false)
        }
        let id = "\(post.source)-\(post.id)"
        var note = "no open case shares its specifics"
        if !threadCases.isEmpty { note = "a reply raising new content: a new case in the same thread" }
        var reasons = [Reason(rule: "grouping.new_case", matched: "", offset: 0, weight: 0, note: note)]
        var flags = assessment.flags
        if let repeated {
            reasons.append(repeated.reason)
            flags.insert(.repeat)
        }
        let origin = CaseMember(post: post.key, thread: thread, authorID: post.authorID, authorName: post.author,
                                postedAt: post.postedAt, role: .origin, reasons: reasons)
        cases[id] = Case(id: id, category: assessment.primaryCategory, members: [origin], issues: assessment.issues, flags: flags)
        cases[id]?.severityFloor = assessment.caseSeverity
        byCategory[assessment.primaryCategory, default: []].append(id)
        byThread[thread, default: []].insert(id)
        remember(post, in: id)
        return Assignment(caseID: id, role: .origin, opened: true)
    }

    /// The cases with a post in `thread`, oldest first.
    public func cases(in thread: ThreadRef) -> [Case] {
        (byThread[thread] ?? []).compactMap { cases[$0] }.sorted { $0.firstSeen < $1.firstSeen }
    }

    /// Marks a case answered: its clock stops, and reports from other threads no longer join it
    /// (replies in its own threads still do).
    public mutating func markReplied(_ caseID: String) {
        cases[caseID]?.status = .replied
    }

    private func isFollowUp(_ post: Post) -> Bool {
        let text = post.text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        if followUpPhrases.contains(where: { text.hasPrefix($0) }) { return true }
        return text.count <= rules.followUps.maxLength && followUpPhrases.contains { text.contains($0) }
    }

    private func candidates(for own: PostFeatures) -> Set<String> {
        var result = Set<String>()
        for key in own.specifics.keys { result.formUnion(bySpecific[key] ?? []) }
        // Posts without specifics can still be reposts: compare with the latest cases of any category.
        if own.specifics.isEmpty {
            for ids in byCategory.values { result.formUnion(ids.suffix(50)) }
        }
        return result
    }

    private func score(_ own: PostFeatures, _ assessment: Assessment, against subject: Case) -> (Double, Double, [Reason]) {
        var similarity = 0.0
        var shared: [String: Double] = [:]
        for member in subject.members {
            guard let other = features[member.post] else { continue }
            similarity = max(similarity, own.similarity(to: other))
            for (key, weight) in own.specifics where other.specifics[key] != nil { shared[key] = weight }
        }
        for issue in assessment.issues where subject.issues.contains(issue) { shared["issue:\(issue)"] = rules.issueWeight }
        var reasons = [Reason(rule: "grouping.similarity", matched: String(format: "%.2f", similarity), offset: 0,
                              weight: similarity, note: "character 3-gram Jaccard similarity")]
        for (key, weight) in shared.sorted(by: { $0.key < $1.key }) {
            reasons.append(Reason(rule: "grouping.shared_specific", matched: key, offset: 0, weight: weight, note: "shared specific"))
        }
        var score = similarity + shared.values.reduce(0, +)
        let category = assessment.primaryCategory
        if category != subject.category, similarity < rules.repostSimilarity {
            score -= rules.otherCategoryPenalty
            reasons.append(Reason(rule: "grouping.other_category", matched: category, offset: 0, weight: -rules.otherCategoryPenalty,
                                  note: "the case is \(subject.category)"))
        }
        return (score, similarity, reasons)
    }

    private mutating func join(_ post: Post, _ assessment: Assessment, caseID: String, role: CaseMember.Role, reasons: [Reason]) {
        guard var subject = cases[caseID] else { return }
        let thread = ThreadRef(source: post.source, threadID: post.threadID)
        subject.members.append(CaseMember(post: post.key, thread: thread, authorID: post.authorID, authorName: post.author,
                                          postedAt: post.postedAt, role: role, reasons: reasons))
        for issue in assessment.issues where !subject.issues.contains(issue) { subject.issues.append(issue) }
        subject.flags.formUnion(assessment.flags)
        if let floor = assessment.caseSeverity, floor > (subject.severityFloor ?? .general) { subject.severityFloor = floor }
        cases[caseID] = subject
        byThread[thread, default: []].insert(caseID)
        remember(post, in: caseID)
    }

    private mutating func remember(_ post: Post, in caseID: String) {
        let own = features(of: post)
        features[post.key] = own
        caseOfPost[post.key] = caseID
        for key in own.specifics.keys { bySpecific[key, default: []].insert(caseID) }
    }

    private func features(of post: Post) -> PostFeatures {
        if let known = features[post.key] { return known }
        let text = post.isOpening ? post.threadTitle + "\n" + post.text : post.text
        let lowered = text.lowercased()
        var specifics: [String: Double] = [:]
        for finder in specificFinders {
            for phrase in finder.phrases where lowered.contains(phrase) { specifics["\(finder.kind):\(phrase)"] = finder.weight }
            for pattern in finder.patterns {
                for match in pattern.matches(in: lowered) {
                    specifics["\(finder.kind):\(match.text.filter { !$0.isWhitespace })"] = finder.weight
                }
            }
        }
        return PostFeatures(shingles: PostFeatures.shingles(of: text), specifics: specifics)
    }
}
