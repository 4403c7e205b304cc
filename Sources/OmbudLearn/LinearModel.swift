import CLinear

/// A model liblinear trained, owned by Swift: `free_and_destroy_model` when it goes.
final class LinearModel {
    private var handle: UnsafeMutablePointer<model>?

    /// Takes ownership of `handle` (as `train` returns it).
    init(_ handle: UnsafeMutablePointer<model>?) {
        self.handle = handle
    }

    deinit {
        if handle != nil { free_and_destroy_model(&handle) }
    }

    /// The weights of features 1…`featureCount` and the bias for the decision "`label` or not"
    /// (liblinear orders labels as it met them; this reads them the right way round).
    func coefficients(forLabel label: Int32, featureCount: Int) -> (weights: [Double], bias: Double) {
        guard let handle else { return ([Double](repeating: 0, count: featureCount), 0) }
        var labels = [Int32](repeating: 0, count: Int(get_nr_class(handle)))
        get_labels(handle, &labels)
        guard let position = labels.firstIndex(of: label) else { return ([Double](repeating: 0, count: featureCount), 0) }
        let index = Int32(position)
        let known = Int(get_nr_feature(handle))
        let weights = (0..<featureCount).map { $0 < known ? get_decfun_coef(handle, Int32($0 + 1), index) : 0 }
        return (weights, get_decfun_bias(handle, index))
    }
}
