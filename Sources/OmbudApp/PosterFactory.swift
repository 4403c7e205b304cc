import Foundation
import OmbudConfig
import OmbudCore
import OmbudCrawl
import OmbudPosting

/// Builds each source's poster from its `poster:` (sources posted by hand have none).
public enum PosterFactory {
    /// Posters by source name. Throws ``OmbudError`` `poster.missing_secret` naming the key and
    /// the variable (never its value) when a value names an unset environment variable. Responses
    /// are stamped with `clock`'s time.
    public static func make(_ configuration: OmbudConfiguration, cookieFolder: URL, fetcher: (any Fetcher)? = nil, clock: any OmbudCore.Clock,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [String: any Poster] {
        let client: any Fetcher = try fetcher ?? CurlClient(settings: .init(userAgent: configuration.crawl.userAgent, timeoutSeconds: 30), clock: clock)
        var posters: [String: any Poster] = [:]
        for (index, source) in configuration.sources.enumerated() {
            guard let settings = source.poster else { continue }
            let key = "sources[\(index)].poster"
            func resolved(_ value: String, _ field: String) throws -> String {
                try OmbudConfiguration.resolvingSecrets(in: value, key: "\(key).\(field)", code: .posterMissingSecret, environment: environment)
            }
            switch settings.kind {
            case .manual:
                continue
            case .discourse:
                posters[source.name] = DiscoursePoster(baseURL: source.baseURL, apiKey: try resolved(settings.apiKey ?? "", "api_key"),
                                                       username: try resolved(settings.username ?? "", "username"), fetcher: client)
            case .form:
                posters[source.name] = FormPoster(baseURL: source.baseURL, action: settings.url ?? "",
                                                  fields: try (settings.fields ?? [:]).mapValues { try resolved($0, "fields") },
                                                  success: settings.success ?? "", link: try settings.link.map { try TextPattern($0) },
                                                  cookieJar: cookieFolder.appendingPathComponent("\(source.name).cookies").path, fetcher: client)
            }
        }
        return posters
    }
}
