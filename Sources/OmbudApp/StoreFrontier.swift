import Foundation
import OmbudCore
import OmbudCrawl
import OmbudStore

/// A source's crawl frontier, kept in the store so that a killed crawl resumes where it stopped.
///
/// A failed thread page is tried again in a later run, after a wait that doubles with each failure
/// (`retryAfter`, then twice that, … up to `longestWait`, well inside a reply deadline), until it
/// is stored or a person drops it; a failed board page is tried again in the next run, as boards
/// are read every run. `ombud status` lists failing pages with their failures meanwhile.
struct StoreFrontier: Frontier {
    let store: any Store
    let source: String
    let clock: any OmbudCore.Clock
    var retryAfter: TimeInterval = 900
    var longestWait: TimeInterval = 7_200

    func claim(limit: Int) async throws -> [FrontierItem] {
        // A retry set further off than any this frontier sets was set before the clock went back: due now.
        try store.claim(source: source, limit: limit, now: clock.now, longestWait: longestWait)
    }

    func fail(_ item: FrontierItem, reason: String) async throws {
        let now = clock.now
        // A board is read every run: its retry waits only for the next one (a minute on, so this
        // run does not claim it again at once).
        let wait = item.request.kind == .board ? 60 : wait(after: item.attempts + 1)
        try store.fail(item, reason: reason, at: now, retryAt: now.addingTimeInterval(wait))
    }

    /// The wait before the next attempt at a page that has failed `failures` times.
    func wait(after failures: Int) -> TimeInterval {
        min(longestWait, retryAfter * pow(2, Double(min(max(failures - 1, 0), 30))))
    }
}
