import Foundation

/// A clock that starts at a chosen instant and runs on in real time from there.
///
/// `ombud --now` gives one to every stage, so a command can replay stored pages or serve a saved
/// forum "as of" another day and still see time pass (durations, retries, the next crawl). It
/// reads elapsed time from the monotonic clock, so a step of the system's wall clock (NTP, a
/// restored backup, a wrong hardware clock) does not move it.
public struct ShiftedClock: Clock {
    /// The instant answered at creation.
    public let start: Date
    private let origin: ContinuousClock.Instant

    /// Creates a clock reading `start` now.
    public init(startingAt start: Date) {
        self.start = start
        origin = ContinuousClock.now
    }

    /// `start` plus the time elapsed since creation.
    public var now: Date {
        let elapsed = ContinuousClock.now - origin
        return start.addingTimeInterval(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
