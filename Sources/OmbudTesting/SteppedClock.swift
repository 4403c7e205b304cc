import Foundation
import OmbudCore

/// A clock the test moves: it answers the instant last set, from any task.
public final class SteppedClock: OmbudCore.Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    /// A clock at `start`.
    public init(_ start: Date) { current = start }

    /// The instant last set.
    public var now: Date { lock.withLock { current } }

    /// Moves the clock to `date` (forward or back).
    public func set(_ date: Date) { lock.withLock { current = date } }
}
