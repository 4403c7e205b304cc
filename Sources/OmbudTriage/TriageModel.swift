import Foundation
import OmbudCore

/// The learned side of triage: linear models over ``ModelFeatures`` for "complaint or not", each
/// flag, and the category within each lexicon's taxonomy.
///
/// Trained by `ombud learn` (liblinear's L2-regularised logistic regression, in OmbudLearn) and
/// kept in a text file (`config/models/triage.model`, see ``ModelFile``). Pure: prediction is a
/// sparse dot product per head, one ``FeatureTable`` look-up per feature.
public struct TriageModel: Sendable {
    /// The model's version (`v-` and a digest of its training data and settings): recorded with
    /// every assessment it judged.
    public let version: String
    /// The heads, in weight-column order: `complaint`, `flag:<id>`, `category:<lexicon>:<id>`.
    public let heads: [String]
    /// Each head's bias.
    let bias: [Double]
    /// Row of each feature key in `weights`.
    let rows: FeatureTable
    /// Weights, row-major: `weights[row * heads.count + head]`.
    let weights: [Float]
    /// The feature name of each row (for explanations).
    let names: [String]
    /// Notes kept with the model: what it was trained on and its scores.
    public private(set) var notes: [String]

    private let complaintHead: Int
    private let flagHeads: [(flag: String, head: Int)]
    private let categoryHeads: [String: [(category: String, head: Int)]]
    /// The heads a post judged by each taxonomy needs (complaint, flags, that taxonomy's
    /// categories): the others are not summed.
    private let activeHeads: [String: [Int]]
    private let commonHeads: [Int]
    private let featuriser = ModelFeatures()

    /// Creates a model; throws `model.bad_heads` when there is no `complaint` head or a head is unknown.
    public init(version: String, heads: [String], bias: [Double], features: [(name: String, key: UInt64, weights: [Float])],
                notes: [String] = []) throws {
        guard let complaint = heads.firstIndex(of: "complaint"), bias.count == heads.count else {
            throw OmbudError(code: .modelBadHeads, message: "the model needs a complaint head and one bias per head",
                             context: ["heads": heads.joined(separator: " ")], fix: "train it again with ombud learn")
        }
        var flagHeads: [(String, Int)] = []
        var categoryHeads: [String: [(String, Int)]] = [:]
        for (index, head) in heads.enumerated() where index != complaint {
            let parts = head.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2, parts[0] == "flag" {
                flagHeads.append((parts[1], index))
            } else if parts.count == 3, parts[0] == "category" {
                categoryHeads[parts[1], default: []].append((parts[2], index))
            } else {
                throw OmbudError(code: .modelBadHeads, message: "unknown head '\(head)'", context: ["head": head],
                                 fix: "heads are complaint, flag:<id> and category:<lexicon>:<id>; train it again with ombud learn")
            }
        }
        var rows = FeatureTable(capacity: features.count)
        var weights: [Float] = []
        weights.reserveCapacity(features.count * heads.count)
        var names: [String] = []
        for feature in features where feature.weights.count == heads.count && rows.insert(feature.key, row: Int32(names.count)) {
            names.append(feature.name)
            weights += feature.weights
        }
        self.version = version
        self.heads = heads
        self.bias = bias
        self.rows = rows
        self.weights = weights
        self.names = names
        self.notes = notes
        complaintHead = complaint
        self.flagHeads = flagHeads
        self.categoryHeads = categoryHeads
        commonHeads = [complaint] + flagHeads.map(\.1)
        activeHeads = categoryHeads.mapValues { [complaint] + flagHeads.map(\.1) + $0.map(\.1) }
    }

    /// This model with `notes` in place of its own.
    public func withNotes(_ notes: [String]) -> TriageModel {
        var copy = self
        copy.notes = notes
        return copy
    }

    /// How many features the model knows.
    public var featureCount: Int { names.count }

    /// Each feature with its weight per head, in file order (for writing the model).
    public var features: [(name: String, weights: [Float])] {
        names.enumerated().map { row, name in (name, Array(weights[row * heads.count..<(row + 1) * heads.count])) }
    }

    /// What the model says of `text` read in `context`, with categories from `lexicon`'s taxonomy.
    public func predict(_ text: String, context: Set<ModelFeatures.Context>, lexicon: String) -> Prediction {
        predict(featuriser.vector(text, context: context), lexicon: lexicon)
    }

    /// What the model says of a feature vector.
    public func predict(_ vector: ModelFeatures.Vector, lexicon: String) -> Prediction {
        let width = heads.count
        var sums = bias
        var strongest: [(row: Int, contribution: Double)] = []
        let active = activeHeads[lexicon] ?? commonHeads
        let complaintHead = self.complaintHead
        // Two passes, so the memory reads of one pass do not wait on each other: the features' rows
        // first (one table read each), then their weights.
        var known: [(row: Int, value: Double)] = []
        known.reserveCapacity(vector.keys.count)
        for (key, value) in zip(vector.keys, vector.values) {
            if let row = rows.row(of: key) { known.append((row, value)) }
        }
        weights.withUnsafeBufferPointer { weights in
            for (row, value) in known {
                let base = row * width
                for head in active { sums[head] += Double(weights[base + head]) * value }
                Self.keep(&strongest, (row, Double(weights[base + complaintHead]) * value), most: 8)
            }
        }
        var flags: [String: Double] = [:]
        for (flag, head) in flagHeads { flags[flag] = Self.sigmoid(sums[head]) }
        var shares: [String: Double] = [:]
        if let candidates = categoryHeads[lexicon], !candidates.isEmpty {
            // One-vs-rest: normalise the heads' probabilities over the taxonomy.
            let probabilities = candidates.map { Self.sigmoid(sums[$0.head]) }
            let total = probabilities.reduce(0, +)
            if total > 0 { for (candidate, probability) in zip(candidates, probabilities) { shares[candidate.category] = probability / total } }
        }
        return Prediction(probability: Self.sigmoid(sums[complaintHead]), flags: flags, categoryShares: shares,
                          features: strongest.sorted { abs($0.contribution) > abs($1.contribution) }
                            .map { ModelShare.Weighed(feature: names[$0.row], weight: ($0.contribution * 1000).rounded() / 1000) })
    }

    /// The model's answer for one post.
    public struct Prediction: Sendable, Hashable {
        /// Probability of "complaint".
        public var probability: Double
        /// Probability of each flag.
        public var flags: [String: Double]
        /// Every category of the taxonomy with its share (they add up to 1).
        public var categoryShares: [String: Double]
        /// The features that weighed most for or against "complaint".
        public var features: [ModelShare.Weighed]

        /// The likeliest category of the lexicon's taxonomy (ties: the first by name), if the
        /// model has that taxonomy.
        public var category: String? { leading?.key }
        /// Its share among the taxonomy's categories.
        public var categoryProbability: Double? { leading?.value }

        private var leading: (key: String, value: Double)? { categoryShares.max { ($0.value, $1.key) < ($1.value, $0.key) } }
    }

    /// Keeps the `most` entries of largest magnitude (a short insertion list: no sort per post);
    /// a feature met again adds to its entry.
    private static func keep(_ list: inout [(row: Int, contribution: Double)], _ entry: (row: Int, contribution: Double), most: Int) {
        if let known = list.firstIndex(where: { $0.row == entry.row }) {
            list[known].contribution += entry.contribution
            return
        }
        let magnitude = abs(entry.contribution)
        guard magnitude > 0 else { return }
        if list.count < most {
            list.append(entry)
            return
        }
        var weakest = 0
        for index in 1..<list.count where abs(list[index].contribution) < abs(list[weakest].contribution) { weakest = index }
        if abs(list[weakest].contribution) < magnitude { list[weakest] = entry }
    }

    static func sigmoid(_ value: Double) -> Double { 1 / (1 + Foundation.exp(-value)) }
}
