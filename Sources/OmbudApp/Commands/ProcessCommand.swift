import ArgumentParser
import Foundation
import Glibc
import OmbudCore

/// `ombud process`: the processing pass alone, over what is stored.
struct ProcessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Triage, group, draft and set deadlines for the stored posts not yet processed (what `crawl --once --no-process` left), in one transaction.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "The SQLite file (default: storage.sqlite in config/ombud.yaml).")
    var database: String?

    func run() async throws {
        let logger = makeLogger(project.logLevel)
        let runtime = try await exitOnUserError {
            try Runtime.open(root: URL(fileURLWithPath: project.root), database: database, clock: try project.clock(), logger: logger)
        }
        let waiting = try await exitOnUserError { try runtime.store.postsWithoutAssessment().count }
        print("processing: \(waiting) posts not yet judged")
        fflush(nil)   // a pipe reader (the kill test) sees the line before the pass starts
        let counts = try await exitOnUserError {
            try runtime.pipeline.process()
            return try runtime.store.counts()
        }
        print("stored: \(counts.posts) posts, \(counts.complaints) complaints, \(counts.cases) cases, \(counts.drafts) drafts")
    }
}
