/// The model's feature keys and their rows, in one flat open-addressing table: a look-up is a
/// multiply, a shift and a short linear probe over contiguous memory, with no hashing of the key
/// through `Hasher` (prediction looks up every n-gram of every post).
///
/// Keys are ``ModelFeatures`` keys; 0 is no feature's key (context keys start at 1, text keys hold
/// a scalar ≥ 0x20), so it marks an empty slot.
struct FeatureTable: Sendable {
    /// A key (0 when the slot is empty) beside its row, so a look-up reads one cache line.
    private struct Slot {
        var key: UInt64
        var row: Int32
    }

    private var slots: [Slot]
    /// `64 − log2(capacity)`: the multiplicative hash keeps the top bits.
    private let shift: UInt64
    private let mask: Int
    /// How many keys the table holds.
    private(set) var count = 0

    /// An empty table with room for `capacity` keys at a load of at most one half.
    init(capacity: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < capacity * 2 { bits += 1 }
        slots = [Slot](repeating: Slot(key: 0, row: 0), count: 1 << bits)
        shift = 64 - bits
        mask = (1 << bits) - 1
    }

    /// The row of `key`, if the table holds it.
    @inline(__always)
    func row(of key: UInt64) -> Int? {
        var slot = home(of: key)
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let found = slots[slot]
                if found.key == 0 { return nil }
                if found.key == key { return Int(found.row) }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Adds `key` with `row` unless the table already holds the key (or the key is 0); whether it
    /// was added. The table never fills: it doubles when half its slots are taken.
    @discardableResult
    mutating func insert(_ key: UInt64, row: Int32) -> Bool {
        guard key != 0 else { return false }
        if count * 2 >= slots.count { grow() }
        var slot = home(of: key)
        while slots[slot].key != 0 {
            if slots[slot].key == key { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = Slot(key: key, row: row)
        count += 1
        return true
    }

    /// The slot where the probe for `key` starts: the top bits of the key times the golden ratio.
    @inline(__always)
    private func home(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Doubles the table (only when more keys arrive than it was sized for).
    private mutating func grow() {
        var bigger = FeatureTable(capacity: slots.count)
        for slot in slots where slot.key != 0 { bigger.insert(slot.key, row: slot.row) }
        self = bigger
    }
}
