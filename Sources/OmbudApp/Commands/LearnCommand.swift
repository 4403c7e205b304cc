import ArgumentParser
import Foundation
import OmbudConfig
import OmbudCore
import OmbudLearn
import OmbudStore
import OmbudTriage

/// `ombud learn`: train the triage model from labeled corpora and staff decisions, score it on a
/// held-back split against the model in force, and install it only if it is no worse.
struct LearnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Train the triage model (liblinear) from labeled JSON Lines corpora and the store's staff decisions; install it only if it scores no worse on a held-back split.")

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: "A labeled corpus to learn from (repeat for several).")
    var corpus: [String] = []

    @Option(name: .long, help: "Score on these labeled files instead of holding back one thread in five of --corpus (repeat for several).")
    var heldBack: [String] = []

    @ArgumentParser.Flag(help: "Also learn from the store's staff decisions: cases dismissed as not a complaint, cases with an approved reply.")
    var fromStore = false

    @Option(help: "The SQLite file for --from-store (default: storage.sqlite in config/ombud.yaml).")
    var database: String?

    @Option(help: "Where to write the model (default: triage_model.file under config/).")
    var out: String?

    @Option(help: "liblinear's cost C (inverse regularisation).")
    var cost: Double = 4

    @Option(help: "liblinear's cost C for the category heads (default: --cost).")
    var categoryCost: Double?

    @Option(help: "Keep an n-gram or word only if it occurs in at least this many training posts (a smaller model file).")
    var minCount: Int = 2

    @ArgumentParser.Flag(help: "Install the new model even if it scores worse than the one in force.")
    var force = false

    func run() async throws {
        try await exitOnUserError {
            let root = URL(fileURLWithPath: project.root)
            // A missing or damaged model must not stop its own retraining: then the rules alone are "in force".
            let workspace: Workspace
            do { workspace = try Workspace.load(root: root) } catch let error as OmbudError where error.code.domain == "model" {
                FileHandle.standardError.write(Data("note: the model in force cannot be read (\(error.message)); comparing with the rules alone\n".utf8))
                workspace = try Workspace.load(root: root, model: false)
            }
            for (key, value) in [("--cost", cost), ("--category-cost", categoryCost ?? cost)] where !(value.isFinite && value > 0) {
                throw OmbudError(code: .learnBadCost, message: "\(key) must be a positive number", context: ["key": key],
                                 fix: "use a value such as 8")
            }
            guard minCount >= 1 else {
                throw OmbudError(code: .learnBadMinCount, message: "--min-count must be 1 or more", context: ["key": "--min-count"],
                                 fix: "use a value such as 2")
            }
            guard !corpus.isEmpty || fromStore else {
                throw OmbudError(code: .learnNoData, message: "nothing to learn from", context: ["key": "--corpus"],
                                 fix: "name a labeled corpus with --corpus FILE.jsonl, or use --from-store")
            }
            let labels = try corpus.flatMap(CorpusFile.read)
            let (train, held) = heldBack.isEmpty ? Learning.split(labels) : (labels, try heldBack.flatMap(CorpusFile.read))
            var examples = Learning.examples(from: train)
            var decisions = 0
            if fromStore {
                let runtime = try Runtime.open(root: root, database: database, clock: try project.clock(), logger: makeLogger(project.logLevel))
                let stored = try Learning.examples(from: runtime.store) { source in
                    workspace.configuration.sources.first { $0.name == source }?.lexicon ?? Workspace.defaultLexicon
                }
                decisions = stored.count
                examples += stored
            }
            let threads = Set(train.map { $0.thread ?? $0.id }).count
            let started = ContinuousClock.now
            var model = try ModelTrainer(cost: cost, categoryCost: categoryCost, minCount: minCount).train(examples)
            let seconds = ContinuousClock.now - started
            let before = try CorpusRun.run(held, workspace: workspace).evaluation
            let after = try CorpusRun.run(held, workspace: workspace.replacingModel(model)).evaluation
            model = model.withNotes(["trained on \(train.count) labeled posts in \(threads) threads and \(decisions) staff decisions, C \(cost), category C \(categoryCost ?? cost), min count \(minCount)",
                                     "held back \(held.count) posts: " + Self.summary(after)])
            print("learned \(model.version) from \(examples.count) examples (\(train.count) labeled posts, \(decisions) staff decisions) "
                  + String(format: "in %.1f s: ", Double(seconds.components.seconds) + Double(seconds.components.attoseconds) / 1e18)
                  + "\(model.featureCount) features, \(model.heads.count) heads")
            print("held back: \(held.count) posts in \(Set(held.map { $0.thread ?? $0.id }).count) threads")
            print("  in force (\(workspace.model?.version ?? "rules alone")): " + Self.summary(before))
            print("  new      (\(model.version)): " + Self.summary(after))
            if after.complaint.f1 < before.complaint.f1 && !force {
                throw OmbudError(code: .learnWorse, message: "the new model scores worse on the held-back posts than the one in force; it was not installed",
                                 context: ["held back": "\(held.count) posts"], fix: "add or correct training data, or pass --force to install it anyway")
            }
            let path = out ?? root.appendingPathComponent("config").appendingPathComponent(workspace.modelSettings.file ?? "models/triage.model").path
            let text = ModelFile.text(of: model)
            do {
                try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw OmbudError(code: .learnUnwritable, message: "cannot write the model", context: ["file": path], fix: "check the folder")
            }
            print("installed \(path) (\(text.utf8.count / 1024) KiB)")
        }
    }

    /// One line of scores: complaint P/R/F1, category accuracy, flag recalls.
    static func summary(_ evaluation: Evaluation) -> String {
        let complaint = evaluation.complaint
        var parts = [String(format: "complaint P %.3f R %.3f F1 %.3f", complaint.precision, complaint.recall, complaint.f1),
                     String(format: "category %.3f", evaluation.categoryAccuracy)]
        for (flag, score) in evaluation.flags.sorted(by: { $0.key < $1.key }) where score.truePositives + score.falseNegatives > 0 {
            parts.append(String(format: "%@ R %.2f P %.2f", flag, score.recall, score.precision))
        }
        return parts.joined(separator: ", ")
    }
}
