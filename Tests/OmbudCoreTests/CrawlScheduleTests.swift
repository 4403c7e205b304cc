import Foundation
import OmbudCore
import Testing

@Suite struct CrawlScheduleTests {
    let zone = TimeZone(identifier: "Asia/Shanghai")!

    func at(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    @Test func intervalsCountFromTheLastStart() {
        let schedule = CrawlSchedule(every: "15m")
        #expect(schedule.next(after: nil, now: at("2026-11-18 10:00"), timeZone: zone) == at("2026-11-18 10:00"))
        #expect(schedule.next(after: at("2026-11-18 10:00"), now: at("2026-11-18 10:05"), timeZone: zone) == at("2026-11-18 10:15"))
        // Overdue (the machine was off): run now.
        #expect(schedule.next(after: at("2026-11-18 08:00"), now: at("2026-11-18 10:05"), timeZone: zone) == at("2026-11-18 10:05"))
    }

    @Test func aLastRunAfterNowMeansTheClockWentBackAndTheSourceIsDue() {
        // The last run was recorded under a clock 400 days ahead of the one now in force: a
        // schedule counted from it would sleep for 400 days.
        let now = at("2026-11-18 10:05")
        let recordedAhead = now.addingTimeInterval(400 * 86_400)
        #expect(CrawlSchedule(every: "15m").next(after: recordedAhead, now: now, timeZone: zone) == now)
        #expect(CrawlSchedule(cron: "*/10 * * * *").next(after: recordedAhead, now: now, timeZone: zone) == at("2026-11-18 10:10"))
    }

    @Test(arguments: [
        ("*/15 * * * *", "2026-11-18 10:07", "2026-11-18 10:15"),
        ("0 8-20 * * *", "2026-11-18 20:30", "2026-11-19 08:00"),
        ("30 9 * * 1-5", "2026-11-20 10:00", "2026-11-23 09:30"),   // Friday after 9:30 → Monday
        ("0 0 1 * *", "2026-11-18 10:00", "2026-12-01 00:00"),
        ("5,35 * * * *", "2026-11-18 10:05", "2026-11-18 10:35"),
        ("0 12 * * 0", "2026-11-18 10:00", "2026-11-22 12:00"),     // Sunday as 0
        ("0 12 * * 7", "2026-11-18 10:00", "2026-11-22 12:00"),     // … and as 7
    ])
    func cronFindsTheNextMinute(expression: String, from: String, expected: String) throws {
        #expect(try CronExpression(expression, key: "k").next(after: at(from), timeZone: zone) == at(expected))
    }

    @Test(arguments: ["* * * *", "60 * * * *", "*/0 * * * *", "1-x * * * *", "* * * 13 *"])
    func badCronIsRejectedWithTheKey(expression: String) {
        #expect {
            try CrawlSchedule(cron: expression).validate(key: "sources[0].schedule")
        } throws: { ($0 as? OmbudError)?.code.rawValue == "schedule.bad_cron" && ($0 as? OmbudError)?.context["key"] == "sources[0].schedule.cron" }
    }

    @Test func badIntervalsAndAmbiguityAreRejected() {
        #expect(throws: OmbudError.self) { try CrawlSchedule(every: "soon").validate(key: "s") }
        #expect(throws: OmbudError.self) { try CrawlSchedule(every: "5m", cron: "* * * * *").validate(key: "s") }
        #expect(throws: OmbudError.self) { try CrawlSchedule().validate(key: "s") }
        #expect(throws: Never.self) { try CrawlSchedule(every: "90s", jitterSeconds: 30).validate(key: "s") }
    }

    @Test func jitterStaysWithinItsBound() {
        let schedule = CrawlSchedule(every: "1h", jitterSeconds: 30)
        for _ in 0..<100 { #expect((0...30).contains(schedule.jitter())) }
        #expect(CrawlSchedule(every: "1h").jitter() == 0)
    }
}
