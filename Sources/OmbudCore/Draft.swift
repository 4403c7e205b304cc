import Foundation

/// A reply drafted from an approved template for one thread of a case.
///
/// A case spread over several threads gets one draft per thread: each thread needs its own reply.
public struct Draft: Sendable, Hashable, Codable {
    /// The case answered.
    public var caseID: String
    /// The thread the reply is for.
    public var thread: ThreadRef
    /// The template used, as a path under `Templates/` without extension.
    public var template: String
    /// The reply's language tag (`zh-CN`, `zh-TW`, `en`).
    public var language: String
    /// The rendered text.
    public var text: String
    /// What the lint found; a draft with any error-level finding must not be approved.
    public var findings: [LintFinding]
    /// What people did with it; nil while it is as drafted.
    public var review: Review?

    /// What people did with a draft.
    public struct Review: Sendable, Hashable, Codable {
        /// Who last edited the text, if anyone.
        public var lastEditor: String?
        /// Everyone who edited the text since it was drafted, in the order they first did (nil in
        /// drafts stored before it was kept: then only ``lastEditor`` is known).
        public var editors: [String]?
        /// Who approved it, and when.
        public var approvedBy: String?
        /// When it was approved.
        public var approvedAt: Date?
        /// Why it was rejected, if it was (a rejected draft goes back to be edited).
        public var rejection: String?
        /// Who rejected it.
        public var rejectedBy: String?
        /// Where it was posted (the reply's URL), once it was.
        public var postedURL: String?
        /// When it was posted (sent to the forum, or marked posted by hand).
        public var postedAt: Date?
        /// When the crawler saw it in the thread: only then is the case answered.
        public var confirmedAt: Date?
        /// The address of the post the crawler saw.
        public var confirmedURL: String?

        /// Creates a review.
        public init(lastEditor: String? = nil, approvedBy: String? = nil, approvedAt: Date? = nil, rejection: String? = nil,
                    rejectedBy: String? = nil) {
            self.lastEditor = lastEditor
            self.approvedBy = approvedBy
            self.approvedAt = approvedAt
            self.rejection = rejection
            self.rejectedBy = rejectedBy
        }

        /// Everyone whose hand is in the text: four-eyes keeps each of them from approving it.
        public var authors: Set<String> {
            Set(editors ?? []).union(lastEditor.map { [$0] } ?? [])
        }
    }

    /// Whether it went out.
    public var isPosted: Bool { review?.postedAt != nil }

    /// Whether it went out and the crawler has not yet seen it in the thread.
    public var isAwaitingConfirmation: Bool { isPosted && review?.confirmedAt == nil }

    /// Whether a person has approved it.
    public var isApproved: Bool { review?.approvedBy != nil }

    /// Creates a draft.
    public init(caseID: String, thread: ThreadRef, template: String, language: String, text: String,
                findings: [LintFinding]) {
        self.caseID = caseID
        self.thread = thread
        self.template = template
        self.language = language
        self.text = text
        self.findings = findings
    }

    /// Whether lint found nothing that blocks approval.
    public var isClean: Bool { !findings.contains { $0.level == .error } }
}

/// One problem the lint found in a template or draft.
public struct LintFinding: Sendable, Hashable, Codable {
    /// The rule id from `config/lint.yaml` or a built-in check name.
    public var rule: String
    /// How bad it is.
    public var level: Level
    /// The offending text.
    public var matched: String
    /// Where it starts, in characters.
    public var offset: Int
    /// What is wrong.
    public var message: String
    /// What to write instead.
    public var suggestion: String

    /// How bad a finding is.
    public enum Level: String, Sendable, Hashable, Codable {
        /// Blocks approval and fails `ombud check`.
        case error
        /// Shown to the approver; does not block.
        case warning
    }

    /// Creates a finding.
    public init(rule: String, level: Level, matched: String, offset: Int, message: String, suggestion: String) {
        self.rule = rule
        self.level = level
        self.matched = matched
        self.offset = offset
        self.message = message
        self.suggestion = suggestion
    }
}
