/// How long a case may wait for a reply, loaded from the `deadlines:` section of `config/ombud.yaml`.
public struct DeadlinePolicy: Sendable, Hashable, Codable {
    /// The limit for online complaints, in hours (4: "网络投诉须四小时以内给予回复").
    public var hours: Double
    /// Shorter limits from a severity up (major: 1 hour).
    public var bySeverity: [String: Double]?
    /// `wall_clock` counts every hour; `working_time` counts only working hours.
    public var counting: Counting
    /// Whether a complaint posted outside working hours starts its clock when work starts (domain.md §2).
    public var startInWorkingHours: Bool

    /// How hours are counted.
    public enum Counting: String, Sendable, Hashable, Codable {
        /// Every hour counts.
        case wallClock = "wall_clock"
        /// Only working hours of the calendar count.
        case workingTime = "working_time"
    }

    enum CodingKeys: String, CodingKey {
        case hours, counting
        case bySeverity = "by_severity"
        case startInWorkingHours = "start_in_working_hours"
    }

    /// Creates a policy.
    public init(hours: Double, bySeverity: [String: Double]? = nil, counting: Counting, startInWorkingHours: Bool) {
        self.hours = hours
        self.bySeverity = bySeverity
        self.counting = counting
        self.startInWorkingHours = startInWorkingHours
    }
}
