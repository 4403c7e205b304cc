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
                problems.append(OmbudError(code: "drafting.unknown_source", message: "choice names source '\(source)', which is not configured",
                                           context: ["key": "drafting.choices[\(index)].source"],
                                           fix: "use one of: \(sources.sorted().joined(separator: ", "))"))
            }
            if let language = choice.language, !languages.contains(language) {
                problems.append(OmbudError(code: "drafting.unknown_language", message: "choice names language '\(language)', which has no templates",
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
            return OmbudError(code: "deadlines.unknown_channel", message: "source \(source.name) comes through channel '\(channel)', which has no limits",
                              context: ["key": "sources[\(index)].channel"],
                              fix: "add deadlines.channels.\(channel): { hours: … }, or use one of: \(known.sorted().joined(separator: ", "))")
        }
    }
}
