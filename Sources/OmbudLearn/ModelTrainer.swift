import Foundation
import OmbudCore
import OmbudTriage

/// Trains a ``TriageModel`` from labeled examples with liblinear: one L2-regularised logistic
/// regression per head (complaint; each flag; each category of each taxonomy, one against the rest).
///
/// Deterministic: the same examples and settings give the same model, byte for byte, and the
/// same version.
public struct ModelTrainer: Sendable {
    /// One labeled post, read in its thread.
    public struct Example: Sendable, Hashable {
        /// The post's text (the opening post's with its title).
        public var text: String
        /// Its thread context.
        public var context: ThreadContext
        /// Whether it is a complaint.
        public var isComplaint: Bool
        /// Its flag ids.
        public var flags: Set<String>
        /// Its taxonomy (`triage`, `retail`, …) and category, for complaints.
        public var category: (taxonomy: String, id: String)?
        /// Whether `flags` were labeled (a staff decision from the store says nothing of flags:
        /// such an example trains no flag head).
        public var flagsKnown: Bool

        /// Creates an example.
        public init(text: String, context: ThreadContext, isComplaint: Bool, flags: Set<String>, category: (taxonomy: String, id: String)?,
                    flagsKnown: Bool = true) {
            self.text = text
            self.context = context
            self.isComplaint = isComplaint
            self.flags = flags
            self.category = category
            self.flagsKnown = flagsKnown
        }

        public static func == (a: Example, b: Example) -> Bool {
            a.text == b.text && a.context == b.context && a.isComplaint == b.isComplaint && a.flags == b.flags && a.flagsKnown == b.flagsKnown
                && a.category?.taxonomy == b.category?.taxonomy && a.category?.id == b.category?.id
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(text)
            hasher.combine(isComplaint)
        }
    }

    /// liblinear's cost C (inverse regularisation) for the complaint and flag heads.
    public var cost: Double
    /// The cost for the category heads (fewer examples each: usually a stronger regularisation).
    public var categoryCost: Double
    /// A feature must occur in at least this many examples to be kept.
    public var minCount: Int
    /// The flags given heads.
    public var flagIDs: [String]
    /// Positives of a flag weigh this many times a negative at most (flags are rare).
    public var flagWeightCap: Double

    /// Creates a trainer.
    public init(cost: Double = 4, categoryCost: Double? = nil, minCount: Int = 2, flagIDs: [String] = ["media_threat", "legal_threat", "collective", "safety", "repeat"],
                flagWeightCap: Double = 8) {
        self.cost = cost
        self.categoryCost = categoryCost ?? cost
        self.minCount = minCount
        self.flagIDs = flagIDs
        self.flagWeightCap = flagWeightCap
    }

    /// Trains on `examples`; `notes` are kept in the model file. Throws `learn.empty` for no
    /// examples, `learn.one_class` when every example says the same about "complaint".
    public func train(_ examples: [Example], notes: [String] = []) throws -> TriageModel {
        guard !examples.isEmpty else {
            throw OmbudError(code: .learnEmpty, message: "there is nothing to learn from", context: [:],
                             fix: "give ombud learn a labeled corpus (--corpus FILE.jsonl)")
        }
        guard examples.contains(where: \.isComplaint), examples.contains(where: { !$0.isComplaint }) else {
            throw OmbudError(code: .learnOneClass, message: "every example is labeled the same: the model cannot learn a difference",
                             context: ["examples": "\(examples.count)"], fix: "add complaints and non-complaints")
        }
        let featuriser = ModelFeatures()
        let vectors = examples.map { featuriser.vector($0.text, context: $0.context.featureSet).merged }
        var documentCount: [UInt64: Int] = [:]
        for vector in vectors { for key in vector.keys { documentCount[key, default: 0] += 1 } }
        let kept = documentCount.filter { $0.value >= minCount || ModelFeatures.Context(rawValue: $0.key) != nil }.keys.sorted()
        let column = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, Int32($0 + 1)) })
        let rows = vectors.map { vector in
            zip(vector.keys, vector.values).compactMap { key, value in column[key].map { (index: $0, value: value) } }
        }
        let problem = LinearProblem(rows: rows, featureCount: kept.count)

        var heads: [String] = []
        var columns: [[Double]] = []
        var biases: [Double] = []
        func add(_ head: String, _ result: (weights: [Double], bias: Double)) {
            heads.append(head)
            columns.append(result.weights)
            biases.append(result.bias)
        }
        add("complaint", try problem.train(positive: examples.map(\.isComplaint), cost: cost))
        let labeled = examples.indices.filter { examples[$0].flagsKnown }
        for flag in flagIDs {
            let positive = examples.map { $0.flags.contains(flag) }
            let positives = labeled.filter { positive[$0] }.count
            guard positives > 0 else { continue }
            let weight = min(flagWeightCap, max(1, Double(labeled.count - positives) / Double(positives)))
            add("flag:\(flag)", try problem.train(positive: positive, subset: labeled, cost: cost, positiveWeight: weight))
        }
        let taxonomies = Set(examples.compactMap { $0.category?.taxonomy }).sorted()
        for taxonomy in taxonomies {
            let members = examples.indices.filter { examples[$0].category?.taxonomy == taxonomy }
            let categories = Set(members.compactMap { examples[$0].category?.id }).sorted()
            for category in categories {
                let positive = examples.map { $0.category?.taxonomy == taxonomy && $0.category?.id == category }
                add("category:\(taxonomy):\(category)", try problem.train(positive: positive, subset: members, cost: categoryCost))
            }
        }

        var words: [UInt64: String] = [:]
        for example in examples { words.merge(ModelFeatures.words(in: example.text)) { first, _ in first } }
        var features: [(name: String, key: UInt64, weights: [Float])] = []
        for (index, key) in kept.enumerated() {
            // Weighed as they will be stored, so the model scored here is the model written.
            let weights = columns.map { ModelFile.stored(Float($0[index])) }
            guard weights.contains(where: { $0 != 0 }) else { continue }
            features.append((ModelFeatures.name(of: key, words: words), key, weights))
        }
        let version = Self.version(examples: examples, settings: "\(cost) \(categoryCost) \(minCount) \(flagIDs) \(flagWeightCap)")
        return try TriageModel(version: version, heads: heads, bias: biases, features: features, notes: notes)
    }

    /// `v-` and eight hex digits of a digest of the examples and the settings (FNV-1a 64).
    static func version(examples: [Example], settings: String) -> String {
        var digest = FNV1a()
        func mix(_ text: String) {
            digest.add(text.utf8)
            digest.add(0x1F)
        }
        mix(settings)
        for example in examples {
            mix(example.text)
            mix("\(example.isComplaint) \(example.flagsKnown ? "\(example.flags.sorted())" : "?") \(example.category?.taxonomy ?? "") \(example.category?.id ?? "")")
            mix("\(example.context.featureSet.map(\.rawValue).sorted())")
        }
        return "v-" + String(digest.value >> 32, radix: 16).leftPadded(to: 8)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
