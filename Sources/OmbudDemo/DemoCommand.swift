import ArgumentParser
import Foundation
import Logging
import OmbudApp
import OmbudCore

/// `ombud demo`: crawl the bundled sample forum, process it and show the cases.
public struct DemoCommand: AsyncParsableCommand {
    /// The command's name, abstract and help.
    public static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Serve the sample forum, crawl it, draft replies, and show the cases at http://127.0.0.1:8080.")

    @OptionGroup var project: ProjectOptions

    @ArgumentParser.Flag(help: "Do the work, print the summary and exit (for scripts).")
    var once = false

    @ArgumentParser.Flag(help: "Print the summary as JSON.")
    var json = false

    @Option(help: "The dashboard's port (default: web.port in config/ombud.yaml).")
    var port: Int?

    @Option(help: "The sample forum's port (default: the port of the demo source's base_url; 0 = any free port).")
    var forumPort: Int?

    @Option(help: "The SQLite file (default: storage.sqlite in config/ombud.yaml).")
    var database: String?

    /// Creates the command (ArgumentParser needs it).
    public init() {}

    /// Runs the demo.
    public func run() async throws {
        let logger = makeLogger(project.logLevel)
        let root = URL(fileURLWithPath: project.root)
        let session = try await exitOnUserError {
            try await DemoSession.start(root: root, forumPort: forumPort, database: database, clock: try project.clock(), logger: logger)
        }
        let summary = session.summary
        let web = session.workspace.configuration.web
        if json {
            try printJSON(summary)
        } else {
            print("""
                Ombud demo — crawled the sample forum at \(session.forumURL)
                  pages fetched  \(summary.pagesFetched)
                  posts          \(summary.posts) (\(summary.newPosts) new this run)
                  complaints     \(summary.complaints)
                  cases          \(summary.cases)
                  drafts         \(summary.drafts)
                  crawl errors   \(summary.errors.count)
                  database       \(session.store.path)
                """)
        }
        fflush(nil)  // all streams: stdout is block-buffered when piped
        if once {
            await session.forum.stop()
            return
        }
        let dashboard: HTTPServer
        do {
            dashboard = try await session.dashboard(host: web.host, port: port ?? web.port)
        } catch let error as OmbudError {
            printError(error)
            await session.forum.stop()
            throw ExitCode.failure
        }
        let accounts = try await exitOnUserError { try session.demoAccounts() }
        if !json {
            print("""

                Open http://\(web.host):\(dashboard.port)/ and log in to see each case: its posts, why each was judged a
                complaint, the drafted reply and the time left; edit, approve or reject drafts. Demo accounts (new
                passwords every start):
                """)
            for (account, password) in accounts {
                print("  \(account.name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(password)")
            }
            print("""

                The sample forum at \(session.forumURL) gets a new post every minute and is crawled every minute: watch a
                case appear in the queue, its countdown run; approve its draft, press "Post to forum", and see the clock
                stop when the crawler finds the reply in the thread.
                Press Ctrl-C to stop.
                """)
            fflush(nil)  // all streams: stdout is block-buffered when piped
        }
        let crawling = session.keepCrawling()
        try await dashboard.wait()
        crawling.cancel()
        await crawling.value
        await session.forum.stop()
    }
}
