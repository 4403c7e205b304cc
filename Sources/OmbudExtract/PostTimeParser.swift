import Foundation
import OmbudCore

/// Turns the times forums print into absolute instants, in the forum's time zone.
///
/// Understands `2026-11-18 09:03[:ss]`, `2026-11-18`, `2026/11/18 09:03`, and the relative
/// forms Discuz! prints for recent posts: `刚刚`, `N 秒前`, `N 分钟前`, `半小时前`, `N 小时前`,
/// `N 天前`, `昨天 10:20`, `前天 08:00`. Relative forms count back from `reference` (the fetch time).
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
    private static let absolute = try! TextPattern(#"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"#)
    private static let ago = try! TextPattern(#"(\d+)\s*(秒|分钟|小时|天)前"#)
    private static let dayBefore = try! TextPattern(#"(昨天|前天)\s*(\d{1,2}):(\d{2})"#)

    /// The instant `text` names, or nil when no known form is found in it.
    public func parse(_ text: String) -> Date? {
        if let parts = Self.scanAbsolute(text) { return calendar.date(from: parts) }
        if let match = Self.absolute.firstMatch(in: text) {
            let number = { (index: Int) in match.groups[index].flatMap { Int($0) } }
            var parts = DateComponents()
            parts.year = number(0)
            parts.month = number(1)
            parts.day = number(2)
            parts.hour = number(3) ?? 0
            parts.minute = number(4) ?? 0
            parts.second = number(5) ?? 0
            return calendar.date(from: parts)
        }
        if text.contains("刚刚") { return reference }
        if text.contains("半小时前") { return reference.addingTimeInterval(-1800) }
        if let match = Self.ago.firstMatch(in: text), let amount = match.groups[0].flatMap({ Double($0) }) {
            let unit: Double = switch match.groups[1] {
            case "秒": 1
            case "分钟": 60
            case "小时": 3600
            default: 86400
            }
            return reference.addingTimeInterval(-amount * unit)
        }
        if let match = Self.dayBefore.firstMatch(in: text),
           let hour = match.groups[1].flatMap({ Int($0) }), let minute = match.groups[2].flatMap({ Int($0) }) {
            let daysBack = match.groups[0] == "昨天" ? -1 : -2
            guard let day = calendar.date(byAdding: .day, value: daysBack, to: reference) else { return nil }
            return calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day)
        }
        return nil
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
