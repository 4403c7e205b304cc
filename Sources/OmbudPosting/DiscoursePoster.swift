import Foundation
import OmbudCore
import OmbudCrawl

/// Posts replies through the Discourse API (`POST /posts.json` with `Api-Key` and `Api-Username`).
public struct DiscoursePoster: Poster {
    private let baseURL: String
    private let apiKey: String
    private let username: String
    private let fetcher: any Fetcher

    /// Creates a poster for the forum at `baseURL`, posting as `username`.
    public init(baseURL: String, apiKey: String, username: String, fetcher: any Fetcher) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.username = username
        self.fetcher = fetcher
    }

    public func post(_ text: String, in thread: ThreadRef) async throws -> String? {
        guard let topic = Int(thread.threadID) else {
            throw OmbudError(code: .posterBadThread, message: "Discourse topic ids are numbers, not '\(thread.threadID)'",
                             context: ["source": thread.source], fix: "check the source's site profile")
        }
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["topic_id": topic, "raw": text]), as: UTF8.self)
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(FetchRequest(url: baseURL + "/posts.json",
                                                            headers: ["Api-Key": apiKey, "Api-Username": username,
                                                                      "Content-Type": "application/json", "Accept": "application/json"],
                                                            body: body))
        } catch {
            throw OmbudError(code: .posterUnreachable, message: "the forum could not be reached: \((error as? OmbudError)?.message ?? "\(error)")",
                             context: ["source": thread.source], fix: "try again; nothing was posted")
        }
        let reply = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        guard (200..<300).contains(response.status) else {
            let errors = (reply?["errors"] as? [String])?.joined(separator: "; ") ?? "HTTP \(response.status)"
            throw OmbudError(code: .posterRejected, message: "Discourse refused the reply: \(errors)", context: ["source": thread.source],
                             fix: response.status == 403 ? "check the API key and that \(username) may post in this topic" : "fix the reply and post again")
        }
        guard let number = reply?["post_number"] as? Int else { return nil }
        let slug = reply?["topic_slug"] as? String ?? "topic"
        return "\(baseURL)/t/\(slug)/\(topic)/\(number)"
    }
}
