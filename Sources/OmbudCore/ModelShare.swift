/// What the learned model said about a post, kept with its assessment so a person sees it.
public struct ModelShare: Sendable, Hashable, Codable {
    /// The model file's version (`v-…`): which model judged the post.
    public var version: String
    /// The model's probability that the post is a complaint (0…1).
    public var probability: Double
    /// The score the verdict was taken on: the model's probability and the rules' evidence
    /// combined by `triage_model` in `config/ombud.yaml`.
    public var combined: Double
    /// The features that weighed most for "complaint" (positive) and against it (negative), by
    /// their weight in this post: character n-grams as written after normalisation, `T|…` for an
    /// n-gram read as a reply in a complaint thread, `w|…` for an English word, `ctx|…` for the
    /// thread context.
    public var features: [Weighed]
    /// The model's flag probabilities at or above its flag cut, by flag id.
    public var flags: [String: Double]
    /// The model's category and its probability, when it has one for the post's lexicon.
    public var category: String?
    /// The probability of `category`.
    public var categoryProbability: Double?

    /// One feature and what it added to the decision value.
    public struct Weighed: Sendable, Hashable, Codable {
        /// The feature's name.
        public var feature: String
        /// Its contribution (weight × value) to the complaint decision value.
        public var weight: Double

        /// Creates one.
        public init(feature: String, weight: Double) {
            self.feature = feature
            self.weight = weight
        }
    }

    /// A probability as people read it on the dashboard and in `ombud triage`: "63 %".
    public static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded())) %" }

    /// Creates a model share.
    public init(version: String, probability: Double, combined: Double, features: [Weighed], flags: [String: Double] = [:],
                category: String? = nil, categoryProbability: Double? = nil) {
        self.version = version
        self.probability = probability
        self.combined = combined
        self.features = features
        self.flags = flags
        self.category = category
        self.categoryProbability = categoryProbability
    }
}
