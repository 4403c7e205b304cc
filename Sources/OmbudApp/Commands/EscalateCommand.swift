import ArgumentParser
import Foundation
import OmbudCore

/// `ombud escalate`: one escalation pass (what `ombud serve` does every minute), for cron.
struct EscalateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalate",
        abstract: "Send the escalation notices that are due now, once each, and retry failed ones (ombud serve does this every minute).")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let logger = makeLogger(store.project.logLevel)
        let runtime = try await store.open()
        let escalator = try await exitOnUserError { try runtime.escalator(logger: logger) }
        let report = try await exitOnUserError { try await escalator.run() }
        print("sent \(report.sent), retrying \(report.retrying), failed \(report.failed), superseded \(report.superseded)")
    }
}
