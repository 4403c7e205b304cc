import ArgumentParser
import Foundation
import Glibc
import OmbudConfig
import OmbudCore

/// `ombud crawl`: crawl the configured sources once, or on their schedules.
struct CrawlCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crawl",
        abstract: "Crawl the configured forums: once with --once, otherwise on each source's schedule until Ctrl-C.")

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: "Crawl only this source (repeat for several).")
    var source: [String] = []

    @ArgumentParser.Flag(help: "Crawl each source once, process the new posts and exit.")
    var once = false

    @ArgumentParser.Flag(help: "With --once: store the posts but leave triage, grouping and drafting for later.")
    var noProcess = false

    @Option(help: "The SQLite file (default: storage.sqlite in config/ombud.yaml).")
    var database: String?

    func run() async throws {
        let logger = makeLogger(project.logLevel)
        let (runtime, sources) = try await exitOnUserError {
            let runtime = try Runtime.open(root: URL(fileURLWithPath: project.root), database: database, clock: try project.clock(), logger: logger)
            return (runtime, try runtime.sources(named: source))
        }
        let meter = ProgressMeter()
        if once {
            var failed = false
            for source in sources {
                do {
                    let report = try await runtime.pipeline.crawl(source) { meter.show(source.name, $0) }
                    meter.finish()
                    print("\(source.name): \(report.pages) pages (\(report.unchanged) unchanged), \(report.newPosts) new posts, \(report.errors.count) errors")
                    for error in report.errors.prefix(5) { print("  \(error)") }
                    if let note = Pipeline.SourceReport.tooOldNote(report.threadsTooOld,
                                                                   windowDays: runtime.workspace.configuration.crawl.firstCrawlDays) {
                        print("  \(note)")
                    }
                } catch let error as OmbudError {
                    meter.finish()
                    printError(error)
                    failed = true
                }
            }
            if !noProcess { try runtime.pipeline.process() }
            let counts = try runtime.store.counts()
            print("stored: \(counts.posts) posts, \(counts.complaints) complaints, \(counts.cases) cases, \(counts.drafts) drafts")
            if failed { throw ExitCode.failure }
            return
        }
        let scheduler = CrawlScheduler(pipeline: runtime.pipeline, sources: sources)
        let task = Task { await scheduler.run { meter.show($0, $1) } }
        await waitForInterrupt()
        task.cancel()
        await task.value
        meter.finish()
    }
}

/// Shows crawl progress: a live line on a terminal, plain log lines otherwise.
final class ProgressMeter: @unchecked Sendable {
    private let lock = NSLock()
    private let live = isatty(STDERR_FILENO) == 1
    // Rates and refreshes are measured on the monotonic clock: a stepped wall clock cannot upset them.
    private let started = ContinuousClock.now
    private var lastLine: ContinuousClock.Instant?
    private var shown = false
    /// The newest progress line, and the one last written: a line held back by the throttle is
    /// written at the end, so the last progress agrees with the summary (errors and all).
    private var latest: String?
    private var written: String?

    func show(_ source: String, _ report: Pipeline.SourceReport) {
        lock.withLock {
            let now = ContinuousClock.now
            let rate = Double(report.pages) / max(Self.seconds(now - started), 0.001)
            let line = "\(source): \(report.pages) pages (\(report.unchanged) unchanged), \(report.newPosts) new posts, "
                + "\(report.errors.count) errors, \(String(format: "%.1f", rate)) pages/s"
            let sinceLast = lastLine.map { Self.seconds(now - $0) } ?? .infinity
            latest = line
            if live, sinceLast >= 0.1 {
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
                shown = true
                lastLine = now
                written = line
            } else if !live, sinceLast >= 5 {
                FileHandle.standardError.write(Data((line + "\n").utf8))
                lastLine = now
                written = line
            }
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    func finish() {
        lock.withLock {
            if let latest, latest != written {
                FileHandle.standardError.write(Data(((live ? "\r\u{1B}[K" : "") + latest + "\n").utf8))
            } else if shown {
                FileHandle.standardError.write(Data("\n".utf8))
            }
            shown = false
            latest = nil
            written = nil
            lastLine = nil
        }
    }
}

/// Returns when the process gets SIGINT or SIGTERM.
func waitForInterrupt() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let once = OnceFlag()
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if once.claim() { continuation.resume() }
            }
            source.resume()
            SignalSources.keep(source)
        }
    }
}

/// Keeps signal sources alive for the life of the process.
enum SignalSources {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    private static let lock = NSLock()
    static func keep(_ source: any DispatchSourceSignal) { lock.withLock { sources.append(source) } }
}

/// A flag that is true exactly once.
final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    func claim() -> Bool { lock.withLock { defer { done = true }; return !done } }
}
