import OmbudCore
import Testing

/// The stable digest behind corpus splits, model versions, hashed word features and ETags.
@Suite struct FNV1aTests {
    @Test func itIsTheStandardFNV1a64() {
        #expect(FNV1a.digest("") == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.digest("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.digest("foobar") == 0x8594_4171_f739_67e8)
        // Scalars, not bytes: one unit per character.
        #expect(FNV1a.digest(scalarsOf: "a") == FNV1a.digest("a"))
        var byScalar = FNV1a()
        byScalar.add(UInt64(0x6F0F))
        #expect(FNV1a.digest(scalarsOf: "漏") == byScalar.value && FNV1a.digest("漏") != byScalar.value)
    }
}
