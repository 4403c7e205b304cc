/// Guesses a reply language from the complaint's text: `zh-CN`, `zh-TW` or `en`.
///
/// Counts characters that exist only in Traditional or only in Simplified writing; text with no
/// Chinese characters is English.
public enum LanguageGuess {
    // Pairs written differently in the two scripts; characters common to both are dropped.
    private static let traditionalForms: Set<Character> = Set("們這個電樓東車門禮說話為與會來時間問題處過還實經濟業費號層請謝應該對錢讓給")
    private static let simplifiedForms: Set<Character> = Set("们这个电楼东车门礼说话为与会来时间问题处过还实经济业费号层请谢应该对钱让给")
    private static let traditionalOnly = traditionalForms.subtracting(simplifiedForms)
    private static let simplifiedOnly = simplifiedForms.subtracting(traditionalForms)

    /// The language tag for `text`.
    public static func language(of text: String) -> String {
        var han = 0, traditional = 0, simplified = 0
        for character in text {
            guard let scalar = character.unicodeScalars.first else { continue }
            if (0x4E00...0x9FFF).contains(scalar.value) { han += 1 }
            if traditionalOnly.contains(character) { traditional += 1 }
            if simplifiedOnly.contains(character) { simplified += 1 }
        }
        if han == 0 { return "en" }
        return traditional > simplified ? "zh-TW" : "zh-CN"
    }
}
