import ArgumentParser
import Foundation
import OmbudApp

/// `ombud-bench`: benchmarks for `make bench` (not tests).
struct OmbudBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ombud-bench", abstract: "Ombud's benchmarks (make bench runs them).",
                                                    subcommands: [Grouping.self, Queue.self, PipelineCommand.self, PipelinePrepare.self, PipelineMeasure.self, FuzzCommand.self, ExtractCommand.self])

    /// `ombud-bench grouping`.
    struct Grouping: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Assign synthetic complaint posts incrementally and report speed, flatness, memory and quality.")
        @Option(help: "The project folder holding config/.") var root = "."
        @Option(help: "Posts in the main run.") var posts = 100_000
        @Option(help: "Keep assigning until this many cases are stored (0: stop after the main run).") var untilCases = 100_000
        @Option(help: "The stream's seed.") var seed: UInt64 = 20_261_122
        @Option(help: "Write the main run's posts here as JSON lines, for the datasketch peer.") var export: String?

        func run() async throws {
            try GroupingBench.run(.init(root: URL(fileURLWithPath: root), posts: posts, untilCases: untilCases, seed: seed, export: export))
        }
    }

    /// `ombud-bench queue`.
    struct Queue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Store synthetic cases, serve the dashboard, and measure the queue page under wrk.")
        @Option(help: "The project folder holding config/ and Templates/.") var root = "."
        @Option(help: "Cases stored.") var cases = 10_000
        @Option(help: "wrk's connections.") var connections = 32
        @Option(help: "wrk's duration in seconds.") var seconds = 20

        func run() async throws {
            try await QueueBench.run(root: URL(fileURLWithPath: root), cases: cases, connections: connections, seconds: seconds)
        }
    }
}

extension OmbudBench {
    /// `ombud-bench pipeline`.
    struct PipelineCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pipeline",
                                                        abstract: "Time processing passes over stores of growing history (each in its own process).")
        @Option(help: "The project folder holding config/.") var root = "."
        @Option(help: "Stored posts of each history, comma-separated.") var sizes = "10000,1000000"
        @Option(help: "Where prepared stores are kept between runs.") var folder = ".build/bench-pipeline"

        func run() throws {
            let sizes = self.sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !sizes.isEmpty else { throw ValidationError("--sizes needs numbers, such as 10000,1000000") }
            try PipelineBench.run(root: URL(fileURLWithPath: root), sizes: sizes, folder: URL(fileURLWithPath: folder),
                                  executable: ProcessInfo.processInfo.arguments[0])
        }
    }

    /// `ombud-bench pipeline-prepare` (run by `pipeline`).
    struct PipelinePrepare: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pipeline-prepare", abstract: "Build a store's synthetic history.", shouldDisplay: false)
        @Option var root = "."
        @Option var posts: Int
        @Option var store: String

        func run() throws {
            try PipelineBench.prepare(root: URL(fileURLWithPath: root), posts: posts, path: store)
        }
    }

    /// `ombud-bench pipeline-measure` (run by `pipeline`).
    struct PipelineMeasure: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pipeline-measure", abstract: "Time passes on a copy of a prepared store.",
                                                        shouldDisplay: false)
        @Option var root = "."
        @Option var store: String

        func run() throws {
            try PipelineBench.measure(root: URL(fileURLWithPath: root), path: store)
        }
    }
}

extension OmbudBench {
    /// `ombud-bench fuzz` (run by `scripts/fuzz.sh`, which also catches a crash or a hang).
    struct FuzzCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "fuzz",
                                                        abstract: "Mutated pages through every site profile and mutated configurations through the load checks.")
        @Option(help: "The project folder holding config/, Templates/ and the fixtures.") var root = "."
        @Option(help: "Mutated pages.") var pages = 2000
        @Option(help: "Mutated configurations and templates.") var configs = 500
        @Option(help: "The mutations' seed.") var seed: UInt64 = 20_261_203

        func run() throws {
            try Fuzz.run(root: URL(fileURLWithPath: root), pages: pages, configs: configs, seed: seed)
        }
    }
}

extension OmbudBench {
    /// `ombud-bench extract` (run by `bench/extract-bench.sh`).
    struct ExtractCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "extract",
                                                        abstract: "The real forum pages through their shipped profiles, on one core: MB/s.")
        @Option(help: "The project folder holding config/ and the fixtures.") var root = "."
        @Option(help: "How many times every page is read.") var rounds = 20

        func run() throws {
            try ExtractBench.run(root: URL(fileURLWithPath: root), rounds: rounds)
        }
    }
}

await runAsyncCommand(OmbudBench.self)
