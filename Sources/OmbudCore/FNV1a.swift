/// FNV-1a, 64 bits: a small digest that is the same on every run and machine (Swift's `Hasher`
/// is seeded per process), for choices that must not move: corpus splits, model versions, hashed
/// word features, page ETags, fallback post ids.
///
/// Feed it bytes or scalar values, one unit at a time; ``value`` is the digest so far.
public struct FNV1a: Sendable, Hashable {
    @usableFromInline var state: UInt64

    /// The digest so far (the offset basis before anything is added).
    public var value: UInt64 { state }

    /// A digest of nothing yet.
    @inlinable public init() { state = 0xcbf2_9ce4_8422_2325 }

    /// Adds one unit (a byte, or a scalar value).
    @inlinable public mutating func add(_ unit: UInt64) { state = (state ^ unit) &* 0x100_0000_01B3 }

    /// Adds every unit of `units` in order.
    @inlinable public mutating func add<Units: Sequence>(_ units: Units) where Units.Element: BinaryInteger {
        for unit in units { add(UInt64(unit)) }
    }

    /// The digest of `text`'s UTF-8 bytes.
    public static func digest(_ text: String) -> UInt64 {
        var digest = FNV1a()
        digest.add(text.utf8)
        return digest.value
    }

    /// The digest of `text`'s Unicode scalar values (one unit per scalar, not per byte).
    public static func digest(scalarsOf text: String) -> UInt64 {
        var digest = FNV1a()
        for scalar in text.unicodeScalars { digest.add(UInt64(scalar.value)) }
        return digest.value
    }
}
