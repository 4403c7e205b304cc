import OmbudCore
import OmbudDeadlines

extension Workspace {
    /// What is wrong with `drafting.choices`: a source that is not configured, a language no
    /// template folder has. Each problem names the key and the fix.
    static func checkChoices(_ configuration: OmbudConfiguration, templates: [String: String]) -> [OmbudError] {
        let sources = Set(configuration.sources.map(\.name))
        let languages = Set(templates.keys.compactMap { name -> String? in
            let parts = name.split(separator: "/")
            return parts.count == 3 && parts[0] == "replies" ? String(parts[1]) : nil
        })
        var problems: [OmbudError] = []
        for (index, choice) in configuration.drafting.choices.enumerated() {
            if let source = choice.source, !sources.contains(source) {
                problems.append(OmbudError(code: .draftingUnknownSource, message: "choice names source '\(source)', which is not configured",
                                           context: ["key": "drafting.choices[\(index)].source"],
                                           fix: "use one of: \(sources.sorted().joined(separator: ", "))"))
            }
            if let severity = choice.minSeverity, Severity(rawValue: severity) == nil {
                problems.append(OmbudError(code: .draftingUnknownSeverity, message: "choice names severity '\(severity)', which is not one",
                                           context: ["key": "drafting.choices[\(index)].min_severity"],
                                           fix: "use one of: \(Severity.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            if let language = choice.language, !languages.contains(language) {
                problems.append(OmbudError(code: .draftingUnknownLanguage, message: "choice names language '\(language)', which has no templates",
                                           context: ["key": "drafting.choices[\(index)].language"],
                                           fix: "use one of: \(languages.sorted().joined(separator: ", ")), or add Templates/replies/\(language)/"))
            }
        }
        return problems
    }

    /// Sources whose `channel:` has no limits under `deadlines.channels`.
    static func checkChannels(_ configuration: OmbudConfiguration) -> [OmbudError] {
        let known = Set((configuration.deadlines.channels ?? [:]).keys).union([DeadlinePolicy.online])
        return configuration.sources.enumerated().compactMap { index, source in
            guard let channel = source.channel, !known.contains(channel) else { return nil }
            return OmbudError(code: .deadlinesUnknownChannel, message: "source \(source.name) comes through channel '\(channel)', which has no limits",
                              context: ["key": "sources[\(index)].channel"],
                              fix: "add deadlines.channels.\(channel): { hours: … }, or use one of: \(known.sorted().joined(separator: ", "))")
        }
    }

    /// Posters that lack what their kind needs: Discourse an API key and a username; a form its
    /// action, fields with `{text}`, a success text, and the source's login.
    static func checkPosters(_ configuration: OmbudConfiguration) -> [OmbudError] {
        configuration.sources.enumerated().flatMap { index, source -> [OmbudError] in
            guard let poster = source.poster else { return [] }
            let key = "sources[\(index)].poster"
            func missing(_ field: String, _ fix: String) -> OmbudError {
                OmbudError(code: .posterIncomplete, message: "a \(poster.kind.rawValue) poster needs \(field)", context: ["key": "\(key).\(field)"], fix: fix)
            }
            switch poster.kind {
            case .manual:
                return []
            case .discourse:
                return (poster.apiKey?.isEmpty == false ? [] : [missing("api_key", "write api_key: \"${DISCOURSE_API_KEY}\"")])
                    + (poster.username?.isEmpty == false ? [] : [missing("username", "name the account replies are posted as")])
            case .form:
                var problems: [OmbudError] = []
                if poster.url?.isEmpty != false { problems.append(missing("url", "write the form's action, for example forum.php?mod=post&action=reply&tid={thread}")) }
                if !(poster.fields ?? [:]).values.contains(where: { $0.contains("{text}") }) {
                    problems.append(missing("fields", "put {text} in the field that carries the reply, for example message: \"{text}\""))
                }
                if poster.success?.isEmpty != false { problems.append(missing("success", "write a text the page shows after a successful post")) }
                if let link = poster.link, (try? TextPattern(link))?.captureGroupCount ?? 0 < 1 {
                    problems.append(OmbudError(code: .posterBadLink, message: "'\(link)' is not a regular expression with a group",
                                               context: ["key": "\(key).link"],
                                               fix: #"write a pattern whose first group is the reply's address, for example href="(thread-[^"]+)""#))
                }
                if source.login == nil {
                    problems.append(OmbudError(code: .posterIncomplete, message: "a form poster needs the source's login",
                                               context: ["key": "sources[\(index)].login"], fix: "add login: to the source: a form post needs a logged-in session"))
                }
                return problems
            }
        }
    }

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
                problems.append(OmbudError(code: .notifierBadName, message: "notifier name '\(notifier.name)' is empty or used twice",
                                           context: ["key": key + ".name"], fix: "give each notifier its own name"))
            }
            if notifier.kind == .log {
                if notifier.url != nil {
                    problems.append(OmbudError(code: .notifierUrlUnused, message: "a log notifier has no URL", context: ["key": key + ".url"],
                                               fix: "remove url, or choose kind webhook, dingtalk, wecom or slack"))
                }
            } else if let url = notifier.url, url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("${") {
                // A URL from the environment is checked when the notifier is built.
            } else {
                problems.append(OmbudError(code: .notifierBadUrl, message: "a \(notifier.kind.rawValue) notifier needs an http(s) URL",
                                           context: ["key": key + ".url"],
                                           fix: "write url: https://… or url: \"${WEBHOOK_URL}\" to read it from the environment"))
            }
            for role in notifier.roles ?? [] where !roles.contains(role) {
                problems.append(OmbudError(code: .notifierUnknownRole, message: "notifier \(notifier.name) serves '\(role)', whom no ladder step notifies",
                                           context: ["key": key + ".roles"], fix: "use one of: \(roles.sorted().joined(separator: ", "))"))
            }
        }
        return problems
    }
}
