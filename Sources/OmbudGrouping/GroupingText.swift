import Foundation
import OmbudCore

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

    /// The normalised form of `text` (as a string and as scalar values) and how it was written.
    static func normalizeAndDetect(_ text: String) -> (text: String, scalars: [UInt32], writing: Writing) {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.utf8.count)
        var traditional = false
        var han = 0
        var latin = 0
        for scalar in text.unicodeScalars {
            var value = scalar.value
            if value >= 0xFF01 && value <= 0xFF5E { value -= 0xFEE0 }        // full-width ASCII
            if value == 0x3000 { value = 0x20 }                                // ideographic space
            if value >= 0x41 && value <= 0x5A { value += 0x20 }                // A–Z
            if value >= 0x61 && value <= 0x7A { latin += 1 } else if value >= 0x4E00 && value <= 0x9FFF { han += 1 }
            if !traditional, value >= 0x4E00, traditionalHints.contains(value) { traditional = true }
            scalars.append(value)
        }
        if traditional {
            let folded = String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init)))
            if let simplified = folded.applyingTransform(StringTransform("Hant-Hans"), reverse: false) {
                scalars = simplified.unicodeScalars.map(\.value)
            }
        }
        digitsForChineseNumerals(&scalars)
        let writing: Writing = latin > 2 * han ? .latin : traditional ? .traditional : .simplified
        return (string(of: scalars), scalars, writing)
    }

    /// The text of scalar values, encoded straight to UTF-8 (much faster than appending scalars).
    static func string(of scalars: [UInt32]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count * 3)
        for value in scalars {
            switch value {
            case 0..<0x80:
                bytes.append(UInt8(value))
            case 0x80..<0x800:
                bytes.append(UInt8(0xC0 | value >> 6))
                bytes.append(UInt8(0x80 | value & 0x3F))
            case 0x800..<0x10000:
                bytes.append(UInt8(0xE0 | value >> 12))
                bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
                bytes.append(UInt8(0x80 | value & 0x3F))
            default:
                bytes.append(UInt8(0xF0 | value >> 18))
                bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
                bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
                bytes.append(UInt8(0x80 | value & 0x3F))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Characters that occur only in Traditional writing and are common in complaints. Only a
    /// hint: seeing one sends the whole text through ICU's Hant-Hans transform (which is slow, so
    /// Simplified text skips it). Every one is changed by that transform (checked when the list
    /// was made); a character wrongly listed would cost time, never correctness.
    private static let traditionalHints: Set<UInt32> = Set(
        ("們這個電樓東車門禮說話為與會來時間問題處過還實經濟業費號層請謝應該對錢讓給壞裡媽鐘無淨氣熱鬧報標準聯繫態麼樣邊頭變開關總單區園廳廠聽"
            + "發見視親觀計記講證識試語誤調負責貴買賣輛輕較轉辦運進連遠適鄰醫鐵長閉隊陽際隨雙難雜順須預風飛飯館馬驗體鬆點齊龍倆備傳傷價優兒內兩凍劃"
            + "動務勞勢協參團圍國圖場塊壓聲夠夢婦學寧寫將專屬幣幫幹廣庫張強當徹懷戰戶擁據擊擔擺擴數斷於暫術條極構樂橋機檢權歡歲歷歸殘漲滿潔濕災煙燈"
            + "營爭牆狀獨獲環現畫療盡監盤眾確碼種稱穩窮競筆節範築簡類糧糾紀約紅級紙細終組結絕統絲綠網緊線練縣繼續罰羅職腦臉舉舊藝蘭補裝製複覺訂訊討"
            + "設許訴診詢認誰課諸議護讀貨販購貼資賠質軟輪農達遞違選遲遺鄉釋針錯鍵閃閱闆陣陰陳陸階險隱雖雞霧靜響頂項領額養駛髒樁衛廁欄漿燒儲灑溝積濾").unicodeScalars.map(\.value))

    /// What may follow a number written in Chinese for it to be rewritten in digits.
    private static let counters: Set<UInt32> = Set("号栋幢单座楼层月日元块期区室".unicodeScalars.map(\.value))

    /// Rewrites runs of Chinese numerals (一 … 九, 两, 十, 百) that stand before a counter; 千 is
    /// left alone (千层 is no floor number).
    static func digitsForChineseNumerals(_ scalars: inout [UInt32]) {
        let isNumeral = { (value: UInt32) in value != 0x5343 && ChineseNumeral.isNumeral(value) }
        guard scalars.contains(where: isNumeral) else { return }
        var output: [UInt32] = []
        output.reserveCapacity(scalars.count)
        var index = 0
        while index < scalars.count {
            var end = index
            while end < scalars.count, isNumeral(scalars[end]) { end += 1 }
            if end > index, end < scalars.count, counters.contains(scalars[end]), let value = ChineseNumeral.value(of: scalars[index..<end]) {
                output += String(value).unicodeScalars.map(\.value)
            } else if end > index {
                output += scalars[index..<end]
            } else {
                output.append(scalars[index])
                end = index + 1
            }
            index = end
        }
        scalars = output
    }
}
