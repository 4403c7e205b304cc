import OmbudCore

/// Who hears of a case as its deadline nears and passes, from `escalation:` in `config/ombud.yaml`.
///
/// Each step fires at a share of the case's time limit (`at: 50%`), counted the way the deadline
/// policy counts (wall clock or working time), and addresses roles; `people` says who the roles
/// are. Default: reminder to the owner at 50 %, warning to the supervisor at 75 %, breach to the
/// supervisor and the department head at 100 %.
public struct EscalationRules: Sendable, Hashable, Codable {
    /// The steps, earliest first.
    public var ladder: [Step]
    /// Who each role is (a name, an @handle or a phone for the chat bots), by role.
    public var people: [String: String]?
    /// How often a failed notice is tried again.
    public var retry: Retry?
    /// Minutes a case is not escalated after our reply went out while the crawler has not yet seen
    /// it in the thread (`hold_after_sending_minutes`, default 30); past that, the reply is taken as
    /// lost (a moderation queue, a failed post) and escalation resumes.
    public var holdAfterSendingMinutes: Int?
    /// Who hears at once of an emergency (a major case with one of `deadlines.around_the_clock`'s
    /// flags): an `emergency` step at 0 % of its limit, before the ladder, for example the
    /// engineering on-call (`emergency: { notify: [on_call] }`). None: the ladder alone.
    public var emergency: Emergency?

    enum CodingKeys: String, CodingKey {
        case ladder, people, retry, emergency
        case holdAfterSendingMinutes = "hold_after_sending_minutes"
    }

    /// The name of the step that tells of an emergency at once.
    public static let emergencyStep = "emergency"

    /// Who hears of an emergency the moment its case opens.
    public struct Emergency: Sendable, Hashable, Codable {
        /// The roles (names under `people`).
        public var notify: [String]

        /// Creates the emergency notice's addressees.
        public init(notify: [String]) { self.notify = notify }
    }

    /// How long a sent, unconfirmed reply holds escalation, in seconds.
    public var holdAfterSending: Double { Double(holdAfterSendingMinutes ?? 30) * 60 }

    /// One step of the ladder.
    public struct Step: Sendable, Hashable, Codable {
        /// Its name, shown in notices (`reminder`, `warning`, `breach`).
        public var name: String
        /// The share of the time limit at which it fires, written `50%` or `0.5`.
        public var at: Share
        /// The roles it addresses.
        public var notify: [String]

        /// Creates a step.
        public init(name: String, at: Double, notify: [String]) {
            self.name = name
            self.at = Share(at)
            self.notify = notify
        }
    }

    /// A share of the time limit, written `50%` or `0.5` in YAML.
    public struct Share: Sendable, Hashable, Codable {
        /// The share as a fraction (0.5).
        public var fraction: Double

        /// Creates a share.
        public init(_ fraction: Double) { self.fraction = fraction }

        /// Reads `50%` or `0.5`; anything else is an error that shows both forms.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                fraction = number
                return
            }
            let text = try container.decode(String.self).trimmingCharacters(in: .whitespaces)
            guard text.hasSuffix("%"), let percent = Double(text.dropLast()) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "write a share as 50% or 0.5")
            }
            fraction = percent / 100
        }

        /// Writes the share as a percentage.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode("\(fraction * 100)%")
        }
    }

    /// Retries of a notice that failed.
    public struct Retry: Sendable, Hashable, Codable {
        /// Attempts in all before giving up (default 5).
        public var attempts: Int
        /// The wait before the second attempt; it doubles each time (default 60).
        public var backoffSeconds: Double

        enum CodingKeys: String, CodingKey {
            case attempts
            case backoffSeconds = "backoff_seconds"
        }

        /// Creates retry settings.
        public init(attempts: Int = 5, backoffSeconds: Double = 60) {
            self.attempts = attempts
            self.backoffSeconds = backoffSeconds
        }
    }

    /// Creates rules.
    public init(ladder: [Step], people: [String: String]? = nil, retry: Retry? = nil, holdAfterSendingMinutes: Int? = nil,
                emergency: Emergency? = nil) {
        self.emergency = emergency
        self.ladder = ladder
        self.people = people
        self.retry = retry
        self.holdAfterSendingMinutes = holdAfterSendingMinutes
    }

    /// The default ladder (domain.md §2): owner at 50 %, supervisor at 75 %, supervisor and
    /// department head at the deadline.
    public static let standard = EscalationRules(ladder: [
        Step(name: "reminder", at: 0.5, notify: ["owner"]),
        Step(name: "warning", at: 0.75, notify: ["supervisor"]),
        Step(name: "breach", at: 1.0, notify: ["supervisor", "department_head"]),
    ])

    /// Checks the ladder. Throws ``OmbudError`` `escalation.*` naming the key and the fix.
    public func validated() throws -> EscalationRules {
        guard !ladder.isEmpty else {
            throw OmbudError(code: .escalationEmpty, message: "the escalation ladder has no steps", context: ["key": "escalation.ladder"],
                             fix: "add steps such as { name: breach, at: 100%, notify: [supervisor] }, or remove escalation: for the default")
        }
        if let hold = holdAfterSendingMinutes, !(0...1_440).contains(hold) {
            throw OmbudError(code: .escalationBadHold, message: "hold_after_sending_minutes is \(hold)",
                             context: ["key": "escalation.hold_after_sending_minutes"],
                             fix: "write minutes between 0 and 1440, a little more than the sources' crawl interval")
        }
        var previous = 0.0
        var names = Set<String>()
        for (index, step) in ladder.enumerated() {
            let key = "escalation.ladder[\(index)]"
            guard names.insert(step.name).inserted, !step.name.isEmpty else {
                throw OmbudError(code: .escalationBadStep, message: "step name '\(step.name)' is empty or used twice",
                                 context: ["key": key + ".name"], fix: "give each step its own name")
            }
            guard step.at.fraction > previous, step.at.fraction <= 5 else {
                throw OmbudError(code: .escalationBadStep, message: "step \(step.name) fires at \(step.at.fraction * 100)%, not after the step before",
                                 context: ["key": key + ".at"], fix: "list steps in rising order between 1% and 500% of the limit")
            }
            previous = step.at.fraction
            guard !step.notify.isEmpty else {
                throw OmbudError(code: .escalationBadStep, message: "step \(step.name) notifies nobody", context: ["key": key + ".notify"],
                                 fix: "name the roles, for example [supervisor]")
            }
            if let people, let unknown = step.notify.first(where: { people[$0] == nil }) {
                throw OmbudError(code: .escalationUnknownRole, message: "step \(step.name) notifies '\(unknown)', who is not in escalation.people",
                                 context: ["key": key + ".notify"], fix: "add \(unknown): … under escalation.people, or use one of: "
                                     + people.keys.sorted().joined(separator: ", "))
            }
        }
        if let emergency {
            guard !emergency.notify.isEmpty else {
                throw OmbudError(code: .escalationBadStep, message: "the emergency notice notifies nobody", context: ["key": "escalation.emergency.notify"],
                                 fix: "name the on-call role, for example emergency: { notify: [on_call] }, or remove emergency:")
            }
            if let people, let unknown = emergency.notify.first(where: { people[$0] == nil }) {
                throw OmbudError(code: .escalationUnknownRole, message: "the emergency notice notifies '\(unknown)', who is not in escalation.people",
                                 context: ["key": "escalation.emergency.notify"],
                                 fix: "add \(unknown): … (a name, @handle or phone) under escalation.people")
            }
            if names.contains(Self.emergencyStep) {
                throw OmbudError(code: .escalationBadStep, message: "a ladder step is named '\(Self.emergencyStep)', the emergency notice's name",
                                 context: ["key": "escalation.ladder"], fix: "rename that step")
            }
        }
        if let retry, retry.attempts < 1 || retry.backoffSeconds < 0 {
            throw OmbudError(code: .escalationBadRetry, message: "retry needs at least one attempt and a backoff of 0 s or more",
                             context: ["key": "escalation.retry"], fix: "write retry: { attempts: 5, backoff_seconds: 60 }")
        }
        return self
    }
}
