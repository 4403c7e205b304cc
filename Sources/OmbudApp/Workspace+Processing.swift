import OmbudConfig
import OmbudDeadlines
import OmbudProcessing
import OmbudTriage

extension Workspace {
    /// The rules a processing pass applies, from the configuration, lexicons, grouping rules,
    /// templates and calendars loaded here.
    public var processingRules: ProcessingRules {
        var bySource: [String: Triage] = [:]
        var channels: [String: String] = [:]
        var official: [String: Set<String>] = [:]
        for source in configuration.sources {
            if bySource[source.name] == nil { bySource[source.name] = triage(for: source.name) }
            if channels[source.name] == nil { channels[source.name] = source.channel ?? DeadlinePolicy.online }
            official[source.name, default: []].formUnion(source.officialAccounts ?? [])
        }
        return ProcessingRules(triage: triage, triageBySource: bySource, grouper: grouper, drafter: drafter, categoryNames: categoryNames,
                               deadlines: deadlines, channels: channels, officialAccounts: official)
    }
}
