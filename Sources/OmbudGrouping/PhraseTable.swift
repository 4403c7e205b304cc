/// Finds every listed phrase in a text in one pass over its Unicode scalars.
///
/// Phrases are indexed by their first scalar, so a text is read once whatever the number of
/// phrases (Foundation's `contains`, called per phrase, was most of grouping's time).
struct PhraseTable<Payload: Sendable>: Sendable {
    private var byFirst: [UInt32: [(phrase: [UInt32], payload: Payload)]] = [:]

    /// Adds a phrase (already normalised) with what finding it means.
    mutating func add(_ phrase: String, _ payload: Payload) {
        let scalars = phrase.unicodeScalars.map(\.value)
        guard let first = scalars.first else { return }
        byFirst[first, default: []].append((scalars, payload))
    }

    /// The payloads of every phrase found in `scalars`, in order of where they are found.
    func hits(in scalars: [UInt32]) -> [Payload] {
        var found: [Payload] = []
        scalars.withUnsafeBufferPointer { text in
            for start in text.indices {
                guard let candidates = byFirst[text[start]] else { continue }
                for (phrase, payload) in candidates where phrase.count <= text.count - start {
                    var matches = true
                    for offset in 1..<phrase.count where text[start + offset] != phrase[offset] {
                        matches = false
                        break
                    }
                    if matches { found.append(payload) }
                }
            }
        }
        return found
    }
}
