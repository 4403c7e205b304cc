import Foundation

/// The sample forum's own "now" (its pages are dated around it); every test that reads the
/// forum runs on a clock set to it, in process or through `--now` for a child `ombud`.
public enum DemoForumTime {
    /// The reference as `--now` takes it.
    public static let iso = "2026-11-18T11:30:00+08:00"
    /// The reference as a date.
    public static let reference: Date = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: "2026-11-18 11:30")!
    }()
}
