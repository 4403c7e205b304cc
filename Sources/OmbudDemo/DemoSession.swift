import Foundation
import Logging
import OmbudConfig
import OmbudApp
import OmbudCore
import OmbudCrawl
import OmbudPosting
import OmbudStore
import OmbudWeb

/// `ombud demo`: the sample forum served locally, crawled and processed once, and the dashboard.
///
/// Built by a library function so tests run exactly what the command runs.
public struct DemoSession: Sendable {
    /// The name of the configured source that the sample forum stands in for.
    public static let sourceName = "demo"

    /// The loaded configuration.
    public let workspace: Workspace
    /// The store used.
    public let store: SQLiteStore
    /// The running sample forum.
    public let forum: HTTPServer
    /// The sample forum's base URL.
    public let forumURL: String
    /// The demo source as crawled: the sample forum's address, crawled every minute.
    public let source: OmbudConfiguration.Source
    /// What the run did.
    public let summary: RunSummary
    /// The pipeline over the store (the dashboard's desk acts through it).
    public let pipeline: Pipeline
    private let logger: Logger

    /// Serves the sample forum, crawls it once and processes the posts.
    ///
    /// `forumPort` nil takes the port of the `demo` source's `base_url`; 0 takes any free port.
    /// `database` nil takes `storage.sqlite` from the configuration, relative to `root`.
    public static func start(root: URL, forumPort: Int?, database: String?, clock: any OmbudCore.Clock,
                             logger: Logger) async throws -> DemoSession {
        let workspace = try Workspace.load(root: root)
        guard var source = workspace.configuration.sources.first(where: { $0.name == sourceName }) else {
            throw OmbudError(code: .demoNoSource, message: "config/ombud.yaml has no source named '\(sourceName)'",
                             context: ["file": Workspace.configurationPath, "key": "sources"],
                             fix: "restore the demo source from the repository's config/ombud.yaml")
        }
        let sample = try DemoForum.load(folder: root.appendingPathComponent("demo/forum"), clock: clock)
        let port = forumPort ?? URL(string: source.baseURL)?.port ?? 8081
        let forum = try await HTTPServer.start(sample.router(), host: "127.0.0.1", port: port, logger: logger)
        source.baseURL = "http://127.0.0.1:\(forum.port)/"
        source.schedule = CrawlSchedule(every: "1m", jitterSeconds: 0)
        do {
            let path = database ?? root.appendingPathComponent(workspace.configuration.storage.sqlite).path
            let store = try SQLiteStore(path: path)
            let fetcher = try FetcherFactory.make(workspace.configuration, sources: [source], clock: clock)
            let pipeline = Pipeline(workspace: workspace, store: store, fetcher: fetcher, clock: clock, logger: logger,
                                    cookieFolder: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("cookies"))
            let summary = try await pipeline.runOnce(sources: [source])
            return DemoSession(workspace: workspace, store: store, forum: forum, forumURL: source.baseURL, source: source, summary: summary,
                               pipeline: pipeline, logger: logger)
        } catch {
            await forum.stop()
            throw error
        }
    }

    /// Starts the dashboard on `host:port`. Approved replies are posted to the sample forum
    /// through its reply form (Discuz!'s `forum.php?mod=post&action=reply`), as the form poster
    /// posts to a real forum.
    public func dashboard(host: String, port: Int) async throws -> HTTPServer {
        let dashboard = try workspace.dashboard(pipeline: pipeline, posters: [source.name: try replyPoster()])
        return try await HTTPServer.start(dashboard.router(), host: host, port: port, stopOnSignals: true, logger: logger)
    }

    /// The sample forum's form poster.
    public func replyPoster() throws -> FormPoster {
        FormPoster(baseURL: forumURL, action: "forum.php?mod=post&action=reply&tid={thread}", fields: ["message": "{text}"],
                   success: "回复发布成功", link: try TextPattern(#"href="(thread-[^"]+)""#),
                   cookieJar: pipeline.cookieFolder.appendingPathComponent("\(source.name).cookies").path,
                   fetcher: try CurlClient(settings: .init(userAgent: workspace.configuration.crawl.userAgent, timeoutSeconds: 30), clock: pipeline.clock))
    }

    /// Crawls the sample forum every minute until the task is cancelled, so new posts become cases
    /// and posted replies are seen in their threads.
    public func keepCrawling() -> Task<Void, Never> {
        let scheduler = CrawlScheduler(pipeline: pipeline, sources: [source])
        return Task { await scheduler.run() }
    }

    /// One account per role for trying the dashboard (`demo-staff`, `demo-supervisor`,
    /// `demo-spokesperson`, `demo-admin`), each given a fresh random password on every call.
    /// Returns the accounts with their passwords, to print.
    public func demoAccounts() throws -> [(account: Account, password: String)] {
        try Account.Role.allCases.map { role in
            let password = Self.readablePassword()
            let account = try Accounts.make(name: "demo-\(role.rawValue)", role: role.rawValue, password: password, now: pipeline.clock.now)
            try store.save(account: account)
            try store.append(audit: AuditEntry(at: pipeline.clock.now, actor: "ombud demo", action: "account.update", after: "\(account.name) \(role.rawValue)"))
            return (account, password)
        }
    }

    /// Twelve letters and digits without look-alikes (no 0/O, 1/l/I).
    private static func readablePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
