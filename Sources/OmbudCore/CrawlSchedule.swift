import Foundation

/// When a source is crawled: every fixed interval, or on a 5-field cron expression, plus jitter.
///
/// In `config/ombud.yaml`: `schedule: { every: 15m }` (s, m, h, d units) or
/// `schedule: { cron: "*/10 8-20 * * *" }`, with an optional `jitter_seconds`.
public struct CrawlSchedule: Sendable, Hashable, Codable {
    /// An interval such as `90s`, `15m`, `2h`, `1d`.
    public var every: String?
    /// A cron expression: minute hour day-of-month month day-of-week, in the source's time zone.
    public var cron: String?
    /// Up to this many seconds are added at random to each run's start, so sources do not fire together.
    public var jitterSeconds: Int?

    enum CodingKeys: String, CodingKey {
        case every, cron
        case jitterSeconds = "jitter_seconds"
    }

    /// Creates a schedule.
    public init(every: String? = nil, cron: String? = nil, jitterSeconds: Int? = nil) {
        self.every = every
        self.cron = cron
        self.jitterSeconds = jitterSeconds
    }

    /// Checks the schedule. Throws ``OmbudError`` `schedule.*` naming `key`.
    public func validate(key: String) throws {
        switch (every, cron) {
        case (let every?, nil):
            guard Self.seconds(every) != nil else {
                throw OmbudError(code: .scheduleBadInterval, message: "'\(every)' is not an interval", context: ["key": "\(key).every"],
                                 fix: "write a number and a unit: 90s, 15m, 2h or 1d")
            }
        case (nil, let cron?):
            _ = try CronExpression(cron, key: "\(key).cron")
        default:
            throw OmbudError(code: .scheduleAmbiguous, message: "a schedule needs exactly one of every: and cron:", context: ["key": key],
                             fix: "keep one of them")
        }
        if let jitter = jitterSeconds, jitter < 0 {
            throw OmbudError(code: .scheduleBadJitter, message: "jitter_seconds must not be negative", context: ["key": "\(key).jitter_seconds"],
                             fix: "write 0 or more")
        }
    }

    /// The next start after a run that started at `last` (nil: never ran), without jitter.
    ///
    /// A `last` later than `now` means the wall clock was set back since (NTP, a restored backup,
    /// a wrong hardware clock): counting from it would wait out the whole step, so the source is
    /// due now instead.
    public func next(after last: Date?, now: Date, timeZone: TimeZone) -> Date {
        let last = last.flatMap { $0 > now ? nil : $0 }
        if let every, let interval = Self.seconds(every) {
            guard let last else { return now }
            return max(now, last.addingTimeInterval(interval))
        }
        if let cron, let expression = try? CronExpression(cron, key: "cron") {
            return expression.next(after: max(last ?? now, now.addingTimeInterval(-60)), timeZone: timeZone)
        }
        return now
    }

    /// A random delay in `0...jitter_seconds`.
    public func jitter() -> TimeInterval {
        guard let jitter = jitterSeconds, jitter > 0 else { return 0 }
        return TimeInterval.random(in: 0...TimeInterval(jitter))
    }

    static func seconds(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last, let amount = Double(trimmed.dropLast()), amount > 0 else { return nil }
        switch unit {
        case "s": return amount
        case "m": return amount * 60
        case "h": return amount * 3600
        case "d": return amount * 86_400
        default: return nil
        }
    }
}

/// A parsed 5-field cron expression (`*`, lists, ranges and steps; day-of-week 0–7, Sunday 0 or 7).
public struct CronExpression: Sendable, Hashable {
    private let minutes: Set<Int>
    private let hours: Set<Int>
    private let days: Set<Int>
    private let months: Set<Int>
    private let weekdays: Set<Int>
    private let anyDay: Bool
    private let anyWeekday: Bool

    /// Parses `expression`. Throws ``OmbudError`` `schedule.bad_cron` naming `key` and the field.
    public init(_ expression: String, key: String) throws {
        let fields = expression.split(whereSeparator: \.isWhitespace).map(String.init)
        guard fields.count == 5 else {
            throw OmbudError(code: .scheduleBadCron, message: "'\(expression)' has \(fields.count) fields, not 5", context: ["key": key],
                             fix: "write minute hour day-of-month month day-of-week, e.g. */15 * * * *")
        }
        let names = ["minute", "hour", "day-of-month", "month", "day-of-week"]
        let ranges = [0...59, 0...23, 1...31, 1...12, 0...7]
        var sets: [Set<Int>] = []
        for index in 0..<5 {
            guard let values = Self.parse(fields[index], range: ranges[index]) else {
                throw OmbudError(code: .scheduleBadCron, message: "the \(names[index]) field '\(fields[index])' is not valid",
                                 context: ["key": key], fix: "use *, numbers in \(ranges[index]), lists (1,5), ranges (8-18) and steps (*/10)")
            }
            sets.append(values)
        }
        minutes = sets[0]
        hours = sets[1]
        days = sets[2]
        months = sets[3]
        weekdays = Set(sets[4].map { $0 % 7 })
        anyDay = fields[2] == "*"
        anyWeekday = fields[4] == "*"
    }

    private static func parse(_ field: String, range: ClosedRange<Int>) -> Set<Int>? {
        var values = Set<Int>()
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { return nil }
            let step = pieces.count == 2 ? Int(pieces[1]) : 1
            guard let step, step > 0 else { return nil }
            let span: ClosedRange<Int>
            if pieces[0] == "*" {
                span = range
            } else if let dash = pieces[0].firstIndex(of: "-") {
                guard let low = Int(pieces[0][..<dash]), let high = Int(pieces[0][pieces[0].index(after: dash)...]),
                      low <= high, range.contains(low), range.contains(high) else { return nil }
                span = low...high
            } else {
                guard let single = Int(pieces[0]), range.contains(single) else { return nil }
                span = single...(pieces.count == 2 ? range.upperBound : single)
            }
            values.formUnion(stride(from: span.lowerBound, through: span.upperBound, by: step))
        }
        return values.isEmpty ? nil : values
    }

    /// The first whole minute strictly after `date` that the expression matches.
    public func next(after date: Date, timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var candidate = calendar.date(bySetting: .second, value: 0, of: date.addingTimeInterval(60)) ?? date
        if candidate <= date { candidate = candidate.addingTimeInterval(60) }
        for _ in 0..<(366 * 24 * 60) {
            let parts = calendar.dateComponents([.month, .day, .hour, .minute, .weekday], from: candidate)
            if !months.contains(parts.month!) {
                candidate = calendar.nextDate(after: candidate, matching: DateComponents(day: 1, hour: 0, minute: 0), matchingPolicy: .nextTime) ?? candidate
                continue
            }
            let dayMatches = days.contains(parts.day!)
            let weekdayMatches = weekdays.contains(parts.weekday! - 1)
            // Classic cron: when both day fields are restricted, either may match.
            let dayOK = anyDay && anyWeekday ? true : anyDay ? weekdayMatches : anyWeekday ? dayMatches : dayMatches || weekdayMatches
            if !dayOK {
                candidate = calendar.nextDate(after: candidate, matching: DateComponents(hour: 0, minute: 0), matchingPolicy: .nextTime) ?? candidate
                continue
            }
            if !hours.contains(parts.hour!) {
                candidate = calendar.nextDate(after: candidate, matching: DateComponents(minute: 0), matchingPolicy: .nextTime) ?? candidate
                continue
            }
            if minutes.contains(parts.minute!) { return candidate }
            candidate = candidate.addingTimeInterval(60)
        }
        return candidate
    }
}
