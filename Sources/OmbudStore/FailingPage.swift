import Foundation
import OmbudCore

/// A page of a source's frontier that failed and waits to be tried again, with why it failed.
///
/// A failed page is never given up by itself: it is tried again after a growing wait until it
/// is fetched and stored, or a person drops it (`ombud drop`).
public struct FailingPage: Sendable, Hashable {
    /// One failed attempt.
    public struct Failure: Sendable, Hashable, Codable {
        /// How many failures a page keeps.
        public static let kept = 5
        /// When it failed.
        public var at: Date
        /// Why: the HTTP status, the network error or the extraction error, with the URL.
        public var reason: String

        /// Creates a failure.
        public init(at: Date, reason: String) {
            self.at = at
            self.reason = reason
        }
    }

    /// The page.
    public var url: String
    /// A board page or a thread page.
    public var kind: PageKind
    /// How many times it has failed since it was last stored.
    public var attempts: Int
    /// When the next attempt is due.
    public var nextAttempt: Date
    /// The latest failures, oldest first (at most ``Failure/kept``).
    public var failures: [Failure]

    /// Creates a failing page.
    public init(url: String, kind: PageKind, attempts: Int, nextAttempt: Date, failures: [Failure]) {
        self.url = url
        self.kind = kind
        self.attempts = attempts
        self.nextAttempt = nextAttempt
        self.failures = failures
    }
}
