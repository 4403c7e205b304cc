import Foundation
import OmbudCore

/// The dashboard's words in each language it speaks, from `Templates/web/words.yaml`.
///
/// Templates say `{{t.key}}`; the dashboard gives them the words of the reader's language. The
/// first language is the default.
public struct DashboardWords: Sendable, Hashable, Codable {
    /// The languages (`zh-CN`, `en`), the default first.
    public var languages: [String]
    /// Each word by key, then by language.
    public var words: [String: [String: String]]

    /// The file, relative to the project root.
    public static let path = "Templates/web/words.yaml"

    /// Creates words.
    public init(languages: [String], words: [String: [String: String]]) {
        self.languages = languages
        self.words = words
    }

    /// The words of each language: language → key → text.
    public var byLanguage: [String: [String: String]] {
        Dictionary(uniqueKeysWithValues: languages.map { language in
            (language, words.compactMapValues { $0[language] })
        })
    }

    /// What is wrong: no language, a word missing in a language or given in an unknown one, and
    /// `{{t.key}}` in a dashboard template (`web/…` in `templates`) that names no word. Each
    /// problem names the file, the key and the fix.
    public func problems(templates: [String: String]) -> [OmbudError] {
        var problems: [OmbudError] = []
        if languages.isEmpty {
            problems.append(OmbudError(code: .wordsNoLanguage, message: "no language is listed", context: ["file": Self.path, "key": "languages"],
                                       fix: "list the languages, the default first: [zh-CN, en]"))
        }
        for key in words.keys.sorted() {
            let given = words[key] ?? [:]
            for language in languages where (given[language] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(OmbudError(code: .wordsMissing, message: "'\(key)' has no \(language) wording",
                                           context: ["file": Self.path, "key": "words.\(key).\(language)"], fix: "add { \(language): … } to \(key)"))
            }
            for language in given.keys.sorted() where !languages.contains(language) {
                problems.append(OmbudError(code: .wordsUnknownLanguage, message: "'\(key)' is given in \(language), which is not listed",
                                           context: ["file": Self.path, "key": "words.\(key).\(language)"],
                                           fix: "add \(language) to languages: or remove it here"))
            }
        }
        let used = try! NSRegularExpression(pattern: #"\{\{\s*t\.([A-Za-z0-9_]+)\s*\}\}"#)
        for name in templates.keys.sorted() where name.hasPrefix("web/") {
            let source = templates[name] ?? ""
            let range = NSRange(source.startIndex..., in: source)
            var reported = Set<String>()
            for match in used.matches(in: source, range: range) {
                guard let keyRange = Range(match.range(at: 1), in: source) else { continue }
                let key = String(source[keyRange])
                guard words[key] == nil, reported.insert(key).inserted else { continue }
                problems.append(OmbudError(code: .wordsUnknown, message: "the template says {{t.\(key)}}, which \(Self.path) does not define",
                                           context: ["file": "Templates/\(name).mustache", "key": key],
                                           fix: "add \(key) with its wording in every language to \(Self.path), or correct the name"))
            }
        }
        return problems
    }
}
