import ArgumentParser
import Foundation
import OmbudCore

/// `ombud status`: each source's last run, pages, errors, frontier (failing pages with every
/// attempt's reason) and next run.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each source's last crawl (pages, errors), what waits in its frontier (failing pages with their attempts and reasons), and its next run.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let runtime = try await store.open()
        let scheduler = CrawlScheduler(pipeline: runtime.pipeline, sources: runtime.workspace.configuration.sources)
        for source in runtime.workspace.configuration.sources {
            let status = try await exitOnUserError { try SourceStatus(source: source, store: runtime.store, nextRun: scheduler.nextRun(of: source)) }
            for line in status.lines { print(line) }
        }
    }
}
