import CLinear
import OmbudCore

/// A training set in liblinear's layout, owned by Swift: every example's feature nodes in one
/// buffer (with the bias node and the terminator), freed when the problem goes.
///
/// One problem serves every head: each training run picks the rows and the labels it needs.
final class LinearProblem {
    /// How many features (liblinear indices 1…n; the bias is n + 1).
    let featureCount: Int
    private let nodes: UnsafeMutablePointer<feature_node>
    private let nodeCount: Int
    private var starts: [Int] = []

    /// Lays out `rows`: for each example, (feature index 1…featureCount, value) pairs ascending by index.
    init(rows: [[(index: Int32, value: Double)]], featureCount: Int) {
        self.featureCount = featureCount
        nodeCount = rows.reduce(0) { $0 + $1.count + 2 }
        nodes = .allocate(capacity: max(nodeCount, 1))
        var at = 0
        for row in rows {
            starts.append(at)
            for (index, value) in row {
                nodes[at] = feature_node(index: index, value: value)
                at += 1
            }
            nodes[at] = feature_node(index: Int32(featureCount + 1), value: 1)   // the bias feature
            nodes[at + 1] = feature_node(index: -1, value: 0)
            at += 2
        }
    }

    deinit { nodes.deallocate() }

    /// How many examples.
    var count: Int { starts.count }

    /// Trains L2-regularised logistic regression (liblinear's `L2R_LR`) on the examples `subset`
    /// (all when nil) with labels `positive` (true: +1); positives weigh `positiveWeight` times
    /// as much. Returns the weight of each feature (index 0 is feature 1) and the bias, for +1.
    /// Throws `learn.liblinear` with liblinear's own message for a parameter it refuses.
    func train(positive: [Bool], subset: [Int]? = nil, cost: Double, positiveWeight: Double = 1) throws -> (weights: [Double], bias: Double) {
        let chosen = subset ?? Array(0..<count)
        let labels = UnsafeMutablePointer<Double>.allocate(capacity: max(chosen.count, 1))
        let rows = UnsafeMutablePointer<UnsafeMutablePointer<feature_node>?>.allocate(capacity: max(chosen.count, 1))
        defer {
            labels.deallocate()
            rows.deallocate()
        }
        for (slot, example) in chosen.enumerated() {
            labels[slot] = positive[example] ? 1 : -1
            rows[slot] = nodes + starts[example]
        }
        let hasPositive = chosen.contains { positive[$0] }, hasNegative = chosen.contains { !positive[$0] }
        guard hasPositive && hasNegative else {
            // One class only: nothing to separate; the bias says which.
            return ([Double](repeating: 0, count: featureCount), hasPositive ? 4 : -4)
        }
        var weightLabel: [Int32] = [1]
        var weight: [Double] = [positiveWeight]
        return try weightLabel.withUnsafeMutableBufferPointer { weightLabels in
            try weight.withUnsafeMutableBufferPointer { weights in
                var problem = CLinear.problem(l: Int32(chosen.count), n: Int32(featureCount + 1), y: labels, x: rows, bias: 1)
                var parameter = CLinear.parameter(solver_type: Int32(L2R_LR), eps: 0.01, C: cost, nr_weight: 1,
                                                  weight_label: weightLabels.baseAddress, weight: weights.baseAddress, p: 0.1,
                                                  init_sol: nil)
                if let message = check_parameter(&problem, &parameter) {
                    throw OmbudError(code: .learnLiblinear, message: "liblinear refused the parameters: \(String(cString: message))",
                                     context: ["C": "\(cost)"], fix: "use a positive cost")
                }
                ombud_linear_quiet()
                let model = LinearModel(CLinear.train(&problem, &parameter))
                return model.coefficients(forLabel: 1, featureCount: featureCount)
            }
        }
    }
}
