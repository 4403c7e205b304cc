import ArgumentParser
import Foundation
import OmbudCore

/// `ombud serve`: the dashboard, every source crawled on its schedule, escalation every minute.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the dashboard, crawl every source on its schedule and send escalation notices until Ctrl-C.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "The dashboard's port (default: web.port in config/ombud.yaml).")
    var port: Int?

    @Option(help: "The SQLite file (default: storage.sqlite in config/ombud.yaml).")
    var database: String?

    func run() async throws {
        let logger = makeLogger(project.logLevel)
        let (runtime, server, escalator) = try await exitOnUserError {
            let runtime = try Runtime.open(root: URL(fileURLWithPath: project.root), database: database, clock: try project.clock(), logger: logger)
            let escalator = try runtime.escalator(logger: logger)
            let workspace = runtime.workspace
            let posters = try PosterFactory.make(workspace.configuration, cookieFolder: runtime.pipeline.cookieFolder, clock: runtime.pipeline.clock)
            let dashboard = try workspace.dashboard(pipeline: runtime.pipeline, posters: posters)
            let web = workspace.configuration.web
            let server = try await HTTPServer.start(dashboard.router(), host: web.host, port: port ?? web.port, logger: logger)
            print("Dashboard at http://\(web.host):\(server.port)/ — crawling \(workspace.configuration.sources.count) source(s) on schedule. Ctrl-C stops.")
            fflush(nil)
            return (runtime, server, escalator)
        }
        let scheduler = CrawlScheduler(pipeline: runtime.pipeline, sources: runtime.workspace.configuration.sources)
        let crawling = Task { await scheduler.run() }
        // Escalation notices go out within a minute of a step being reached.
        let escalating = Task {
            while !Task.isCancelled {
                do { _ = try await escalator.run() } catch { logger.error("escalation pass failed", metadata: ["error": "\(error)"]) }
                try? await Task.sleep(for: .seconds(60))
            }
        }
        await waitForInterrupt()
        crawling.cancel()
        escalating.cancel()
        await crawling.value
        await escalating.value
        await server.stop()
    }
}
