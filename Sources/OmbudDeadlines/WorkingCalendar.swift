import Foundation
import OmbudCore

/// When people work: time zone, working days and hours, holidays and make-up days (调休).
///
/// Loaded from the `calendar:` section of `config/ombud.yaml` and checked by ``init(settings:)``.
public struct WorkingCalendar: Sendable {
    /// The settings as written in configuration.
    public struct Settings: Sendable, Hashable, Codable {
        /// An IANA time zone name (`Asia/Shanghai`).
        public var timeZone: String
        /// Working weekdays: `mon` … `sun`.
        public var workingDays: [String]
        /// Start of the working day, `HH:mm`.
        public var start: String
        /// End of the working day, `HH:mm`.
        public var end: String
        /// Dates (`yyyy-MM-dd`) that are not worked although their weekday is.
        public var holidays: [String]?
        /// Dates (`yyyy-MM-dd`) that are worked although their weekday is not (调休).
        public var makeupDays: [String]?

        enum CodingKeys: String, CodingKey {
            case start, end, holidays
            case timeZone = "time_zone"
            case workingDays = "working_days"
            case makeupDays = "makeup_days"
        }

        /// Creates settings.
        public init(timeZone: String, workingDays: [String], start: String, end: String,
                    holidays: [String]? = nil, makeupDays: [String]? = nil) {
            self.timeZone = timeZone
            self.workingDays = workingDays
            self.start = start
            self.end = end
            self.holidays = holidays
            self.makeupDays = makeupDays
        }
    }

    /// The calendar's time zone.
    public let timeZone: TimeZone
    private let calendar: Calendar
    private let weekdays: Set<Int>
    private let startMinutes: Int
    private let endMinutes: Int
    private let holidays: Set<String>
    private let makeupDays: Set<String>

    private static let dayNames = ["sun": 1, "mon": 2, "tue": 3, "wed": 4, "thu": 5, "fri": 6, "sat": 7]

    /// Checks `settings`. Throws ``OmbudError`` `calendar.*` naming the key and the fix.
    public init(settings: Settings) throws {
        guard let zone = TimeZone(identifier: settings.timeZone) else {
            throw OmbudError(code: .calendarBadTimeZone, message: "unknown time zone '\(settings.timeZone)'",
                             context: ["key": "calendar.time_zone"], fix: "use an IANA name such as Asia/Shanghai")
        }
        var weekdays = Set<Int>()
        for name in settings.workingDays {
            guard let day = Self.dayNames[name.lowercased()] else {
                throw OmbudError(code: .calendarBadDay, message: "'\(name)' is not a weekday",
                                 context: ["key": "calendar.working_days"], fix: "use mon, tue, wed, thu, fri, sat, sun")
            }
            weekdays.insert(day)
        }
        let start = try Self.minutes(settings.start, key: "calendar.start")
        let end = try Self.minutes(settings.end, key: "calendar.end")
        guard start < end else {
            throw OmbudError(code: .calendarBadHours, message: "the working day ends (\(settings.end)) before it starts (\(settings.start))",
                             context: ["key": "calendar.end"], fix: "make end later than start")
        }
        for (key, dates) in [("calendar.holidays", settings.holidays ?? []), ("calendar.makeup_days", settings.makeupDays ?? [])] {
            for date in dates where date.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) == nil {
                throw OmbudError(code: .calendarBadDate, message: "'\(date)' is not a yyyy-MM-dd date",
                                 context: ["key": key], fix: "write dates like 2026-10-01")
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.timeZone = zone
        self.calendar = calendar
        self.weekdays = weekdays
        self.startMinutes = start
        self.endMinutes = end
        self.holidays = Set(settings.holidays ?? [])
        self.makeupDays = Set(settings.makeupDays ?? [])
    }

    private static func minutes(_ text: String, key: String) throws -> Int {
        let parts = text.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, (0...24).contains(parts[0]), (0...59).contains(parts[1]), parts[0] * 60 + parts[1] <= 1440 else {
            throw OmbudError(code: .calendarBadTime, message: "'\(text)' is not a time of day", context: ["key": key],
                             fix: "write HH:mm, for example 09:00")
        }
        return parts[0] * 60 + parts[1]
    }

    /// Whether the day containing `date` is worked.
    public func isWorkingDay(_ date: Date) -> Bool {
        let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
        let key = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        if makeupDays.contains(key) { return true }
        if holidays.contains(key) { return false }
        return weekdays.contains(parts.weekday!)
    }

    /// The working period (start, end) of the day containing `date`, or nil on a day off.
    func period(on date: Date) -> (start: Date, end: Date)? {
        guard isWorkingDay(date) else { return nil }
        // Local wall-clock times of that day: adding minutes to midnight would be an hour off on
        // the days daylight saving time begins or ends.
        guard let start = time(startMinutes, on: date), let end = time(endMinutes, on: date) else { return nil }
        return (start, end)
    }

    /// The instant of local time `minutes` after midnight on the day containing `date` (1440 is
    /// the next midnight); a time the clocks skip resolves to the first instant after the gap.
    private func time(_ minutes: Int, on date: Date) -> Date? {
        var parts = calendar.dateComponents([.year, .month, .day], from: date)
        if minutes >= 1440 {
            return calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: date))
        }
        parts.hour = minutes / 60
        parts.minute = minutes % 60
        return calendar.date(from: parts)
    }

    /// `date` itself inside working hours, otherwise the start of the next working period.
    ///
    /// Looks at most 366 days ahead; a calendar with no working day at all answers `date`.
    public func nextWorkingInstant(from date: Date) -> Date {
        var day = date
        for _ in 0..<366 {
            if let period = period(on: day) {
                if date < period.start { return period.start }
                if date < period.end { return date }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: day)) else { break }
            day = next
        }
        return date
    }

    /// The instant reached after `seconds` of working time from `date`.
    public func adding(workingSeconds seconds: TimeInterval, to date: Date) -> Date {
        var remaining = seconds
        var cursor = nextWorkingInstant(from: date)
        for _ in 0..<(366 * 2) {
            guard let period = period(on: cursor) else { break }
            let available = period.end.timeIntervalSince(cursor)
            if remaining <= available { return cursor.addingTimeInterval(remaining) }
            remaining -= available
            cursor = nextWorkingInstant(from: period.end)
        }
        return cursor.addingTimeInterval(remaining)
    }
}
