import ArgumentParser
import Foundation
import OmbudCore

/// `ombud escalate`: one escalation pass (what `ombud serve` does every minute), for cron.
struct EscalateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalate",
        abstract: "Send the escalation notices that are due now, once each, and retry failed ones (ombud serve does this every minute).")

    @OptionGroup var project: ProjectOptions

    @Option(help: "The SQLite file (default: storage.sqlite in config/ombud.yaml).")
    var database: String?

    func run() async throws {
        let logger = makeLogger(project.logLevel)
        let escalator = try await exitOnUserError {
            try Runtime.open(root: URL(fileURLWithPath: project.root), database: database, logger: logger).escalator(logger: logger)
        }
        let report = try await exitOnUserError { try await escalator.run() }
        print("sent \(report.sent), retrying \(report.retrying), failed \(report.failed), superseded \(report.superseded)")
    }
}
