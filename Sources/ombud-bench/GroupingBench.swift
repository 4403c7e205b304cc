import Foundation
import OmbudConfig
import OmbudCore
import OmbudGrouping
import OmbudTriage

/// Assigns a synthetic complaint stream incrementally on one core and reports throughput, the
/// time per post as the stored cases grow, peak memory and B-cubed against the stream's truth.
enum GroupingBench {
    struct Options {
        var root: URL
        var posts: Int
        var untilCases: Int
        var seed: UInt64
        var export: String?
    }

    static func run(_ options: Options) throws {
        let workspace = try Workspace.load(root: options.root)
        let triage = workspace.triage
        var stream = SyntheticComplaints(seed: options.seed)

        // Everything the timed loop needs is made first: posts and their assessments.
        var items: [(SyntheticComplaints.Item, Assessment)] = []
        items.reserveCapacity(options.posts)
        for _ in 0..<options.posts {
            guard let item = stream.next() else { break }
            // Grouping reads no reasons; dropping them keeps the harness's own memory out of the figure.
            var assessment = triage.assess(item.post)
            assessment.reasons = []
            items.append((item, assessment))
        }
        let complaints = items.filter { $0.1.isComplaint }.count
        print("grouping bench: \(items.count) synthetic posts (\(complaints) judged complaints by triage), seed \(options.seed)")

        var grouper = workspace.grouper
        if let export = options.export { try write(items, grouper: grouper, rules: workspace.grouping, to: export) }

        var checkpoints: [Int: (posts: Int, nanoseconds: UInt64)] = [:]
        let marks = [1_000, 10_000, options.untilCases].filter { $0 > 0 }
        let window = 2_000
        var predicted: [String: String] = [:]
        var truth: [String: String] = [:]
        var comparedTotal = 0
        var comparedMax = 0

        func assign(_ item: SyntheticComplaints.Item, _ assessment: Assessment, into grouper: inout Grouper) -> UInt64 {
            let cases = grouper.caseCount
            let started = DispatchTime.now().uptimeNanoseconds
            let assignment = grouper.assign(item.post, assessment)
            let elapsed = DispatchTime.now().uptimeNanoseconds - started
            if let assignment {
                predicted[item.post.id] = assignment.caseID
                comparedTotal += assignment.compared
                comparedMax = max(comparedMax, assignment.compared)
            }
            for mark in marks where cases >= mark {
                var entry = checkpoints[mark] ?? (0, 0)
                if entry.posts < window {
                    entry.posts += 1
                    entry.nanoseconds += elapsed
                    checkpoints[mark] = entry
                }
            }
            return elapsed
        }

        let started = DispatchTime.now().uptimeNanoseconds
        for (item, assessment) in items {
            _ = assign(item, assessment, into: &grouper)
            if assessment.isComplaint { truth[item.post.id] = "\(item.event)" }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let rss = peakResidentMegabytes()
        let quality = BCubed(gold: truth, predicted: predicted)
        print(String(format: "ombud: %d posts in %.2f s on one core = %.0f posts/s; %d cases; peak RSS %.0f MB",
                     items.count, seconds, Double(items.count) / seconds, grouper.caseCount, rss))
        print(String(format: "ombud: compared with %.1f cases per post on average, %d at most (limit %d)",
                     Double(comparedTotal) / Double(max(1, predicted.count)), comparedMax, Grouper.scoredLimit))
        print(String(format: "ombud: B-cubed against the stream's events: precision %.3f recall %.3f", quality.precision, quality.recall))
        print("RESULT ombud posts_per_second=\(Int(Double(items.count) / seconds)) rss_mb=\(Int(rss))")

        // Flatness: keep assigning fresh posts until the grouper holds `untilCases` cases.
        if options.untilCases > grouper.caseCount {
            items.removeAll()
            predicted.removeAll()
            var extra = 0
            while (checkpoints[options.untilCases]?.posts ?? 0) < window, let item = stream.next() {
                var assessment = triage.assess(item.post)
                assessment.reasons = []
                _ = assign(item, assessment, into: &grouper)
                extra += 1
            }
            print("ombud: \(extra) more posts to reach \(grouper.caseCount) stored cases; peak RSS now \(Int(peakResidentMegabytes())) MB")
        }
        for mark in marks {
            guard let entry = checkpoints[mark], entry.posts > 0 else { continue }
            print(String(format: "ombud: time per post at %6d stored cases: %6.1f µs (mean of the %d posts after)",
                         mark, Double(entry.nanoseconds) / Double(entry.posts) / 1_000, entry.posts))
        }
    }

    /// Peak resident memory of this process (VmHWM), in megabytes.
    static func peakResidentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }

    /// The posts for the datasketch peer: text, time, truth, triage's verdict, and the specifics
    /// and issues our grouper reads (so the peer spends its time on MinHash and LSH, not regexes).
    static func write(_ items: [(SyntheticComplaints.Item, Assessment)], grouper: Grouper, rules: GroupingRules, to path: String) throws {
        struct Line: Encodable {
            var id: String
            var t: Double
            var text: String
            var event: Int
            var complaint: Bool
            var category: String
            var keys: [String: Double]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        let header: [String: Any] = [
            "join_score": rules.joinScore, "window_hours": rules.windowHours, "conflict_penalty": rules.conflictPenalty ?? 1.0,
            "other_category_penalty": rules.otherCategoryPenalty,
            "exclusive": rules.specifics.filter { $0.exclusive == true }.map(\.kind),
        ]
        data.append(try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
        data.append(0x0A)
        for (item, assessment) in items {
            var keys = grouper.specifics(of: item.post)
            for issue in assessment.issues { keys["issue:" + issue] = rules.issueWeight }
            data.append(try encoder.encode(Line(id: item.post.id, t: item.post.postedAt.timeIntervalSince1970, text: item.post.text,
                                                event: item.event, complaint: assessment.isComplaint,
                                                category: assessment.primaryCategory, keys: keys)))
            data.append(0x0A)
        }
        try data.write(to: URL(fileURLWithPath: path))
    }
}
