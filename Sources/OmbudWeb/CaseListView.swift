import Foundation
#if canImport(Glibc)
import Glibc
#endif
import OmbudCore
import OmbudStore

/// What the queue, case and audit pages show, built from the store: plain values a Mustache template renders.
///
/// Forum text goes into the page only through `{{…}}`, which HTML-escapes it.
public struct CaseListView: Sendable {
    /// Category names by id, for people.
    public var categoryNames: [String: String]
    /// The time zone times are shown in.
    public var timeZone: TimeZone
    /// The flags whose cases only a spokesperson answers: the spokesperson's queue.
    public var spokespersonFlags: [String]

    /// Creates a view builder.
    public init(categoryNames: [String: String], timeZone: TimeZone, spokespersonFlags: [String] = ["legal_threat", "media_threat"]) {
        self.categoryNames = categoryNames
        self.timeZone = timeZone
        self.spokespersonFlags = spokespersonFlags
    }

    /// Which cases the queue shows; nil shows all of that kind. By default only open cases.
    public struct QueueFilter: Sendable, Hashable {
        /// A source (forum) name.
        public var source: String?
        /// A category id.
        public var category: String?
        /// A severity.
        public var severity: String?
        /// A status (`open`, `replied`, `closed`, `not_a_complaint`), or `all`.
        public var status: String?
        /// An owner's account name, or `none` for unassigned cases.
        public var owner: String?
        /// A flag, or `spokesperson` for the spokesperson's queue (any of ``CaseListView/spokespersonFlags``).
        public var flag: String?

        /// Creates a filter.
        public init(source: String? = nil, category: String? = nil, severity: String? = nil, status: String? = nil, owner: String? = nil,
                    flag: String? = nil) {
            self.flag = flag
            self.source = source
            self.category = category
            self.severity = severity
            self.status = status
            self.owner = owner
        }
    }

    /// The queue at `now`: the cases `filter` admits, the most urgent first (at most `limit`),
    /// each as one row with its countdown, plus the choices the filter form offers. Codes
    /// (severity, status, flags) are named from `words` (`severity_major`, …), else shown as codes.
    public func queue(store: any Store, now: Date, filter: QueueFilter = QueueFilter(), limit: Int = 200,
                      words: [String: String] = [:]) throws -> [String: Any] {
        let status = filter.status ?? CaseStatus.open.rawValue
        let flags = filter.flag == "spokesperson" ? spokespersonFlags : filter.flag.map { [$0] }
        let page = try store.queue(CaseQuery(source: filter.source, category: filter.category, severity: filter.severity,
                                             status: status == "all" ? nil : status, owner: filter.owner, flags: flags, limit: limit))
        let firsts = page.cases.compactMap { $0.0.members.min { $0.postedAt < $1.postedAt }?.post }
        let posts = try store.posts(firsts)
        let counts = try store.counts()
        func options(_ values: [String], _ chosen: String?, kind: String? = nil) -> [[String: Any]] {
            values.map { value in ["value": value, "label": kind.map { Self.name($0, value, words) } ?? value, "selected": value == chosen] }
        }
        return [
            "now": format(now),
            "counts": ["posts": counts.posts, "complaints": counts.complaints, "cases": counts.cases, "drafts": counts.drafts],
            "shown": page.cases.count,
            "total": page.total,
            "has_rows": !page.cases.isEmpty,
            "rows": page.cases.map { subject, deadline -> [String: Any] in
                var row: [String: Any] = [
                    "id": subject.id, "severity": subject.severity.rawValue, "severity_name": Self.name("severity", subject.severity.rawValue, words),
                    "category": categoryNames[subject.category] ?? subject.category, "status": subject.status.rawValue,
                    "status_name": Self.name("status", subject.status.rawValue, words),
                    "flags": Self.flags(subject, words), "complainants": subject.complainants.count,
                    "heat": subject.heat, "owner": subject.owner ?? "—",
                    "sources": subject.sources.sorted().joined(separator: ", "),
                ]
                if let first = subject.members.min(by: { $0.postedAt < $1.postedAt }), let text = posts[first.post]?.text {
                    row["excerpt"] = text.count > 60 ? String(text.prefix(60)) + "…" : text
                }
                if let sentAt = subject.replySentAt { row["sent"] = format(sentAt) }
                if let deadline {
                    row["due"] = format(deadline.dueAt)
                    row["time_left"] = subject.status == .open ? Self.duration(deadline.timeLeft(at: now)) : Self.name("status", subject.status.rawValue, words)
                    row["overdue"] = subject.status == .open && deadline.isOverdue(at: now)
                }
                return row
            },
            "filter": [
                "sources": options(page.sources, filter.source),
                "categories": options(page.categories, filter.category),
                "severities": options(Severity.allCases.map(\.rawValue), filter.severity, kind: "severity"),
                "statuses": options(["open", "replied", "closed", "not_a_complaint", "all"], status, kind: "status"),
                "owners": options(["none"] + page.owners, filter.owner),
                "flags": options(Flag.allCases.map(\.rawValue), filter.flag, kind: "flag"),
                "spokesperson": filter.flag == "spokesperson",
            ],
        ]
    }

    /// One case's page at `now`: its posts, reasons, drafts and history; nil when there is no
    /// such case. Codes are named from `words`, as in ``queue(store:now:filter:limit:words:)``.
    public func casePage(store: any Store, now: Date, id: String, words: [String: String] = [:]) throws -> [String: Any]? {
        guard let subject = try store.storedCase(id: id) else { return nil }
        let keys = subject.members.map(\.post)
        var context = caseContext(subject, deadline: try store.deadline(caseID: id), posts: try store.posts(keys),
                                  assessments: try store.assessments(keys), drafts: try store.drafts(caseID: id), now: now, words: words)
        context["now"] = format(now)
        context["owner"] = subject.owner ?? "—"
        context["history"] = try store.audit(caseID: id, limit: 200).map { entry -> [String: Any] in
            ["at": format(entry.at), "actor": entry.actor, "action": entry.action, "note": entry.note ?? "",
             "before": entry.before ?? "", "after": entry.after ?? ""]
        }
        context["posts_keys"] = subject.members.map { ["key": "\($0.post.source)/\($0.post.id)", "author": $0.authorName] }
        return context
    }

    /// The audit log, newest first (at most `limit` entries).
    public func auditPage(store: any Store, now: Date, limit: Int = 500) throws -> [String: Any] {
        [
            "now": format(now),
            "entries": try store.audit(caseID: nil, limit: limit).map { entry -> [String: Any] in
                ["id": entry.id, "at": format(entry.at), "actor": entry.actor, "action": entry.action, "case": entry.caseID ?? "",
                 "note": entry.note ?? "", "before": entry.before ?? "", "after": entry.after ?? ""]
            },
        ]
    }

    private func caseContext(_ subject: Case, deadline: Deadline?, posts: [PostKey: Post], assessments: [PostKey: Assessment],
                             drafts: [Draft], now: Date, words: [String: String]) -> [String: Any] {
        var result: [String: Any] = [
            "id": subject.id,
            "category": categoryNames[subject.category] ?? subject.category,
            "severity": subject.severity.rawValue,
            "severity_name": Self.name("severity", subject.severity.rawValue, words),
            "severity_reasons": subject.severityReasons.map { ["note": $0.note] },
            "status": subject.status.rawValue,
            "status_name": Self.name("status", subject.status.rawValue, words),
            "flags": Self.flags(subject, words),
            "complainants": subject.complainants.count,
            "post_count": subject.members.count,
            "thread_count": subject.threads.count,
            "heat": subject.heat,
            "forum_count": subject.sources.count,
            "last_seen": format(subject.lastSeen),
            "issues": subject.issues.joined(separator: "、"),
            "core": (subject.core ?? []).joined(separator: " · "),
            "first_seen": format(subject.firstSeen),
        ]
        // Wrapped, so a count of 0 still shows (Mustache treats a bare 0 as absent).
        if let replies = subject.replies { result["replies"] = ["count": replies] }
        if let sentAt = subject.replySentAt { result["sent"] = format(sentAt) }
        if let reopenedAt = subject.reopenedAt { result["reopened"] = format(reopenedAt) }
        if let views = subject.views { result["views"] = ["count": views] }
        if let deadline {
            let left = deadline.timeLeft(at: now)
            result["due"] = format(deadline.dueAt)
            result["starts"] = format(deadline.startsAt)
            result["policy"] = deadline.policy
            result["time_left"] = Self.duration(left)
            result["overdue"] = subject.status == .open && left < 0
        }
        result["posts"] = subject.members.map { member -> [String: Any] in
            let post = posts[member.post]
            return [
                "author": member.authorName,
                "time": format(member.postedAt),
                "role": member.role.rawValue,
                "title": post?.threadTitle ?? "",
                "floor": post?.floor ?? 0,
                "text": post?.text ?? "",
                // Only web links are links: a forum could hand us javascript: or data: URLs.
                "url": post.map(\.url).flatMap { $0.lowercased().hasPrefix("https://") || $0.lowercased().hasPrefix("http://") ? $0 : nil } ?? "",
                "verdict": assessments[member.post].map(Self.verdict) ?? "not assessed",
                "why_complaint": (assessments[member.post]?.reasons ?? []).map(Self.reasonContext),
                "why_joined": member.reasons.map(Self.reasonContext),
                "model": assessments[member.post]?.model.map(Self.modelContext) as Any,
            ]
        }
        result["drafts"] = drafts.map { draft -> [String: Any] in
            var review: [String: Any] = [:]
            if let by = draft.review?.approvedBy { review["approved_by"] = by }
            if let why = draft.review?.rejection { review["rejection"] = why; review["rejected_by"] = draft.review?.rejectedBy ?? "" }
            if let editor = draft.review?.lastEditor { review["last_editor"] = editor }
            if let url = draft.review?.postedURL, url.lowercased().hasPrefix("http") { review["posted_url"] = url }
            if let at = draft.review?.postedAt { review["posted_at"] = format(at) }
            if let at = draft.review?.confirmedAt {
                review["confirmed_at"] = format(at)
                if let url = draft.review?.confirmedURL, url.lowercased().hasPrefix("http") { review["confirmed_url"] = url }
            }
            return [
                "case_id": subject.id,
                "source": draft.thread.source,
                "thread_id": draft.thread.threadID,
                "approved": draft.isApproved,
                "postable": draft.isApproved && !draft.isPosted,
                "awaiting": draft.isAwaitingConfirmation,
                "review": review,
                "thread": draft.thread.description,
                "template": draft.template,
                "language": draft.language,
                "text": draft.text,
                "clean": draft.isClean,
                "findings": draft.findings.map { ["level": $0.level.rawValue, "rule": $0.rule, "matched": $0.matched,
                                                  "message": $0.message, "suggestion": $0.suggestion] },
            ]
        }
        return result
    }

    /// The name of a code in `words` (`severity_major` → 重大), else the code.
    private static func name(_ kind: String, _ code: String, _ words: [String: String]) -> String {
        words["\(kind)_\(code)"] ?? code
    }

    /// The case's flags, each with its code (for styling) and its name.
    private static func flags(_ subject: Case, _ words: [String: String]) -> [[String: String]] {
        subject.flags.sorted().map { ["flag": $0.rawValue, "flag_name": name("flag", $0.rawValue, words)] }
    }

    private static func verdict(_ assessment: Assessment) -> String {
        (assessment.isComplaint ? "complaint" : "not a complaint on its own") + " (score \(String(format: "%.1f", assessment.score)))"
    }

    /// What the model said of a post: its version, probability, and the n-grams that weighed most.
    private static func modelContext(_ share: ModelShare) -> [String: Any] {
        ["version": share.version, "probability": ModelShare.percent(share.probability),
         "combined": ModelShare.percent(share.combined),
         "features": share.features.map { ["feature": $0.feature, "weight": String(format: "%+.3f", $0.weight)] }]
    }

    private static func reasonContext(_ reason: Reason) -> [String: Any] {
        ["rule": reason.rule, "matched": reason.matched, "weight": String(format: "%+.2f", reason.weight), "note": reason.note]
    }

    /// `yyyy-MM-dd HH:mm` in ``timeZone``, by arithmetic: a DateFormatter per call was most of a
    /// page's time, and one shared formatter is not safe across the server's threads.
    func format(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down)) + time_t(timeZone.secondsFromGMT(for: date))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min))"
    }

    /// `3h 05m`, `-0h 12m` when overdue.
    static func duration(_ seconds: TimeInterval) -> String {
        let total = Int((abs(seconds) / 60).rounded(.down))
        return (seconds < 0 ? "-" : "") + String(format: "%dh %02dm", total / 60, total % 60)
    }
}
