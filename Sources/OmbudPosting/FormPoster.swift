import Foundation
import OmbudCore
import OmbudCrawl

/// Posts replies as a logged-in person would: a form post to a configured action, with the
/// source's login session (its cookie jar), checked for a success text.
public struct FormPoster: Poster {
    private let baseURL: String
    private let action: String
    private let fields: [String: String]
    private let success: String
    private let link: TextPattern?
    private let cookieJar: String
    private let fetcher: any Fetcher

    /// Creates a poster; `action` and `fields` may hold `{thread}` and `{text}`; `link`'s first
    /// group finds the reply's address in the success page.
    public init(baseURL: String, action: String, fields: [String: String], success: String, link: TextPattern? = nil, cookieJar: String,
                fetcher: any Fetcher) {
        self.link = link
        self.baseURL = baseURL
        self.action = action
        self.fields = fields
        self.success = success
        self.cookieJar = cookieJar
        self.fetcher = fetcher
    }

    public func post(_ text: String, in thread: ThreadRef) async throws -> String? {
        let fill = { (template: String) in
            template.replacingOccurrences(of: "{thread}", with: thread.threadID).replacingOccurrences(of: "{text}", with: text)
        }
        guard let url = URL(string: fill(action), relativeTo: URL(string: baseURL))?.absoluteString else {
            throw OmbudError(code: .posterBadUrl, message: "'\(action)' is not a form address", context: ["source": thread.source],
                             fix: "check poster.url in config/ombud.yaml")
        }
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(FetchRequest(url: url, form: fields.sorted { $0.key < $1.key }.map { ($0.key, fill($0.value)) },
                                                            cookieJar: cookieJar))
        } catch {
            throw OmbudError(code: .posterUnreachable, message: "the forum could not be reached: \((error as? OmbudError)?.message ?? "\(error)")",
                             context: ["source": thread.source], fix: "try again; check the page before, the reply may not have gone out")
        }
        let page = String(decoding: response.body, as: UTF8.self)
        guard (200..<400).contains(response.status), page.contains(success) else {
            throw OmbudError(code: .posterRejected, message: "the forum did not confirm the reply (HTTP \(response.status))",
                             context: ["source": thread.source],
                             fix: "log in again (the session may have expired) or check poster.fields and poster.success")
        }
        // The reply's own address where the page names it, else where the post ended.
        if let found = link?.extract(from: page).map(Self.unescape), let address = URL(string: found, relativeTo: URL(string: response.url)) {
            return address.absoluteString
        }
        return response.url
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&amp;", with: "&")
    }
}
