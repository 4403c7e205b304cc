import Foundation
import Logging
import OmbudConfig
import OmbudCore
import OmbudGrouping
import OmbudStore
import OmbudTriage

/// `ombud eval --replay`: a labeled corpus run through the whole pipeline as if it were forums
/// being followed (triage, grouping, our answers, severity, deadlines, drafts, in posting-time
/// order, in a scratch SQLite store), and scored as cases: grouping against the labeled events,
/// severity against the labeled severities, the drafts against their threads.
public enum CorpusReplay {
    /// What a replay produced and how it scored.
    public struct Result: Sendable {
        /// Triage, post by post.
        public var evaluation: Evaluation
        /// Grouping against the labeled events, over every post labeled with an event (a related reply that is no complaint too: it joins no case).
        public var grouping: BCubed
        /// Severity against the labeled severities, per event.
        public var severity: SeverityScore
        /// The drafts against their threads.
        public var drafts: DraftScore
        /// Cases holding posts of more than one labeled event.
        public var mixing: MixingScore
        /// One line per post (see ``write(_:to:)``).
        public var predictions: [Prediction]
    }

    /// Severity per event: the case holding most of an event's posts against the event's label.
    public struct SeverityScore: Sendable, Hashable, Codable {
        /// Events with a severity label and a case.
        public var events = 0
        /// Those whose case has the labeled severity.
        public var agreeing = 0
        /// Labeled events that no case holds (triage missed every post).
        public var unmatched = 0
        /// Labeled severity → the case's severity → how many events.
        public var confusion: [String: [String: Int]] = [:]
        /// Safety emergencies (labeled major, a post flagged safety): how many, and how many were
        /// major and due within an hour of their first post.
        public var emergencies = 0
        /// Of ``emergencies``, those graded major with a one-hour clock from the first post.
        public var emergenciesOnTime = 0
        /// Share of events agreeing.
        public var agreement: Double { events == 0 ? 1 : Double(agreeing) / Double(events) }
        /// Share of labeled events that are hot, and of their cases graded hot.
        public var labeledHotShare: Double { share("hot", labeled: true) }
        /// Share of matched cases graded hot.
        public var gradedHotShare: Double { share("hot", labeled: false) }

        private func share(_ severity: String, labeled: Bool) -> Double {
            guard events > 0 else { return 0 }
            let count = labeled ? confusion[severity]?.values.reduce(0, +) ?? 0 : confusion.values.reduce(0) { $0 + ($1[severity] ?? 0) }
            return Double(count) / Double(events)
        }
    }

    /// Cases that mix labeled events (issue: no case mixing two events of different problems).
    /// An event's problem is read as its posts' most common labeled main category.
    public struct MixingScore: Sendable, Hashable, Codable {
        /// Cases holding at least one post labeled with an event.
        public var cases = 0
        /// Of those, cases holding posts of two or more events.
        public var mixed = 0
        /// Of ``mixed``, the case ids whose events differ in their main category, with the events.
        public var acrossCategories: [String: [String]] = [:]
    }

    /// The drafts against their threads.
    public struct DraftScore: Sendable, Hashable, Codable {
        /// Drafts written.
        public var drafts = 0
        /// Those in their thread's language (its opening post's labeled `lang`).
        public var inThreadLanguage = 0
        /// The others: "thread: draft language, thread language", to look at.
        public var wrongLanguage: [String] = []
        /// Drafts whose thread named a place.
        public var threadsNamingAPlace = 0
        /// Of those, drafts naming one of the thread's places.
        public var namingThePlace = 0
        /// Drafts promising a measure for an issue no post of the case raised.
        public var foreignMeasures = 0
        /// Drafts with the emergency template for a case that is no emergency (no one at risk now).
        public var emergencyTemplateMisused = 0
    }

    /// One post's outcome.
    public struct Prediction: Sendable, Hashable, Codable {
        /// The post's id in the corpus.
        public var id: String
        /// The verdict, its categories and flags (empty for a non-complaint).
        public var isComplaint: Bool
        /// Categories, the leading one first.
        public var categories: [String]
        /// Flags.
        public var flags: [String]
        /// The case it joined, if any, with that case's severity and reply deadline.
        public var caseID: String?
        /// The case's severity.
        public var severity: String?
        /// Why the case has its severity: the grading rules that gave it (`severity.same_problem`, …).
        public var severityRules: [String] = []
        /// The case's deadline (ISO 8601).
        public var dueAt: String?

        enum CodingKeys: String, CodingKey {
            case id, categories, flags, severity
            case severityRules = "severity_rules"
            case isComplaint = "is_complaint"
            case caseID = "case"
            case dueAt = "due_at"
        }

        /// Writes every key, `null` where there is no value, so each line has the same keys.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(isComplaint, forKey: .isComplaint)
            try container.encode(categories, forKey: .categories)
            try container.encode(flags, forKey: .flags)
            try container.encode(caseID, forKey: .caseID)
            try container.encode(severity, forKey: .severity)
            try container.encode(severityRules, forKey: .severityRules)
            try container.encode(dueAt, forKey: .dueAt)
        }
    }

    /// Replays `labels` through the pipeline in a scratch store under `folder` (removed after).
    ///
    /// Each trade of the corpus becomes a source judged by that trade's lexicon (`eval-property`,
    /// `eval-retail`, …); posts by `officials` or labeled `author_is_official` are our answers.
    /// `severities` are labeled severities by event id (``severities(from:)``).
    public static func run(_ labels: [LabeledPost], workspace: Workspace, officials: Set<String> = [], severities: [String: Severity] = [:],
                           folder: URL) throws -> Result {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ours = officials.union(labels.filter(\.authorIsOfficial).compactMap(\.author))
        let sourceOf = { (label: LabeledPost) in "eval-\(label.taxonomy)" }
        let taxonomies = Set(labels.map(\.taxonomy)).sorted()
        let sources = taxonomies.map { taxonomy in
            OmbudConfiguration.Source(name: "eval-\(taxonomy)", site: "replay", baseURL: "http://127.0.0.1/", timeZone: workspace.configuration.calendar.timeZone,
                                      officialAccounts: ours.sorted(), lexicon: workspace.lexicons[taxonomy] == nil ? nil : taxonomy)
        }
        let replayed = workspace.replacingSources(sources)

        // The corpus as posts: floors in posting order within each thread.
        let formatter = ISO8601DateFormatter()
        let epoch = Date(timeIntervalSince1970: 1_800_000_000)
        var posts: [Post] = []
        var postOf: [String: Post] = [:]
        var postsOfThread: [ThreadRef: [Post]] = [:]
        var openingLanguage: [ThreadRef: String] = [:]
        for thread in LabeledPost.threads(labels) {
            for (floor, label) in thread.enumerated() {
                let post = Post(source: sourceOf(label), id: label.id, threadID: label.thread ?? label.id, threadTitle: "", board: label.forum ?? "eval",
                                floor: floor + 1, author: label.author ?? label.id, authorID: label.author ?? label.id,
                                postedAt: label.postedAt.flatMap(formatter.date) ?? epoch.addingTimeInterval(Double(posts.count) * 60),
                                text: label.text, url: "")
                posts.append(post)
                postOf[label.id] = post
                let ref = ThreadRef(source: post.source, threadID: post.threadID)
                postsOfThread[ref, default: []].append(post)
                if floor == 0, let language = label.lang { openingLanguage[ref] = language }
            }
        }
        let store = try SQLiteStore(path: folder.appendingPathComponent("replay.sqlite").path)
        _ = try store.save(posts: posts)
        let last = posts.map(\.postedAt).max() ?? epoch
        var logger = Logger(label: "ombud.replay")
        logger.logLevel = .warning
        let pipeline = Pipeline(workspace: replayed, store: store, fetcher: try FetcherFactory.make(replayed.configuration, clock: FixedClock(last)),
                                clock: FixedClock(last), logger: logger, cookieFolder: folder.appendingPathComponent("cookies"))
        try pipeline.process()

        // Read back what the pipeline decided.
        let stored = try store.assessments(posts.map(\.key))
        var assessments: [String: Assessment] = [:]
        for label in labels { if let post = postOf[label.id], let assessment = stored[post.key] { assessments[label.id] = assessment } }
        let cases = try store.cases()
        let deadlines = try store.deadlines()
        var caseOf: [String: Case] = [:]
        for subject in cases { for member in subject.members { caseOf[member.post.id] = subject } }
        let categoryIDs = Set(workspace.lexicons.values.flatMap { $0.lexicon.categories.map(\.id) } + workspace.triage.lexicon.categories.map(\.id))
        let evaluation = Evaluation(labels: labels, assessments: assessments, flagIDs: Flag.allCases.map(\.rawValue), categoryIDs: categoryIDs.sorted())
        let gold = Dictionary(uniqueKeysWithValues: labels.compactMap { label in label.event.map { (label.id, $0) } })
        let grouping = BCubed(gold: gold, predicted: caseOf.mapValues(\.id))
        let severity = score(labels: labels, severities: severities, caseOf: caseOf, deadlines: deadlines)
        var drafts = DraftScore()
        for subject in cases {
            for draft in try store.drafts(caseID: subject.id) {
                drafts.drafts += 1
                if draft.language == openingLanguage[draft.thread] {
                    drafts.inThreadLanguage += 1
                } else {
                    drafts.wrongLanguage.append("\(draft.thread.threadID): \(draft.language) for \(openingLanguage[draft.thread] ?? "?")")
                }
                let places = workspace.grouper.mentions(in: postsOfThread[draft.thread] ?? []).places
                if !places.isEmpty {
                    drafts.threadsNamingAPlace += 1
                    let text = draft.text.lowercased()
                    if places.contains(where: { place in
                        text.contains(place.lowercased()) || text.contains(place.applyingTransform(StringTransform("Hans-Hant"), reverse: false) ?? place)
                    }) {
                        drafts.namingThePlace += 1
                    }
                }
                if draft.findings.contains(where: { $0.rule == "draft.foreign_measure" }) { drafts.foreignMeasures += 1 }
                if draft.template.hasSuffix("/emergency"), !replayed.deadlines.isEmergency(subject) { drafts.emergencyTemplateMisused += 1 }
            }
        }
        let predictions = labels.map { label -> Prediction in
            let assessment = assessments[label.id]
            let complaint = assessment?.isComplaint ?? false
            let subject = caseOf[label.id]
            return Prediction(id: label.id, isComplaint: complaint, categories: complaint ? assessment?.categories ?? [] : [],
                              flags: complaint ? (assessment?.flags ?? []).map(\.rawValue).sorted() : [], caseID: subject?.id,
                              severity: subject?.severity.rawValue, severityRules: subject?.severityReasons.map(\.rule) ?? [],
                              dueAt: subject.flatMap { deadlines[$0.id] }.map { formatter.string(from: $0.dueAt) })
        }
        return Result(evaluation: evaluation, grouping: grouping, severity: severity, drafts: drafts,
                      mixing: mixing(labels: labels, cases: cases), predictions: predictions)
    }

    /// Which cases hold posts of more than one labeled event, and of events of different categories.
    static func mixing(labels: [LabeledPost], cases: [Case]) -> MixingScore {
        let labelOf = Dictionary(labels.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var categoryVotes: [String: [String: Int]] = [:]
        for label in labels {
            guard let event = label.event, let category = label.categories.first else { continue }
            categoryVotes[event, default: [:]][category, default: 0] += 1
        }
        let categoryOf = categoryVotes.mapValues { votes in votes.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key }
        var score = MixingScore()
        for subject in cases {
            let events = Set(subject.members.compactMap { labelOf[$0.post.id]?.event })
            guard !events.isEmpty else { continue }
            score.cases += 1
            guard events.count > 1 else { continue }
            score.mixed += 1
            if Set(events.compactMap { categoryOf[$0] }).count > 1 { score.acrossCategories[subject.id] = events.sorted() }
        }
        return score
    }

    /// Severity per labeled event against the case holding most of its posts.
    static func score(labels: [LabeledPost], severities: [String: Severity], caseOf: [String: Case], deadlines: [String: Deadline]) -> SeverityScore {
        var result = SeverityScore()
        let byEvent = Dictionary(grouping: labels.filter { $0.event != nil && $0.isComplaint }, by: { $0.event! })
        for (event, posts) in byEvent.sorted(by: { $0.key < $1.key }) {
            guard let labeled = severities[event] else { continue }
            let holders = Dictionary(grouping: posts.compactMap { caseOf[$0.id] }, by: \.id)
            guard let subject = holders.values.max(by: { ($0.count, $1[0].id) < ($1.count, $0[0].id) })?.first else {
                result.unmatched += 1
                continue
            }
            result.events += 1
            if subject.severity == labeled { result.agreeing += 1 }
            result.confusion[labeled.rawValue, default: [:]][subject.severity.rawValue, default: 0] += 1
            if labeled == .major, posts.contains(where: { $0.flags.contains(Flag.safety.rawValue) }) {
                result.emergencies += 1
                if subject.severity == .major, let due = deadlines[subject.id]?.dueAt, due.timeIntervalSince(subject.clockStart) <= 3_600 {
                    result.emergenciesOnTime += 1
                }
            }
        }
        return result
    }

    /// Labeled severities by event: a JSON Lines file of `{"event": "…", "severity": "hot"}`.
    /// A bad line or an unknown severity is an error naming the file and line.
    public static func severities(from path: String) throws -> [String: Severity] {
        struct Line: Decodable {
            var event: String
            var severity: String
        }
        var result: [String: Severity] = [:]
        for (index, trimmed) in try CorpusFile.lines(path, holding: "the severities") {
            guard let row = try? JSONDecoder().decode(Line.self, from: Data(trimmed.utf8)), let severity = Severity(rawValue: row.severity) else {
                throw OmbudError(code: .evalBadLine, message: "not an event severity", context: ["file": path, "line": "\(index + 1)"],
                                 fix: #"write {"event": "…", "severity": "general|important|hot|major"}"#)
            }
            result[row.event] = severity
        }
        return result
    }

    /// Writes one JSON line per post: `id`, `is_complaint`, `categories`, `flags`, `case`, `severity`, `due_at`.
    public static func write(_ result: Result, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lines = try result.predictions.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        do { try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw OmbudError(code: .evalUnwritable, message: "cannot write the predictions", context: ["file": path], fix: "check the folder")
        }
    }

    /// The case-level scores for people.
    public static func report(_ result: Result) -> String {
        let severity = result.severity, drafts = result.drafts
        var lines = [String(format: "grouping (B-cubed over %d posts labeled with an event): precision %.3f recall %.3f F1 %.3f",
                            result.grouping.items, result.grouping.precision, result.grouping.recall, result.grouping.f1)]
        if severity.events + severity.unmatched > 0 {
            lines.append(String(format: "severity: %d of %d events agree (%.3f); %d labeled events have no case; hot: %.2f labeled, %.2f graded",
                                severity.agreeing, severity.events, severity.agreement, severity.unmatched, severity.labeledHotShare,
                                severity.gradedHotShare))
            let grades = Severity.allCases.map(\.rawValue)
            lines.append("severity (labeled → graded): " + grades.joined(separator: " "))
            for labeled in grades where severity.confusion[labeled] != nil {
                lines.append(labeled.padding(toLength: 12, withPad: " ", startingAt: 0)
                             + grades.map { String(format: "%10d", severity.confusion[labeled]?[$0] ?? 0) }.joined())
            }
            lines.append("safety emergencies: \(severity.emergenciesOnTime) of \(severity.emergencies) major and due within an hour of their first post")
        }
        func share(_ part: Int, _ whole: Int) -> String { whole == 0 ? "-" : String(format: "%.3f", Double(part) / Double(whole)) }
        lines.append("drafts: \(drafts.drafts); in the thread's language \(share(drafts.inThreadLanguage, drafts.drafts)); "
                     + "naming the thread's place \(share(drafts.namingThePlace, drafts.threadsNamingAPlace)) of \(drafts.threadsNamingAPlace); "
                     + "promising a measure no post asked for \(drafts.foreignMeasures); emergency template without an emergency \(drafts.emergencyTemplateMisused)")
        let mixing = result.mixing
        let across = mixing.acrossCategories.sorted { $0.key < $1.key }.prefix(5).map { "\($0.key) (\($0.value.joined(separator: ", ")))" }
        lines.append("cases mixing labeled events: \(mixing.mixed) of \(mixing.cases); of events of different categories: "
                     + "\(mixing.acrossCategories.count)" + (across.isEmpty ? "" : ", e.g. " + across.joined(separator: "; ")))
        if !drafts.wrongLanguage.isEmpty {
            lines.append("drafts not in their thread's language: " + drafts.wrongLanguage.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
