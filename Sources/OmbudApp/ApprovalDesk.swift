import Foundation
import OmbudApproval
import OmbudConfig
import OmbudPosting
import OmbudCore
import OmbudStore

/// What people do to cases and drafts, each action checked on the server and written to the
/// append-only audit log: edit (linted on save), approve (role rules, four-eyes, lint), reject
/// with a reason, post or mark posted, confirm a sent reply seen, reassign, mark not a complaint,
/// merge and split.
///
/// Every method throws ``OmbudError`` with a code a page can show (`case.unknown`,
/// `draft.unknown`, `approval.*`, `account.unknown`, `action.*`) and changes nothing when it does.
public struct ApprovalDesk: Sendable {
    let pipeline: Pipeline
    let posters: [String: any Poster]
    var store: any Store { pipeline.store }
    var workspace: Workspace { pipeline.workspace }

    /// Creates a desk over the pipeline's store and workspace; `posters` post approved replies
    /// to the sources that have one (the others are posted by hand).
    public init(pipeline: Pipeline, posters: [String: any Poster] = [:]) {
        self.pipeline = pipeline
        self.posters = posters
    }

    /// Posts the approved draft of `thread` through its source's poster: the reply goes out and the
    /// case waits for the crawler to see it (see ``markPosted(caseID:thread:url:by:)``). Refuses a
    /// draft not approved or already posted, and a source posted by hand (`action.manual_source`);
    /// a forum's refusal is `poster.*` and changes nothing.
    public func post(caseID: String, thread: ThreadRef, by account: Account) async throws -> Case {
        let (subject, draft) = try load(caseID, thread)
        // Who may decide the case is checked before anything goes out: a refusal sends nothing.
        try checkDeciding(subject, by: account)
        try Self.checkPostable(draft, caseID: caseID)
        guard let poster = posters[thread.source] else {
            throw OmbudError(code: .actionManualSource, message: "replies to \(thread.source) are posted by hand", context: ["case": caseID],
                             fix: "post the text in the thread, then mark it posted with the reply's link")
        }
        let url = try await poster.post(draft.text, in: thread)
        try record(account, "draft.sent", caseID, after: url ?? "", note: "\(thread)")
        return try recordPosted(caseID: caseID, thread: thread, link: url ?? "https://\(thread.source)/\(thread.threadID)", by: account)
    }

    /// Replaces a draft's text with `text`, linted for the case: it becomes the editor's
    /// (redrafting never overwrites it) and any approval or rejection is undone. The editor joins
    /// the draft's authors, none of whom may approve it under four-eyes; saving the same text
    /// again changes nothing.
    public func edit(caseID: String, thread: ThreadRef, text: String, by account: Account) throws -> Draft {
        let (subject, draft) = try load(caseID, thread)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed == draft.text { return draft }
        var edited = draft
        edited.text = trimmed
        edited.findings = workspace.drafter.lint(trimmed, for: subject, language: draft.language)
        let earlier = draft.review.map { $0.editors ?? $0.lastEditor.map { [$0] } ?? [] } ?? []
        edited.review = Draft.Review(lastEditor: account.name)
        edited.review?.editors = earlier.contains(account.name) ? earlier : earlier + [account.name]
        try store.savePersonal(draft: edited)
        try record(account, "draft.edit", subject.id, before: draft.text, after: trimmed, note: "\(thread)")
        return edited
    }

    /// Approves a draft if the policy allows `account` to; refuses with `approval.*` otherwise.
    public func approve(caseID: String, thread: ThreadRef, by account: Account) throws -> Draft {
        let (subject, draft) = try load(caseID, thread)
        if case .refused(let code, let reason) = workspace.approval.verdict(approving: draft, of: subject, by: account) {
            throw OmbudError(code: code, message: reason, context: ["case": caseID, "thread": "\(thread)", "account": account.name],
                             fix: code == .approvalLint ? "edit the draft" : "ask someone allowed to approve it")
        }
        var approved = draft
        var review = draft.review ?? Draft.Review()
        review.approvedBy = account.name
        review.approvedAt = pipeline.clock.now
        review.rejection = nil
        review.rejectedBy = nil
        approved.review = review
        try store.savePersonal(draft: approved)
        try record(account, "draft.approve", subject.id, after: approved.text, note: "\(thread)")
        return approved
    }

    /// Sends a draft back with `reason` (required): it stays unapproved until edited and approved.
    public func reject(caseID: String, thread: ThreadRef, reason: String, by account: Account) throws -> Draft {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else {
            throw OmbudError(code: .actionReasonNeeded, message: "a rejection needs a reason", context: ["case": caseID],
                             fix: "say what must change, for example 缺少处理时限")
        }
        let (subject, draft) = try load(caseID, thread)
        var rejected = draft
        var review = draft.review ?? Draft.Review()
        review.approvedBy = nil
        review.approvedAt = nil
        review.rejection = why
        review.rejectedBy = account.name
        rejected.review = review
        try store.savePersonal(draft: rejected)
        try record(account, "draft.reject", subject.id, before: draft.text, note: "\(thread): \(why)")
        return rejected
    }

    /// Records that the approved draft of `thread` went out at `url` (posted by hand by `account`,
    /// or by the source's poster). The case stays open and its clock runs until the crawler sees
    /// the reply in the thread (``Pipeline/process()``); meanwhile it shows as sent and escalation
    /// holds for `escalation.hold_after_sending_minutes`. Refuses a draft that is not approved
    /// (`action.not_approved`) or already posted (`action.already_posted`), a URL that is not
    /// http(s) (`action.bad_url`) or not on the thread's forum (`action.foreign_url`), and an
    /// account the approval policy does not let decide the case (`approval.*`).
    public func markPosted(caseID: String, thread: ThreadRef, url: String, by account: Account) throws -> Case {
        let link = try postLink(url, caseID: caseID, thread: thread)
        return try recordPosted(caseID: caseID, thread: thread, link: link, by: account)
    }

    private func recordPosted(caseID: String, thread: ThreadRef, link: String, by account: Account) throws -> Case {
        var (subject, draft) = try load(caseID, thread)
        try checkDeciding(subject, by: account)
        try Self.checkPostable(draft, caseID: caseID)
        let now = pipeline.clock.now
        draft.review?.postedURL = link
        draft.review?.postedAt = now
        try store.savePersonal(draft: draft)
        if subject.status == .open, subject.replySentAt == nil {
            subject.replySentAt = now
            try store.save(cases: [subject])
        }
        try record(account, "draft.posted", caseID, after: link, note: "\(thread)")
        return subject
    }

    /// Records that `account` sees the sent reply to `thread` at `url`, for a thread the crawler
    /// cannot confirm (a moderation queue that changes the text, a page behind another login): the
    /// case is answered at this moment (not when it was sent: that is what is known) and its clock
    /// stops. Refuses a draft that was not sent or was already seen (`action.not_awaiting`), a URL
    /// that is not http(s) (`action.bad_url`) or not on the thread's forum (`action.foreign_url`),
    /// and an account the approval policy does not let decide the case (`approval.*`).
    public func confirmSeen(caseID: String, thread: ThreadRef, url: String, by account: Account) throws -> Case {
        let link = try postLink(url, caseID: caseID, thread: thread)
        var (subject, draft) = try load(caseID, thread)
        try checkDeciding(subject, by: account)
        guard draft.isAwaitingConfirmation else {
            throw OmbudError(code: .actionNotAwaiting, message: "the reply to \(thread) was not sent, or was already seen in the thread",
                             context: ["case": caseID], fix: draft.isPosted ? "nothing to do: the case page shows where it was seen" : "post it first")
        }
        let now = pipeline.clock.now
        draft.review?.confirmedAt = now
        draft.review?.confirmedURL = link
        try store.savePersonal(draft: draft)
        if subject.status == .open { subject.status = .replied }
        if subject.answeredAt == nil { subject.answeredAt = now }
        subject.replySentAt = nil
        try store.save(cases: [subject])
        // The stored deadline keeps its steps; it now says when the case was answered.
        if var deadline = try store.deadline(caseID: caseID) {
            deadline.answeredAt = subject.answeredAt
            try store.save(deadlines: [deadline])
        }
        try record(account, "draft.confirmed", caseID, after: link, note: "\(thread): seen by a person")
        return subject
    }

    /// Makes `owner` (an account) answerable for the case.
    public func reassign(caseID: String, to owner: String, by account: Account) throws -> Case {
        guard let target = try store.account(named: owner), !target.disabled else {
            throw OmbudError(code: .accountUnknown, message: "there is no active account \(owner)", context: ["account": owner],
                             fix: "choose an account listed by ombud user list")
        }
        var subject = try loadCase(caseID)
        let before = subject.owner
        subject.owner = target.name
        try store.save(cases: [subject])
        try record(account, "case.reassign", caseID, before: before, after: target.name)
        return subject
    }

    /// Records a person's judgement that the case is not a complaint: it leaves the queue, is never
    /// escalated, and stays for the reports with `reason`. Refuses an empty reason
    /// (`action.reason_needed`) and an account the approval policy does not let decide the case
    /// (`approval.*`): dismissing a media threat is the spokesperson's, a major case a supervisor's.
    public func markNotComplaint(caseID: String, reason: String, by account: Account) throws -> Case {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else {
            throw OmbudError(code: .actionReasonNeeded, message: "dismissing a case needs a reason", context: ["case": caseID],
                             fix: "say why it is not a complaint, for example 业主咨询，非投诉")
        }
        var subject = try loadCase(caseID)
        try checkDeciding(subject, by: account)
        let before = subject.status
        subject.status = .notComplaint
        try store.save(cases: [subject])
        try record(account, "case.not_complaint", caseID, before: before.rawValue, after: subject.status.rawValue, note: why)
        return subject
    }

    /// Merges cases, recorded in the audit log too (see ``Pipeline/merge(_:into:by:)``).
    public func merge(_ caseIDs: [String], into targetID: String, by account: Account) throws -> Case {
        let merged = try pipeline.merge(caseIDs, into: targetID, by: account.name)
        try record(account, "case.merge", targetID, after: merged.members.map { "\($0.post.source)/\($0.post.id)" }.joined(separator: " "),
                   note: "merged " + caseIDs.joined(separator: ", "))
        return merged
    }

    /// Splits posts out of a case, recorded in the audit log too (see ``Pipeline/split(_:moving:by:)``).
    public func split(_ caseID: String, moving posts: [PostKey], by account: Account) throws -> (remaining: Case, split: Case) {
        let result = try pipeline.split(caseID, moving: posts, by: account.name)
        try record(account, "case.split", caseID, after: result.split.id, note: posts.map { "\($0.source)/\($0.id)" }.joined(separator: " "))
        return result
    }

    /// `url` trimmed, or `action.bad_url` when it is not a web address and `action.foreign_url`
    /// when it is not on the forum of `thread`'s source (its host, or a host under it).
    private func postLink(_ url: String, caseID: String, thread: ThreadRef) throws -> String {
        let link = url.trimmingCharacters(in: .whitespaces)
        guard let parsed = URLComponents(string: link), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = parsed.host?.lowercased(), !host.isEmpty else {
            throw OmbudError(code: .actionBadUrl, message: "'\(url)' is not the address of a forum post", context: ["case": caseID],
                             fix: "paste the reply's link from the forum, starting with http:// or https://")
        }
        let forum = workspace.configuration.sources.first { $0.name == thread.source }.flatMap { URLComponents(string: $0.baseURL)?.host?.lowercased() }
        guard let forum, host == forum || host.hasSuffix("." + forum) else {
            throw OmbudError(code: .actionForeignUrl, message: "'\(url)' is not on the forum of \(thread.source)",
                             context: ["case": caseID, "thread": "\(thread)", "forum": forum ?? "-"],
                             fix: "paste the link of the reply in that thread, on \(forum ?? "the source's forum")")
        }
        return link
    }

    /// Refuses an account the approval policy does not let decide `subject` (``ApprovalPolicy/verdict(deciding:by:)``).
    private func checkDeciding(_ subject: Case, by account: Account) throws {
        if case .refused(let code, let reason) = workspace.approval.verdict(deciding: subject, by: account) {
            throw OmbudError(code: code, message: reason, context: ["case": subject.id, "account": account.name],
                             fix: "ask someone allowed to decide it")
        }
    }

    /// Refuses a draft that is not approved or already went out.
    private static func checkPostable(_ draft: Draft, caseID: String) throws {
        guard draft.isApproved, !draft.isPosted else {
            throw OmbudError(code: draft.isPosted ? .actionAlreadyPosted : .actionNotApproved,
                             message: draft.isPosted ? "the reply to \(draft.thread) was already posted" : "the draft for \(draft.thread) is not approved",
                             context: ["case": caseID], fix: draft.isPosted ? "see the thread" : "have it approved before posting it")
        }
    }

    private func loadCase(_ caseID: String) throws -> Case {
        guard let subject = try store.storedCase(id: caseID) else {
            throw OmbudError(code: .caseUnknown, message: "there is no case \(caseID)", context: ["case": caseID],
                             fix: "reload the queue: the case may have been merged")
        }
        return subject
    }

    private func load(_ caseID: String, _ thread: ThreadRef) throws -> (Case, Draft) {
        let subject = try loadCase(caseID)
        guard let draft = try store.draft(caseID: caseID, thread: thread) else {
            throw OmbudError(code: .draftUnknown, message: "case \(caseID) has no draft for thread \(thread)",
                             context: ["case": caseID, "thread": "\(thread)"], fix: "reload the case page")
        }
        return (subject, draft)
    }

    private func record(_ account: Account, _ action: String, _ caseID: String?, before: String? = nil, after: String? = nil,
                        note: String? = nil) throws {
        try store.append(audit: AuditEntry(at: pipeline.clock.now, actor: account.name, action: action, caseID: caseID, before: before,
                                           after: after, note: note))
    }
}
