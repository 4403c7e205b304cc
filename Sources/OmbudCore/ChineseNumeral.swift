/// Numbers written in Chinese numerals (三, 十一, 二十三, 一百二十, 两千): how counts of
/// buildings, households and people are often written ("十一号楼", "六户", "三十多人").
public enum ChineseNumeral {
    // Every numeral is at or above 〇 (U+3007): the range test spares most characters a lookup.
    private static let digits: [UInt32: Int] = [0x96F6: 0, 0x3007: 0, 0x4E00: 1, 0x4E8C: 2, 0x4E24: 2, 0x5169: 2, 0x4E09: 3,
                                                0x56DB: 4, 0x4E94: 5, 0x516D: 6, 0x4E03: 7, 0x516B: 8, 0x4E5D: 9]
    private static let units: [UInt32: Int] = [0x5341: 10, 0x767E: 100, 0x5343: 1_000]   // 十 百 千

    /// Whether `scalar` is a Chinese digit (〇 零 一 … 九 两 兩) or a unit (十 百 千).
    public static func isNumeral(_ scalar: UInt32) -> Bool {
        scalar >= 0x3007 && (digits[scalar] != nil || units[scalar] != nil)
    }

    /// The value of a run of numerals: 三 → 3, 十一 → 11, 二十三 → 23, 一百零五 → 105, 两千 → 2000;
    /// nil for an empty run, a run with anything else in it, or runs that are not one number
    /// (一二, 十十: units only fall, each digit before a unit).
    public static func value<Run: Collection>(of run: Run) -> Int? where Run.Element == UInt32 {
        guard !run.isEmpty else { return nil }
        var total = 0
        var current: Int?
        var lastUnit = Int.max
        for scalar in run where scalar != 0x96F6 && scalar != 0x3007 {
            if let digit = digits[scalar] {
                if current != nil { return nil }
                current = digit
            } else if let unit = units[scalar] {
                guard unit < lastUnit else { return nil }
                lastUnit = unit
                total += (current ?? 1) * unit
                current = nil
            } else {
                return nil
            }
        }
        return total + (current ?? 0)
    }

    /// The value of `text` written in Arabic digits (no sign) or in Chinese numerals; nil for
    /// anything else.
    public static func value(of text: String) -> Int? {
        if !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) { return Int(text) }
        return value(of: Array(text.unicodeScalars.lazy.map(\.value)))
    }
}
