import Foundation

/// Brings differently written posts about one event to one written form before they are compared.
///
/// Traditional characters become Simplified (so 3號樓 and 3号楼 meet), full-width letters and
/// digits become ASCII, Latin letters lower case, and Chinese numerals before a counter
/// (十一号楼, 三栋, 二单元, 五月三日) become digits. Pure; deterministic across processes.
enum GroupingText {
    /// How a post is written: communities that write differently are usually about different
    /// properties, so their 3号楼 need not be ours.
    enum Writing: Sendable, Hashable {
        case simplified, traditional, latin
    }

    /// The normalised form of `text`.
    static func normalize(_ text: String) -> String { normalizeAndDetect(text).text }

    /// The normalised form of `text` and how it was written.
    static func normalizeAndDetect(_ text: String) -> (text: String, writing: Writing) {
        var scalars = String.UnicodeScalarView()
        var traditional = false
        var han = 0
        var latin = 0
        for scalar in text.unicodeScalars {
            var value = scalar.value
            if value >= 0xFF01 && value <= 0xFF5E { value -= 0xFEE0 }        // full-width ASCII
            if value == 0x3000 { value = 0x20 }                                // ideographic space
            if value >= 0x41 && value <= 0x5A { value += 0x20 }                // A–Z
            if !traditional, traditionalHints.contains(value) { traditional = true }
            if value >= 0x61 && value <= 0x7A { latin += 1 } else if value >= 0x4E00 && value <= 0x9FFF { han += 1 }
            scalars.append(Unicode.Scalar(value) ?? scalar)
        }
        var result = String(scalars)
        if traditional, let simplified = result.applyingTransform(StringTransform("Hant-Hans"), reverse: false) {
            result = simplified
        }
        let writing: Writing = latin > 2 * han ? .latin : traditional ? .traditional : .simplified
        return (digitsForChineseNumerals(result), writing)
    }

    /// Characters that occur only in Traditional writing and are common in complaints. Only a
    /// hint: seeing one sends the whole text through ICU's Hant-Hans transform (which is slow, so
    /// Simplified text skips it). A character wrongly listed costs time, never correctness.
    private static let traditionalHints: Set<UInt32> = Set(
        ("們這個電樓東車門禮說話為與會來時間問題處過還實經濟業費號層請謝應該對錢讓給壞裡媽鐘無漏淨氣熱鬧報標準聯繫態麼樣邊頭變開關總單區園廳"
            + "廠聽發見視親觀計記講證識試語誤調負責貴買賣輛輕較轉辦運進連遠適鄰醫鐵長閉隊陽際隨雙難雜順須預風飛飯館馬驗體鬆點齊龍倆備傳傷價"
            + "優兒內兩凍劃動務勞勢協參團圍國圖場塊壓聲夠夢婦學寧寫將專屬幣幫幹廣庫張強當徹應懷戰戶擁據擊擔擺擴數斷於暫術條極構樂橋機檢權"
            + "歡歲歷歸殘氣漲滿潔濕災煙燈營爭牆狀獨獲環現畫當療盡監盤眾確碼種稱穩窮競筆節範築簡類糧糾紀約紅級紙細終組結絕統絲經綠網緊線"
            + "練縣繼續罰羅職腦臉舉舊藝蘭補裝製複覺訂訊討設許訴診詢認誰課諸警議護讀貨販購貼資賠質軟輪農達遞違選遲遺鄉釋針錯鍵閃閱闆陣陰"
            + "陳陸階險隱雖雞電霧靜響頂項領額餐養駛髒鬧樁築衛廁欄漿熱瓦斯燒儲灑溝積濾").unicodeScalars.map(\.value))

    private static let numeralValues: [Character: Int] = ["零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                                                         "六": 6, "七": 7, "八": 8, "九": 9]
    /// What may follow a number written in Chinese for it to be rewritten in digits.
    private static let counters: Set<Character> = Set("号栋幢单座楼层月日元块期区室")

    /// Rewrites runs of Chinese numerals (一 … 九, 十, 百, 两) that stand before a counter.
    static func digitsForChineseNumerals(_ text: String) -> String {
        let characters = Array(text)
        guard characters.contains(where: { numeralValues[$0] != nil || $0 == "十" || $0 == "百" }) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var index = 0
        while index < characters.count {
            var end = index
            while end < characters.count, numeralValues[characters[end]] != nil || characters[end] == "十" || characters[end] == "百" {
                end += 1
            }
            if end > index, end < characters.count, counters.contains(characters[end]), let value = value(of: characters[index..<end]) {
                output += String(value)
                index = end
            } else if end > index {
                output += String(characters[index..<end])
                index = end
            } else {
                output.append(characters[index])
                index += 1
            }
        }
        return output
    }

    /// 三 → 3, 十一 → 11, 二十三 → 23, 一百二十 → 120; nil for runs like 一二 that are not one number.
    private static func value(of run: ArraySlice<Character>) -> Int? {
        var total = 0
        var current: Int?
        for character in run where character != "零" && character != "〇" {
            if let digit = numeralValues[character] {
                if current != nil { return nil }
                current = digit
            } else {
                let unit = character == "十" ? 10 : 100
                total += (current ?? 1) * unit
                current = nil
            }
        }
        return total + (current ?? 0)
    }
}
