import Foundation

/// One real event that people complain about: every post about it, counted once (domain.md §3).
///
/// The case id is derived from the post that opened it (`source-postid`), so it is stable
/// across runs without coordination. Counts (complainants, threads, heat) are derived from
/// ``members`` and never stored separately.
public struct Case: Sendable, Hashable, Codable, Identifiable {
    /// Stable id: `source-postid` of the post that opened the case.
    public var id: String
    /// The category id shared by the case's posts.
    public var category: String
    /// The posts of the case in the order they joined.
    public var members: [CaseMember]
    /// The union of the issues raised by the case's posts (asides apart), in first-seen order.
    public var issues: [String]
    /// The union of the flags of the case's posts.
    public var flags: Set<Flag>
    /// The severity as last computed over the whole case.
    public var severity: Severity
    /// Why the case has its severity.
    public var severityReasons: [Reason]
    /// Where the case is in its life.
    public var status: CaseStatus
    /// The least severity its posts demand (exposure that already happened: major), if any.
    public var severityFloor: Severity?
    /// Where the event is, as its posts wrote it (3号楼, 2单元, 地下车库), first named first; nil
    /// for cases grouped before places were kept.
    public var places: [String]?
    /// The days its posts name, as `MM-DD` read against each post's date.
    public var dates: [String]?
    /// What the case is found by: the specifics (`building:7`, `facility:电梯`, `date:11-18`) of
    /// the posts that joined it by what they said, first named first, at most eight. A reply that
    /// joined by its thread alone adds nothing here; nil for cases grouped before it was kept.
    public var core: [String]?
    /// Who answers it (an account name); nil while nobody has been assigned.
    public var owner: String?
    /// When it was answered: the time the forum gives our reply (or an official account's post)
    /// in its thread, as the crawler saw it.
    public var answeredAt: Date?
    /// When a complaint after its answer reopened it (二次投诉), nil if never: the clock runs again
    /// from then, and ``answeredAt`` waits for the next answer.
    public var reopenedAt: Date?
    /// When our reply went out, while the crawler has not yet seen it in the thread (nil
    /// otherwise): the case is still open, its clock still runs, escalation holds a while.
    public var replySentAt: Date?
    /// Replies its threads have, summed over the threads whose forum shows a count (nil: none does).
    public var replies: Int?
    /// Views its threads have, summed over the threads whose forum shows a count (nil: none does).
    public var views: Int?

    /// Creates a case.
    public init(id: String, category: String, members: [CaseMember], issues: [String], flags: Set<Flag>,
                severity: Severity = .general, severityReasons: [Reason] = [], status: CaseStatus = .open) {
        self.id = id
        self.category = category
        self.members = members
        self.issues = issues
        self.flags = flags
        self.severity = severity
        self.severityReasons = severityReasons
        self.status = status
    }

    /// Distinct authors who complained: of every member triage judged a complaint (a "me too,
    /// my flat as well" follow-up counts; a bare bump that joined as heat does not), asides apart.
    public var complainants: Set<String> { Set(members.filter { $0.isComplaint != false && $0.role != .aside }.map(\.authorID)) }

    /// Distinct threads, as `source/threadID`.
    public var threads: [ThreadRef] {
        var seen = Set<ThreadRef>()
        return members.map(\.thread).filter { seen.insert($0).inserted }
    }

    /// Distinct sources (forums) the case was seen on.
    public var sources: Set<String> { Set(members.map(\.post.source)) }

    /// The source (forum) of the case's first post: whose lexicon grades it and whose channel
    /// sets its deadline; empty for a case without posts.
    public var source: String { members.min { $0.postedAt < $1.postedAt }?.post.source ?? "" }

    /// When the first post of the case was written.
    public var firstSeen: Date { members.map(\.postedAt).min() ?? .distantPast }

    /// When the case's clock starts: its first post, or the post that reopened it.
    public var clockStart: Date { reopenedAt ?? firstSeen }
    /// When the latest post of the case was written.
    public var lastSeen: Date { members.map(\.postedAt).max() ?? .distantPast }

    /// Follow-up heat: posts that added no new content (`+1`, `同样`, `我家也是`).
    public var heat: Int { members.filter { $0.role == .followUp }.count }
}

/// A thread, named by its source and the forum's thread id.
public struct ThreadRef: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The configured source.
    public var source: String
    /// The forum's thread id.
    public var threadID: String

    /// Creates a reference.
    public init(source: String, threadID: String) {
        self.source = source
        self.threadID = threadID
    }

    /// `source/threadID`.
    public var description: String { "\(source)/\(threadID)" }
}

/// A post's place in a case, and why it was put there.
public struct CaseMember: Sendable, Hashable, Codable {
    /// The post.
    public var post: PostKey
    /// Its thread.
    public var thread: ThreadRef
    /// The author's forum id: what complainants are counted by.
    public var authorID: String
    /// The author's display name, for drafts and the dashboard.
    public var authorName: String
    /// When it was posted.
    public var postedAt: Date
    /// How the post relates to the case.
    public var role: Role
    /// Why the post joined (similarity, shared specifics, same thread).
    public var reasons: [Reason]
    /// Whether triage judged the post a complaint: false for a bare bump that joined as heat
    /// (nil for members grouped before this was kept, counted as complaints).
    public var isComplaint: Bool?

    /// How a post relates to its case.
    public enum Role: String, Sendable, Hashable, Codable {
        /// The post that opened the case.
        case origin
        /// Another report of the same event.
        case report
        /// A copy-paste repost of a post already in the case.
        case repost
        /// A reply that adds its author and heat but no new content.
        case followUp = "follow_up"
        /// A complaint in the case's thread about something the case's posts had not raised,
        /// that no other case took: kept with its thread, but neither what the case is found by
        /// nor one of its complainants (often another incident told in passing). Its flags and
        /// least severity still count for the case.
        case aside
    }

    /// Creates a membership.
    public init(post: PostKey, thread: ThreadRef, authorID: String, authorName: String, postedAt: Date,
                role: Role, reasons: [Reason], isComplaint: Bool? = nil) {
        self.post = post
        self.thread = thread
        self.authorID = authorID
        self.authorName = authorName
        self.postedAt = postedAt
        self.role = role
        self.reasons = reasons
        self.isComplaint = isComplaint
    }
}

/// Where a case is in its life.
public enum CaseStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for a reply.
    case open
    /// Our reply is posted or an official account answered in the thread.
    case replied
    /// Closed: satisfied at callback, or no repeat complaint within a week.
    case closed
    /// A person judged it not a complaint; kept for the reports, never answered or escalated.
    case notComplaint = "not_a_complaint"
}
