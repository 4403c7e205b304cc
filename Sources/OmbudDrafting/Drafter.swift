import Foundation
import Mustache
import OmbudCore

/// Renders one reply per thread of a case from the approved templates, and lints it.
///
/// Templates are given as sources keyed by their name under `Templates/` without extension
/// (`replies/zh-CN/default`); reading them from disk is the caller's job, so drafting is pure.
/// Reply templates render as plain text: nothing is HTML-escaped in a forum reply.
public struct Drafter: Sendable {
    /// The drafting rules in force.
    public let rules: DraftingRules
    /// The lint every draft goes through.
    public let linter: Linter
    private let library: MustacheLibrary
    private let names: Set<String>
    /// The sources, to tell which variables a language's templates use.
    private let sources: [String: String]

    /// Parses every template. Throws ``OmbudError`` `template.*` naming the template.
    public init(templates: [String: String], rules: DraftingRules, linter: Linter) throws {
        var library = MustacheLibrary()
        for (name, source) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register("{{% CONTENT_TYPE: TEXT}}\n" + source, named: name)
            } catch {
                throw OmbudError(code: .templateUnparsable, message: "Mustache cannot parse the template: \(error)",
                                 context: ["file": "Templates/\(name).mustache"], fix: "check that every {{#section}} has its {{/section}}")
            }
        }
        self.library = library
        self.names = Set(templates.keys)
        self.sources = templates
        self.rules = rules
        self.linter = linter
        for choice in rules.choices + [DraftingRules.Choice(template: rules.fallback)] {
            guard templates.keys.contains(where: { $0.hasSuffix("/\(choice.template)") }) else {
                throw OmbudError(code: .templateMissing, message: "drafting names template '\(choice.template)', which no language has",
                                 context: ["key": "drafting.choices"], fix: "add Templates/replies/zh-CN/\(choice.template).mustache or fix the name")
            }
        }
    }

    /// One draft per thread of `subject`. `posts` must hold the case's posts (for names and
    /// language); `openings` the opening post of its threads, where known.
    ///
    /// Each draft is in its thread's language: its opening post's (title and text), else that of
    /// the case's posts in the thread, so one English reply in a Chinese thread gets a Chinese
    /// draft. It names only the places and dates its own thread named (`mentions`, found by the
    /// grouping rules; without them, the case's): a case's other threads may be about another
    /// building. `categoryNames` maps category ids to the names staff use.
    public func drafts(for subject: Case, posts: [PostKey: Post], openings: [ThreadRef: Post] = [:],
                       mentions: [ThreadRef: ThreadMentions] = [:], categoryNames: [String: String] = [:]) -> [Draft] {
        subject.threads.map { thread in
            let members = subject.members.filter { $0.thread == thread }
            let threadPosts = members.compactMap { posts[$0.post] }
            let opening = openings[thread] ?? threadPosts.first { $0.isOpening }
            let language = LanguageGuess.language(of: opening.map { $0.threadTitle + "\n" + $0.text }
                                                      ?? threadPosts.map(\.text).joined(separator: "\n"))
            let template = templateName(for: subject, language: language, source: thread.source)
            let translation = rules.translations?[language]
            // The issues as the reply names them: the lint checks that each one is answered.
            let issueNames = subject.issues.map { translation?.issues?[$0] ?? $0 }
            var context: [String: Any] = [
                "author": members.first?.authorName ?? "",
                "case_number": subject.id,
                "category": categoryNames[subject.category] ?? subject.category,
                "issues": zip(subject.issues, issueNames).map { issue, name -> [String: Any] in
                    guard let measure = measure(for: issue, language: language) else { return ["text": name, "has_measure": false] }
                    return ["text": name, "has_measure": true, "measure": measure]
                },
                "has_issues": !subject.issues.isEmpty,
                "department": translation?.department ?? rules.department,
                "contact": translation?.contact ?? rules.contact,
                "severity": subject.severity.rawValue,
                "is_urgent": subject.severity >= .hot,
            ]
            let places = mentions[thread]?.places ?? subject.places ?? []
            if let place = Self.place(places, language: language) { context["place"] = place }
            let dates = mentions[thread]?.dates ?? subject.dates ?? []
            if let day = dates.first.flatMap({ Self.day($0, language: language) }) { context["date"] = day }
            let text = (library.render(context, withTemplate: template) ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            var findings = linter.lint(text, issues: issueNames, language: language)
            findings += emptyVariables(in: context, template: template)
            findings += foreignMeasures(in: text, issues: subject.issues, language: language)
            return Draft(caseID: subject.id, thread: thread, template: template, language: language, text: text,
                         findings: findings.sorted { ($0.offset, $0.rule) < ($1.offset, $1.rule) })
        }
    }

    /// The findings for a reply a person wrote or edited for `subject` in `language`: the lint,
    /// with every issue of the case to be answered under its name in that language.
    public func lint(_ text: String, for subject: Case, language: String) -> [LintFinding] {
        let translation = rules.translations?[language]
        return linter.lint(text, issues: subject.issues.map { translation?.issues?[$0] ?? $0 }, language: language)
            + foreignMeasures(in: text, issues: subject.issues, language: language)
    }

    /// An error for each configured measure (`drafting.measures`, in `language`) the reply
    /// promises for an issue none of the case's posts raised: an elevator inspection promised
    /// to people whose water is off.
    func foreignMeasures(in text: String, issues: [String], language: String) -> [LintFinding] {
        let raised = Set(issues)
        let known = Set((rules.measures ?? [:]).keys).union((rules.translations?[language]?.measures ?? [:]).keys)
        return known.subtracting(raised).sorted().compactMap { issue -> LintFinding? in
            guard let measure = measure(for: issue, language: language), !measure.isEmpty, let found = text.range(of: measure) else { return nil }
            return LintFinding(rule: "draft.foreign_measure", level: .error, matched: measure, offset: text.distance(from: text.startIndex, to: found.lowerBound),
                               message: "the reply promises what we do about \(issue), which no post of this case raised",
                               suggestion: "remove that measure, or move the post that raised it into this case")
        }
    }

    /// A finding for each text variable the template's language uses that is empty for this
    /// case (a post without an author name, a department left blank in config): the reply would
    /// read "您好：" with nobody before it.
    func emptyVariables(in context: [String: Any], template: String) -> [LintFinding] {
        let folder = template.split(separator: "/").dropLast().joined(separator: "/") + "/"
        let used = sources.filter { $0.key.hasPrefix(folder) }.values.joined()
        return context.compactMap { key, value -> LintFinding? in
            guard let text = value as? String, text.trimmingCharacters(in: .whitespaces).isEmpty, used.contains("{{\(key)}}") else { return nil }
            return LintFinding(rule: "draft.empty_variable", level: .error, matched: "{{\(key)}}", offset: 0,
                               message: "the reply uses {{\(key)}}, which is empty for this case",
                               suggestion: "fill it in by hand, or set it in config/ombud.yaml (drafting)")
        }.sorted { $0.matched < $1.matched }
    }

    /// What we do about `issue`, in `language`: the configured measure (zh-CN), its translation,
    /// or for zh-TW the zh-CN wording in Traditional characters; nil when there is none.
    func measure(for issue: String, language: String) -> String? {
        if let translated = rules.translations?[language]?.measures?[issue] { return translated }
        guard let measure = rules.measures?[issue] else { return nil }
        switch language {
        case "zh-CN": return measure
        case "zh-TW": return Self.traditional(measure)
        default: return nil
        }
    }

    /// Where the event is, as a reply in `language` names it: 3号楼2单元, 3號樓2單元, building 3, unit 2.
    static func place(_ places: [String], language: String) -> String? {
        guard !places.isEmpty else { return nil }
        switch language {
        case "en": return places.joined(separator: ", ")
        case "zh-TW": return traditional(places.joined())
        default: return places.joined()
        }
    }

    /// A `MM-DD` day as a reply in `language` writes it: 11月18日, 18 November.
    static func day(_ monthDay: String, language: String) -> String? {
        let parts = monthDay.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, (1...12).contains(parts[0]) else { return nil }
        if language == "en" {
            let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
            return "\(parts[1]) \(months[parts[0] - 1])"
        }
        return "\(parts[0])月\(parts[1])日"
    }

    /// `text` in Traditional characters as written in Taiwan: ICU's Hans-Hant, then the usages
    /// where Taiwan differs from its output (核實, 啟動, 回覆, 註明, 透過, 「」 quotes).
    static func traditional(_ text: String) -> String {
        var result = text.applyingTransform(StringTransform("Hans-Hant"), reverse: false) ?? text
        for (from, to) in taiwanUsage { result = result.replacingOccurrences(of: from, with: to) }
        return result
    }

    private static let taiwanUsage = [("覈實", "核實"), ("啓動", "啟動"), ("回復", "回覆"), ("注明", "註明"), ("通過", "透過"),
                                      ("“", "「"), ("”", "」")]

    /// The template for a case's thread: the first choice whose category, severity, language and
    /// source fit, else the fallback, in the post's language where it has one; zh-CN otherwise.
    func templateName(for subject: Case, language: String, source: String? = nil) -> String {
        let choice = rules.choices.first { choice in
            (choice.category.map { $0 == subject.category } ?? true)
                && (choice.minSeverity.flatMap(Severity.init(rawValue:)).map { subject.severity >= $0 } ?? true)
                && (choice.language.map { $0 == language } ?? true)
                && (choice.source.map { $0 == source } ?? true)
                && (choice.flags.map { !subject.flags.isDisjoint(with: $0) } ?? true)
        }?.template ?? rules.fallback
        for candidate in ["replies/\(language)/\(choice)", "replies/\(language)/\(rules.fallback)", "replies/zh-CN/\(choice)"]
        where names.contains(candidate) {
            return candidate
        }
        return "replies/zh-CN/\(rules.fallback)"
    }
}
