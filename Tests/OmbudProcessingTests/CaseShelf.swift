import Foundation
import OmbudCore
import OmbudGrouping
import OmbudProcessing

/// What a store keeps between passes, held in memory: cases, their grouping states as bytes and
/// the candidate index, answering a ``CaseLookup`` by the store's rule (the newest of each key).
struct CaseShelf {
    var cases: [String: Case] = [:]
    var states: [String: [UInt8]] = [:]
    var index: [UInt64: [String: (band: Bool, lastSeen: Date)]] = [:]

    mutating func apply(_ outcome: GroupingOutcome) {
        for subject in outcome.cases { cases[subject.id] = subject }
        for (id, state) in outcome.states { states[id] = state.encoded() }
        for entry in outcome.index {
            let known = index[entry.key]?[entry.caseID]?.lastSeen ?? .distantPast
            index[entry.key, default: [:]][entry.caseID] = (entry.isBand, max(known, entry.lastSeen))
        }
    }

    /// The cases `lookup` reaches, with their states read back from bytes.
    func load(_ lookup: CaseLookup) -> [(case: Case, state: GroupingState?)] {
        var ids = Set<String>()
        func newest(_ key: UInt64, limit: Int, since: Date) -> [String] {
            (index[key] ?? [:]).filter { $0.value.lastSeen >= since }
                .sorted { ($0.value.lastSeen, $1.key) > ($1.value.lastSeen, $0.key) }.prefix(limit).map(\.key)
        }
        for key in lookup.keys { ids.formUnion(newest(key, limit: lookup.perKey, since: .distantPast)) }
        for band in lookup.bands { ids.formUnion(newest(band, limit: lookup.perBand, since: lookup.bandsSince)) }
        for subject in cases.values where !Set(subject.threads).isDisjoint(with: lookup.threads) || lookup.caseIDs.contains(subject.id) {
            ids.insert(subject.id)
        }
        return ids.sorted().compactMap { id in cases[id].map { ($0, states[id].flatMap(GroupingState.init(encoded:))) } }
    }
}
