import ArgumentParser
import Foundation
import OmbudCore

/// `ombud sla`: open cases by time left, with the escalation notices each has had.
struct SLACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla",
        abstract: "List open cases by time left to their reply deadline, most urgent first, with the notices sent.")

    @OptionGroup var store: StoreOptions

    @ArgumentParser.Flag(help: "Also list answered cases, with whether they were answered in time.")
    var all = false

    @ArgumentParser.Flag(help: "Print JSON instead of a table.")
    var json = false

    /// One row of the listing.
    struct Row: Codable {
        var id: String
        var status: String
        var severity: String
        var category: String
        var complainants: Int
        var dueAt: Date
        var minutesLeft: Int
        var answeredAt: Date?
        var metDeadline: Bool?
        var notices: [String]

        enum CodingKeys: String, CodingKey {
            case id, status, severity, category, complainants, notices
            case dueAt = "due_at"
            case minutesLeft = "minutes_left"
            case answeredAt = "answered_at"
            case metDeadline = "met_deadline"
        }
    }

    func run() async throws {
        let runtime = try await store.open()
        let rows = try await exitOnUserError { try Self.rows(runtime: runtime, now: runtime.pipeline.clock.now, all: all) }
        if json {
            try printJSON(rows)
            return
        }
        let zone = TimeZone(identifier: runtime.workspace.configuration.calendar.timeZone) ?? .gmt
        print(Self.table(rows, timeZone: zone))
    }

    /// The cases with a deadline, most urgent first; answered ones only with `all`.
    static func rows(runtime: Runtime, now: Date, all: Bool) throws -> [Row] {
        let deadlines = try runtime.store.deadlines()
        let names = runtime.workspace.categoryNames
        return try runtime.store.cases().compactMap { subject -> Row? in
            guard let deadline = deadlines[subject.id], all || subject.status == .open else { return nil }
            let notices = try runtime.store.noticeRecords(caseID: subject.id).map { "\($0.step) \($0.state.rawValue) (\($0.notifier))" }
            return Row(id: subject.id, status: subject.status.rawValue, severity: subject.severity.rawValue,
                       category: names[subject.category] ?? subject.category, complainants: subject.complainants.count,
                       dueAt: deadline.dueAt, minutesLeft: Int((deadline.timeLeft(at: now) / 60).rounded(.down)),
                       answeredAt: deadline.answeredAt, metDeadline: deadline.metDeadline, notices: notices)
        }
        .sorted { ($0.status == "open" ? 0 : 1, $0.minutesLeft, $0.id) < ($1.status == "open" ? 0 : 1, $1.minutesLeft, $1.id) }
    }

    /// The rows as an aligned table for people.
    static func table(_ rows: [Row], timeZone: TimeZone) -> String {
        guard !rows.isEmpty else { return "No open cases." }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        func left(_ minutes: Int) -> String {
            let sign = minutes < 0 ? "-" : ""
            return "\(sign)\(abs(minutes) / 60)h\(String(format: "%02d", abs(minutes) % 60))m"
        }
        var lines = ["case                 status   severity   complainants  due               left      notices"]
        for row in rows {
            let state = row.metDeadline.map { $0 ? "in time" : "late" } ?? left(row.minutesLeft)
            lines.append(row.id.padding(toLength: 20, withPad: " ", startingAt: 0) + " "
                         + row.status.padding(toLength: 8, withPad: " ", startingAt: 0) + " "
                         + row.severity.padding(toLength: 10, withPad: " ", startingAt: 0) + " "
                         + String(row.complainants).padding(toLength: 13, withPad: " ", startingAt: 0) + " "
                         + formatter.string(from: row.dueAt) + "  " + state.padding(toLength: 9, withPad: " ", startingAt: 0) + " "
                         + (row.notices.isEmpty ? "—" : row.notices.joined(separator: "; ")))
        }
        return lines.joined(separator: "\n")
    }
}
