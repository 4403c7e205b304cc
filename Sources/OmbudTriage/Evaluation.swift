import OmbudCore

/// Scores triage against a labeled corpus: precision, recall and F1 per label, category accuracy and
/// a confusion matrix. Pure: give it the labels and the assessments.
public struct Evaluation: Sendable, Hashable, Codable {
    /// Precision, recall and F1 of one yes/no label.
    public struct Score: Sendable, Hashable, Codable {
        /// Predicted yes and labeled yes.
        public var truePositives = 0
        /// Predicted yes, labeled no.
        public var falsePositives = 0
        /// Predicted no, labeled yes.
        public var falseNegatives = 0

        /// TP / (TP + FP); 1 when nothing was predicted.
        public var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
        /// TP / (TP + FN); 1 when nothing was labeled.
        public var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
        /// The harmonic mean of precision and recall.
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

        mutating func add(predicted: Bool, labeled: Bool) {
            switch (predicted, labeled) {
            case (true, true): truePositives += 1
            case (true, false): falsePositives += 1
            case (false, true): falseNegatives += 1
            case (false, false): break
            }
        }
    }

    /// How many posts were scored.
    public var posts = 0
    /// Complaint or not.
    public var complaint = Score()
    /// Per flag id.
    public var flags: [String: Score] = [:]
    /// Per category id, over labeled complaints (main category only).
    public var categories: [String: Score] = [:]
    /// Main-category accuracy over posts labeled and predicted as complaints.
    public var categoryAccuracy: Double = 1
    /// Labeled main category → predicted main category → count (over labeled complaints; `none` when triage missed it).
    public var confusion: [String: [String: Int]] = [:]
    /// Ids of posts whose complaint verdict was wrong, for a person to read.
    public var mistakes: [String] = []

    /// Scores `assessments` (by post id) against `labels`.
    public init(labels: [LabeledPost], assessments: [String: Assessment], flagIDs: [String], categoryIDs: [String]) {
        var correctCategories = 0
        var categorised = 0
        for id in flagIDs { flags[id] = Score() }
        for id in categoryIDs { categories[id] = Score() }
        for label in labels {
            guard let assessment = assessments[label.id] else { continue }
            posts += 1
            complaint.add(predicted: assessment.isComplaint, labeled: label.isComplaint)
            if assessment.isComplaint != label.isComplaint { mistakes.append(label.id) }
            let predictedFlags = Set(assessment.isComplaint ? assessment.flags.map(\.rawValue) : [])
            for id in flagIDs {
                flags[id, default: Score()].add(predicted: predictedFlags.contains(id), labeled: label.isComplaint && label.flags.contains(id))
            }
            guard label.isComplaint else { continue }
            let expected = label.categories.first ?? "other"
            let predicted = assessment.isComplaint ? assessment.primaryCategory : "none"
            confusion[expected, default: [:]][predicted, default: 0] += 1
            for id in categoryIDs { categories[id, default: Score()].add(predicted: predicted == id, labeled: expected == id) }
            if assessment.isComplaint {
                categorised += 1
                if predicted == expected { correctCategories += 1 }
            }
        }
        categoryAccuracy = categorised == 0 ? 1 : Double(correctCategories) / Double(categorised)
    }
}
