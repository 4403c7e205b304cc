import OmbudCore
import Testing

/// Chinese numerals read as numbers, as counts of households and buildings are written.
@Suite struct ChineseNumeralTests {
    @Test(arguments: [("三", 3), ("十", 10), ("十一", 11), ("二十三", 23), ("一百二十", 120), ("一百零五", 105), ("两千", 2000),
                      ("兩", 2), ("四十", 40), ("42", 42)])
    func numeralsAreRead(text: String, value: Int) {
        #expect(ChineseNumeral.value(of: text) == value)
    }

    @Test(arguments: ["", "一二", "十十", "一千一千", "三十多", "abc", "三户", "-3", "+5"])
    func whatIsNotOneNumberIsNil(text: String) {
        #expect(ChineseNumeral.value(of: text) == nil)
    }

    @Test func onlyNumeralsAndTheirUnitsAreNumerals() {
        #expect("〇一二两三十百千".unicodeScalars.allSatisfy { ChineseNumeral.isNumeral($0.value) })
        #expect(!"户人多几万a1".unicodeScalars.contains { ChineseNumeral.isNumeral($0.value) })
    }
}
