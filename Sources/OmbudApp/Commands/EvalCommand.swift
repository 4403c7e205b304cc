import ArgumentParser
import Foundation
import OmbudConfig
import OmbudCore
import OmbudGrouping
import OmbudTriage

/// `ombud eval CORPUS.jsonl`: score triage (and grouping) against a labeled corpus.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score triage against a labeled JSON Lines corpus: precision, recall, F1 per label, category confusion.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "The lexicon in config/lexicon/ (default: triage, the property-management set).")
    var lexicon: String = "triage"

    @Argument(help: "The labeled corpus, one JSON object a line.")
    var corpus: String

    @Option(help: "Write one line per post with the predicted is_complaint, categories, flags and case.")
    var predictions: String?

    @ArgumentParser.Flag(help: "Print the scores as JSON.")
    var json = false

    @ArgumentParser.Flag(help: "Also measure triage speed on the corpus's texts (posts per second, one core).")
    var speed = false

    func run() async throws {
        try await exitOnUserError {
            let workspace = try Workspace.load(root: URL(fileURLWithPath: project.root))
            let labels = try CorpusFile.read(corpus)
            let triage = try workspace.lexicon(named: lexicon, key: "--lexicon")
            let result = try CorpusRun.run(labels, workspace: workspace, triage: triage)
            if let predictions { try CorpusRun.write(result, labels: labels, to: predictions) }
            if json {
                try printJSON(result.evaluation)
            } else {
                print(CorpusRun.report(result.evaluation))
                print(String(format: "grouping (B-cubed over %d labeled complaints): precision %.3f recall %.3f F1 %.3f",
                             result.grouping.items, result.grouping.precision, result.grouping.recall, result.grouping.f1))
            }
            if speed {
                let measured = TriageSpeed.measure(labels.map(\.text), triage: triage)
                print(String(format: "triage speed: %.0f posts/s (%d posts, %d judged complaints, one core)",
                             measured.postsPerSecond, measured.posts, measured.complaints))
            }
        }
    }
}
