import OmbudCore

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
    /// Other channels than online forums (a source says which with `channel:`), each with what
    /// it changes; what a channel leaves out is as above.
    public var channels: [String: Channel]?
    /// The flags of an emergency (default `[safety]`: someone at risk now): a major case with one
    /// of them starts its clock at its first post and counts it on the wall clock, whatever the
    /// hour, `counting` and `start_in_working_hours` say (labeling.md: people at risk now).
    public var aroundTheClock: [String]?

    /// The emergency flags in force (``aroundTheClock``, default `[safety]`).
    public var emergencyFlags: Set<Flag> { Set((aroundTheClock ?? [Flag.safety.rawValue]).compactMap(Flag.init(rawValue:))) }

    /// The limits of one channel.
    public struct Channel: Sendable, Hashable, Codable {
        /// The limit in hours.
        public var hours: Double
        /// Shorter limits from a severity up.
        public var bySeverity: [String: Double]?
        /// How hours are counted (default: as for online complaints).
        public var counting: Counting?
        /// Whether the clock waits for working hours (default: as for online complaints).
        public var startInWorkingHours: Bool?

        enum CodingKeys: String, CodingKey {
            case hours, counting
            case bySeverity = "by_severity"
            case startInWorkingHours = "start_in_working_hours"
        }

        /// Creates a channel's limits.
        public init(hours: Double, bySeverity: [String: Double]? = nil, counting: Counting? = nil, startInWorkingHours: Bool? = nil) {
            self.hours = hours
            self.bySeverity = bySeverity
            self.counting = counting
            self.startInWorkingHours = startInWorkingHours
        }
    }

    /// The channel online forums are (the default of every source).
    public static let online = "online"

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
        case channels
        case aroundTheClock = "around_the_clock"
    }

    /// Creates a policy.
    public init(hours: Double, bySeverity: [String: Double]? = nil, counting: Counting, startInWorkingHours: Bool,
                channels: [String: Channel]? = nil, aroundTheClock: [String]? = nil) {
        self.channels = channels
        self.aroundTheClock = aroundTheClock
        self.hours = hours
        self.bySeverity = bySeverity
        self.counting = counting
        self.startInWorkingHours = startInWorkingHours
    }
}
