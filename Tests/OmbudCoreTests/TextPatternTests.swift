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
            (error as? OmbudError)?.code == "pattern.invalid" && (error as? OmbudError)?.context["pattern"] == "(unclosed"
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
