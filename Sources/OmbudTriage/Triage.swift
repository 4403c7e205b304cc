import OmbudCore

/// Decides, per post, whether it is a complaint, and grades cases; explains every decision.
///
/// Pure: no I/O, no clock. Text is matched by characters (Chinese has no spaces), so phrases
/// work for Simplified, Traditional and English alike.
public struct Triage: Sendable {
    /// The lexicon in force.
    public let lexicon: Lexicon
    private let compiled: [CompiledRule]

    private struct CompiledRule: Sendable {
        var rule: Lexicon.Rule
        var patterns: [TextPattern]
        var near: [[UInt32]]
    }

    /// Every phrase of every rule as Unicode scalar values, indexed by its first scalar: one pass
    /// over a post finds all phrase hits (Character comparison is far slower than scalar comparison).
    private let phrasesByFirstScalar: [UInt32: [(rule: Int, phrase: [UInt32])]]
    /// The negation cues as scalar values, for the same reason.
    private let negationCues: [(cue: String, scalars: [UInt32])]
    /// The negation cues that say a problem is over (`negation.ended`).
    private let endedCues: Set<String>
    /// The learned model, when one is installed (``withModel(_:settings:taxonomy:)``).
    public internal(set) var model: TriageModel?
    /// How the model's probability and the rules' score combine.
    public internal(set) var modelSettings = ModelSettings()
    /// The lexicon's household patterns (``Lexicon/ContextRules/households``), compiled.
    let householdPatterns: [TextPattern]
    /// The lexicon's collective count patterns (``Lexicon/ContextRules/collectiveCounts``), compiled.
    let collectiveCountPatterns: [TextPattern]
    /// The context rules' phrase lists, compiled: bumps, agreement, signing, repeat cues, and
    /// every cue together (what is not the writer's own words).
    let bumps: PhraseSet, agreement: PhraseSet, signing: PhraseSet, repeatCues: PhraseSet, countedRepeatCues: PhraseSet, cues: PhraseSet
    /// The name of this lexicon's taxonomy in the model (`triage`, `retail`, …).
    public internal(set) var taxonomy = "triage"

    /// Checks and compiles `lexicon`.
    ///
    /// Throws ``OmbudError`` `lexicon.*` naming the rule or key: an unknown category, a rule with
    /// neither phrases nor patterns, an invalid pattern, a duplicate id, `cause: true` without a
    /// category, a severity count below 1 (`same_type_complainants` may be 0: off), a broad issue
    /// no rule raises.
    public init(lexicon: Lexicon) throws {
        self.lexicon = lexicon
        guard lexicon.threshold > 0 else {
            throw OmbudError(code: .lexiconBadNumber, message: "a threshold of \(lexicon.threshold) would call every post a complaint",
                             context: ["key": "threshold"], fix: "write a positive score, for example 1.5")
        }
        if let weight = lexicon.negation.weight, !(weight.isFinite && weight <= 0) {
            throw OmbudError(code: .lexiconBadNumber, message: "a problem said to be over adding \(weight) would make it a complaint",
                             context: ["key": "negation.weight"], fix: "write 0 or a negative number, for example -0.5")
        }
        let severity = lexicon.severity
        // same_type_complainants 0 turns the count across cases off; a negative count means nothing.
        for (key, value) in [("severity.major_complainants", severity.majorComplainants), ("severity.hot_complainants", severity.hotComplainants),
                             ("severity.same_type_complainants", severity.sameTypeComplainants.map { $0 == 0 ? 1 : $0 } ?? 3),
                             ("severity.same_type_days", severity.sameTypeDays ?? 30)] where value < 1 {
            throw OmbudError(code: .lexiconBadNumber, message: "\(value) would make every case reach that severity", context: ["key": key],
                             fix: "write a count of 1 or more (the shipped lexicons use 5, 3, 3 and 30; same_type_complainants 0 turns that count off)")
        }
        let categoryIDs = Set(lexicon.categories.map(\.id))
        var seen = Set<String>()
        var compiled: [CompiledRule] = []
        var phraseIndex: [UInt32: [(rule: Int, phrase: [UInt32])]] = [:]
        for (index, rule) in lexicon.rules.enumerated() {
            let context = ["rule": rule.id, "key": "rules[\(index)]"]
            guard seen.insert(rule.id).inserted else {
                throw OmbudError(code: .lexiconDuplicateRule, message: "two rules share the id \(rule.id)", context: context,
                                 fix: "give each rule its own id")
            }
            if let category = rule.category, !categoryIDs.contains(category) {
                throw OmbudError(code: .lexiconUnknownCategory, message: "rule names category '\(category)', which is not in categories",
                                 context: context, fix: "use one of: \(categoryIDs.sorted().joined(separator: ", ")), or add it to categories")
            }
            if rule.cause == true, rule.category == nil {
                throw OmbudError(code: .lexiconCauseWithoutCategory, message: "rule says cause: true but names no category the cause leads to",
                                 context: context, fix: "add category: (one of \(categoryIDs.sorted().joined(separator: ", "))) or remove cause:")
            }
            let phrases = (rule.phrases ?? []).map { $0.lowercased() }.filter { !$0.isEmpty }
            for phrase in phrases {
                let scalars = phrase.unicodeScalars.map(\.value)
                phraseIndex[scalars[0], default: []].append((compiled.count, scalars))
            }
            let patterns = try OmbudError.locating(context) {
                try (rule.patterns ?? []).map { try TextPattern($0, caseInsensitive: true) }
            }
            guard !phrases.isEmpty || !patterns.isEmpty else {
                throw OmbudError(code: .lexiconEmptyRule, message: "rule has neither phrases nor patterns", context: context,
                                 fix: "add phrases: [...] or patterns: [...]")
            }
            if let near = rule.near, near.phrases.isEmpty || near.within < 1 {
                throw OmbudError(code: .lexiconBadNear, message: "near: needs phrases and a within of 1 or more", context: context,
                                 fix: "write near: { phrases: [物业], within: 10 }")
            }
            compiled.append(CompiledRule(rule: rule, patterns: patterns,
                                         near: (rule.near?.phrases ?? []).map { $0.lowercased().unicodeScalars.map(\.value) }.filter { !$0.isEmpty }))
        }
        self.compiled = compiled
        let issues = Set(lexicon.rules.compactMap(\.issue))
        for (index, issue) in (lexicon.severity.broadIssues ?? []).enumerated() where !issues.contains(issue) {
            throw OmbudError(code: .lexiconUnknownIssue, message: "severity.broad_issues names '\(issue)', which no rule's issue is",
                             context: ["key": "severity.broad_issues[\(index)]"],
                             fix: "use an issue: of a rule (\(issues.sorted().joined(separator: ", "))) or remove it")
        }
        let context = lexicon.context
        bumps = PhraseSet(context?.bumps ?? [])
        agreement = PhraseSet(context?.agreement ?? [])
        signing = PhraseSet(context?.signing ?? [])
        repeatCues = PhraseSet(context?.repeatCues ?? [])
        countedRepeatCues = PhraseSet(context?.countedRepeatCues ?? [])
        cues = PhraseSet((context?.agreement ?? []) + (context?.signing ?? []) + (context?.bumps ?? []))
        householdPatterns = try OmbudError.locating(["key": "context.households"]) {
            try (lexicon.context?.households ?? []).map { try TextPattern($0, caseInsensitive: true) }
        }
        collectiveCountPatterns = try OmbudError.locating(["key": "context.collective_counts"]) {
            try (lexicon.context?.collectiveCounts ?? []).map { source in
                let pattern = try TextPattern(source, caseInsensitive: true)
                guard (pattern.captureGroupCount ?? 0) >= 1 else {
                    throw OmbudError(code: .lexiconBadPattern, message: "a collective count pattern needs a group for the number: \(source)",
                                     fix: "put the number in parentheses, as in (\\d+)\\s*户")
                }
                return pattern
            }
        }
        self.phrasesByFirstScalar = phraseIndex
        let ended = lexicon.negation.ended ?? []
        self.negationCues = (lexicon.negation.cues + ended.filter { !lexicon.negation.cues.contains($0) }).filter { !$0.isEmpty }
            .map { ($0, $0.lowercased().unicodeScalars.map(\.value)) }
        self.endedCues = Set(ended)
    }

    /// The verdict on one post read with its thread: complaint or not, categories, flags, issues
    /// and every reason (see ``assess(text:context:post:)``).
    ///
    /// The thread title counts for the opening post only; replies are judged on their own words
    /// and their thread's context.
    public func assess(_ post: Post, context: ThreadContext? = nil) -> Assessment {
        let text = post.isOpening ? post.threadTitle + "\n" + post.text : post.text
        var assessment = assess(text: text, context: context ?? (post.isOpening ? .opening : .reply()), post: post.key)
        if let reason = importantCustomer(post) {
            assessment.flags.insert(.importantCustomer)
            assessment.reasons.append(reason)
        }
        return assessment
    }

    /// Why the author is an important customer (重要客户), if they are: a listed name or forum id,
    /// or a forum activist whose post count reaches `important_customers.min_posts`.
    func importantCustomer(_ post: Post) -> Reason? {
        guard let important = lexicon.importantCustomers else { return nil }
        if let names = important.names, names.contains(post.author) || names.contains(post.authorID) {
            return Reason(rule: "important_customer.listed", matched: post.author, offset: 0, weight: 0,
                          note: "named in important_customers, flag important_customer")
        }
        if let least = important.minPosts, let count = post.authorPosts, count >= least {
            return Reason(rule: "important_customer.activist", matched: "\(count)", offset: 0, weight: 0,
                          note: "a forum activist: \(count) posts ≥ \(least), flag important_customer")
        }
        return nil
    }

    /// The rules' verdict on a bare text: score, categories, flags, issues, reasons, and the
    /// verdict a `decides:` rule forced, if one fired; with the lower-cased text and its scalar
    /// values, which the context rules read too (lower-casing once per post).
    func rulesAssessment(text: String, post: PostKey)
        -> (assessment: Assessment, forced: Lexicon.Rule.Decision?, lowered: String, scalars: [UInt32]) {
        let lowered = text.lowercased()
        let scalars = lowered.unicodeScalars.map(\.value)
        // Offsets are counted in scalars while matching and reported in characters; they differ only
        // where a character is several scalars (emoji, combining marks).
        let characterOf: [Int]? = lowered.count == scalars.count ? nil : lowered.enumerated().flatMap { index, character in
            Array(repeating: index, count: character.unicodeScalars.count)
        }
        let scalarOf: [Int]? = characterOf.map { mapping in
            var starts = [Int](repeating: scalars.count, count: lowered.count + 1)
            for (scalar, character) in mapping.enumerated().reversed() { starts[character] = scalar }
            return starts
        }
        var hitsByRule = [[(offset: Int, length: Int)]](repeating: [], count: compiled.count)
        for start in scalars.indices {
            guard let candidates = phrasesByFirstScalar[scalars[start]] else { continue }
            for (rule, phrase) in candidates where start + phrase.count <= scalars.count {
                var equal = true
                for offset in 1..<max(phrase.count, 1) where scalars[start + offset] != phrase[offset] {
                    equal = false
                    break
                }
                if equal { hitsByRule[rule].append((start, phrase.count)) }
            }
        }
        let present = Set(scalars)
        for (rule, entry) in compiled.enumerated() {
            for pattern in entry.patterns where pattern.mayMatch(present) {
                for match in pattern.matches(in: lowered) {
                    let start = scalarOf?[match.offset] ?? match.offset
                    let end = scalarOf?[match.offset + match.length] ?? match.offset + match.length
                    hitsByRule[rule].append((start, end - start))
                }
            }
        }

        var reasons: [Reason] = []
        var score = 0.0
        var categoryVotes: [String: Double] = [:]
        var causes = Set<String>()
        var flags = Set<Flag>()
        var issues: [String] = []
        var caseSeverity: Severity?
        var issueSpans: [Reason] = []
        var forced: Lexicon.Rule.Decision?
        for (index, entry) in compiled.enumerated() where !hitsByRule[index].isEmpty {
            let rule = entry.rule
            for hit in Self.withoutOverlaps(hitsByRule[index]) where entry.near.isEmpty || Self.isNear(entry, hit, in: scalars) {
                let matched = String(String.UnicodeScalarView(scalars[hit.offset..<hit.offset + hit.length].compactMap(Unicode.Scalar.init)))
                let offset = characterOf?[hit.offset] ?? hit.offset
                if rule.negatable ?? true, let cue = negation(before: hit.offset, in: scalars) {
                    let weight = rule.weight > 0 && endedCues.contains(cue) ? lexicon.negation.weight ?? 0 : 0
                    score += weight
                    reasons.append(Reason(rule: rule.id, matched: matched, offset: offset, weight: weight, note: "negated by '\(cue)'"))
                    continue
                }
                score += rule.weight
                if let decision = rule.decides, forced != .complaint { forced = decision }
                if let category = rule.category {
                    categoryVotes[category, default: 0] += max(rule.weight, 0.5)
                    if rule.cause == true { causes.insert(category) }
                }
                if let flag = rule.flag { flags.insert(flag) }
                if rule.weight > 0, let issue = rule.issue, !issues.contains(issue) {
                    issues.append(issue)
                    issueSpans.append(Reason(rule: rule.id, matched: matched, offset: offset, weight: rule.weight, note: issue))
                }
                if let floor = rule.caseSeverity, floor > (caseSeverity ?? .general) { caseSeverity = floor }
                reasons.append(Reason(rule: rule.id, matched: matched, offset: offset, weight: rule.weight, note: describe(rule)))
            }
        }
        reasons.sort { ($0.offset, $0.rule) < ($1.offset, $1.rule) }
        let isComplaint = score >= lexicon.threshold
        let order = lexicon.categories.map(\.id)
        // A root cause named outranks any symptom; then the votes; then the taxonomy's order.
        let categories = categoryVotes.keys.sorted {
            (causes.contains($0) ? 1 : 0, categoryVotes[$0]!, -(order.firstIndex(of: $0) ?? 0))
                > (causes.contains($1) ? 1 : 0, categoryVotes[$1]!, -(order.firstIndex(of: $1) ?? 0))
        }
        return (Assessment(post: post, isComplaint: isComplaint, score: score,
                           categories: categories, flags: flags, issues: issues, reasons: reasons, caseSeverity: caseSeverity,
                           issueSpans: issueSpans), forced, lowered, scalars)
    }

    /// Whether one of the rule's `near` phrases stands within its distance of the hit.
    private static func isNear(_ entry: CompiledRule, _ hit: (offset: Int, length: Int), in scalars: [UInt32]) -> Bool {
        let within = entry.rule.near?.within ?? 0
        let from = max(0, hit.offset - within)
        let to = min(scalars.count, hit.offset + hit.length + within)
        let window = scalars[from..<to]
        return entry.near.contains { phrase in
            phrase.count <= window.count
                && (window.startIndex...(window.endIndex - phrase.count)).contains { window[$0..<$0 + phrase.count].elementsEqual(phrase) }
        }
    }

    /// One rule counts once per place: hits that overlap an earlier one are dropped.
    private static func withoutOverlaps(_ hits: [(offset: Int, length: Int)]) -> [(offset: Int, length: Int)] {
        var accepted: [(offset: Int, length: Int)] = []
        for hit in hits.sorted(by: { ($0.offset, -$0.length) < ($1.offset, -$1.length) })
        where accepted.last.map({ $0.offset + $0.length <= hit.offset }) ?? true {
            accepted.append(hit)
        }
        return accepted
    }

    private func describe(_ rule: Lexicon.Rule) -> String {
        var parts: [String] = []
        if rule.weight != 0 { parts.append(rule.weight > 0 ? "complaint signal" : "counter-signal") }
        if let category = rule.category { parts.append("category \(category)") }
        if let flag = rule.flag { parts.append("flag \(flag.rawValue)") }
        return parts.joined(separator: ", ")
    }

    private static let clauseBreaks: Set<UInt32> = Set("，。！？；,.!?;\n：:".unicodeScalars.map(\.value))

    /// The negation cue standing within the window before `offset` in the same clause, if any.
    private func negation(before offset: Int, in scalars: [UInt32]) -> String? {
        var start = offset
        while start > 0, offset - start < lexicon.negation.window, !Self.clauseBreaks.contains(scalars[start - 1]) {
            start -= 1
        }
        guard start < offset else { return nil }
        let window = scalars[start..<offset]
        return negationCues.first { cue in
            cue.scalars.count <= window.count
                && (window.startIndex...(window.endIndex - cue.scalars.count)).contains { window[$0..<$0 + cue.scalars.count].elementsEqual(cue.scalars) }
        }?.cue
    }
}
