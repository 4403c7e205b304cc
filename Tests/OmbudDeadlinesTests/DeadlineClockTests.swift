import Foundation
import OmbudCore
import OmbudDeadlines
import Testing

@Suite struct DeadlineClockTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    static func at(_ text: String, in timeZone: TimeZone = zone) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    /// Mon–Fri 09:00–18:00; 2026-10-01 (Thu) a holiday; 2026-10-10 (Sat) a make-up working day.
    let calendar = try! WorkingCalendar(settings: .init(timeZone: "Asia/Shanghai", workingDays: ["mon", "tue", "wed", "thu", "fri"],
                                                         start: "09:00", end: "18:00", holidays: ["2026-10-01"],
                                                         makeupDays: ["2026-10-10"]))

    func subject(firstPost: String, severity: Severity = .general, flags: Set<Flag> = []) -> Case {
        Case(id: "c", category: "facilities", members: [
            CaseMember(post: PostKey(source: "s", id: "1"), thread: ThreadRef(source: "s", threadID: "1"), authorID: "a", authorName: "a",
                       postedAt: Self.at(firstPost), role: .origin, reasons: []),
        ], issues: [], flags: flags, severity: severity)
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

    @Test func aReopenedCaseIsTimedFromThePostThatReopenedIt() throws {
        var reopened = subject(firstPost: "2026-11-16 10:00")
        reopened.reopenedAt = Self.at("2026-11-18 10:15")
        let deadline = try clock(.wallClock).deadline(for: reopened)
        #expect(deadline.startsAt == Self.at("2026-11-18 10:15") && deadline.dueAt == Self.at("2026-11-18 14:15"))
        #expect(deadline.answeredAt == nil)
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

    @Test func anEmergencyRunsAroundTheClockAndTellsTheOnCallAtOnce() throws {
        let ladder = EscalationRules(ladder: EscalationRules.standard.ladder, emergency: .init(notify: ["on_call"]))
        let clock = try DeadlineClock(policy: .init(hours: 4, bySeverity: ["major": 1], counting: .workingTime, startInWorkingHours: true),
                                      calendar: calendar, escalation: ladder)
        // Saturday 03:10, outside any working hour: people trapped are not left until Monday.
        let trapped = subject(firstPost: "2026-11-21 03:10", severity: .major, flags: [.safety])
        #expect(clock.isEmergency(trapped))
        let deadline = clock.deadline(for: trapped)
        #expect(deadline.startsAt == Self.at("2026-11-21 03:10"))
        #expect(deadline.dueAt == Self.at("2026-11-21 04:10"))
        #expect(deadline.escalations.first == Deadline.Escalation(step: "emergency", at: Self.at("2026-11-21 03:10"), roles: ["on_call"]))
        #expect(deadline.escalations.map(\.step) == ["emergency", "reminder", "warning", "breach"])
        #expect(deadline.escalations.last?.at == Self.at("2026-11-21 04:10"))
        // A major case with no one at risk (a petition) keeps the working calendar and the plain ladder.
        let petition = clock.deadline(for: subject(firstPost: "2026-11-21 03:10", severity: .major, flags: [.collective]))
        #expect(petition.startsAt == Self.at("2026-11-23 09:00"))
        #expect(!petition.escalations.contains { $0.step == "emergency" })
        // A safety flag on a case not (yet) graded major is not an emergency.
        #expect(!clock.isEmergency(subject(firstPost: "2026-11-21 03:10", severity: .hot, flags: [.safety])))
        // Other flags can be named; an unknown one is refused with the key.
        let media = try DeadlineClock(policy: .init(hours: 4, counting: .wallClock, startInWorkingHours: true, aroundTheClock: ["media_threat"]),
                                      calendar: calendar)
        #expect(media.isEmergency(subject(firstPost: "2026-11-21 03:10", severity: .major, flags: [.mediaThreat])))
        #expect(!media.isEmergency(trapped))
        #expect { try DeadlineClock(policy: .init(hours: 4, counting: .wallClock, startInWorkingHours: true, aroundTheClock: ["fire"]),
                                    calendar: calendar) } throws: {
            ($0 as? OmbudError)?.code.rawValue == "deadlines.unknown_flag" && ($0 as? OmbudError)?.context["key"] == "deadlines.around_the_clock"
        }
        let nobody = EscalationRules(ladder: EscalationRules.standard.ladder, people: ["owner": "值班", "supervisor": "主管", "department_head": "经理"],
                                     emergency: .init(notify: ["on_call"]))
        #expect { try DeadlineClock(policy: .init(hours: 4, counting: .wallClock, startInWorkingHours: true), calendar: calendar,
                                    escalation: nobody) } throws: {
            ($0 as? OmbudError)?.code.rawValue == "escalation.unknown_role" && ($0 as? OmbudError)?.context["key"] == "escalation.emergency.notify"
        }
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
        } throws: { ($0 as? OmbudError)?.code.rawValue == "calendar.bad_hours" }
        #expect {
            try DeadlineClock(policy: .init(hours: 4, bySeverity: ["urgent": 1], counting: .wallClock, startInWorkingHours: true),
                              calendar: calendar)
        } throws: { ($0 as? OmbudError)?.context["key"] == "deadlines.by_severity.urgent" }
    }

    @Test func theEdgesOfTheDay() throws {
        let wall = try clock(.wallClock)
        // 23:59 and 00:00 both wait for 09:00; 09:00 sharp starts at once; 18:00 sharp is after hours.
        #expect(wall.deadline(for: subject(firstPost: "2026-11-18 23:59")).startsAt == Self.at("2026-11-19 09:00"))
        #expect(wall.deadline(for: subject(firstPost: "2026-11-19 00:00")).startsAt == Self.at("2026-11-19 09:00"))
        #expect(wall.deadline(for: subject(firstPost: "2026-11-19 09:00")).startsAt == Self.at("2026-11-19 09:00"))
        #expect(wall.deadline(for: subject(firstPost: "2026-11-19 18:00")).startsAt == Self.at("2026-11-20 09:00"))
        // In working time, one minute before closing leaves 3 h 59 for the next day.
        #expect(try clock(.workingTime).deadline(for: subject(firstPost: "2026-11-18 17:59")).dueAt == Self.at("2026-11-19 12:59"))
    }

    @Test func daylightSavingTimeIsCountedInLocalHours() throws {
        let zone = TimeZone(identifier: "America/New_York")!
        let newYork = try WorkingCalendar(settings: .init(timeZone: "America/New_York", workingDays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                                                          start: "08:00", end: "20:00"))
        func at(_ text: String) -> Date { Self.at(text, in: zone) }
        func due(_ first: String, _ counting: DeadlinePolicy.Counting, startInWorkingHours: Bool = true) throws -> Date {
            var subject = subject(firstPost: "2026-01-01 00:00")
            subject.members[0].postedAt = at(first)
            return try DeadlineClock(policy: .init(hours: 4, counting: counting, startInWorkingHours: startInWorkingHours), calendar: newYork)
                .deadline(for: subject).dueAt
        }
        // Clocks spring forward at 02:00 on 8 March 2026 and fall back at 02:00 on 1 November.
        #expect(try due("2026-03-07 18:00", .workingTime) == at("2026-03-08 10:00"))  // 2 h Saturday, 2 h Sunday
        #expect(try due("2026-10-31 18:00", .workingTime) == at("2026-11-01 10:00"))
        #expect(try due("2026-03-08 07:00", .wallClock) == at("2026-03-08 12:00"))     // starts 08:00 EDT
        // Four wall-clock hours from 00:30 on the spring-forward night end at 05:30 local: one hour vanished.
        #expect(try due("2026-03-08 00:30", .wallClock, startInWorkingHours: false) == at("2026-03-08 05:30"))
        #expect(try due("2026-11-01 00:30", .wallClock, startInWorkingHours: false) == at("2026-11-01 03:30"))
    }

    @Test func escalationStepsArePlacedOnTheLimit() throws {
        let wall = try clock(.wallClock).deadline(for: subject(firstPost: "2026-11-18 10:00"))
        #expect(wall.escalations.map(\.step) == ["reminder", "warning", "breach"])
        #expect(wall.escalations.map(\.at) == [Self.at("2026-11-18 12:00"), Self.at("2026-11-18 13:00"), Self.at("2026-11-18 14:00")])
        #expect(wall.escalations.last?.roles == ["supervisor", "department_head"])
        // Counted in working time, the night does not count: 16:30 + 2 h is 09:30 next morning.
        let working = try clock(.workingTime).deadline(for: subject(firstPost: "2026-11-18 16:30"))
        #expect(working.escalations.map(\.at) == [Self.at("2026-11-19 09:30"), Self.at("2026-11-19 10:30"), Self.at("2026-11-19 11:30")])
    }

    @Test func anAnsweredCaseSaysWhetherItWasInTime() throws {
        var answered = subject(firstPost: "2026-11-18 10:00")
        answered.answeredAt = Self.at("2026-11-18 13:59")
        #expect(try clock(.wallClock).deadline(for: answered).metDeadline == true)
        answered.answeredAt = Self.at("2026-11-18 14:01")
        #expect(try clock(.wallClock).deadline(for: answered).metDeadline == false)
        #expect(try clock(.wallClock).deadline(for: subject(firstPost: "2026-11-18 10:00")).metDeadline == nil)
    }

    @Test func aLadderIsReadAndChecked() throws {
        let step = try JSONDecoder().decode(EscalationRules.Step.self, from: Data(#"{"name": "call", "at": "150%", "notify": ["head"]}"#.utf8))
        #expect(step.at.fraction == 1.5)
        let policy = DeadlinePolicy(hours: 4, counting: .wallClock, startInWorkingHours: true)
        let falling = EscalationRules(ladder: [.init(name: "a", at: 0.75, notify: ["owner"]), .init(name: "b", at: 0.5, notify: ["owner"])])
        #expect { try DeadlineClock(policy: policy, calendar: calendar, escalation: falling) } throws: {
            ($0 as? OmbudError)?.context["key"] == "escalation.ladder[1].at"
        }
        let stranger = EscalationRules(ladder: [.init(name: "a", at: 1, notify: ["ceo"])], people: ["owner": "值班客服"])
        #expect { try DeadlineClock(policy: policy, calendar: calendar, escalation: stranger) } throws: {
            ($0 as? OmbudError)?.code.rawValue == "escalation.unknown_role" && ($0 as? OmbudError)?.fix?.contains("owner") == true
        }
    }

    @Test func aChannelHasItsOwnLimits() throws {
        let policy = DeadlinePolicy(hours: 4, bySeverity: ["major": 1], counting: .wallClock, startInWorkingHours: true,
                                    channels: ["app_review": .init(hours: 24, bySeverity: ["major": 8], counting: .workingTime)])
        let clock = try DeadlineClock(policy: policy, calendar: calendar)
        let review = clock.deadline(for: subject(firstPost: "2026-11-18 10:00"), channel: "app_review")
        #expect(review.policy == "app_review.default" && review.dueAt == Self.at("2026-11-20 16:00"))  // 24 working hours: 8 + 9 + 7
        #expect(clock.deadline(for: subject(firstPost: "2026-11-18 10:00", severity: .major), channel: "app_review").policy == "app_review.major")
        #expect(clock.deadline(for: subject(firstPost: "2026-11-18 10:00")).policy == "online.default")
        let bad = DeadlinePolicy(hours: 4, counting: .wallClock, startInWorkingHours: true,
                                 channels: ["app_review": .init(hours: 24, bySeverity: ["urgent": 8])])
        #expect { try DeadlineClock(policy: bad, calendar: calendar) } throws: {
            ($0 as? OmbudError)?.context["key"] == "deadlines.channels.app_review.by_severity.urgent"
        }
    }

    @Test func aDepartmentKeepsItsOwnHours() throws {
        let allDay = try WorkingCalendar(settings: .init(timeZone: "Asia/Shanghai", workingDays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                                                         start: "00:00", end: "24:00"))
        let clock = try DeadlineClock(policy: .init(hours: 4, counting: .workingTime, startInWorkingHours: true), calendar: calendar,
                                      calendarsByCategory: ["emergency": allDay])
        var burst = subject(firstPost: "2026-11-21 23:00")  // a Saturday night
        burst.category = "emergency"
        #expect(clock.deadline(for: burst).startsAt == Self.at("2026-11-21 23:00"))
        #expect(clock.deadline(for: burst).dueAt == Self.at("2026-11-22 03:00"))
        // Other categories wait for Monday morning.
        #expect(clock.deadline(for: subject(firstPost: "2026-11-21 23:00")).startsAt == Self.at("2026-11-23 09:00"))
    }
}
