import OmbudCore
import Testing

@Suite struct TextPatternTests {
    @Test func offsetsCountCharactersNotUTF16() throws {
        // 𠀀 is one character but two UTF-16 units: offsets must still line up with what people see.
        let pattern = try TextPattern(#"(\d+)号楼"#)
        let match = try #require(pattern.firstMatch(in: "𠀀业主：3号楼电梯"))
        #expect(match.offset == 4)
        #expect(match.length == 3)
        #expect(match.groups == ["3"])
    }

    @Test func extractPrefersTheFirstGroup() throws {
        #expect(try TextPattern(#"uid=(\d+)"#).extract(from: "home.php?mod=space&uid=1001") == "1001")
        #expect(try TextPattern(#"\d+"#).extract(from: "回复 12") == "12")
        #expect(try TextPattern(#"x"#).extract(from: "none") == nil)
    }

    @Test func anInvalidExpressionNamesItself() {
        #expect {
            try TextPattern("(unclosed")
        } throws: { error in
            (error as? OmbudError)?.code.rawValue == "pattern.invalid" && (error as? OmbudError)?.context["pattern"] == "(unclosed"
        }
    }
}

@Suite struct TextPatternFastPathTests {
    @Test(arguments: ["post_(\\d+)", "uid=(\\d+)", "(\\d+)", "tid=(\\d+)"])
    func literalThenDigitsAgreesWithTheRegexEngine(source: String) throws {
        let fast = try TextPattern(source)
        let slow = try TextPattern(source, caseInsensitive: true)  // case-insensitive patterns take the engine
        for text in ["post_100001", "xpost_post_12", "post_", "post_x post_7", "home.php?mod=space&uid=1001", "uid=&uid=5", "none",
                     "abc 42 def 7", "tid=0012&x", ""] {
            #expect(fast.extract(from: text) == slow.extract(from: text), "\(source) on \(text)")
        }
    }
}

/// The prefilter never skips a text the expression matches, and skips texts it cannot.
@Suite struct TextPatternPrefilterTests {
    @Test(arguments: [
        ("(一直|还是|还|仍然)[^，。！？]{0,4}(没|沒|不|未)(人)?(修|管|处理)", "电梯坏了一直没人修", "今天天气很好"),
        ("(等了|拖了)[一两三\\d]+(天|周)", "报修等了3天", "等一下再说"),
        ("(elevator|lift)[^.!?]{0,20}(broken|stuck)", "The LIFT is broken again", "电梯坏了"),
        ("从[\\d]+涨到[\\d]+", "物业费从2涨到3", "物业费涨了"),
        ("(怎么办|怎麼辦)[？?]?$", "这可怎么办？", "这样吧"),
        ("我们\\s*\\d+\\s*户", "我们 20 户都签了", "我们都签了"),
        ("a|b", "b", "c"),
    ])
    func skipsOnlyWhatCannotMatch(pattern: String, matching: String, other: String) throws {
        let compiled = try TextPattern(pattern, caseInsensitive: true)
        let present = { (text: String) in Set(text.lowercased().unicodeScalars.map(\.value)) }
        #expect(!compiled.matches(in: matching.lowercased()).isEmpty)
        #expect(compiled.mayMatch(present(matching.lowercased())))
        if compiled.matches(in: other.lowercased()).isEmpty, pattern != "a|b" {
            #expect(!compiled.mayMatch(present(other.lowercased())), "\(pattern) should skip «\(other)»")
        }
    }

    @Test(arguments: [("\\u6f0f\\u6c34", "楼上漏水了"), ("[[:alpha:]]+坏了", "abc坏了"), ("(?x) 电梯 \\s* 坏", "电梯坏"), ("ÉTÉ", "été"),
                      ("ＡＴＭ坏", "ａｔｍ坏"), ("Σ", "ς")])
    func whatItDoesNotUnderstandItNeverSkips(pattern: String, text: String) throws {
        let compiled = try TextPattern(pattern, caseInsensitive: true)
        #expect(!compiled.matches(in: text.lowercased()).isEmpty)
        #expect(compiled.mayMatch(Set(text.lowercased().unicodeScalars.map(\.value))))
    }
}
