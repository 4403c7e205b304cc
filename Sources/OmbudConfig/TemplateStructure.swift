import Foundation
import Mustache
import OmbudCore

/// Checks the shape of every template under `Templates/` before any is parsed or rendered:
/// Mustache's own syntax (with file, line and column), sections nested no deeper than
/// ``deepestSections``, partials that exist in the same family (`replies/` or `web/`) and never
/// include themselves through any chain, and reply templates that use only the variables a draft
/// gives them.
///
/// A template that includes itself made every command crash on its first render, and a few
/// hundred nested sections made parsing take tens of seconds; both are refused at load instead.
enum TemplateStructure {
    /// The deepest nesting of sections (`{{#…}}`, `{{^…}}`) a template may have.
    static let deepestSections = 16
    /// The longest chain of partials one template may pull in.
    static let longestPartialChain = 8
    /// The variables a reply draft is rendered with (see `Drafter`), and those of each issue.
    static let replyVariables: Set<String> = ["author", "case_number", "category", "issues", "has_issues", "department", "contact",
                                              "severity", "is_urgent", "place", "date", "text", "has_measure", "measure", "."]

    /// One tag of a template, where it starts.
    struct Tag {
        /// The sigil after the braces (`#`, `^`, `/`, `>`, `!`, `&`, `{`, `%`, `=`, `$`, `<`), or nil for a variable.
        var sigil: Character?
        /// The tag's name, trimmed.
        var name: String
        var line: Int
        var column: Int
    }

    /// The problems of `templates` (by name, without `.mustache`), each naming the file and, where
    /// there is one, the line and column.
    static func problems(in templates: [String: String]) -> [OmbudError] {
        var problems: [OmbudError] = []
        var partials: [String: [(name: String, tag: Tag)]] = [:]
        for (name, source) in templates.sorted(by: { $0.key < $1.key }) {
            let file = "Templates/\(name).mustache"
            func problem(_ code: OmbudError.Code, _ message: String, _ tag: Tag?, _ fix: String) {
                var context = ["file": file]
                if let tag { context["line"] = "\(tag.line)"; context["column"] = "\(tag.column)" }
                problems.append(OmbudError(code: code, message: message, context: context, fix: fix))
            }
            let tags = scan(source)
            var depth = 0
            var tooDeep = false
            for tag in tags {
                switch tag.sigil {
                case "#", "^", "$", "<":
                    depth += 1
                    if depth > deepestSections, !tooDeep {
                        tooDeep = true
                        problem(.templateTooDeep, "sections are nested more than \(deepestSections) deep", tag, "flatten the template's sections")
                    }
                case "/":
                    depth = max(0, depth - 1)
                case ">":
                    partials[name, default: []].append((tag.name, tag))
                case nil, "&", "{":
                    if name.hasPrefix("replies/"), let head = tag.name.split(separator: ".").first.map(String.init) ?? (tag.name == "." ? "." : nil),
                       !replyVariables.contains(head) {
                        problem(.templateUnknownVariable, "a draft has no variable '\(tag.name)': it would be left blank", tag,
                                "use one of: \(replyVariables.subtracting(["."]).sorted().joined(separator: ", "))")
                    }
                default:
                    break
                }
            }
            // Mustache's own parse, only for templates of a sane depth (its time grows with depth).
            guard !tooDeep else { continue }
            do {
                _ = try MustacheTemplate(string: source)
            } catch let error as MustacheTemplate.ParserError {
                problems.append(OmbudError(code: .templateUnparsable, message: "Mustache cannot parse the template: \(describe(error.error))",
                                           context: ["file": file, "line": "\(error.context.lineNumber)", "column": "\(error.context.columnNumber)"],
                                           fix: "check that every {{#section}} has its {{/section}} and every tag its }}"))
            } catch {
                problem(.templateUnparsable, "Mustache cannot parse the template: \(error)", nil, "check the template's tags")
            }
        }
        // Partials: each must exist in its own family, and no chain may come back to where it started.
        for (name, included) in partials.sorted(by: { $0.key < $1.key }) {
            for (partial, tag) in included where templates[partial] == nil || family(partial) != family(name) {
                var located = OmbudError(code: .templateMissingPartial,
                                         message: templates[partial] == nil ? "the partial '\(partial)' does not exist"
                                             : "a \(family(name)) template cannot include '\(partial)'",
                                         context: ["file": "Templates/\(name).mustache"], fix: "name a template under Templates/\(family(name))/ without .mustache")
                located.context["line"] = "\(tag.line)"
                located.context["column"] = "\(tag.column)"
                problems.append(located)
            }
        }
        var reported = Set<String>()
        for name in partials.keys.sorted() {
            if let chain = loop(from: name, partials: partials), reported.insert(Set(chain).sorted().joined(separator: " ")).inserted {
                var context = ["file": "Templates/\(chain[0]).mustache"]
                if let tag = partials[chain[0]]?.first(where: { $0.name == chain[1] })?.tag {
                    context["line"] = "\(tag.line)"
                    context["column"] = "\(tag.column)"
                }
                problems.append(OmbudError(code: .templateRecursivePartial, message: "the template includes itself: \(chain.joined(separator: " → "))",
                                           context: context, fix: "remove the {{> \(chain[1])}} that closes the loop"))
            } else if let long = longest(from: name, partials: partials, seen: []), long.count > longestPartialChain + 1 {
                problems.append(OmbudError(code: .templateTooDeep, message: "partials include partials \(long.count - 1) deep: \(long.joined(separator: " → "))",
                                           context: ["file": "Templates/\(name).mustache"], fix: "include at most \(longestPartialChain) levels of partials"))
            }
        }
        return problems
    }

    /// `replies` or `web`: the family a template belongs to, which its partials must share.
    private static func family(_ name: String) -> String {
        name.split(separator: "/").first.map(String.init) ?? name
    }

    /// A chain of partials from `start` back to itself, if there is one.
    private static func loop(from start: String, partials: [String: [(name: String, tag: Tag)]]) -> [String]? {
        var stack: [(name: String, path: [String])] = [(start, [start])]
        var visited = Set<String>()
        while let (name, path) = stack.popLast() {
            for (next, _) in partials[name] ?? [] {
                if next == start { return path + [start] }
                if visited.insert(next).inserted { stack.append((next, path + [next])) }
            }
        }
        return nil
    }

    /// The longest chain of partials from `name` (no loops: they were reported first).
    private static func longest(from name: String, partials: [String: [(name: String, tag: Tag)]], seen: Set<String>) -> [String]? {
        guard !seen.contains(name), seen.count <= longestPartialChain + 1 else { return [name] }
        let below = (partials[name] ?? []).compactMap { longest(from: $0.name, partials: partials, seen: seen.union([name])) }
        return [name] + (below.max { $0.count < $1.count } ?? [])
    }

    /// The tags of `source` in order. A set-delimiter tag ends the scan: after it, only Mustache
    /// itself knows where tags are.
    static func scan(_ source: String) -> [Tag] {
        var tags: [Tag] = []
        let characters = Array(source)
        var index = 0
        var line = 1
        var lineStart = 0
        while index < characters.count - 1 {
            if characters[index] == "\n" {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard characters[index] == "{", characters[index + 1] == "{" else {
                index += 1
                continue
            }
            let start = index
            let triple = index + 2 < characters.count && characters[index + 2] == "{"
            var end = index + 2
            while end < characters.count - 1, !(characters[end] == "}" && characters[end + 1] == "}") { end += 1 }
            guard end < characters.count - 1 else { break }
            var body = String(characters[(start + 2)..<end]).trimmingCharacters(in: .whitespaces)
            var sigil: Character?
            if let first = body.first, "#^/>!&{%=$<".contains(first) {
                sigil = first
                body = String(body.dropFirst())
            }
            if triple { sigil = "{" }
            let name = body.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "{}")))
            tags.append(Tag(sigil: sigil, name: name, line: line, column: start - lineStart + 1))
            if sigil == "=" { break }
            let skipped = characters[start..<end].filter { $0 == "\n" }.count
            if skipped > 0, let last = characters[start..<end].lastIndex(of: "\n") {
                line += skipped
                lineStart = last + 1
            }
            index = end + (triple && end + 2 < characters.count && characters[end + 2] == "}" ? 3 : 2)
        }
        return tags
    }

    /// Words for a person for Mustache's parse errors.
    private static func describe(_ error: any Error) -> String {
        guard let problem = error as? MustacheTemplate.Error else { return "\(error)" }
        return switch problem {
        case .sectionCloseNameIncorrect: "a {{/…}} closes a section of another name"
        case .unfinishedName: "a tag is not finished"
        case .expectedSectionEnd: "a section is never closed"
        case .invalidSetDelimiter: "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: "a transform is applied to an inherited section"
        case .illegalTokenInsideInheritSection: "an inherited partial holds something other than blocks"
        case .textInsideInheritSection: "an inherited partial holds text outside its blocks"
        case .invalidConfigVariableSyntax: "a {{% … }} pragma is malformed"
        case .unrecognisedConfigVariable: "a {{% … }} pragma is unknown"
        @unknown default: "\(problem)"
        }
    }
}
