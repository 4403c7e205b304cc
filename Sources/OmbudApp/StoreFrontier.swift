import Foundation
import OmbudCore
import OmbudCrawl
import OmbudStore

/// A source's crawl frontier, kept in the store so that a killed crawl resumes where it stopped.
///
/// A failed page is tried again in a later run, after a wait that doubles with each failure
/// (`retryAfter`, then twice that, … up to `longestWait`), until it is stored or a person drops
/// it; `ombud status` lists it with its failures meanwhile.
struct StoreFrontier: Frontier {
    let store: any Store
    let source: String
    let clock: any OmbudCore.Clock
    var retryAfter: TimeInterval = 900
    var longestWait: TimeInterval = 86_400

    func claim(limit: Int) async throws -> [FrontierItem] {
        // A retry set further off than any this frontier sets was set before the clock went back: due now.
        try store.claim(source: source, limit: limit, now: clock.now, longestWait: longestWait)
    }

    func fail(_ item: FrontierItem, reason: String) async throws {
        let now = clock.now
        try store.fail(item, reason: reason, at: now, retryAt: now.addingTimeInterval(wait(after: item.attempts + 1)))
    }

    /// The wait before the next attempt at a page that has failed `failures` times.
    func wait(after failures: Int) -> TimeInterval {
        min(longestWait, retryAfter * pow(2, Double(min(max(failures - 1, 0), 30))))
    }
}
