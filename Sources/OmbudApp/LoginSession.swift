import Foundation
import Logging
import OmbudConfig
import OmbudCore
import OmbudCrawl

/// Keeps a source logged in: posts its login form into the source's cookie jar, and again when a
/// page shows the logged-out marker. Concurrent pages that hit the wall share one login.
///
/// Credentials come from the environment (`${NAME}` in the recipe) and go only into the form post;
/// errors and logs name the variables, never their values.
actor LoginSession {
    let source: OmbudConfiguration.Source
    let recipe: OmbudConfiguration.LoginRecipe
    let fetcher: any Fetcher
    let cookieJar: String
    let logger: Logger
    private var generation = 0
    private var running: Task<Void, any Error>?

    init(source: OmbudConfiguration.Source, recipe: OmbudConfiguration.LoginRecipe, fetcher: any Fetcher, cookieJar: String, logger: Logger) {
        self.source = source
        self.recipe = recipe
        self.fetcher = fetcher
        self.cookieJar = cookieJar
        self.logger = logger
    }

    /// The current login generation: a page fetched under an older one may log in again.
    var current: Int { generation }

    /// Logs in unless a login newer than generation `seen` already happened; a login under way is joined.
    func login(after seen: Int) async throws {
        if generation > seen { return }
        if let running { return try await running.value }
        let task = Task { try await self.post() }
        running = task
        defer { running = nil }
        try await task.value
        generation += 1
    }

    private func post() async throws {
        guard let url = URL(string: recipe.url, relativeTo: URL(string: source.baseURL))?.absoluteURL.absoluteString else {
            throw OmbudError(code: .loginBadUrl, message: "the login URL is not valid", context: ["source": source.name, "key": "login.url"],
                             fix: "write the login form's action, relative to base_url")
        }
        let response = try await fetcher.fetch(FetchRequest(url: url, form: try recipe.resolvedFields(), cookieJar: cookieJar))
        let page = String(decoding: response.body, as: UTF8.self)
        guard response.status < 400, page.contains(recipe.success) else {
            throw OmbudError(code: .loginFailed, message: "the forum did not accept the login (HTTP \(response.status))",
                             context: ["source": source.name, "url": url],
                             fix: "check the credentials in the environment and login.success in config/ombud.yaml")
        }
        logger.info("logged in", metadata: ["source": "\(source.name)"])
    }

    /// Whether a page is the forum's logged-out wall.
    nonisolated func isLoggedOut(_ response: FetchResponse) -> Bool {
        guard let marker = recipe.loggedOut, !marker.isEmpty else { return false }
        return String(decoding: response.body, as: UTF8.self).contains(marker)
    }
}
