import ArgumentParser
import Foundation
import OmbudApp

/// `ombud-bench`: benchmarks for `make bench` (not tests).
struct OmbudBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ombud-bench", abstract: "Ombud's benchmarks (make bench runs them).",
                                                    subcommands: [Grouping.self, Queue.self])

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

await runAsyncCommand(OmbudBench.self)
