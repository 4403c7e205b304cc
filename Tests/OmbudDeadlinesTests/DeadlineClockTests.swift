import Foundation
import OmbudCore
import OmbudDeadlines
import Testing

@Suite struct DeadlineClockTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    static func at(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    /// Mon–Fri 09:00–18:00; 2026-10-01 (Thu) a holiday; 2026-10-10 (Sat) a make-up working day.
    let calendar = try! WorkingCalendar(settings: .init(timeZone: "Asia/Shanghai", workingDays: ["mon", "tue", "wed", "thu", "fri"],
                                                         start: "09:00", end: "18:00", holidays: ["2026-10-01"],
                                                         makeupDays: ["2026-10-10"]))

    func subject(firstPost: String, severity: Severity = .general) -> Case {
        Case(id: "c", category: "facilities", members: [
            CaseMember(post: PostKey(source: "s", id: "1"), thread: ThreadRef(source: "s", threadID: "1"), authorID: "a", authorName: "a",
                       postedAt: Self.at(firstPost), role: .origin, reasons: []),
        ], issues: [], flags: [], severity: severity)
    }

    func clock(_ counting: DeadlinePolicy.Counting, startInWorkingHours: Bool = true) throws -> DeadlineClock {
        try DeadlineClock(policy: .init(hours: 4, bySeverity: ["major": 1], counting: counting, startInWorkingHours: startInWorkingHours),
                          calendar: calendar)
    }

    @Test func fourHoursFromAPostInWorkingHours() throws {
        let deadline = try clock(.wallClock).deadline(for: subject(firstPost: "2026-11-18 10:15"))
        #expect(deadline.startsAt == Self.at("2026-11-18 10:15"))
        #expect(deadline.dueAt == Self.at("2026-11-18 14:15"))
        #expect(deadline.policy == "online.default")
    }

    @Test func aPostAfterHoursStartsTheClockWhenWorkStarts() throws {
        let deadline = try clock(.wallClock).deadline(for: subject(firstPost: "2026-11-18 22:40"))
        #expect(deadline.startsAt == Self.at("2026-11-19 09:00"))
        #expect(deadline.dueAt == Self.at("2026-11-19 13:00"))
        // Friday evening waits for Monday.
        #expect(try clock(.wallClock).deadline(for: subject(firstPost: "2026-11-20 19:00")).startsAt == Self.at("2026-11-23 09:00"))
    }

    @Test func wallClockCanIgnoreTheCalendar() throws {
        let deadline = try clock(.wallClock, startInWorkingHours: false).deadline(for: subject(firstPost: "2026-11-18 22:40"))
        #expect(deadline.dueAt == Self.at("2026-11-19 02:40"))
    }

    @Test func workingTimeCarriesOverTheNight() throws {
        let deadline = try clock(.workingTime).deadline(for: subject(firstPost: "2026-11-18 16:30"))
        #expect(deadline.dueAt == Self.at("2026-11-19 11:30"))
    }

    @Test func holidaysAndMakeUpDays() throws {
        // Wed 30 Sep 17:00: 1 h that day, the holiday skipped, 3 h on Fri 2 Oct.
        #expect(try clock(.workingTime).deadline(for: subject(firstPost: "2026-09-30 17:00")).dueAt == Self.at("2026-10-02 12:00"))
        // Fri 9 Oct 20:00: the make-up Saturday is worked.
        #expect(try clock(.wallClock).deadline(for: subject(firstPost: "2026-10-09 20:00")).startsAt == Self.at("2026-10-10 09:00"))
    }

    @Test func majorCasesHaveOneHour() throws {
        let deadline = try clock(.wallClock).deadline(for: subject(firstPost: "2026-11-18 10:00", severity: .major))
        #expect(deadline.dueAt == Self.at("2026-11-18 11:00"))
        #expect(deadline.policy == "online.major")
    }

    @Test func badSettingsNameTheKey() {
        #expect {
            try WorkingCalendar(settings: .init(timeZone: "Mars/Base", workingDays: ["mon"], start: "09:00", end: "18:00"))
        } throws: { ($0 as? OmbudError)?.context["key"] == "calendar.time_zone" }
        #expect {
            try WorkingCalendar(settings: .init(timeZone: "UTC", workingDays: ["funday"], start: "09:00", end: "18:00"))
        } throws: { ($0 as? OmbudError)?.context["key"] == "calendar.working_days" }
        #expect {
            try WorkingCalendar(settings: .init(timeZone: "UTC", workingDays: ["mon"], start: "18:00", end: "09:00"))
        } throws: { ($0 as? OmbudError)?.code == "calendar.bad_hours" }
        #expect {
            try DeadlineClock(policy: .init(hours: 4, bySeverity: ["urgent": 1], counting: .wallClock, startInWorkingHours: true),
                              calendar: calendar)
        } throws: { ($0 as? OmbudError)?.context["key"] == "deadlines.by_severity.urgent" }
    }
}
