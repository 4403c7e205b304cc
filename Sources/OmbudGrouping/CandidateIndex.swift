/// Which cases a new post could belong to, found by key (a specific, an issue, a MinHash band)
/// at a cost that does not grow with the number of cases stored.
///
/// Each key keeps the cases that showed it most recently, newest last, and only the newest
/// `perKey` of them are ever returned: a post is compared with a bounded number of cases
/// however many the store holds. Lists are trimmed as they grow, so memory stays bounded per key.
struct CandidateIndex: Sendable {
    /// How many cases one key yields at most (the newest).
    let perKey: Int
    private var lists: [UInt64: [Int32]] = [:]

    init(perKey: Int) {
        self.perKey = perKey
    }

    /// Records that case `slot` shows `key` (now: it becomes the newest for the key).
    mutating func add(_ key: UInt64, slot: Int32) {
        lists[key, default: []].appendNewest(slot, keep: perKey)
    }

    /// The newest cases of `key`, newest first, at most ``perKey``.
    func cases(for key: UInt64) -> ArraySlice<Int32> {
        guard let list = lists[key] else { return [] }
        return list.suffix(perKey)
    }
}

private extension Array where Element == Int32 {
    /// Appends `slot` as the newest unless it already is; trims to the newest `keep` entries
    /// once the list is twice that long (older entries are never returned anyway).
    mutating func appendNewest(_ slot: Int32, keep: Int) {
        if last == slot { return }
        if let index = lastIndex(of: slot), index >= count - keep { remove(at: index) }
        append(slot)
        if count >= 2 * keep { removeFirst(count - keep) }
    }
}
