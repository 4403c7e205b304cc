import Foundation
import OmbudCore
import OmbudStore

/// What the case list shows, built from the store: plain values a Mustache template renders.
///
/// Forum text goes into the page only through `{{…}}`, which HTML-escapes it.
public struct CaseListView: Sendable {
    /// Category names by id, for people.
    public var categoryNames: [String: String]
    /// The time zone times are shown in.
    public var timeZone: TimeZone

    /// Creates a view builder.
    public init(categoryNames: [String: String], timeZone: TimeZone) {
        self.categoryNames = categoryNames
        self.timeZone = timeZone
    }

    /// The template context for the case list at `now`: open cases first, by time left.
    public func context(store: any Store, now: Date) throws -> [String: Any] {
        let cases = try store.cases()
        let deadlines = try store.deadlines()
        let keys = cases.flatMap { $0.members.map(\.post) }
        let posts = try store.posts(keys)
        let assessments = try store.assessments(keys)
        let ordered = cases.sorted { lhs, rhs in
            let left = (lhs.status != .open, deadlines[lhs.id]?.dueAt ?? .distantFuture)
            let right = (rhs.status != .open, deadlines[rhs.id]?.dueAt ?? .distantFuture)
            return left.0 != right.0 ? !left.0 : left.1 < right.1
        }
        let counts = try store.counts()
        return [
            "now": format(now),
            "counts": ["posts": counts.posts, "complaints": counts.complaints, "cases": counts.cases, "drafts": counts.drafts],
            "cases": try ordered.map { try caseContext($0, deadline: deadlines[$0.id], posts: posts, assessments: assessments,
                                                       drafts: store.drafts(caseID: $0.id), now: now) },
        ]
    }

    private func caseContext(_ subject: Case, deadline: Deadline?, posts: [PostKey: Post], assessments: [PostKey: Assessment],
                             drafts: [Draft], now: Date) -> [String: Any] {
        var result: [String: Any] = [
            "id": subject.id,
            "category": categoryNames[subject.category] ?? subject.category,
            "severity": subject.severity.rawValue,
            "severity_name": subject.severity.chineseName,
            "severity_reasons": subject.severityReasons.map { ["note": $0.note] },
            "status": subject.status.rawValue,
            "flags": subject.flags.sorted().map { ["flag": $0.rawValue] },
            "complainants": subject.complainants.count,
            "post_count": subject.members.count,
            "thread_count": subject.threads.count,
            "heat": subject.heat,
            "forum_count": subject.sources.count,
            "last_seen": format(subject.lastSeen),
            "issues": subject.issues.joined(separator: "、"),
            "first_seen": format(subject.firstSeen),
        ]
        // Wrapped, so a count of 0 still shows (Mustache treats a bare 0 as absent).
        if let replies = subject.replies { result["replies"] = ["count": replies] }
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
            ]
        }
        result["drafts"] = drafts.map { draft -> [String: Any] in
            var review: [String: Any] = [:]
            if let by = draft.review?.approvedBy { review["approved_by"] = by }
            if let why = draft.review?.rejection { review["rejection"] = why; review["rejected_by"] = draft.review?.rejectedBy ?? "" }
            if let editor = draft.review?.lastEditor { review["last_editor"] = editor }
            return [
                "case_id": subject.id,
                "source": draft.thread.source,
                "thread_id": draft.thread.threadID,
                "approved": draft.isApproved,
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

    private static func verdict(_ assessment: Assessment) -> String {
        (assessment.isComplaint ? "complaint" : "not a complaint on its own") + " (score \(String(format: "%.1f", assessment.score)))"
    }

    private static func reasonContext(_ reason: Reason) -> [String: Any] {
        ["rule": reason.rule, "matched": reason.matched, "weight": String(format: "%+.2f", reason.weight), "note": reason.note]
    }

    private func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// `3h 05m`, `-0h 12m` when overdue.
    static func duration(_ seconds: TimeInterval) -> String {
        let total = Int((abs(seconds) / 60).rounded(.down))
        return (seconds < 0 ? "-" : "") + String(format: "%dh %02dm", total / 60, total % 60)
    }
}
