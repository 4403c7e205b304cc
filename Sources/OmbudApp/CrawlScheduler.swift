import Foundation
import Logging
import OmbudConfig
import OmbudCore
import OmbudCrawl
import OmbudStore

/// Runs each source's crawl on its schedule until cancelled: one loop per source, so runs of the
/// same source never overlap; processing (triage, grouping, drafts) is serialised across sources.
public struct CrawlScheduler: Sendable {
    /// The pipeline crawls go through.
    public let pipeline: Pipeline
    /// The sources scheduled.
    public let sources: [OmbudConfiguration.Source]
    private let gate = ProcessGate()

    /// Creates a scheduler.
    public init(pipeline: Pipeline, sources: [OmbudConfiguration.Source]) {
        self.pipeline = pipeline
        self.sources = sources
    }

    /// Runs until the task is cancelled.
    public func run(progress: @escaping @Sendable (String, Pipeline.SourceReport) -> Void = { _, _ in }) async {
        await withTaskGroup(of: Void.self) { group in
            for source in sources {
                group.addTask { await loop(source, progress: progress) }
            }
        }
    }

    /// When `source` runs next, from its schedule and its last run in the store.
    public func nextRun(of source: OmbudConfiguration.Source) -> Date {
        let last = (try? pipeline.store.runs(source: source.name, limit: 1))?.first?.startedAt
        return source.effectiveSchedule.next(after: last, now: pipeline.clock.now, timeZone: TimeZone(identifier: source.timeZone) ?? .gmt)
    }

    private func loop(_ source: OmbudConfiguration.Source, progress: @escaping @Sendable (String, Pipeline.SourceReport) -> Void) async {
        let logger = pipeline.logger
        while !Task.isCancelled {
            let due = nextRun(of: source).addingTimeInterval(source.effectiveSchedule.jitter())
            let wait = due.timeIntervalSince(pipeline.clock.now)
            if wait > 0 {
                logger.info("next crawl", metadata: ["source": "\(source.name)", "at": "\(due)"])
                do { try await Task.sleep(for: .milliseconds(Int64(wait * 1000))) } catch { return }
            }
            do {
                _ = try await pipeline.crawl(source) { progress(source.name, $0) }
                try await gate.run { try pipeline.process() }
            } catch {
                logger.error("crawl failed", metadata: ["source": "\(source.name)", "error": "\(error)"])
                // A run that failed outright is recorded so that the schedule moves on.
                try? pipeline.store.record(run: CrawlRun(source: source.name, startedAt: pipeline.clock.now, finishedAt: pipeline.clock.now,
                                                         pages: 0, errors: ["\(error)"]))
            }
        }
    }
}

/// Lets one processing pass run at a time.
actor ProcessGate {
    func run(_ body: () throws -> Void) throws {
        try body()
    }
}
