import Foundation

/// Guesses a reply language from the complaint's text: `zh-CN`, `zh-TW` or `en`.
///
/// English when the text has no Chinese characters, or when Latin words outnumber them (an
/// English post naming a shop as 自营 is still English; links, e-mail addresses and @handles are
/// not words). Otherwise the script: characters that change when ICU converts the text to
/// Simplified are Traditional forms, those that change when converted to Traditional are
/// Simplified forms; the larger count wins, and on a tie written Cantonese (冇, 嗰, 喺, 佢…, most
/// often Hong Kong's Traditional writing) tips it to Traditional, else Simplified. Without ICU's
/// transforms a short table of common pairs stands in.
public enum LanguageGuess {
    // Pairs written differently in the two scripts; characters common to both are dropped.
    private static let traditionalForms: Set<Character> = Set("們這個電樓東車門禮說話為與會來時間問題處過還實經濟業費號層請謝應該對錢讓給")
    private static let simplifiedForms: Set<Character> = Set("们这个电楼东车门礼说话为与会来时间问题处过还实经济业费号层请谢应该对钱让给")
    private static let traditionalOnly = traditionalForms.subtracting(simplifiedForms)
    private static let simplifiedOnly = simplifiedForms.subtracting(traditionalForms)
    /// Written Cantonese, the same in both scripts, most often in Hong Kong's Traditional writing.
    private static let cantonese: Set<Character> = Set("冇嗰喺佢咗啲嘅唔哋嚟咁冚嘢揾搵")

    /// The language tag for `text`.
    public static func language(of text: String) -> String {
        var han: [Character] = [], latinWords = 0, inWord = false
        let words = text.replacingOccurrences(of: #"(?:https?://|www\.)\S+|\S+@\S+|@\S+"#, with: " ", options: .regularExpression)
        for character in words {
            guard let scalar = character.unicodeScalars.first else { continue }
            let isLatin = (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
            if isLatin, !inWord { latinWords += 1 }
            inWord = isLatin
            if (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value) { han.append(character) }
        }
        if han.isEmpty || latinWords > han.count { return "en" }
        let (traditional, simplified) = scriptCounts(han)
        if traditional != simplified { return traditional > simplified ? "zh-TW" : "zh-CN" }
        return han.contains(where: cantonese.contains) ? "zh-TW" : "zh-CN"
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
