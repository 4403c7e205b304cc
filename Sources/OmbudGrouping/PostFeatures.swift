import OmbudCore

/// What grouping compares between posts: character 3-grams and named specifics.
struct PostFeatures: Sendable, Hashable {
    /// Hashes of the character 3-grams of the text, letters and digits only.
    var shingles: Set<Int>
    /// Specifics as `kind:text`, with the weight of their kind.
    var specifics: [String: Double]

    /// Jaccard similarity of the 3-gram sets.
    func similarity(to other: PostFeatures) -> Double {
        guard !shingles.isEmpty || !other.shingles.isEmpty else { return 0 }
        let shared = shingles.intersection(other.shingles).count
        return Double(shared) / Double(shingles.count + other.shingles.count - shared)
    }

    static func shingles(of text: String) -> Set<Int> {
        let characters = Array(text.lowercased().filter { $0.isLetter || $0.isNumber })
        guard characters.count >= 3 else { return characters.isEmpty ? [] : [String(characters).hashValue] }
        var result = Set<Int>()
        result.reserveCapacity(characters.count)
        for index in 0...(characters.count - 3) {
            var hasher = Hasher()
            hasher.combine(characters[index])
            hasher.combine(characters[index + 1])
            hasher.combine(characters[index + 2])
            result.insert(hasher.finalize())
        }
        return result
    }
}
