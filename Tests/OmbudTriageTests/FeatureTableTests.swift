import Testing
@testable import OmbudTriage

@Suite struct FeatureTableTests {
    @Test func findsEveryKeyItHoldsAndNoOther() {
        var table = FeatureTable(capacity: 1_000)
        // Keys as ModelFeatures makes them: context numbers, scalars, packed 2- and 3-grams, words.
        var keys: [UInt64] = Array(1...12) + (0x4E00..<0x4E00 + 300).map(UInt64.init)
        keys += (0..<300).map { UInt64(0x4E00 + $0) << 21 | 0x6F0F }
        keys += (0..<300).map { (UInt64(1) << 62) | (UInt64(1) << 61) | UInt64($0) &* 0x1234_5678_9ABC }
        for (row, key) in keys.enumerated() {
            let added = table.insert(key, row: Int32(row))
            #expect(added)
        }
        #expect(table.count == keys.count)
        for (row, key) in keys.enumerated() { #expect(table.row(of: key) == row) }
        #expect(table.row(of: 0x4E00 << 21 | 0x6C34) == nil)
        #expect(table.row(of: 0) == nil)
    }

    @Test func keepsTheFirstRowOfAKeyAndRefusesZero() {
        var table = FeatureTable(capacity: 2)
        let first = table.insert(7, row: 0)
        let again = table.insert(7, row: 1)
        let zero = table.insert(0, row: 2)
        #expect(first && !again && !zero)
        #expect(table.row(of: 7) == 0)
        #expect(table.count == 1)
    }

    @Test func growsPastTheCapacityItWasGiven() {
        var table = FeatureTable(capacity: 1)
        for key in 1...5_000 { table.insert(UInt64(key) << 21, row: Int32(key)) }
        #expect(table.count == 5_000)
        let missing = (1...5_000).filter { key in table.row(of: UInt64(key) << 21) != key }
        #expect(missing.isEmpty)
    }
}
