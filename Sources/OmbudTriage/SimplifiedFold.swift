import Foundation

/// Traditional Chinese characters folded to their Simplified forms, one scalar for one, so that
/// the model reads 電梯費 and 电梯费 as the same n-grams and learns from both scripts at once.
///
/// The table is built once, on first use (about 0.1 s), from ICU's `Hant-Hans` transform over the
/// CJK Unified Ideographs and Extension A (U+3400–U+9FFF), which maps those characters one for one;
/// should an ICU ever return another length, the fold is left out (every character stays itself)
/// rather than misaligned. Characters outside the range are never changed. Folding a character that
/// both scripts use (乾 → 干, 著 → 着) merges features: what the model loses there is less than
/// what zh-TW posts gain from the zh-CN ones.
enum SimplifiedFold {
    private static let lower: UInt32 = 0x3400
    private static let upper: UInt32 = 0x9FFF

    /// The Simplified form of each scalar from `lower` to `upper`.
    private static let table: [UInt32] = {
        let scalars = (lower...upper).compactMap(Unicode.Scalar.init)
        let identity = scalars.map(\.value)
        let text = String(String.UnicodeScalarView(scalars))
        guard let folded = text.applyingTransform(StringTransform("Hant-Hans"), reverse: false)?.unicodeScalars.map(\.value),
              folded.count == identity.count else { return identity }
        return folded
    }()

    /// `value` in Simplified form when it is a Traditional ideograph, else unchanged.
    @inline(__always)
    static func fold(_ value: UInt32) -> UInt32 {
        value >= lower && value <= upper ? table[Int(value - lower)] : value
    }
}
