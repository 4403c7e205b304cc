import Foundation
import OmbudExtract
import Testing

@Suite struct CharsetDecoderTests {
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)
    static let big5 = String.Encoding(rawValue: 0x8000_0A03)

    func bytes(_ text: String, _ encoding: String.Encoding) throws -> [UInt8] {
        [UInt8](try #require(text.data(using: encoding)))
    }

    @Test func theHeaderDecides() throws {
        let result = CharsetDecoder.decode(try bytes("<p>电梯坏了</p>", Self.gb18030), declared: "GBK")
        #expect(result.text == "<p>电梯坏了</p>" && result.charset == "GB18030" && result.replacements == 0)
    }

    @Test func theMetaTagDecidesWithoutAHeader() throws {
        let big5 = try bytes("<html><head><meta charset=\"big5\"></head><body>電梯壞了，物業不管</body></html>", Self.big5)
        let result = CharsetDecoder.decode(big5, declared: nil)
        #expect(result.charset == "BIG5-HKSCS")
        #expect(result.text.contains("電梯壞了，物業不管"))
        let http = try bytes("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><p>停水</p>", Self.gb18030)
        #expect(CharsetDecoder.decode(http, declared: nil).text.hasSuffix("<p>停水</p>"))
    }

    @Test func aByteOrderMarkWinsAndIsDropped() {
        let result = CharsetDecoder.decode([0xEF, 0xBB, 0xBF] + Array("电梯".utf8), declared: "gbk")
        #expect(result.text == "电梯" && result.charset == "UTF-8")
    }

    @Test func undeclaredNonUTF8FallsBackToGB18030() throws {
        #expect(CharsetDecoder.decode(try bytes("漏水一周了", Self.gb18030), declared: nil).text == "漏水一周了")
    }

    @Test func badBytesAreReplacedAndTheRestIsKept() throws {
        let broken = try bytes("<p>电梯 ", Self.gb18030) + [0xFF, 0xFF] + Array(" more text ".utf8) + (try bytes("漏水</p><p>second</p>", Self.gb18030))
        let result = CharsetDecoder.decode(broken, declared: "gbk")
        #expect(result.replacements >= 1)
        #expect(result.text.hasPrefix("<p>电梯 \u{FFFD}"))
        #expect(result.text.hasSuffix(" more text 漏水</p><p>second</p>"))
        // …and libxml2 sees the whole page, not the part before the bad bytes.
        let document = try HTMLDocument(bytes: broken, charset: "gbk")
        #expect(try document.text("//p[2]") == "second")
        #expect(document.replacedBytes >= 1)
    }

    @Test func anUnknownLabelIsReadAsUTF8() {
        #expect(CharsetDecoder.decode(Array("电梯".utf8), declared: "x-no-such-charset").text == "电梯")
    }
}

@Suite struct UTF8ValidationTests {
    @Test(arguments: [
        [UInt8]("plain ascii that runs past eight bytes".utf8), [UInt8]("电梯坏了，物业不管 🙁".utf8), [], [0xEF, 0xBB, 0xBF, 0x41],
    ])
    func validTextIsValid(bytes: [UInt8]) {
        #expect(CharsetDecoder.validUTF8(bytes, declared: nil) != nil)
    }

    @Test(arguments: [
        [0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], Array("abcdefgh".utf8) + [0xE7, 0x94],
        Array("电梯".data(using: String.Encoding(rawValue: 0x8000_0632))!),
    ] as [[UInt8]])
    func invalidTextIsNot(bytes: [UInt8]) {
        #expect(CharsetDecoder.validUTF8(bytes, declared: nil) == nil)
        #expect(String(validating: bytes, as: UTF8.self) == nil)  // the same verdict as the standard library's
    }

    @Test func aDeclaredOtherCharsetIsNotTakenAsUTF8() {
        #expect(CharsetDecoder.validUTF8(Array("abc".utf8), declared: "gbk") == nil)
        #expect(CharsetDecoder.validUTF8(Array("<meta charset=big5>abc".utf8), declared: nil) == nil)
    }
}
