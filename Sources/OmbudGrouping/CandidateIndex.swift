/// Which cases a new post could belong to, found by key (a specific, an issue, a MinHash band)
/// at a cost that does not grow with the number of cases stored.
///
/// Each key keeps the cases that showed it most recently, newest last, and only the newest
/// `perKey` of them are ever returned: a post is compared with a bounded number of cases
/// however many the store holds. Lists are trimmed as they grow, so memory stays bounded per key.
/// MinHash bands, nearly all distinct, live in a compact table of their few newest cases that
/// forgets bands whose cases have all gone quiet, so it grows with recent activity, not history.
struct CandidateIndex: Sendable {
    /// How many cases one key yields at most (the newest).
    let perKey: Int
    private var lists: [UInt64: [Int32]] = [:]
    private var bands: [UInt64: BandSlots] = [:]
    /// The band table's size after its last pruning: it is pruned again when it has doubled.
    private var bandsAfterPruning = 0

    /// The newest cases that showed one band, newest first; -1 marks an empty place.
    struct BandSlots: Sendable, Sequence {
        /// The cases, newest first, without the empty places.
        func makeIterator() -> some IteratorProtocol<Int32> {
            var position = 0
            let slots = slots
            return AnyIterator {
                guard position < Self.capacity, slots[position] >= 0 else { return nil }
                position += 1
                return slots[position - 1]
            }
        }

        static let capacity = 4
        var slots: SIMD4<Int32> = SIMD4(repeating: -1)

        mutating func insert(_ slot: Int32) {
            if slots[0] == slot { return }
            var previous = slot
            for position in 0..<Self.capacity {
                let current = slots[position]
                slots[position] = previous
                if current == slot || current == -1 { return }
                previous = current
            }
        }
    }

    init(perKey: Int) {
        self.perKey = perKey
    }

    /// Records that case `slot` shows `key` (now: it becomes the newest for the key).
    mutating func add(_ key: UInt64, slot: Int32) {
        lists[key, default: []].appendNewest(slot, keep: perKey)
    }

    /// The newest cases of `key`, newest last, at most ``perKey``.
    func cases(for key: UInt64) -> ArraySlice<Int32> {
        guard let list = lists[key] else { return [] }
        return list.suffix(perKey)
    }

    /// Records that case `slot` shows the MinHash band `key`. When the table has doubled since it
    /// was last pruned, bands all of whose cases `isQuiet` are forgotten.
    mutating func addBand(_ key: UInt64, slot: Int32, isQuiet: (Int32) -> Bool) {
        bands[key, default: BandSlots()].insert(slot)
        if bands.count >= max(65_536, 2 * bandsAfterPruning) {
            bands = bands.filter { _, entry in
                (0..<BandSlots.capacity).contains { entry.slots[$0] >= 0 && !isQuiet(entry.slots[$0]) }
            }
            bandsAfterPruning = bands.count
        }
    }

    /// The newest cases (at most four) that showed the MinHash band `key`.
    func cases(forBand key: UInt64) -> BandSlots {
        bands[key] ?? BandSlots()
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
