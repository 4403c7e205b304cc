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
        ("11-18 09:03", "2026-11-18 09:03"),
        ("12-30 22:10", "2025-12-30 22:10"),              // no year, and this year's would be in the future
        ("Nov 18, 2026", "2026-11-18 00:00"),
        ("Nov 18, 2026 9:05 PM", "2026-11-18 21:05"),
        ("18 November 2026", "2026-11-18 00:00"),
        ("2026-11-18T01:03:00Z", "2026-11-18 09:03"),      // UTC, shown in Shanghai time
        ("2026-11-18T09:03:00+08:00", "2026-11-18 09:03"),
        ("2026-11-18T09:03:00.123+0800", "2026-11-18 09:03"),
        ("1794963780", "2026-11-18 09:03"),                // epoch seconds
        ("1794963780000", "2026-11-18 09:03"),             // epoch milliseconds
        ("2 hours ago", "2026-11-18 09:30"),
        ("an hour ago", "2026-11-18 10:30"),
        ("just now", "2026-11-18 11:30"),
        ("yesterday", "2026-11-17 00:00"),
        ("Yesterday at 10:20 PM", "2026-11-17 22:20"),
        ("3 小時前", "2026-11-18 08:30"),
        ("剛剛", "2026-11-18 11:30"),
        ("2026年11月18日 09:03", "2026-11-18 09:03"),
        ("11-17-2026, 09:05 PM", "2026-11-17 21:05"),
        ("Today, 08:12 AM", "2026-11-18 08:12"),
        ("今天 09:00", "2026-11-18 09:00"),
        ("von r23 » 21.01.2009, 05:42", "2009-01-21 05:42"),   // phpBB, German default
        ("de peanuts » Ven 7 Oct 2011 08:23", "2011-10-07 08:23"),  // phpBB, French
        ("Mer 3 Nov 2010 17:05", "2010-11-03 17:05"),
        ("3. Dez. 2025 um 14:10", "2025-12-03 14:10"),
        ("21 févr. 2025 à 09:15", "2025-02-21 09:15"),
        ("2 十一月 2026 10:20", "2026-11-02 10:20"),
        ("2 十一月", "2026-11-02 00:00"),
        ("25 十二月", "2025-12-25 00:00"),                       // no year, and this year's is to come
        ("2026年11月2日 22:10", "2026-11-02 22:10"),
        ("2026-11-18T09:03:00", "2026-11-18 09:03"),             // ISO 8601 without a zone: the forum's
        ("2024年5月15日星期三 20点20分", "2024-05-15 20:20"),     // Flarum's Chinese title, weekday and all
        ("2026年11月18日 9点05分", "2026-11-18 09:05"),
        ("2024 年 5 月 6 日 17:35", "2024-05-06 17:35"),        // Discourse's Chinese interface, spaced
        ("March 14, 2025, 5:02 p.m.", "2025-03-14 17:02"),       // Django (Misago): a.m. and p.m. with dots,
        ("May 18, 2025, 1 p.m. - latest activity", "2025-05-18 13:00"),  // minutes left off at the hour,
        ("April 5, 2025, noon", "2025-04-05 12:00"),             // noon and midnight in words
        ("April 5, 2025, midnight", "2025-04-05 00:00"),
        ("May 18, 2025 12 replies", "2025-05-18 00:00"),         // a number after the date is no hour
        ("Old 2016-02-01, 02:21", "2016-02-01 02:21"),           // vBulletin 3: year first, a comma before the time,
        ("2016-02-01, 02:21 PM", "2016-02-01 14:21"),            // on a 12-hour clock where the board is set so
        ("2016-02-01, 12:05 AM", "2016-02-01 00:05"),
    ])
    func readsForumTimes(text: String, expected: String) {
        #expect(parser.parse(text) == DeadlineTime.at(expected))
    }

    @Test func aTwelveHourClockPastTwelveIsNoTime() {
        #expect(parser.parse("2016-02-01, 14:21 PM") == nil)
    }

    @Test func unknownTextIsNil() {
        #expect(parser.parse("很久以前") == nil)
    }

    /// Foundation rolls an impossible field over into the next month or year; a forum time that
    /// cannot be is no time at all, so the post is skipped with its reason instead of misdated.
    @Test(arguments: [
        "2026年99月99日 99:99", "2026年2月30日 25:61", "2026-02-29 10:00", "2026-13-01", "2026-11-31 08:00", "2026-11-18 24:00",
        "2026-11-18 09:60", "99999999999999999999 天前", "100000 天前", "11-31 08:00", "02-30 10:00", "Nov 31, 2026",
        "Nov 18, 2026 13:05 PM", "Nov 18, 2026, 13 p.m.", "11-17-2026, 00:05 AM", "今天 25:00", "昨天 10:75", "2026-11-18T25:03:00Z", "0999-11-18",
        "9999999999999", "1-1-0001",
    ])
    func impossibleTimesAreNil(text: String) {
        #expect(parser.parse(text) == nil, "\(text) → \(String(describing: parser.parse(text)))")
    }

    @Test func aLeapDayIsReadInALeapYear() {
        #expect(parser.parse("2028-02-29 10:00") == DeadlineTime.at("2028-02-29 10:00"))
    }
}
