import Foundation

/// Guesses a reply language from the complaint's text: `zh-CN`, `zh-TW` or `en`.
///
/// English when Latin words outnumber Chinese characters (an English post naming a shop as 自营
/// is still English). Otherwise the script: characters that change when ICU converts the text to
/// Simplified are Traditional forms, those that change when converted to Traditional are
/// Simplified forms, and written Cantonese (冇, 嗰, 喺, 佢…, Hong Kong's Traditional writing)
/// counts as Traditional; the larger count wins, Simplified on a tie. Without ICU's transforms a
/// short table of common pairs stands in.
public enum LanguageGuess {
    // Pairs written differently in the two scripts; characters common to both are dropped.
    private static let traditionalForms: Set<Character> = Set("們這個電樓東車門禮說話為與會來時間問題處過還實經濟業費號層請謝應該對錢讓給")
    private static let simplifiedForms: Set<Character> = Set("们这个电楼东车门礼说话为与会来时间问题处过还实经济业费号层请谢应该对钱让给")
    private static let traditionalOnly = traditionalForms.subtracting(simplifiedForms)
    private static let simplifiedOnly = simplifiedForms.subtracting(traditionalForms)
    /// Written Cantonese, the same in both scripts but written in Hong Kong's Traditional.
    private static let cantonese: Set<Character> = Set("冇嗰喺佢咗啲嘅唔哋嚟咁冚嘢揾搵")

    /// The language tag for `text`.
    public static func language(of text: String) -> String {
        var han: [Character] = [], latinWords = 0, inWord = false
        for character in text {
            guard let scalar = character.unicodeScalars.first else { continue }
            let isLatin = (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
            if isLatin, !inWord { latinWords += 1 }
            inWord = isLatin
            if (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value) { han.append(character) }
        }
        if latinWords > han.count { return "en" }
        let (traditional, simplified) = scriptCounts(han)
        let hongKong = han.filter { cantonese.contains($0) }.count
        return traditional + hongKong > simplified ? "zh-TW" : "zh-CN"
    }

    /// How many of `han` are Traditional-only and Simplified-only forms.
    static func scriptCounts(_ han: [Character]) -> (traditional: Int, simplified: Int) {
        let text = String(han)
        if let toSimplified = text.applyingTransform(StringTransform("Hant-Hans"), reverse: false).map(Array.init),
           let toTraditional = text.applyingTransform(StringTransform("Hans-Hant"), reverse: false).map(Array.init),
           toSimplified.count == han.count, toTraditional.count == han.count {
            return (zip(han, toSimplified).filter { $0 != $1 }.count, zip(han, toTraditional).filter { $0 != $1 }.count)
        }
        return (han.filter { traditionalOnly.contains($0) }.count, han.filter { simplifiedOnly.contains($0) }.count)
    }
}
