import Foundation
import OmbudConfig
import OmbudCore
import OmbudDrafting
import Testing

/// The lint's phrase lists are written once, in Simplified; a reply may be in Traditional
/// characters, full-width letters, or spaced out. Every listed phrase is found in every writing.
@Suite struct LintWritingTests {
    static let linter = Project.workspace.drafter.linter
    static let phrases: [(rule: String, phrase: String)] = linter.rules.rules.flatMap { rule in (rule.phrases ?? []).map { (rule.id, $0) } }

    enum Writing: String, CaseIterable, Sendable {
        case simplified, traditional, fullWidth, spaced

        func write(_ phrase: String) -> String {
            switch self {
            case .simplified: phrase
            case .traditional: phrase.applyingTransform(StringTransform("Hans-Hant"), reverse: false) ?? phrase
            case .fullWidth:
                String(String.UnicodeScalarView(phrase.unicodeScalars.map { scalar in
                    (0x21...0x7E).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0xFEE0)! : scalar
                }))
            // Chinese spaced out character by character; words of other languages with more space between them.
            case .spaced: phrase.unicodeScalars.first.map { $0.value >= 0x2E80 } == true ? phrase.map(String.init).joined(separator: " ")
                : phrase.split(separator: " ").joined(separator: "  \n ")
            }
        }
    }

    @Test(arguments: Writing.allCases)
    func everyListedPhraseIsFoundInEveryWriting(writing: Writing) {
        #expect(Self.phrases.count >= 40)
        var missed: [String] = []
        for (rule, phrase) in Self.phrases {
            let written = writing.write(phrase)
            let text = "您好，" + written + "。"
            let findings = Self.linter.lint(text)
            if !findings.contains(where: { $0.rule == rule && $0.matched == written && text.dropFirst($0.offset).hasPrefix(written) }) {
                missed.append("\(rule): \(written)")
            }
        }
        #expect(missed.isEmpty, "\(missed.count) missed: \(missed.prefix(10))")
    }

    @Test func wordsAreNotJoinedAcrossSpaces() {
        #expect(!Self.linter.lint("I know a year ago we said so.").contains { $0.matched.lowercased().contains("now") && $0.rule.hasPrefix("forbidden") })
        let findings = Self.linter.lint("We fixed the attic.", issues: ["heat"])
        #expect(findings.contains { $0.rule == "draft.issue_not_covered" })
    }

    @Test func theIssueReportsTraditionalPhrases() {
        for text in ["這不是我的工作", "這不關我們的事"] {
            #expect(Self.linter.lint("我們會處理。" + text).contains { $0.level == .error && $0.matched == text }, "\(text)")
        }
    }

    @Test func aTraditionalPhraseInATemplateFailsTheCheck() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-lint-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for folder in ["config", "Templates"] {
            try FileManager.default.copyItem(at: Project.root.appendingPathComponent(folder), to: copy.appendingPathComponent(folder))
        }
        let template = copy.appendingPathComponent("Templates/replies/zh-TW/default.mustache")
        try (try String(contentsOf: template, encoding: .utf8) + "這不是我的工作\n").write(to: template, atomically: true, encoding: .utf8)
        let problems = Workspace.check(root: copy)
        #expect(problems.contains { $0.code.rawValue == "template.lint" && $0.context["file"] == "Templates/replies/zh-TW/default.mustache" }, "\(problems)")
    }
}
