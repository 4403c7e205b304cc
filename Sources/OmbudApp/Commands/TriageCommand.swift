import ArgumentParser
import Foundation
import OmbudConfig
import OmbudCore

/// `ombud triage "文本"`: show the verdict on a text and every rule that fired.
struct TriageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Show whether a text is a complaint, its categories, flags and issues, and every rule that fired.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "The lexicon in config/lexicon/ (default: triage, the property-management set).")
    var lexicon: String = "triage"

    @Argument(help: "The text to assess.")
    var text: String

    func run() async throws {
        let triage = try await exitOnUserError {
            try Workspace.load(root: URL(fileURLWithPath: project.root)).lexicon(named: lexicon, key: "--lexicon")
        }
        let verdict = triage.assess(text: text)
        print("complaint:  \(verdict.isComplaint ? "yes" : "no") (score \(String(format: "%.2f", verdict.score)), threshold \(triage.lexicon.threshold))")
        print("categories: \(verdict.categories.joined(separator: ", "))")
        print("flags:      \(verdict.flags.sorted().map(\.rawValue).joined(separator: ", "))")
        print("issues:     " + verdict.issueSpans.map { "\($0.note) «\($0.matched)» at \($0.offset)" }.joined(separator: "; "))
        print("rules:")
        for reason in verdict.reasons {
            print("  \(String(format: "%+.2f", reason.weight))  \(reason.rule)  «\(reason.matched)» at \(reason.offset)  \(reason.note)")
        }
    }
}
