import Foundation
import OmbudCore
import OmbudCrawl
import OmbudStore

/// A source's crawl frontier, kept in the store so that a killed crawl resumes where it stopped.
///
/// A failed page is tried again in a later run (after `retryAfter`) until it has failed
/// `maxAttempts` times; then it stays failed, with its reason, until a board lists it as changed.
struct StoreFrontier: Frontier {
    let store: any Store
    let source: String
    let clock: any OmbudCore.Clock
    var retryAfter: TimeInterval = 900
    var maxAttempts = 3

    func claim(limit: Int) async throws -> [FrontierItem] {
        // A retry set further off than any this frontier sets was set before the clock went back: due now.
        try store.claim(source: source, limit: limit, now: clock.now, longestWait: retryAfter)
    }

    func fail(_ item: FrontierItem, reason: String) async throws {
        let again = item.attempts + 1 < maxAttempts ? clock.now.addingTimeInterval(retryAfter) : nil
        try store.fail(item, reason: reason, retryAt: again)
    }
}
