import Foundation
import OmbudConfig
import OmbudCore
import OmbudStore

/// What `ombud status` says of one source: its last run, what waits in its frontier, every page
/// that keeps failing (each attempt's time and reason), and its next run.
public struct SourceStatus: Sendable {
    /// The source.
    public let source: OmbudConfiguration.Source
    /// Its latest crawl run, if it ran.
    public let lastRun: CrawlRun?
    /// Pages waiting in its frontier, failing ones included.
    public let waiting: Int
    /// Pages that failed and wait to be tried again.
    public let failing: [FailingPage]
    /// When the scheduler runs it next.
    public let nextRun: Date

    /// Reads the status of `source` from `store`.
    public init(source: OmbudConfiguration.Source, store: any Store, nextRun: Date) throws {
        self.source = source
        lastRun = try store.runs(source: source.name, limit: 1).first
        waiting = try store.pendingCount(source: source.name)
        failing = try store.failingPages(source: source.name)
        self.nextRun = nextRun
    }

    /// The report's lines, times in the source's time zone.
    public var lines: [String] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        formatter.timeZone = TimeZone(identifier: source.timeZone) ?? .gmt
        let schedule = source.effectiveSchedule
        var lines = ["\(source.name) (\(source.baseURL), \(schedule.every.map { "every \($0)" } ?? "cron \(schedule.cron ?? "")"))"]
        if let last = lastRun {
            let seconds = last.finishedAt.timeIntervalSince(last.startedAt)
            lines.append("  last run   \(formatter.string(from: last.startedAt)), \(String(format: "%.1f", seconds)) s, \(last.pages) pages, \(last.errors.count) errors")
            lines += last.errors.prefix(5).map { "    \($0)" }
            if let note = Pipeline.SourceReport.tooOldNote(last.threadsTooOld, windowDays: last.windowDays) { lines.append("    \(note)") }
        } else {
            lines.append("  last run   never")
        }
        lines.append("  frontier   \(waiting) pages waiting" + (failing.isEmpty ? "" : ", \(failing.count) of them failing"))
        for page in failing {
            lines.append("    \(page.url): \(page.attempts) failed attempts, next \(formatter.string(from: page.nextAttempt))")
            // A failure kept from before the upgrade that records attempts has no time.
            lines += page.failures.map { "      \($0.at.timeIntervalSinceReferenceDate == 0 ? "(before the upgrade)" : formatter.string(from: $0.at))  \($0.reason)" }
        }
        if !failing.isEmpty {
            lines.append("    (a failing page is tried again until it is stored; give up on one with: ombud drop --source \(source.name) URL)")
        }
        lines.append("  next run   \(formatter.string(from: nextRun))")
        return lines
    }
}
