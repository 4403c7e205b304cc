import ArgumentParser
import Foundation
import OmbudConfig
import OmbudCore
import OmbudTriage

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

    @ArgumentParser.Flag(help: "Read the text as a reply (default: an opening post).")
    var reply = false

    @ArgumentParser.Flag(help: "Read the text as a reply in a thread already judged a complaint.")
    var inComplaintThread = false

    func run() async throws {
        let triage = try await exitOnUserError {
            try Workspace.load(root: URL(fileURLWithPath: project.root)).lexicon(named: lexicon, key: "--lexicon")
        }
        let context: ThreadContext = reply || inComplaintThread ? .reply(complaintThread: inComplaintThread) : .opening
        let verdict = triage.assess(text: text, context: context)
        print("complaint:  \(verdict.isComplaint ? "yes" : "no") (score \(String(format: "%.2f", verdict.score)), threshold \(triage.lexicon.threshold))")
        print("categories: \(verdict.categories.joined(separator: ", "))")
        print("flags:      \(verdict.flags.sorted().map(\.rawValue).joined(separator: ", "))")
        print("issues:     " + verdict.issueSpans.map { "\($0.note) «\($0.matched)» at \($0.offset)" }.joined(separator: "; "))
        if let model = verdict.model {
            print("model:      \(model.version): complaint \(ModelShare.percent(model.probability)), combined with the rules \(ModelShare.percent(model.combined))"
                  + " (complaint from \(ModelShare.percent(triage.modelSettings.cut)))")
            if let category = model.category, let share = model.categoryProbability { print("            category \(category) \(ModelShare.percent(share))") }
            for (flag, probability) in model.flags.sorted(by: { $0.key < $1.key }) { print("            flag \(flag) \(ModelShare.percent(probability))") }
            print("            weighed most: " + model.features.map { "«\($0.feature)» \(String(format: "%+.3f", $0.weight))" }.joined(separator: "  "))
        } else {
            print("model:      none (the rules alone)")
        }
        print("rules:")
        for reason in verdict.reasons {
            print("  \(String(format: "%+.2f", reason.weight))  \(reason.rule)  «\(reason.matched)» at \(reason.offset)  \(reason.note)")
        }
    }
}
