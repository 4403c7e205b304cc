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

    /// Parses every template. Throws ``OmbudError`` `template.*` naming the template.
    public init(templates: [String: String], rules: DraftingRules, linter: Linter) throws {
        var library = MustacheLibrary()
        for (name, source) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register("{{% CONTENT_TYPE: TEXT}}\n" + source, named: name)
            } catch {
                throw OmbudError(code: "template.unparsable", message: "Mustache cannot parse the template: \(error)",
                                 context: ["template": "Templates/\(name).mustache"], fix: "check that every {{#section}} has its {{/section}}")
            }
        }
        self.library = library
        self.names = Set(templates.keys)
        self.rules = rules
        self.linter = linter
        for choice in rules.choices + [DraftingRules.Choice(template: rules.fallback)] {
            guard templates.keys.contains(where: { $0.hasSuffix("/\(choice.template)") }) else {
                throw OmbudError(code: "template.missing", message: "drafting names template '\(choice.template)', which no language has",
                                 context: ["key": "drafting.choices"], fix: "add Templates/replies/zh-CN/\(choice.template).mustache or fix the name")
            }
        }
    }

    /// One draft per thread of `subject`. `posts` must hold the case's posts (for names and language).
    ///
    /// `categoryNames` maps category ids to the names staff use.
    public func drafts(for subject: Case, posts: [PostKey: Post], categoryNames: [String: String] = [:]) -> [Draft] {
        subject.threads.map { thread in
            let members = subject.members.filter { $0.thread == thread }
            let threadPosts = members.compactMap { posts[$0.post] }
            let language = LanguageGuess.language(of: threadPosts.map(\.text).joined(separator: "\n"))
            let template = templateName(for: subject, language: language)
            let translation = rules.translations?[language]
            // The issues as the reply names them: the lint checks that each one is answered.
            let issueNames = subject.issues.map { translation?.issues?[$0] ?? $0 }
            let context: [String: Any] = [
                "author": members.first?.authorName ?? "",
                "case_number": subject.id,
                "category": categoryNames[subject.category] ?? subject.category,
                "issues": zip(subject.issues, issueNames).map { issue, name -> [String: Any] in
                    guard template.hasPrefix("replies/zh-CN/"), let measure = rules.measures?[issue] else {
                        return ["text": name, "has_measure": false]
                    }
                    return ["text": name, "has_measure": true, "measure": measure]
                },
                "has_issues": !subject.issues.isEmpty,
                "department": translation?.department ?? rules.department,
                "contact": translation?.contact ?? rules.contact,
                "severity": subject.severity.rawValue,
                "is_urgent": subject.severity >= .hot,
            ]
            let text = (library.render(context, withTemplate: template) ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return Draft(caseID: subject.id, thread: thread, template: template, language: language, text: text,
                         findings: linter.lint(text, issues: issueNames, language: language))
        }
    }

    /// The template for a case in a language: the first fitting choice, else the fallback, in
    /// the post's language where it has one; zh-CN otherwise.
    func templateName(for subject: Case, language: String) -> String {
        let choice = rules.choices.first { choice in
            (choice.category.map { $0 == subject.category } ?? true)
                && (choice.minSeverity.flatMap(Severity.init(rawValue:)).map { subject.severity >= $0 } ?? true)
        }?.template ?? rules.fallback
        for candidate in ["replies/\(language)/\(choice)", "replies/\(language)/\(rules.fallback)", "replies/zh-CN/\(choice)"]
        where names.contains(candidate) {
            return candidate
        }
        return "replies/zh-CN/\(rules.fallback)"
    }
}
