import OmbudCore

/// What grouping compares between posts: character 3-grams, their MinHash signature and the
/// named specifics the post mentions.
struct PostFeatures: Sendable, Hashable {
    /// Hashes of the distinct character 3-grams of the normalised text (letters and digits
    /// only), sorted; stable across processes.
    var shingles: [UInt64]
    /// Specifics as `kind:value` (`building:3`, `facility:电梯`, `date:11-18`), with their weight.
    var specifics: [String: Double]
    /// The MinHash band keys of ``shingles``: what finds near copies in the index.
    var bands: [UInt64]
    /// How the post was written (Simplified, Traditional, Latin).
    var writing: GroupingText.Writing

    /// Exact Jaccard similarity of the 3-gram sets.
    func similarity(to other: PostFeatures) -> Double {
        guard !shingles.isEmpty || !other.shingles.isEmpty else { return 0 }
        var shared = 0
        var left = 0
        var right = 0
        while left < shingles.count, right < other.shingles.count {
            if shingles[left] == other.shingles[right] {
                shared += 1
                left += 1
                right += 1
            } else if shingles[left] < other.shingles[right] {
                left += 1
            } else {
                right += 1
            }
        }
        return Double(shared) / Double(shingles.count + other.shingles.count - shared)
    }

    /// The sorted distinct 3-gram hashes of `normalized` text.
    static func shingles(of normalized: String) -> [UInt64] {
        var scalars: [UInt64] = []
        scalars.reserveCapacity(normalized.unicodeScalars.count)
        for scalar in normalized.unicodeScalars where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            scalars.append(UInt64(scalar.value))
        }
        guard scalars.count >= 3 else { return scalars.isEmpty ? [] : [mix(scalars.reduce(0) { $0 << 21 | $1 })] }
        var result: [UInt64] = []
        result.reserveCapacity(scalars.count - 2)
        for index in 0...(scalars.count - 3) {
            result.append(mix(scalars[index] << 42 | scalars[index + 1] << 21 | scalars[index + 2]))
        }
        result.sort()
        var unique = 0
        for value in result where unique == 0 || result[unique - 1] != value {
            result[unique] = value
            unique += 1
        }
        result.removeLast(result.count - unique)
        return result
    }

    /// A 64-bit finaliser (splitmix64): spreads any input over all bits, the same in every process.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A stable 64-bit hash of a string (FNV-1a over its UTF-8, then mixed).
    static func hash(_ text: String) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return mix(value)
    }
}
