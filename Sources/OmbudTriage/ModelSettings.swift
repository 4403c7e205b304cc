import OmbudCore

/// How triage combines the learned model with the rules (`triage_model:` in `config/ombud.yaml`).
///
/// The verdict: a rule with `decides:` settles it (signing a collective action in a complaint
/// thread forces "complaint"); a bare bump is never a complaint; otherwise the rules' score adds to
/// the model's log-odds, `combined = σ(logit(p) + rules_weight · score)` where `p` is the model's
/// probability and `score` the sum of the weights of the rules that fired (negative for praise and
/// thanks), and the post is a complaint when `combined ≥ cut`. A flag is set by a rule, or by the model when its probability reaches
/// `flag_cut` (or the flag's own cut in `flag_cuts`, where a missed flag costs more than a false one). The category: each of the lexicon's categories gets the model's share times
/// (1 − `category_rules_weight`), plus `category_rules_weight` for the rules' strongest category
/// (half for the next, …), plus `category_thread_weight` times the share of a reply's thread's
/// earlier complaints that led with it; the most votes lead. Without a model file the rules decide alone, as before.
public struct ModelSettings: Sendable, Hashable, Codable {
    /// The model file, relative to `config/` (`models/triage.model`); none: rules alone.
    public var file: String?
    /// What one point of the rules' score adds to the model's log-odds (0…4).
    public var rulesWeight: Double
    /// The combined score from which a post is a complaint.
    public var cut: Double
    /// The model's probability from which it sets a flag.
    public var flagCut: Double
    /// A flag's own cut instead of `flagCut`, by flag id (`safety: 0.35`).
    public var flagCuts: [String: Double]
    /// The rules' share of the category vote (0…1).
    public var categoryRulesWeight: Double
    /// What a reply's thread category adds to the category vote (0…1).
    public var categoryThreadWeight: Double

    enum CodingKeys: String, CodingKey {
        case file, cut
        case rulesWeight = "rules_weight"
        case flagCut = "flag_cut"
        case flagCuts = "flag_cuts"
        case categoryRulesWeight = "category_rules_weight"
        case categoryThreadWeight = "category_thread_weight"
    }

    /// Creates settings; the defaults stand for keys `triage_model:` leaves out (the shipped
    /// `config/ombud.yaml` sets every key).
    public init(file: String? = nil, rulesWeight: Double = 0.4, cut: Double = 0.5, flagCut: Double = 0.5, flagCuts: [String: Double] = [:],
                categoryRulesWeight: Double = 0.4, categoryThreadWeight: Double = 0.3) {
        self.file = file
        self.rulesWeight = rulesWeight
        self.cut = cut
        self.flagCut = flagCut
        self.flagCuts = flagCuts
        self.categoryRulesWeight = categoryRulesWeight
        self.categoryThreadWeight = categoryThreadWeight
    }

    /// Decodes; absent keys take the defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ModelSettings()
        file = try c.decodeIfPresent(String.self, forKey: .file)
        rulesWeight = try c.decodeIfPresent(Double.self, forKey: .rulesWeight) ?? defaults.rulesWeight
        cut = try c.decodeIfPresent(Double.self, forKey: .cut) ?? defaults.cut
        flagCut = try c.decodeIfPresent(Double.self, forKey: .flagCut) ?? defaults.flagCut
        flagCuts = try c.decodeIfPresent([String: Double].self, forKey: .flagCuts) ?? [:]
        categoryRulesWeight = try c.decodeIfPresent(Double.self, forKey: .categoryRulesWeight) ?? defaults.categoryRulesWeight
        categoryThreadWeight = try c.decodeIfPresent(Double.self, forKey: .categoryThreadWeight) ?? defaults.categoryThreadWeight
    }

    /// The name of the first setting out of its range (`rules_weight` 0…4, the others 0…1), if
    /// any, with that range (for the configuration check).
    public var outOfRange: (key: String, range: ClosedRange<Double>)? {
        ([("rules_weight", rulesWeight, 0.0...4.0), ("cut", cut, 0...1), ("flag_cut", flagCut, 0...1),
          ("category_rules_weight", categoryRulesWeight, 0...1), ("category_thread_weight", categoryThreadWeight, 0...1)]
         + flagCuts.sorted { $0.key < $1.key }.map { ("flag_cuts." + $0.key, $0.value, 0.0...1.0) })
            .first { !$0.2.contains($0.1) }.map { ($0.0, $0.2) }
    }

    /// The first key of `flag_cuts` that names no flag, if any (for the configuration check).
    public var unknownFlagCut: String? {
        flagCuts.keys.sorted().first { Flag(rawValue: $0) == nil }
    }

    /// The model's probability from which it sets `flag`.
    public func cut(for flag: String) -> Double {
        flagCuts[flag] ?? flagCut
    }
}
