import Foundation
import OmbudCore

/// Turns the times forums print into absolute instants, in the forum's time zone.
///
/// Absolute: `2026-11-18 09:03[:ss]`, `2026/11/18`, `2026-11-18`, `11-18 09:03` (this year, or last
/// year when that would be in the future), `Nov 18, 2026 [9:03 AM]`, `18 Nov 2026`, ISO 8601
/// (`2026-11-18T09:03:00+08:00`, `…Z`), `11-17-2026, 09:05 PM` (month first, as MyBB prints by
/// default) and epoch seconds or milliseconds (as `data-time` attributes carry them). Relative, counted back from `reference` (the fetch time): `刚刚`/`剛剛`,
/// `N 秒/分钟/小时/天前` (and the Traditional forms), `半小时前`, `今天 09:00`, `昨天 10:20`, `前天 08:00`,
/// and `just now`, `N seconds/minutes/hours/days ago`, `today, 08:12 AM`, `yesterday [at] 10:20`.
public struct PostTimeParser: Sendable {
    /// The forum's time zone.
    public var timeZone: TimeZone
    /// What relative times count back from: the time the page was fetched.
    public var reference: Date

    private let calendar: Calendar

    /// Creates a parser.
    public init(timeZone: TimeZone, reference: Date) {
        self.timeZone = timeZone
        self.reference = reference
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    // The patterns are fixed and known to compile.
    private static let iso = try! TextPattern(#"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})"#)
    /// `2026-11-02 22:10`, `2026/11/2`, `2026年11月2日 22:10`, `2024 年 5 月 6 日 17:35` as
    /// Discourse's Chinese interface spaces it, and `2016-02-01, 02:21 PM` (vBulletin 3's date and
    /// time, with a comma and a 12-hour clock where the board is set so).
    private static let absolute = try! TextPattern(#"(\d{4})(?:\s*年\s*|[-/.])(\d{1,2})(?:\s*月\s*|[-/.])(\d{1,2})(?:\s*日)?(?:\s*(?:星期|週|周)[一二三四五六日天])?(?:(?:,?\s*|T)(\d{1,2})[:点時时](\d{2})(?:[:分](\d{2}))?(?:\s*([ap]m)\b)?)?"#,
                                                    caseInsensitive: true)
    private static let monthDayYear = try! TextPattern(#"(?<![\d-])(\d{1,2})-(\d{1,2})-(\d{4})(?:,?\s+(\d{1,2}):(\d{2})\s*(am|pm)?)?"#,
                                                        caseInsensitive: true)
    private static let today = try! TextPattern(#"(今天|today)(?:,?\s*(?:at\s+)?(\d{1,2}):(\d{2})\s*(am|pm)?)?"#, caseInsensitive: true)
    private static let monthDay = try! TextPattern(#"(?<![\d-])(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})"#)
    /// Month names and abbreviations as English, French and German forums print them.
    private static let monthNames: [String: Int] = [
        "jan": 1, "janv": 1, "janvier": 1, "januar": 1, "jän": 1, "feb": 2, "févr": 2, "fév": 2, "fevr": 2, "février": 2, "februar": 2,
        "mar": 3, "mars": 3, "mär": 3, "märz": 3, "mrz": 3, "apr": 4, "avr": 4, "avril": 4, "april": 4, "may": 5, "mai": 5,
        "jun": 6, "juin": 6, "juni": 6, "jul": 7, "juil": 7, "juillet": 7, "juli": 7, "aug": 8, "août": 8, "aoû": 8, "aout": 8,
        "sep": 9, "sept": 9, "septembre": 9, "oct": 10, "octobre": 10, "okt": 10, "oktober": 10, "nov": 11, "novembre": 11,
        "dec": 12, "déc": 12, "décembre": 12, "dez": 12, "dezember": 12,
    ]
    private static let english = try! TextPattern(
        #"(?:(\d{1,2})\.?\s+)?(jan|feb|fév|mar|mär|mrz|apr|avr|may|mai|jun|juin|jul|juil|aug|ao[uû]t?|sep|oct|okt|nov|dec|déc|dez)[a-zéû]*\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})(?:,?\s+(?:at\s+|um\s+|à\s+)?(?:(\d{1,2})(?::(\d{2})(?::(\d{2}))?)?\s*([ap]\.?m\.?(?![a-z]))?|(noon|midnight)))?"#,
        caseInsensitive: true)
    /// `21.01.2009, 05:42`: day first with dots, as German-speaking forums print dates (slashes
    /// are left alone: `03/04/2024` is March in one country and April in another).
    private static let dayMonthYear = try! TextPattern(#"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"#)
    /// `2 十一月 2026 10:20` and `2 十一月` (this year, or last): Chinese month names.
    private static let chineseMonth = try! TextPattern(#"(\d{1,2})\s*(十[一二]?|[一二三四五六七八九])月(?:\s*(\d{4}))?(?:\s+(\d{1,2}):(\d{2}))?"#)
    private static let chineseNumerals: [String: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
                                                         "十": 10, "十一": 11, "十二": 12]
    private static let epoch = try! TextPattern(#"^\s*(\d{10}|\d{13})\s*$"#)
    private static let ago = try! TextPattern(#"(\d+)\s*(秒|分钟|分鐘|小时|小時|天)前"#)
    private static let agoEnglish = try! TextPattern(#"(\d+|an?)\s+(second|minute|hour|day|week)s?\s+ago"#, caseInsensitive: true)
    private static let dayBefore = try! TextPattern(#"(昨天|前天|yesterday)(?:\s*(?:at\s+)?(\d{1,2}):(\d{2})\s*(am|pm)?)?"#, caseInsensitive: true)
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The instant `text` names, or nil when no known form is found in it.
    public func parse(_ text: String) -> Date? {
        if let parts = Self.scanAbsolute(text) { return date(parts) }
        if let match = Self.epoch.firstMatch(in: text), let value = match.groups[0].flatMap({ Double($0) }) {
            let instant = Date(timeIntervalSince1970: value >= 1e12 ? value / 1000 : value)
            return Self.years.contains(calendar.component(.year, from: instant)) ? instant : nil
        }
        if let match = Self.iso.firstMatch(in: text) { return isoDate(match) }
        if let match = Self.absolute.firstMatch(in: text) {
            let number = { (index: Int) in match.groups[index].flatMap { Int($0) } }
            var hour = number(3) ?? 0
            if let meridiem = match.groups[6]?.lowercased() {
                guard (1...12).contains(hour) else { return nil }
                hour = hour % 12 + (meridiem == "pm" ? 12 : 0)
            }
            return date(DateComponents(year: number(0), month: number(1), day: number(2), hour: hour,
                                       minute: number(4) ?? 0, second: number(5) ?? 0))
        }
        if let match = Self.english.firstMatch(in: text), let date = englishDate(match) { return date }
        if let match = Self.dayMonthYear.firstMatch(in: text) {
            let number = { (index: Int) in match.groups[index].flatMap { Int($0) } }
            return date(DateComponents(year: number(2), month: number(1), day: number(0), hour: number(3) ?? 0, minute: number(4) ?? 0,
                                       second: number(5) ?? 0))
        }
        if let match = Self.chineseMonth.firstMatch(in: text), let month = match.groups[1].flatMap({ Self.chineseNumerals[$0] }) {
            let number = { (index: Int) in match.groups[index].flatMap { Int($0) } }
            let parts = { (year: Int) in DateComponents(year: year, month: month, day: number(0), hour: number(3) ?? 0, minute: number(4) ?? 0, second: 0) }
            if let year = number(2) { return date(parts(year)) }
            let year = calendar.component(.year, from: reference)
            guard let this = date(parts(year)) else { return nil }
            return this > reference.addingTimeInterval(86_400) ? date(parts(year - 1)) : this
        }
        if let match = Self.monthDayYear.firstMatch(in: text) {
            let number = { (index: Int) in match.groups[index].flatMap { Int($0) } }
            var hour = number(3) ?? 0
            if let meridiem = match.groups[5]?.lowercased() { hour = hour % 12 + (meridiem == "pm" ? 12 : 0) }
            guard number(3).map({ match.groups[5] == nil || (1...12).contains($0) }) ?? true else { return nil }
            return date(DateComponents(year: number(2), month: number(0), day: number(1), hour: hour, minute: number(4) ?? 0, second: 0))
        }
        if let match = Self.monthDay.firstMatch(in: text) {
            let number = { (index: Int) in match.groups[index].flatMap { Int($0) } }
            let year = calendar.component(.year, from: reference)
            let parts = { (year: Int) in DateComponents(year: year, month: number(0), day: number(1), hour: number(2), minute: number(3), second: 0) }
            // A date without a year is the latest one not after the fetch (allowing a day of clock skew).
            guard let date = date(parts(year)) else {
                // 29 February, printed without its year, in a leap year before this one.
                return number(0) == 2 && number(1) == 29 ? self.date(parts(year - 1)) : nil
            }
            return date > reference.addingTimeInterval(86_400) ? self.date(parts(year - 1)) : date
        }
        let lowered = text.lowercased()
        if lowered.contains("刚刚") || lowered.contains("剛剛") || lowered.contains("just now") { return reference }
        if lowered.contains("半小时前") || lowered.contains("半小時前") { return reference.addingTimeInterval(-1800) }
        if let match = Self.ago.firstMatch(in: text), let amount = match.groups[0].flatMap({ Double($0) }) {
            let unit: Double = switch match.groups[1] {
            case "秒": 1
            case "分钟", "分鐘": 60
            case "小时", "小時": 3600
            default: 86400
            }
            return ago(amount * unit)
        }
        if let match = Self.agoEnglish.firstMatch(in: text), let word = match.groups[0] {
            let amount = Double(word) ?? 1
            let unit: Double = switch match.groups[1]?.lowercased() {
            case "second": 1
            case "minute": 60
            case "hour": 3600
            case "day": 86400
            default: 604_800
            }
            return ago(amount * unit)
        }
        if let match = Self.today.firstMatch(in: text) ?? Self.dayBefore.firstMatch(in: text) {
            let word = match.groups[0]?.lowercased() ?? ""
            let daysBack = word == "前天" ? -2 : (word == "今天" || word == "today") ? 0 : -1
            guard let day = calendar.date(byAdding: .day, value: daysBack, to: reference) else { return nil }
            guard var hour = match.groups[1].flatMap({ Int($0) }), let minute = match.groups[2].flatMap({ Int($0) }) else {
                return calendar.startOfDay(for: day)
            }
            if let meridiem = match.groups[3]?.lowercased() {
                guard (1...12).contains(hour) else { return nil }
                hour = hour % 12 + (meridiem == "pm" ? 12 : 0)
            }
            guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
            return calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day)
        }
        return nil
    }

    private func isoDate(_ match: TextPattern.Match) -> Date? {
        let number = { (index: Int) in match.groups[index].flatMap { Int($0) } }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        guard let local = Self.date(DateComponents(year: number(0), month: number(1), day: number(2), hour: number(3),
                                                   minute: number(4), second: number(5) ?? 0), in: utc),
              let zone = match.groups[6] else { return nil }
        if zone == "Z" { return local }
        let digits = zone.dropFirst().filter(\.isNumber)
        guard digits.count == 4, let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)) else { return nil }
        let offset = TimeInterval(hours * 3600 + minutes * 60) * (zone.hasPrefix("-") ? -1 : 1)
        return local.addingTimeInterval(-offset)
    }

    /// The years a forum post can carry: anything else is a misread or a broken page.
    static let years = 1990...2200
    /// `seconds` before the reference, when that is in a possible year.
    private func ago(_ seconds: Double) -> Date? {
        guard seconds.isFinite, seconds < 300 * 365 * 86_400 else { return nil }
        let instant = reference.addingTimeInterval(-seconds)
        return Self.years.contains(calendar.component(.year, from: instant)) ? instant : nil
    }

    private func date(_ parts: DateComponents) -> Date? { Self.date(parts, in: calendar) }

    /// The instant of `parts` when each field is possible (no 30 February, no 25:61, a year in
    /// ``years``); nil otherwise, where Foundation would roll the excess over into another day.
    static func date(_ parts: DateComponents, in calendar: Calendar) -> Date? {
        guard let year = parts.year, let month = parts.month, let day = parts.day, years.contains(year), (1...12).contains(month),
              (0...23).contains(parts.hour ?? 0), (0...59).contains(parts.minute ?? 0), (0...60).contains(parts.second ?? 0),
              let first = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
              let days = calendar.range(of: .day, in: .month, for: first), days.contains(day) else { return nil }
        return calendar.date(from: parts)
    }

    private func englishDate(_ match: TextPattern.Match) -> Date? {
        guard let word = match.groups[1]?.lowercased(),
              let month = Self.monthNames[word].map({ $0 - 1 }) ?? Self.months.firstIndex(of: String(word.prefix(3))),
              let day = (match.groups[0] ?? match.groups[2]).flatMap({ Int($0) }), let year = match.groups[3].flatMap({ Int($0) }) else { return nil }
        // An hour alone is a time only with its a.m. or p.m. (Django prints `5 p.m.`, `noon`).
        var hour = match.groups[5] == nil && match.groups[7] == nil ? 0 : match.groups[4].flatMap { Int($0) } ?? 0
        if let meridiem = match.groups[7]?.lowercased() {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (meridiem.hasPrefix("p") ? 12 : 0)
        }
        if let word = match.groups[8]?.lowercased() { hour = word == "noon" ? 12 : 0 }
        return date(DateComponents(year: year, month: month + 1, day: day, hour: hour,
                                   minute: match.groups[5].flatMap { Int($0) } ?? 0, second: match.groups[6].flatMap { Int($0) } ?? 0))
    }

    /// The common case without a regular expression: `yyyy-M-d[ H:mm[:ss]]`, alone or after a
    /// label (`发表于 2026-11-18 09:03`).
    static func scanAbsolute(_ text: String) -> DateComponents? {
        var numbers: [Int] = []
        var separators: [UInt8] = []
        var current: Int?
        let utf8 = text.utf8
        guard let firstDigit = utf8.firstIndex(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        for byte in utf8[firstDigit...] {
            if byte >= 0x30 && byte <= 0x39 {
                current = (current ?? 0) * 10 + Int(byte - 0x30)
                if current! > 9999 { return nil }
            } else {
                guard let value = current else { return nil }
                numbers.append(value)
                separators.append(byte)
                current = nil
            }
        }
        guard let last = current else { return nil }
        numbers.append(last)
        let shapes: [[UInt8]] = [[0x2D, 0x2D], [0x2D, 0x2D, 0x20, 0x3A], [0x2D, 0x2D, 0x20, 0x3A, 0x3A]]  // - - ␠ : :
        guard shapes.contains(separators), numbers[0] >= 1000, (1...12).contains(numbers[1]), (1...31).contains(numbers[2]) else { return nil }
        var parts = DateComponents(year: numbers[0], month: numbers[1], day: numbers[2], hour: 0, minute: 0, second: 0)
        if numbers.count >= 5 { parts.hour = numbers[3]; parts.minute = numbers[4] }
        if numbers.count == 6 { parts.second = numbers[5] }
        return parts
    }
}
