import Foundation
import OmbudCore
import OmbudCrawl

/// POSTs notices as JSON to a webhook: generic, DingTalk, WeCom (企业微信) or Slack shaped.
///
/// A status outside 2xx, or a chat bot's `errcode` other than 0, is a failure the caller retries.
/// Errors name the notifier and the host, never the URL's path or query (they carry the token).
public struct WebhookNotifier: Notifier {
    public let name: String
    public let roles: Set<String>?
    /// The body's shape (`webhook`, `dingtalk`, `wecom`, `slack`).
    public let kind: NotifierSettings.Kind
    private let url: String
    private let fetcher: any Fetcher
    private let timeZone: TimeZone

    /// Creates a webhook notifier posting to `url` through `fetcher`.
    public init(name: String, kind: NotifierSettings.Kind, url: String, roles: Set<String>? = nil, fetcher: any Fetcher, timeZone: TimeZone) {
        self.name = name
        self.kind = kind
        self.url = url
        self.roles = roles
        self.fetcher = fetcher
        self.timeZone = timeZone
    }

    /// The JSON body for `notice` in this notifier's shape.
    public func body(for notice: Notice, now: Date) throws -> String {
        let text = notice.text(now: now, timeZone: timeZone)
        let object: [String: Any] = switch kind {
        case .dingtalk:
            ["msgtype": "text", "text": ["content": text], "at": ["isAtAll": notice.isBreach, "atMobiles": notice.people.filter(Self.isPhone)]]
        case .wecom:
            ["msgtype": "text", "text": ["content": text, "mentioned_mobile_list": notice.people.filter(Self.isPhone)]]
        case .slack:
            ["text": text]
        case .webhook, .log:
            [
                "case": notice.caseID, "step": notice.step, "roles": notice.roles, "people": notice.people,
                "reached_at": Self.iso(notice.reachedAt), "due_at": Self.iso(notice.dueAt), "breach": notice.isBreach,
                "severity": notice.severity.rawValue, "category": notice.category, "complainants": notice.complainants,
                "excerpt": notice.excerpt, "link": notice.link ?? NSNull(), "text": text,
            ]
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    public func send(_ notice: Notice, now: Date) async throws {
        let host = URLComponents(string: url)?.host ?? "?"
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(FetchRequest(url: url, headers: ["Content-Type": "application/json; charset=utf-8"],
                                                            body: try body(for: notice, now: now)))
        } catch {
            throw OmbudError(code: .notifyUnreachable, message: "the \(kind.rawValue) webhook could not be reached: \((error as? OmbudError)?.message ?? "\(error)")",
                             context: ["notifier": name, "host": host], fix: "check the URL and the network; the notice is tried again")
        }
        guard (200..<300).contains(response.status) else {
            throw OmbudError(code: .notifyRejected, message: "the \(kind.rawValue) webhook answered HTTP \(response.status)",
                             context: ["notifier": name, "host": host], fix: "check the webhook's URL and token; the notice is tried again")
        }
        // DingTalk and WeCom answer 200 with an error code in the body when they refuse a message.
        if kind == .dingtalk || kind == .wecom,
           let reply = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
           let code = reply["errcode"] as? Int, code != 0 {
            throw OmbudError(code: .notifyRejected, message: "the \(kind.rawValue) robot refused the message: errcode \(code) \(reply["errmsg"] ?? "")",
                             context: ["notifier": name, "host": host], fix: "check the robot's token and keyword or IP settings")
        }
    }

    private static func isPhone(_ text: String) -> Bool { text.count >= 7 && text.allSatisfy { $0.isASCII && $0.isNumber } }

    private static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
