import OmbudCore

/// The join score of a post against a case (domain.md §3), computed by one function for both the
/// decision and the reasons shown for it, so the two cannot drift apart.
///
/// The score adds the weight of each specific both name, `issue_weight` per shared issue and the
/// 3-gram similarity (at most 1); it subtracts `conflict_penalty` per exclusive kind (building,
/// unit, zone) both name with different values, and, unless the post is a near copy, the
/// penalties for another writing system and another category. Each term is handed to a
/// ``JoinTerms`` recorder: ``Unrecorded`` for the hot loop (the calls compile away), ``Reasons``
/// for the explanation.
struct JoinScorer: Sendable {
    let issue: Double
    let repostSimilarity: Double
    let otherCategory: Double
    let conflict: Double
    let otherWriting: Double
    /// A bit per exclusive kind (building, unit, zone).
    let exclusiveMask: UInt64

    init(rules: GroupingRules, finders: [SpecificFinder]) {
        issue = rules.issueWeight
        repostSimilarity = rules.repostSimilarity
        otherCategory = rules.otherCategoryPenalty
        conflict = rules.conflictPenalty ?? 1.0
        otherWriting = rules.otherWritingPenalty ?? 0.2
        exclusiveMask = finders.enumerated().reduce(0) { $0 | ($1.element.exclusive ? PostFeatures.bit($1.offset) : 0) }
    }

    /// The score of `own` against the case `subject` points to (read in place: copying a case
    /// state per candidate, a retain per field, was a measurable cost), and the similarity in it.
    ///
    /// Similarity adds at most 1 and the terms after it only subtract: below `joinScore - 1`
    /// before it, the 3-gram comparison (the dearest part) is skipped and the score returned as
    /// it stands. Pass `-.infinity` to have every term counted.
    func score<Terms: JoinTerms>(_ own: PostFeatures, _ assessment: Assessment, against subject: UnsafePointer<Grouper.CaseState>,
                                 joinScore: Double, terms: inout Terms) -> (score: Double, similarity: Double) {
        var score = 0.0
        var sharedKinds: UInt64 = 0
        for specific in own.specifics where subject.pointee.specifics.contains(specific.hash) {
            score += specific.weight
            sharedKinds |= PostFeatures.bit(specific.kind)
            terms.shared(specific)
        }
        for issue in assessment.issues where subject.pointee.issues.contains(issue) {
            score += self.issue
            terms.shared(issue: issue, weight: self.issue)
        }
        let conflicting = exclusiveMask & own.kindMask & subject.pointee.kindMask & ~sharedKinds
        if conflicting != 0 {
            score -= Double(conflicting.nonzeroBitCount) * conflict
            var told: UInt64 = 0
            for specific in own.specifics where conflicting & PostFeatures.bit(specific.kind) & ~told != 0 {
                told |= PostFeatures.bit(specific.kind)
                terms.conflict(specific, caseNames: subject.pointee.nameOfKind[specific.kind], weight: conflict)
            }
        }
        guard score + 1 >= joinScore else { return (score, 0) }
        var similarity = 0.0
        for exemplar in subject.pointee.exemplars { similarity = max(similarity, own.similarity(to: exemplar)) }
        score += similarity
        terms.similarity(similarity)
        if let writing = subject.pointee.writing, writing != own.writing, similarity < repostSimilarity, otherWriting > 0 {
            score -= otherWriting
            terms.otherWriting(own.writing, caseWriting: writing, weight: otherWriting)
        }
        // A category is a judgment, often torn between two (a broken gate the guards ignore:
        // facilities or service): only a case of neither of the post's two leading categories
        // is of another category.
        let leading = assessment.categories.isEmpty ? [assessment.primaryCategory] : Array(assessment.categories.prefix(2))
        if !leading.contains(subject.pointee.value.category), similarity < repostSimilarity {
            score -= otherCategory
            terms.otherCategory(assessment.primaryCategory, caseCategory: subject.pointee.value.category, weight: otherCategory)
        }
        return (score, similarity)
    }

    /// Records nothing: the decision's recorder.
    struct Unrecorded: JoinTerms {}

    /// Records every term as a reason people read, in the order the dashboard shows them.
    struct Reasons: JoinTerms {
        private var similarityReason: Reason?
        private var specifics: [Reason] = []
        private var issues: [Reason] = []
        private var penalties: [Reason] = []

        /// Similarity first, then shared specifics, shared issues (sorted) and penalties.
        var reasons: [Reason] {
            (similarityReason.map { [$0] } ?? []) + specifics + issues.sorted { $0.matched < $1.matched } + penalties
        }

        mutating func shared(_ specific: PostFeatures.Specific) {
            specifics.append(Reason(rule: "grouping.shared_specific", matched: specific.key, offset: 0, weight: specific.weight,
                                    note: "shared specific"))
        }

        mutating func shared(issue: String, weight: Double) {
            issues.append(Reason(rule: "grouping.shared_issue", matched: issue, offset: 0, weight: weight, note: "shared issue"))
        }

        mutating func conflict(_ specific: PostFeatures.Specific, caseNames name: String?, weight: Double) {
            penalties.append(Reason(rule: "grouping.conflict", matched: specific.key, offset: 0, weight: -weight,
                                    note: "the case names \(name ?? "another") instead"))
        }

        mutating func similarity(_ value: Double) {
            let percent = Int((value * 100).rounded())
            let shown = "\(percent / 100).\(percent % 100 < 10 ? "0" : "")\(percent % 100)"
            similarityReason = Reason(rule: "grouping.similarity", matched: shown, offset: 0, weight: value,
                                      note: "character 3-gram Jaccard similarity")
        }

        mutating func otherWriting(_ writing: GroupingText.Writing, caseWriting: GroupingText.Writing, weight: Double) {
            penalties.append(Reason(rule: "grouping.other_writing", matched: "\(writing)", offset: 0, weight: -weight,
                                    note: "the case was written in \(caseWriting): another community, whose 3号楼 may be another property"))
        }

        mutating func otherCategory(_ category: String, caseCategory: String, weight: Double) {
            penalties.append(Reason(rule: "grouping.other_category", matched: category, offset: 0, weight: -weight,
                                    note: "the case is \(caseCategory)"))
        }
    }
}

/// Receives the terms of a join score as ``JoinScorer/score(_:_:against:joinScore:terms:)`` counts them.
protocol JoinTerms {
    /// A specific both name.
    mutating func shared(_ specific: PostFeatures.Specific)
    /// An issue both raise.
    mutating func shared(issue: String, weight: Double)
    /// An exclusive kind both name with different values (once per kind).
    mutating func conflict(_ specific: PostFeatures.Specific, caseNames name: String?, weight: Double)
    /// The 3-gram similarity to the case's closest exemplar.
    mutating func similarity(_ value: Double)
    /// The post is written in another system than the case.
    mutating func otherWriting(_ writing: GroupingText.Writing, caseWriting: GroupingText.Writing, weight: Double)
    /// The post is of another category than the case.
    mutating func otherCategory(_ category: String, caseCategory: String, weight: Double)
}

extension JoinTerms {
    @inline(__always) mutating func shared(_ specific: PostFeatures.Specific) {}
    @inline(__always) mutating func shared(issue: String, weight: Double) {}
    @inline(__always) mutating func conflict(_ specific: PostFeatures.Specific, caseNames name: String?, weight: Double) {}
    @inline(__always) mutating func similarity(_ value: Double) {}
    @inline(__always) mutating func otherWriting(_ writing: GroupingText.Writing, caseWriting: GroupingText.Writing, weight: Double) {}
    @inline(__always) mutating func otherCategory(_ category: String, caseCategory: String, weight: Double) {}
}
