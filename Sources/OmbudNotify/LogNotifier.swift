import Foundation
import Logging
import OmbudCore

/// Writes notices to the service log: a warning for a breach, a notice otherwise.
public struct LogNotifier: Notifier {
    public let name: String
    public let roles: Set<String>?
    private let logger: Logger
    private let timeZone: TimeZone

    /// Creates a log notifier; times in messages are shown in `timeZone`.
    public init(name: String = "log", roles: Set<String>? = nil, logger: Logger, timeZone: TimeZone) {
        self.name = name
        self.roles = roles
        self.logger = logger
        self.timeZone = timeZone
    }

    public func send(_ notice: Notice, now: Date) async throws {
        let metadata: Logger.Metadata = ["case": "\(notice.caseID)", "step": "\(notice.step)", "to": "\(notice.people.joined(separator: ","))"]
        let message = Logger.Message(stringLiteral: notice.text(now: now, timeZone: timeZone))
        if notice.isBreach { logger.warning(message, metadata: metadata) } else { logger.notice(message, metadata: metadata) }
    }
}
