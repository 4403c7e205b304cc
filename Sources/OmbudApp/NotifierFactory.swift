import Foundation
import Logging
import OmbudConfig
import OmbudCore
import OmbudCrawl
import OmbudNotify

/// Builds the notifiers `notifiers:` in `config/ombud.yaml` asks for (the service log alone when
/// it is absent), reading `${NAME}` in webhook URLs from the environment.
public enum NotifierFactory {
    /// The notifiers; throws ``OmbudError`` `notifier.missing_secret` naming the key and the
    /// variable (never its value) when a URL names an unset variable. Webhook responses are stamped
    /// with `clock`'s time.
    public static func make(_ configuration: OmbudConfiguration, fetcher: (any Fetcher)? = nil, clock: any OmbudCore.Clock, logger: Logger,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [any Notifier] {
        let zone = TimeZone(identifier: configuration.calendar.timeZone) ?? .gmt
        guard let settings = configuration.notifiers, !settings.isEmpty else { return [LogNotifier(logger: logger, timeZone: zone)] }
        let client: any Fetcher = try fetcher ?? CurlClient(settings: .init(userAgent: configuration.crawl.userAgent, timeoutSeconds: 15,
                                                                           connectTimeoutSeconds: 5), clock: clock)
        return try settings.enumerated().map { index, setting -> any Notifier in
            let roles = setting.roles.map(Set.init)
            guard setting.kind != .log, let template = setting.url else {
                return LogNotifier(name: setting.name, roles: roles, logger: logger, timeZone: zone)
            }
            let url = try OmbudConfiguration.resolvingSecrets(in: template, key: "notifiers[\(index)].url", code: .notifierMissingSecret,
                                                              environment: environment)
            return WebhookNotifier(name: setting.name, kind: setting.kind, url: url, roles: roles, fetcher: client, timeZone: zone)
        }
    }
}
