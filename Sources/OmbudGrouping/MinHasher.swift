/// MinHash signatures of 3-gram sets and their locality-sensitive band keys.
///
/// Two posts whose 3-gram sets have Jaccard similarity `s` share at least one band key with
/// probability `1 - (1 - s^rows)^bands`: with 16 bands of 4 rows, a copy (s ≥ 0.8) is found
/// almost surely, s = 0.5 two times in three, and unrelated posts (s ≈ 0.06) almost never.
/// The hash functions are `((x ^ b) * a) ^ (… >> 15)` on 32 bits, sixteen at a time in SIMD lanes.
struct MinHasher: Sendable {
    /// How many hash functions (signature length).
    let permutations: Int
    /// How many bands the signature is cut into; `permutations` is a multiple of it.
    let bands: Int
    private let multipliers: [SIMD16<UInt32>]
    private let offsets: [SIMD16<UInt32>]

    init(permutations: Int, bands: Int) {
        self.permutations = permutations
        self.bands = bands
        let chunks = (permutations + 15) / 16
        func lanes(_ salt: UInt64, odd: Bool) -> [SIMD16<UInt32>] {
            (0..<chunks).map { chunk in
                var vector = SIMD16<UInt32>()
                for lane in 0..<16 {
                    let value = UInt32(truncatingIfNeeded: PostFeatures.mix(salt &+ UInt64(chunk * 16 + lane)))
                    vector[lane] = odd ? value | 1 : value
                }
                return vector
            }
        }
        multipliers = lanes(0x5EED_0000, odd: true)
        offsets = lanes(0x0FF5_E700, odd: false)
    }

    /// The band keys of a 3-gram set: one 64-bit key per band, distinct between bands.
    func bandKeys(of shingles: [UInt64]) -> [UInt64] {
        guard !shingles.isEmpty else { return [] }
        let chunks = multipliers.count
        var minima = [SIMD16<UInt32>](repeating: SIMD16(repeating: .max), count: chunks)
        minima.withUnsafeMutableBufferPointer { minima in
            for shingle in shingles {
                let x = SIMD16<UInt32>(repeating: UInt32(truncatingIfNeeded: shingle ^ (shingle >> 32)))
                for chunk in 0..<chunks {
                    var value = (x ^ offsets[chunk]) &* multipliers[chunk]
                    value ^= value &>> 15
                    minima[chunk] = pointwiseMin(minima[chunk], value)
                }
            }
        }
        let rows = permutations / bands
        return (0..<bands).map { band in
            var key = PostFeatures.mix(0xBA0D &+ UInt64(band))
            for row in 0..<rows {
                let index = band * rows + row
                key = PostFeatures.mix(key ^ UInt64(minima[index / 16][index % 16]))
            }
            return key
        }
    }
}
