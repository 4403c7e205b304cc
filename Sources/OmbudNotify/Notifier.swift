import Foundation
import OmbudCore

/// Delivers escalation notices: the seam between escalation and the outside (fakes in tests).
public protocol Notifier: Sendable {
    /// The configured name, recorded with every notice sent through it.
    var name: String { get }
    /// The roles it serves; nil serves all.
    var roles: Set<String>? { get }
    /// Sends `notice` as it reads at `now`. Throws ``OmbudError`` `notify.*` when it did not
    /// arrive (the caller records the failure and tries again later).
    func send(_ notice: Notice, now: Date) async throws
}

extension Notifier {
    /// Whether this notifier hears of a step that addresses `roles`.
    public func serves(_ roles: [String]) -> Bool {
        self.roles.map { !$0.isDisjoint(with: roles) } ?? true
    }
}
