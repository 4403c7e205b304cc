import Foundation
import OmbudExtract
import Testing

@Suite struct PostTimeParserTests {
    let parser = PostTimeParser(timeZone: TimeZone(identifier: "Asia/Shanghai")!, reference: DeadlineTime.at("2026-11-18 11:30"))

    @Test(arguments: [
        ("发表于 2026-11-18 09:03", "2026-11-18 09:03"),
        ("2026-11-18", "2026-11-18 00:00"),
        ("2026/11/8 7:05", "2026-11-08 07:05"),
        ("刚刚", "2026-11-18 11:30"),
        ("5 分钟前", "2026-11-18 11:25"),
        ("3\u{00A0}小时前", "2026-11-18 08:30"),
        ("半小时前", "2026-11-18 11:00"),
        ("昨天 10:20", "2026-11-17 10:20"),
        ("前天 08:00", "2026-11-16 08:00"),
        ("2 天前", "2026-11-16 11:30"),
    ])
    func readsForumTimes(text: String, expected: String) {
        #expect(parser.parse(text) == DeadlineTime.at(expected))
    }

    @Test func unknownTextIsNil() {
        #expect(parser.parse("很久以前") == nil)
    }
}
