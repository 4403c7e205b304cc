import Foundation
import OmbudCore
import OmbudDrafting

/// Renders every reply template with a sample case and lints the result, for `ombud check`.
enum TemplateCheck {
    static func problems(drafter: Drafter, templates: [String: String], categories: [String]) -> [OmbudError] {
        var problems: [OmbudError] = []
        var reported = Set<String>()  // file|rule|matched: one report per wording problem
        // The raw wording of every reply template must pass the phrase rules too (placeholders
        // aside); the dashboard's pages are not replies (their CSS says 100%).
        for (name, source) in templates.sorted(by: { $0.key < $1.key }) where name.hasPrefix("replies/") {
            for finding in drafter.linter.lint(source) where finding.level == .error && finding.rule != "draft.placeholder"
                && reported.insert("\(name)|\(finding.rule)|\(finding.matched)").inserted {
                problems.append(OmbudError(code: .templateLint, message: "\(finding.message): '\(finding.matched)'",
                                           context: ["file": "Templates/\(name).mustache", "rule": finding.rule], fix: finding.suggestion))
            }
        }
        // Each category and severity, rendered as a real case: no placeholder left, every issue answered.
        for category in categories {
            for severity in Severity.allCases {
                let post = Post(source: "check", id: "1", threadID: "1", threadTitle: "样例", board: "check", floor: 1,
                                author: "业主", authorID: "1", postedAt: Date(timeIntervalSince1970: 0), text: "样例投诉", url: "")
                let member = CaseMember(post: post.key, thread: ThreadRef(source: "check", threadID: "1"), authorID: "1",
                                        authorName: "业主", postedAt: post.postedAt, role: .origin, reasons: [])
                let sample = Case(id: "check-1", category: category, members: [member], issues: ["电梯故障", "漏水"],
                                  flags: [], severity: severity)
                for draft in drafter.drafts(for: sample, posts: [post.key: post]) {
                    for finding in draft.findings where finding.level == .error
                        && reported.insert("\(draft.template)|\(finding.rule)|\(finding.matched)").inserted {
                        problems.append(OmbudError(code: .templateLint, message: "\(finding.message) ('\(finding.matched)') for a \(severity.rawValue) \(category) case",
                                                   context: ["file": "Templates/\(draft.template).mustache", "rule": finding.rule],
                                                   fix: finding.suggestion))
                    }
                }
            }
        }
        return problems
    }
}
