/// B-cubed precision and recall of a clustering against gold labels (Bagga & Baldwin 1998).
///
/// For each item: precision is the share of its predicted cluster that shares its gold label;
/// recall is the share of its gold cluster that shares its predicted cluster. Both are averaged
/// over the items. Items missing from `predicted` count as clusters of their own.
public struct BCubed: Sendable, Hashable, Codable {
    /// Mean precision over the items.
    public var precision: Double
    /// Mean recall over the items.
    public var recall: Double
    /// How many items were scored.
    public var items: Int

    /// The harmonic mean of precision and recall.
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    /// Scores `predicted` (item → cluster) against `gold` (item → label) over the items in `gold`.
    public init(gold: [String: String], predicted: [String: String]) {
        let cluster = { (item: String) in predicted[item] ?? "singleton:" + item }
        var byGold: [String: Set<String>] = [:]
        var byPredicted: [String: Set<String>] = [:]
        for (item, label) in gold {
            byGold[label, default: []].insert(item)
            byPredicted[cluster(item), default: []].insert(item)
        }
        var precision = 0.0
        var recall = 0.0
        for (item, label) in gold {
            let same = byGold[label]!.intersection(byPredicted[cluster(item)]!).count
            precision += Double(same) / Double(byPredicted[cluster(item)]!.count)
            recall += Double(same) / Double(byGold[label]!.count)
        }
        items = gold.count
        self.precision = items == 0 ? 1 : precision / Double(items)
        self.recall = items == 0 ? 1 : recall / Double(items)
    }
}
