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
        abstract: "Score triage against a labeled JSON Lines corpus: precision, recall, F1 per label, category confusion.",
        discussion: """
            With --replay the corpus goes through the whole pipeline as forums being followed (triage, grouping, our answers, \
            severity, deadlines, drafts, in posting-time order, in a scratch store), and the cases are scored too: B-cubed against \
            the labeled events, severity against --severities, the drafts against their threads.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "The lexicon in config/lexicon/ (default: triage, the property-management set).")
    var lexicon: String = "triage"

    @Argument(help: "The labeled corpus, one JSON object a line.")
    var corpus: String

    @Option(help: "Write one line per post with the predicted is_complaint, categories, flags and case (with --replay also the case's severity and deadline).")
    var predictions: String?

    @ArgumentParser.Flag(help: "Run the whole pipeline over the corpus in posting-time order and score cases, severities, deadlines and drafts.")
    var replay = false

    @Option(help: "With --replay: an author whose posts are our official answers (repeat for several; posts labeled author_is_official count too).")
    var official: [String] = []

    @Option(help: "With --replay: labeled severities, a JSON Lines file of {\"event\": \"…\", \"severity\": \"hot\"}.")
    var severities: String?

    @ArgumentParser.Flag(help: "Print the scores as JSON.")
    var json = false

    @ArgumentParser.Flag(help: "Also measure triage speed on the corpus's texts (posts per second, one core).")
    var speed = false

    func run() async throws {
        try await exitOnUserError {
            let workspace = try Workspace.load(root: URL(fileURLWithPath: project.root))
            let labels = try CorpusFile.read(corpus)
            let triage = try workspace.lexicon(named: lexicon, key: "--lexicon")
            if replay {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-replay-\(UUID().uuidString)")
                let result = try CorpusReplay.run(labels, workspace: workspace, officials: Set(official),
                                                  severities: try severities.map(CorpusReplay.severities(from:)) ?? [:], folder: folder)
                if let predictions { try CorpusReplay.write(result, to: predictions) }
                if json {
                    try printJSON(result.evaluation)
                } else {
                    print(CorpusRun.report(result.evaluation))
                    print(CorpusReplay.report(result))
                }
                return
            }
            guard official.isEmpty && severities == nil else {
                throw OmbudError(code: .evalBadOption, message: "--official and --severities need --replay", context: ["key": official.isEmpty ? "--severities" : "--official"],
                                 fix: "add --replay, or leave them out")
            }
            let result = try CorpusRun.run(labels, workspace: workspace, triage: triage)
            if let predictions { try CorpusRun.write(result, labels: labels, to: predictions) }
            if json {
                try printJSON(result.evaluation)
            } else {
                print(CorpusRun.report(result.evaluation))
                print(String(format: "grouping (B-cubed over %d posts labeled with an event): precision %.3f recall %.3f F1 %.3f",
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
