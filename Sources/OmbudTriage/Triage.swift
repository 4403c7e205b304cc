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
        var phrases: [String]
        var patterns: [TextPattern]
    }

    /// Checks and compiles `lexicon`.
    ///
    /// Throws ``OmbudError`` `lexicon.*` naming the rule: an unknown category, a rule with
    /// neither phrases nor patterns, an invalid pattern, a duplicate id.
    public init(lexicon: Lexicon) throws {
        self.lexicon = lexicon
        let categoryIDs = Set(lexicon.categories.map(\.id))
        var seen = Set<String>()
        var compiled: [CompiledRule] = []
        for (index, rule) in lexicon.rules.enumerated() {
            let context = ["rule": rule.id, "key": "rules[\(index)]"]
            guard seen.insert(rule.id).inserted else {
                throw OmbudError(code: "lexicon.duplicate_rule", message: "two rules share the id \(rule.id)", context: context,
                                 fix: "give each rule its own id")
            }
            if let category = rule.category, !categoryIDs.contains(category) {
                throw OmbudError(code: "lexicon.unknown_category", message: "rule names category '\(category)', which is not in categories",
                                 context: context, fix: "use one of: \(categoryIDs.sorted().joined(separator: ", ")), or add it to categories")
            }
            let phrases = (rule.phrases ?? []).map { $0.lowercased() }.filter { !$0.isEmpty }
            let patterns = try OmbudError.locating(context) {
                try (rule.patterns ?? []).map { try TextPattern($0, caseInsensitive: true) }
            }
            guard !phrases.isEmpty || !patterns.isEmpty else {
                throw OmbudError(code: "lexicon.empty_rule", message: "rule has neither phrases nor patterns", context: context,
                                 fix: "add phrases: [...] or patterns: [...]")
            }
            compiled.append(CompiledRule(rule: rule, phrases: phrases, patterns: patterns))
        }
        self.compiled = compiled
    }

    /// The verdict on one post: complaint or not, categories, flags, issues and every reason.
    ///
    /// The thread title counts for the opening post only; replies are judged on their own words.
    public func assess(_ post: Post) -> Assessment {
        let text = post.isOpening ? post.threadTitle + "\n" + post.text : post.text
        return assess(text: text, post: post.key)
    }

    /// The verdict on a bare text (for `ombud triage "文本"` and tests).
    public func assess(text: String, post: PostKey = PostKey(source: "-", id: "-")) -> Assessment {
        let characters = Array(text.lowercased())
        var reasons: [Reason] = []
        var score = 0.0
        var categoryVotes: [String: Double] = [:]
        var flags = Set<Flag>()
        var issues: [String] = []

        for entry in compiled {
            for hit in hits(of: entry, in: characters) {
                let rule = entry.rule
                let matched = String(characters[hit.offset..<hit.offset + hit.length])
                if rule.negatable ?? true, let cue = negation(before: hit.offset, in: characters) {
                    reasons.append(Reason(rule: rule.id, matched: matched, offset: hit.offset, weight: 0,
                                          note: "negated by '\(cue)'"))
                    continue
                }
                score += rule.weight
                if let category = rule.category { categoryVotes[category, default: 0] += max(rule.weight, 0.5) }
                if let flag = rule.flag { flags.insert(flag) }
                if rule.weight > 0, let issue = rule.issue, !issues.contains(issue) { issues.append(issue) }
                reasons.append(Reason(rule: rule.id, matched: matched, offset: hit.offset, weight: rule.weight,
                                      note: describe(rule)))
            }
        }
        reasons.sort { ($0.offset, $0.rule) < ($1.offset, $1.rule) }
        let isComplaint = score >= lexicon.threshold
        let order = lexicon.categories.map(\.id)
        let categories = categoryVotes.keys.sorted {
            (categoryVotes[$0]!, -(order.firstIndex(of: $0) ?? 0)) > (categoryVotes[$1]!, -(order.firstIndex(of: $1) ?? 0))
        }
        return Assessment(post: post, isComplaint: isComplaint, score: score,
                          categories: categories, flags: flags, issues: issues, reasons: reasons)
    }

    private func describe(_ rule: Lexicon.Rule) -> String {
        var parts: [String] = []
        if rule.weight != 0 { parts.append(rule.weight > 0 ? "complaint signal" : "counter-signal") }
        if let category = rule.category { parts.append("category \(category)") }
        if let flag = rule.flag { parts.append("flag \(flag.rawValue)") }
        return parts.joined(separator: ", ")
    }

    private func hits(of entry: CompiledRule, in characters: [Character]) -> [(offset: Int, length: Int)] {
        var found: [(Int, Int)] = []
        for phrase in entry.phrases {
            let needle = Array(phrase)
            guard needle.count <= characters.count else { continue }
            var index = 0
            while index + needle.count <= characters.count {
                if characters[index] == needle[0], Array(characters[index..<index + needle.count]) == needle {
                    found.append((index, needle.count))
                    index += needle.count
                } else {
                    index += 1
                }
            }
        }
        if !entry.patterns.isEmpty {
            let text = String(characters)
            for pattern in entry.patterns {
                found += pattern.matches(in: text).map { ($0.offset, $0.length) }
            }
        }
        // One rule counts once per place: drop hits that overlap an earlier one.
        var accepted: [(offset: Int, length: Int)] = []
        for hit in found.sorted(by: { $0.0 < $1.0 }) where accepted.last.map({ $0.offset + $0.length <= hit.0 }) ?? true {
            accepted.append((hit.0, hit.1))
        }
        return accepted
    }

    private static let clauseBreaks: Set<Character> = ["，", "。", "！", "？", "；", ",", ".", "!", "?", ";", "\n", "：", ":"]

    /// The negation cue standing within the window before `offset` in the same clause, if any.
    private func negation(before offset: Int, in characters: [Character]) -> String? {
        var start = offset
        while start > 0, offset - start < lexicon.negation.window, !Self.clauseBreaks.contains(characters[start - 1]) {
            start -= 1
        }
        let before = String(characters[start..<offset])
        return lexicon.negation.cues.first { before.contains($0) }
    }
}
