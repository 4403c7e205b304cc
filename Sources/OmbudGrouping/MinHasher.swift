/// MinHash signatures of 3-gram sets and their locality-sensitive band keys.
///
/// Two posts whose 3-gram sets have Jaccard similarity `s` share at least one band key with
/// probability `1 - (1 - s^rows)^bands`: with 16 bands of 4 rows, a copy (s ≥ 0.8) is found
/// almost surely, s = 0.5 two times in three, and unrelated posts (s ≈ 0.06) almost never.
struct MinHasher: Sendable {
    /// How many hash functions (signature length).
    let permutations: Int
    /// How many bands the signature is cut into; `permutations` is a multiple of it.
    let bands: Int
    private let seeds: [UInt64]

    init(permutations: Int, bands: Int) {
        self.permutations = permutations
        self.bands = bands
        seeds = (0..<permutations).map { PostFeatures.mix(0x5EED_0000 &+ UInt64($0)) }
    }

    /// The band keys of a 3-gram set: one 64-bit key per band, distinct between bands.
    func bandKeys(of shingles: [UInt64]) -> [UInt64] {
        guard !shingles.isEmpty else { return [] }
        var signature = [UInt64](repeating: .max, count: permutations)
        signature.withUnsafeMutableBufferPointer { minimum in
            seeds.withUnsafeBufferPointer { seeds in
                for shingle in shingles {
                    // Shingles are already mixed; one multiply-xorshift per permutation suffices.
                    for index in 0..<permutations {
                        var value = (shingle ^ seeds[index]) &* 0x9E37_79B9_7F4A_7C15
                        value ^= value >> 29
                        if value < minimum[index] { minimum[index] = value }
                    }
                }
            }
        }
        let rows = permutations / bands
        return (0..<bands).map { band in
            var key = PostFeatures.mix(0xBA0D &+ UInt64(band))
            for row in 0..<rows { key = PostFeatures.mix(key ^ signature[band * rows + row]) }
            return key
        }
    }
}
