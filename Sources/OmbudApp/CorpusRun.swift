import Foundation
import OmbudConfig
import OmbudCore
import OmbudGrouping
import OmbudTriage

/// Reads labeled corpora (JSON Lines), errors naming the file and line.
public enum CorpusFile {
    /// The non-blank lines of the JSON Lines file `path`, trimmed, each with its index (0-based;
    /// errors name `index + 1`). Throws `eval.unreadable` naming the file, which holds `what`.
    static func lines(_ path: String, holding what: String) throws -> [(index: Int, text: String)] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OmbudError(code: .evalUnreadable, message: "cannot read \(what)", context: ["file": path], fix: "check the path")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : (index, trimmed)
        }
    }

    /// The posts of `path`, in file order. Blank lines are skipped; a bad line is an error naming it.
    public static func read(_ path: String) throws -> [LabeledPost] {
        var posts: [LabeledPost] = []
        var ids = Set<String>()
        for (index, trimmed) in try lines(path, holding: "the corpus") {
            let post: LabeledPost
            do { post = try JSONDecoder().decode(LabeledPost.self, from: Data(trimmed.utf8)) } catch {
                throw OmbudError(code: .evalBadLine, message: "not a labeled post: \(error)", context: ["file": path, "line": "\(index + 1)"],
                                 fix: #"write {"id": "…", "text": "…", "is_complaint": true, "categories": […], "flags": […]}"#)
            }
            guard ids.insert(post.id).inserted else {
                throw OmbudError(code: .evalDuplicateId, message: "the id \(post.id) is used twice", context: ["file": path, "line": "\(index + 1)"],
                                 fix: "give every post its own id")
            }
            posts.append(post)
        }
        return posts
    }
}

/// Runs triage and grouping over a labeled corpus and scores them.
public enum CorpusRun {
    /// What a run produced: the assessments, the case of each post, and the scores.
    public struct Result: Sendable {
        /// Assessments by post id.
        public var assessments: [String: Assessment]
        /// Case ids by post id (posts that joined no case are absent).
        public var cases: [String: String]
        /// The scores.
        public var evaluation: Evaluation
        /// Grouping against the labeled events, over every post labeled with an event (a related reply that is no complaint too: it joins no case).
        public var grouping: BCubed
    }

    /// Reads every thread of `labels` in posting order and assesses each post with its thread's
    /// context (the verdicts already taken on the posts before it), groups the posts in time
    /// order, and scores the result. A post's lexicon is its trade's (``LabeledPost/taxonomy``),
    /// else `triage` (default: the workspace's default lexicon). Posts by official accounts
    /// (`author_is_official`, or a name in a source's `official_accounts`) are never complaints.
    public static func run(_ labels: [LabeledPost], workspace: Workspace, triage: Triage? = nil) throws -> Result {
        let fallback = triage ?? workspace.triage
        let epoch = Date(timeIntervalSince1970: 1_800_000_000)
        let formatter = ISO8601DateFormatter()
        let officialNames = Set(workspace.configuration.sources.flatMap { $0.officialAccounts ?? [] })
        var assessments: [String: Assessment] = [:]
        var posts: [Post] = []
        // Every post in posting order, each thread keeping its own context; reposts are looked for
        // among the complaints posted before, whatever their thread.
        var contexts: [String: ThreadContext] = [:]
        var earlier = RepostIndex()
        let ordered = LabeledPost.threads(labels).flatMap { $0 }.enumerated()
            .sorted { ($0.element.postedAt ?? "", $0.offset) < ($1.element.postedAt ?? "", $1.offset) }.map(\.element)
        for label in ordered {
            let thread = label.thread ?? label.id
            var context = contexts[thread] ?? .opening
            let post = Post(source: "eval", id: label.id, threadID: thread, threadTitle: "", board: label.forum ?? "eval",
                            floor: context.isOpening ? 1 : 2, author: label.author ?? label.id, authorID: label.author ?? label.id,
                            postedAt: label.postedAt.flatMap(formatter.date) ?? epoch.addingTimeInterval(Double(posts.count) * 60),
                            text: label.text, url: "")
            posts.append(post)
            let official = label.authorIsOfficial || label.author.map(officialNames.contains) == true
            context.repostOf = earlier.original(of: label.text, thread: thread, at: post.postedAt)
            context.author = post.authorID
            let judge = label.trade == nil ? fallback : (workspace.lexicons[label.taxonomy] ?? fallback)
            let assessment = official ? .ours(post.key, author: post.author) : judge.assess(text: post.text, context: context, post: post.key)
            assessments[post.id] = assessment
            if assessment.isComplaint { earlier.add(id: label.id, thread: thread, text: label.text, at: post.postedAt) }
            contexts[thread] = context.adding(assessment, official: official)
        }
        var grouper = workspace.grouper
        var cases: [String: String] = [:]
        for post in posts.sorted(by: { $0.postedAt < $1.postedAt }) {
            if let assignment = grouper.assign(post, assessments[post.id]!) { cases[post.id] = assignment.caseID }
        }
        let categoryIDs = Set(workspace.lexicons.values.flatMap { $0.lexicon.categories.map(\.id) } + fallback.lexicon.categories.map(\.id))
        let evaluation = Evaluation(labels: labels, assessments: assessments, flagIDs: Flag.allCases.map(\.rawValue),
                                    categoryIDs: categoryIDs.sorted())
        let gold = Dictionary(uniqueKeysWithValues: labels.compactMap { label in label.event.map { (label.id, $0) } })
        return Result(assessments: assessments, cases: cases, evaluation: evaluation, grouping: BCubed(gold: gold, predicted: cases))
    }

    /// Writes one JSON line per post: `id`, `is_complaint`, `categories`, `flags`, `case`.
    public static func write(_ result: Result, labels: [LabeledPost], to path: String) throws {
        var lines: [String] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        struct Line: Encodable {
            var id: String
            var is_complaint: Bool
            var categories: [String]
            var flags: [String]
            var `case`: String?

            enum CodingKeys: String, CodingKey { case id, is_complaint, categories, flags, `case` }

            // `case` is written as null when the post joined no case, so every line has every key.
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(id, forKey: .id)
                try container.encode(is_complaint, forKey: .is_complaint)
                try container.encode(categories, forKey: .categories)
                try container.encode(flags, forKey: .flags)
                try container.encode(`case`, forKey: .case)
            }
        }
        for label in labels {
            guard let assessment = result.assessments[label.id] else { continue }
            let line = Line(id: label.id, is_complaint: assessment.isComplaint,
                            categories: assessment.isComplaint ? assessment.categories : [],
                            flags: assessment.isComplaint ? assessment.flags.sorted().map(\.rawValue) : [], case: result.cases[label.id])
            lines.append(String(decoding: try encoder.encode(line), as: UTF8.self))
        }
        do { try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw OmbudError(code: .evalUnwritable, message: "cannot write the predictions", context: ["file": path], fix: "check the folder")
        }
    }

    /// The scores as a table for people.
    public static func report(_ evaluation: Evaluation) -> String {
        func row(_ name: String, _ score: Evaluation.Score) -> String {
            name.padding(toLength: 20, withPad: " ", startingAt: 0)
                + String(format: "%9.3f %9.3f %9.3f %5d %5d %5d", score.precision, score.recall, score.f1,
                         score.truePositives, score.falsePositives, score.falseNegatives)
        }
        var lines = ["\(evaluation.posts) posts", "label                precision    recall        F1    TP    FP    FN",
                     row("complaint", evaluation.complaint)]
        for (id, score) in evaluation.flags.sorted(by: { $0.key < $1.key }) { lines.append(row("flag " + id, score)) }
        for (id, score) in evaluation.categories.sorted(by: { $0.key < $1.key }) { lines.append(row("category " + id, score)) }
        lines.append(String(format: "category accuracy %.3f", evaluation.categoryAccuracy))
        let predicted = Set(evaluation.confusion.values.flatMap(\.keys)).sorted()
        lines.append("confusion (labeled → predicted): " + predicted.joined(separator: " "))
        for (expected, row) in evaluation.confusion.sorted(by: { $0.key < $1.key }) {
            lines.append(expected.padding(toLength: 12, withPad: " ", startingAt: 0) + predicted.map { String(format: "%6d", row[$0] ?? 0) }.joined())
        }
        if !evaluation.mistakes.isEmpty { lines.append("complaint verdict wrong for: " + evaluation.mistakes.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}

/// Measures triage speed on a corpus's texts, single-threaded.
public enum TriageSpeed {
    /// Posts per second over at least `seconds`, how many posts were assessed, and how many of them
    /// were complaints (the verdicts are used, so no work can be optimised away).
    public static func measure(_ texts: [String], triage: Triage, seconds: Double = 2) -> (postsPerSecond: Double, posts: Int, complaints: Int) {
        let clock = ContinuousClock()
        let start = clock.now
        var posts = 0
        var complaints = 0
        repeat {
            for text in texts where triage.assess(text: text).isComplaint { complaints += 1 }
            posts += texts.count
        } while clock.now - start < .milliseconds(Int64(seconds * 1000))
        let elapsed = clock.now - start
        let total = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (Double(posts) / total, posts, complaints)
    }
}
