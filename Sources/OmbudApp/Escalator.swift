import Foundation
import Logging
import OmbudConfig
import OmbudCore
import OmbudDeadlines
import OmbudNotify
import OmbudStore

/// Sends escalation notices for open cases whose deadline steps have come: each notice once per
/// notifier (recorded in the store), failures tried again with a doubling wait.
///
/// When a case is found past several steps at once (the service was down), each notifier gets only
/// the latest step it serves; the earlier ones are recorded as superseded. Answered cases are
/// never escalated, nor cases whose reply went out within `hold_after_sending_minutes`.
public struct Escalator: Sendable {
    let store: any Store
    let notifiers: [any Notifier]
    let rules: EscalationRules
    let clock: any OmbudCore.Clock
    let logger: Logger
    let categoryNames: [String: String]
    let publicURL: String?
    let peopleByCategory: [String: [String: String]]

    /// Creates an escalator sending through `notifiers`; `peopleByCategory` names a department's
    /// own people for the categories it handles (over `rules.people`).
    public init(store: any Store, notifiers: [any Notifier], rules: EscalationRules, clock: any OmbudCore.Clock, logger: Logger,
                categoryNames: [String: String] = [:], publicURL: String? = nil, peopleByCategory: [String: [String: String]] = [:]) {
        self.peopleByCategory = peopleByCategory
        self.store = store
        self.notifiers = notifiers
        self.rules = rules
        self.clock = clock
        self.logger = logger
        self.categoryNames = categoryNames
        self.publicURL = publicURL
    }

    /// What one pass did.
    public struct Report: Sendable, Hashable, Codable {
        /// Notices delivered.
        public var sent = 0
        /// Notices that failed and wait for another attempt.
        public var retrying = 0
        /// Notices that failed their last allowed attempt.
        public var failed = 0
        /// Earlier steps skipped because a later one was reached.
        public var superseded = 0

        /// Creates a report.
        public init(sent: Int = 0, retrying: Int = 0, failed: Int = 0, superseded: Int = 0) {
            self.sent = sent
            self.retrying = retrying
            self.failed = failed
            self.superseded = superseded
        }
    }

    /// One pass over the open cases at the clock's now.
    public func run() async throws -> Report {
        let now = clock.now
        let deadlines = try store.deadlines()
        var report = Report()
        for subject in try store.openCases() {
            guard let deadline = deadlines[subject.id], deadline.answeredAt == nil else { continue }
            // Our reply went out and the crawler has not seen it yet: hold a while.
            if let sentAt = subject.replySentAt, now < sentAt.addingTimeInterval(rules.holdAfterSending) { continue }
            let reached = deadline.escalations.filter { $0.at <= now }
            guard !reached.isEmpty else { continue }
            let records = Dictionary(try store.noticeRecords(caseID: subject.id).map { ("\($0.step)\u{1F}\($0.notifier)", $0) },
                                     uniquingKeysWith: { first, _ in first })
            // A case reopened after its answer (二次投诉) runs a new clock: its steps are new notices.
            let period = subject.reopenedAt.map { " (reopened \($0.formatted(.iso8601)))" } ?? ""
            let recordStep = { (step: Deadline.Escalation) in step.step + period }
            for notifier in notifiers {
                // Each notifier hears of the latest step it serves; earlier ones it missed are passed by.
                let served = reached.filter { notifier.serves($0.roles) }
                guard let latest = served.last else { continue }
                for step in served.dropLast() {
                    let record = records["\(recordStep(step))\u{1F}\(notifier.name)"]
                    guard record == nil || record?.state == .retrying else { continue }
                    try store.save(noticeRecord: NoticeRecord(caseID: subject.id, step: recordStep(step), notifier: notifier.name,
                                                              attempts: record?.attempts ?? 0, sentAt: nil, retryAt: nil,
                                                              lastError: record?.lastError, state: .superseded))
                    report.superseded += 1
                }
                let record = records["\(recordStep(latest))\u{1F}\(notifier.name)"]
                if let record, record.state != .retrying || (record.retryAt ?? now) > now { continue }
                let notice = try notice(for: subject, deadline: deadline, step: latest)
                await deliver(notice, as: recordStep(latest), through: notifier, after: record, now: now, into: &report)
            }
        }
        if report != Report() {
            logger.info("escalation pass", metadata: ["sent": "\(report.sent)", "retrying": "\(report.retrying)", "failed": "\(report.failed)",
                                                      "superseded": "\(report.superseded)"])
        }
        return report
    }

    /// Sends `notice` and records it under `step` (the step's name, and the reopening it belongs to).
    private func deliver(_ notice: Notice, as step: String, through notifier: any Notifier, after previous: NoticeRecord?, now: Date,
                         into report: inout Report) async {
        let attempts = (previous?.attempts ?? 0) + 1
        var record = NoticeRecord(caseID: notice.caseID, step: step, notifier: notifier.name, attempts: attempts, sentAt: nil,
                                  retryAt: nil, lastError: nil, state: .sent)
        do {
            try await notifier.send(notice, now: now)
            record.sentAt = now
            report.sent += 1
        } catch {
            let retry = rules.retry ?? EscalationRules.Retry()
            record.lastError = (error as? OmbudError)?.description ?? "\(error)"
            if attempts >= retry.attempts {
                record.state = .failed
                report.failed += 1
                logger.error("escalation notice failed for good", metadata: ["case": "\(notice.caseID)", "step": "\(notice.step)",
                                                                             "notifier": "\(notifier.name)", "error": "\(record.lastError ?? "")"])
            } else {
                record.state = .retrying
                record.retryAt = now.addingTimeInterval(retry.backoffSeconds * pow(2, Double(attempts - 1)))
                report.retrying += 1
                logger.warning("escalation notice failed; will retry", metadata: ["case": "\(notice.caseID)", "notifier": "\(notifier.name)",
                                                                                   "attempt": "\(attempts)", "error": "\(record.lastError ?? "")"])
            }
        }
        do { try store.save(noticeRecord: record) } catch {
            // Not recorded means it may go out again next pass: say so, loudly.
            logger.error("cannot record an escalation notice", metadata: ["case": "\(notice.caseID)", "error": "\(error)"])
        }
    }

    private func notice(for subject: Case, deadline: Deadline, step: Deadline.Escalation) throws -> Notice {
        let first = subject.members.min { $0.postedAt < $1.postedAt }
        let text = try first.flatMap { try store.posts([$0.post])[$0.post]?.text } ?? ""
        let excerpt = text.count > 40 ? String(text.prefix(40)) + "…" : text
        let people = step.roles.map { peopleByCategory[subject.category]?[$0] ?? rules.people?[$0] ?? $0 }
        return Notice(caseID: subject.id, step: step.step, roles: step.roles, people: people,
                      reachedAt: step.at, dueAt: deadline.dueAt, severity: subject.severity,
                      category: categoryNames[subject.category] ?? subject.category, complainants: subject.complainants.count,
                      excerpt: excerpt,
                      link: publicURL.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + "#case-\(subject.id)" })
    }
}
