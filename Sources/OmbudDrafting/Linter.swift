import OmbudCore

/// Checks reply text against the forbidden phrases, absolute promises and the case's issues.
public struct Linter: Sendable {
    /// The rules in force.
    public let rules: LintRules
    private let compiled: [(rule: LintRules.Rule, level: LintFinding.Level, phrases: [[Character]], patterns: [TextPattern])]
    private static let placeholder = try! TextPattern(#"\{\{[^}]*\}\}|\[\[[^\]]*\]\]"#)

    /// Checks and compiles `rules`. Throws ``OmbudError`` `lint.*` naming the rule.
    public init(rules: LintRules) throws {
        self.rules = rules
        for (language, limit) in rules.maxLength.sorted(by: { $0.key < $1.key }) where limit <= 0 {
            throw OmbudError(code: .lintBadLength, message: "a reply cannot be limited to \(limit) characters", context: ["key": "max_length.\(language)"],
                             fix: "write a positive number of characters, for example 600")
        }
        compiled = try rules.rules.enumerated().map { index, rule in
            let context = ["rule": rule.id, "key": "rules[\(index)]"]
            let level: LintFinding.Level
            switch rule.level ?? "error" {
            case "error": level = .error
            case "warning": level = .warning
            default:
                throw OmbudError(code: .lintBadLevel, message: "level must be error or warning, not '\(rule.level ?? "")'",
                                 context: context, fix: "write level: error or level: warning")
            }
            let patterns = try OmbudError.locating(context) {
                try (rule.patterns ?? []).map { try TextPattern($0, caseInsensitive: true) }
            }
            // Phrases match in any writing: Simplified or Traditional, full- or half-width, spaced or not.
            let phrases = (rule.phrases ?? []).map { Array(LintText.normal($0)) }.filter { !$0.isEmpty }
            guard !phrases.isEmpty || !patterns.isEmpty else {
                throw OmbudError(code: .lintEmptyRule, message: "rule has neither phrases nor patterns", context: context,
                                 fix: "add phrases: [...] or patterns: [...]")
            }
            return (rule, level, phrases, patterns)
        }
    }

    /// Every finding in `text`; `issues` are the case's issues as the reply names them, each of
    /// which the text must mention; `language` picks the length limit.
    public func lint(_ text: String, issues: [String] = [], language: String = "zh-CN") -> [LintFinding] {
        var findings: [LintFinding] = []
        let normal = LintText(text)
        for entry in compiled {
            for phrase in entry.phrases {
                for range in normal.ranges(of: phrase) {
                    findings.append(LintFinding(rule: entry.rule.id, level: entry.level, matched: String(text[range]),
                                                offset: text.distance(from: text.startIndex, to: range.lowerBound),
                                                message: entry.rule.message, suggestion: entry.rule.suggestion))
                }
            }
            for pattern in entry.patterns {
                for match in pattern.matches(in: text) {
                    findings.append(LintFinding(rule: entry.rule.id, level: entry.level, matched: match.text, offset: match.offset,
                                                message: entry.rule.message, suggestion: entry.rule.suggestion))
                }
            }
        }
        for match in Self.placeholder.matches(in: text) {
            findings.append(LintFinding(rule: "draft.placeholder", level: .error, matched: match.text, offset: match.offset,
                                        message: "an unresolved placeholder", suggestion: "fill it in or remove it"))
        }
        for issue in issues where !normal.contains(Array(LintText.normal(issue))) {
            findings.append(LintFinding(rule: "draft.issue_not_covered", level: .error, matched: issue, offset: 0,
                                        message: "the complaint raises '\(issue)' and the reply does not answer it",
                                        suggestion: "add a sentence on '\(issue)' with the measure and when"))
        }
        if let limit = rules.maxLength[language] ?? rules.maxLength["default"], text.count > limit {
            findings.append(LintFinding(rule: "draft.too_long", level: .warning, matched: "", offset: limit,
                                        message: "\(text.count) characters, over \(limit)", suggestion: "shorten the reply"))
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            findings.append(LintFinding(rule: "draft.empty", level: .error, matched: "", offset: 0,
                                        message: "the reply is empty", suggestion: "check the template"))
        }
        return findings.sorted { ($0.offset, $0.rule) < ($1.offset, $1.rule) }
    }
}
