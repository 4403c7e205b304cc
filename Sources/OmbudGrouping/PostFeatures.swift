import OmbudCore

/// What grouping compares between posts: the specifics a post names, its character 3-grams and
/// their MinHash bands, and how it is written.
struct PostFeatures: Sendable {
    /// One specific a post names.
    struct Specific: Sendable, Hashable {
        /// `kind:value` (`building:3`, `facility:电梯`, `date:11-18`).
        var key: String
        /// ``PostFeatures/hash(_:)`` of the key: what the index and cases hold.
        var hash: UInt64
        /// What sharing it adds to the join score.
        var weight: Double
        /// The position of its kind in the rules.
        var kind: Int
        /// How the post wrote it (3栋, 地库, building 3), normalised: what a reply can repeat.
        var surface: String
    }

    /// The distinct specifics, sorted by key.
    var specifics: [Specific]
    /// A bit per kind named (kinds beyond 63 share the last bit).
    var kindMask: UInt64
    /// Hashes of the distinct character 3-grams of the normalised text (letters and digits
    /// only), sorted; stable across processes.
    var shingles: [UInt64]
    /// The MinHash band keys of ``shingles``: what finds near copies in the index.
    var bands: [UInt64]
    /// How the post was written (Simplified, Traditional, Latin).
    var writing: GroupingText.Writing

    init(specifics named: [String: (weight: Double, kind: Int, surface: String)], shingles: [UInt64], bands: [UInt64],
         writing: GroupingText.Writing) {
        specifics = named.map { Specific(key: $0.key, hash: Self.hash($0.key), weight: $0.value.weight, kind: $0.value.kind,
                                         surface: $0.value.surface) }
            .sorted { $0.key < $1.key }
        kindMask = specifics.reduce(0) { $0 | Self.bit($1.kind) }
        self.shingles = shingles
        self.bands = bands
        self.writing = writing
    }

    /// The bit of kind `kind` in a ``kindMask``.
    static func bit(_ kind: Int) -> UInt64 { 1 << UInt64(Swift.min(kind, 63)) }

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

    /// The sorted distinct 3-gram hashes of normalised text given as scalar values.
    static func shingles(of normalized: [UInt32]) -> [UInt64] {
        var kept: [UInt64] = []
        kept.reserveCapacity(normalized.count)
        for value in normalized where isLetterOrDigit(value) { kept.append(UInt64(value)) }
        guard kept.count >= 3 else { return kept.isEmpty ? [] : [mix(kept.reduce(0) { $0 << 21 | $1 })] }
        var result: [UInt64] = []
        result.reserveCapacity(kept.count - 2)
        for index in 0...(kept.count - 3) {
            result.append(mix(kept[index] << 42 | kept[index + 1] << 21 | kept[index + 2]))
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

    private static func isLetterOrDigit(_ value: UInt32) -> Bool {
        if value < 0x80 { return (value >= 0x30 && value <= 0x39) || (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) }
        if value >= 0x4E00 && value <= 0x9FFF { return true }
        guard let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
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
        mix(FNV1a.digest(text))
    }
}
