import Foundation
import OmbudCore
import OmbudTriage
import Testing

/// The floors triage must hold on the labeled corpus (Corpus/property.jsonl, 300 posts written and
/// labeled by hand: every category and flag, negations, sarcasm, Traditional Chinese, English,
/// praise, questions, ads, events, chat). `ombud eval` prints the full report.
@Suite struct CorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus/property.jsonl")

    static func labels() throws -> [LabeledPost] {
        try String(contentsOf: corpus, encoding: .utf8).split(separator: "\n").map { try JSONDecoder().decode(LabeledPost.self, from: Data($0.utf8)) }
    }

    @Test func theCorpusIsWhatItClaims() throws {
        let labels = try Self.labels()
        #expect(labels.count >= 300)
        #expect(Set(labels.map(\.id)).count == labels.count)
        let categories = Set(labels.flatMap(\.categories))
        #expect(categories.isSuperset(of: ["facilities", "service", "fees", "emergency", "other"]))
        #expect(Set(labels.flatMap(\.flags)).isSuperset(of: ["media_threat", "legal_threat", "collective", "safety"]))
        #expect(labels.filter { !$0.isComplaint }.count >= 100)
        #expect(labels.filter(\.isComplaint).allSatisfy { $0.event != nil && !$0.categories.isEmpty })
    }

    @Test func triageHoldsItsFloors() throws {
        let triage = Project.workspace.triage
        let labels = try Self.labels()
        let assessments = Dictionary(uniqueKeysWithValues: labels.map { ($0.id, triage.assess(text: $0.text, post: PostKey(source: "eval", id: $0.id))) })
        let evaluation = Evaluation(labels: labels, assessments: assessments, flagIDs: Flag.allCases.map(\.rawValue),
                                    categoryIDs: triage.lexicon.categories.map(\.id))
        #expect(evaluation.complaint.f1 >= 0.92, "complaint F1 \(evaluation.complaint.f1); wrong: \(evaluation.mistakes)")
        let media = try #require(evaluation.flags["media_threat"])
        #expect(media.recall == 1.0 && media.precision >= 0.9, "media_threat P \(media.precision) R \(media.recall)")
        #expect(evaluation.categoryAccuracy >= 0.85, "category accuracy \(evaluation.categoryAccuracy); \(evaluation.confusion)")
    }
}
