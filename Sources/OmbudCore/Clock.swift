import Foundation

/// Where "now" comes from. Every stage takes a clock so tests can fix time.
public protocol Clock: Sendable {
    /// The current instant.
    var now: Date { get }
}

/// The system's wall clock.
public struct SystemClock: Clock {
    /// Creates the system clock.
    public init() {}
    /// `Date()`.
    public var now: Date { Date() }
}

/// A clock that always answers the same instant: for tests and replays.
public struct FixedClock: Clock {
    /// The instant answered.
    public var now: Date
    /// Creates a clock fixed at `now`.
    public init(_ now: Date) { self.now = now }
}
