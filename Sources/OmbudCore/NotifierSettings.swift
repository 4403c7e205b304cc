/// One place escalation notices go, from `notifiers:` in `config/ombud.yaml`.
///
/// `kind` is `log` (the service log), `webhook` (a generic JSON POST), or the body a chat bot
/// expects: `dingtalk`, `wecom` (企业微信) or `slack`. The URL may name environment variables as
/// `${NAME}`, so tokens stay out of the file. `roles` limits a notifier to some roles (the
/// department head's group chat only hears of breaches); without it, it hears every step.
public struct NotifierSettings: Sendable, Hashable, Codable {
    /// The notifier's name, used in records and logs.
    public var name: String
    /// Where and in which shape notices go.
    public var kind: Kind
    /// The webhook address (every kind but `log`).
    public var url: String?
    /// The roles this notifier serves; nil serves all.
    public var roles: [String]?

    /// The shape of a notifier.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The service log.
        case log
        /// A generic JSON webhook: the notice's fields.
        case webhook
        /// A DingTalk robot: `{"msgtype":"text","text":{"content":…},"at":{…}}`.
        case dingtalk
        /// A WeCom (企业微信) group robot: `{"msgtype":"text","text":{"content":…}}`.
        case wecom
        /// A Slack incoming webhook: `{"text":…}`.
        case slack
    }

    /// Creates settings.
    public init(name: String, kind: Kind, url: String? = nil, roles: [String]? = nil) {
        self.name = name
        self.kind = kind
        self.url = url
        self.roles = roles
    }
}
