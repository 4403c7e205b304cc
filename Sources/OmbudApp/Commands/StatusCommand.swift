import ArgumentParser
import Foundation
import OmbudCore

/// `ombud status`: each source's last run, pages, errors, frontier and next run.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each source's last crawl (pages, errors), what waits in its frontier, and its next run.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let runtime = try await store.open()
        let scheduler = CrawlScheduler(pipeline: runtime.pipeline, sources: runtime.workspace.configuration.sources)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        for source in runtime.workspace.configuration.sources {
            formatter.timeZone = TimeZone(identifier: source.timeZone) ?? .gmt
            let schedule = source.effectiveSchedule
            print("\(source.name) (\(source.baseURL), \(schedule.every.map { "every \($0)" } ?? "cron \(schedule.cron ?? "")"))")
            if let last = try runtime.store.runs(source: source.name, limit: 1).first {
                let seconds = last.finishedAt.timeIntervalSince(last.startedAt)
                print("  last run   \(formatter.string(from: last.startedAt)), \(String(format: "%.1f", seconds)) s, \(last.pages) pages, \(last.errors.count) errors")
                for error in last.errors.prefix(5) { print("    \(error)") }
                if let note = Pipeline.SourceReport.tooOldNote(last.threadsTooOld, windowDays: last.windowDays) { print("    \(note)") }
            } else {
                print("  last run   never")
            }
            print("  frontier   \(try runtime.store.pendingCount(source: source.name)) pages waiting")
            print("  next run   \(formatter.string(from: scheduler.nextRun(of: source)))")
        }
    }
}
