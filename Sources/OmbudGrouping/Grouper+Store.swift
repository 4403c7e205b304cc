import Foundation
import OmbudCore

/// A grouper over a store too large to hold: it holds only the cases a pass needs, found through
/// the persistent index its ``indexEntries(of:)`` keep, and each case's ``GroupingState``.
extension Grouper {
    /// What a store must offer before `pending` (in the order they will be assigned) can be
    /// grouped: the cases their keys, bands and threads reach, and the ids a new case could take.
    public func lookup(for pending: [(post: Post, assessment: Assessment)]) -> CaseLookup {
        var lookup = CaseLookup(perKey: index.perKey, perBand: CandidateIndex.BandSlots.capacity, bandsSince: .distantFuture)
        for (post, assessment) in pending {
            lookup.threads.insert(ThreadRef(source: post.source, threadID: post.threadID))
            guard assessment.isComplaint else { continue }
            lookup.caseIDs.insert("\(post.source)-\(post.id)")
            let own = features(of: post)
            for key in keys(of: own, assessment) {
                if key.band { lookup.bands.insert(key.key) } else { lookup.keys.insert(key.key) }
            }
            lookup.bandsSince = min(lookup.bandsSince, post.postedAt.addingTimeInterval(-reachSeconds))
        }
        if lookup.bandsSince == .distantFuture { lookup.bandsSince = .distantPast }
        return lookup
    }

    /// Feeds back a stored case with its stored grouping state, without its posts. Restore cases
    /// in the order of their last post, oldest first: the newest of a key are then the ones offered.
    public mutating func restore(_ stored: Case, state: GroupingState) {
        let slot = place(stored)
        var subject = slots[Int(slot)]
        subject.specifics = Set(state.specifics)
        subject.kindMask = state.kindMask
        subject.nameOfKind = state.nameOfKind
        subject.writing = state.writing
        subject.exemplars = state.exemplars.map { PostFeatures(specifics: [:], shingles: $0, bands: [], writing: state.writing ?? .simplified) }
        slots[Int(slot)] = subject
        for hash in state.specifics { index.add(hash, slot: slot) }
        let quietBefore = newest.addingTimeInterval(-reachSeconds)
        for band in state.bands {
            index.addBand(band, slot: slot) { [lastSeenOfSlot] other in lastSeenOfSlot[Int(other)] < quietBefore }
        }
    }

    /// The grouping state of case `id`, to be stored with it; nil for a case this grouper does not hold.
    public func state(of id: String) -> GroupingState? {
        guard let slot = slotOfCase[id] else { return nil }
        let subject = slots[Int(slot)]
        var bands: [UInt64] = []
        for exemplar in subject.exemplars { bands.append(contentsOf: exemplar.bands) }
        return GroupingState(specifics: subject.specifics.sorted(), kindMask: subject.kindMask, nameOfKind: subject.nameOfKind,
                             exemplars: subject.exemplars.map(\.shingles), bands: Array(Set(bands)).sorted(), writing: subject.writing)
    }

    /// The rows of the persistent index for case `id`: its category, issues and specifics, and
    /// the bands of its exemplar posts, all at its latest post time.
    public func indexEntries(of id: String) -> [IndexEntry] {
        guard let slot = slotOfCase[id] else { return [] }
        let subject = slots[Int(slot)]
        let lastSeen = subject.value.lastSeen
        var keys = Set(subject.specifics)
        keys.insert(Self.categoryKey(subject.value.category))
        for issue in subject.value.issues { keys.insert(Self.issueKey(issue)) }
        var entries = keys.sorted().map { IndexEntry(key: $0, isBand: false, caseID: id, lastSeen: lastSeen) }
        var bands = Set<UInt64>()
        for exemplar in subject.exemplars { bands.formUnion(exemplar.bands) }
        entries += bands.sorted().map { IndexEntry(key: $0, isBand: true, caseID: id, lastSeen: lastSeen) }
        return entries
    }
}
