import OmbudCore
import OmbudDeadlines

extension Workspace {
    /// What is wrong with `notifiers:`: a repeated name, a webhook without an http(s) URL, a role
    /// no ladder step addresses. Each problem names the key and the fix.
    static func checkNotifiers(_ configuration: OmbudConfiguration) -> [OmbudError] {
        var problems: [OmbudError] = []
        let ladder = configuration.escalation ?? .standard
        let roles = Set(ladder.ladder.flatMap(\.notify))
        var names = Set<String>()
        for (index, notifier) in (configuration.notifiers ?? []).enumerated() {
            let key = "notifiers[\(index)]"
            if !names.insert(notifier.name).inserted || notifier.name.isEmpty {
                problems.append(OmbudError(code: "notifier.bad_name", message: "notifier name '\(notifier.name)' is empty or used twice",
                                           context: ["key": key + ".name"], fix: "give each notifier its own name"))
            }
            if notifier.kind == .log {
                if notifier.url != nil {
                    problems.append(OmbudError(code: "notifier.url_unused", message: "a log notifier has no URL", context: ["key": key + ".url"],
                                               fix: "remove url, or choose kind webhook, dingtalk, wecom or slack"))
                }
            } else if let url = notifier.url, url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("${") {
                // A URL from the environment is checked when the notifier is built.
            } else {
                problems.append(OmbudError(code: "notifier.bad_url", message: "a \(notifier.kind.rawValue) notifier needs an http(s) URL",
                                           context: ["key": key + ".url"],
                                           fix: "write url: https://… or url: \"${WEBHOOK_URL}\" to read it from the environment"))
            }
            for role in notifier.roles ?? [] where !roles.contains(role) {
                problems.append(OmbudError(code: "notifier.unknown_role", message: "notifier \(notifier.name) serves '\(role)', whom no ladder step notifies",
                                           context: ["key": key + ".roles"], fix: "use one of: \(roles.sorted().joined(separator: ", "))"))
            }
        }
        return problems
    }
}
