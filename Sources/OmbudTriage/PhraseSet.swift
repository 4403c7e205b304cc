/// A list of phrases matched against Unicode scalars: presence, and which places they cover.
///
/// The thread-context rules run on every post; Foundation's string search there cost more than
/// all the lexicon's rules, so phrases are compared as scalar arrays (lower-cased at creation).
struct PhraseSet: Sendable {
    private let phrases: [(text: String, scalars: [UInt32])]
    /// The phrases' scalars, longest first (the order ``covered(in:)`` tries them in).
    private let longestFirst: [[UInt32]]

    /// Creates the set; empty phrases are dropped, longer phrases are tried first when covering.
    init(_ phrases: [String]) {
        self.phrases = phrases.filter { !$0.isEmpty }.map { ($0, $0.lowercased().unicodeScalars.map(\.value)) }
        longestFirst = self.phrases.map(\.scalars).sorted { $0.count > $1.count }
    }

    /// The first phrase of the list (in list order) that occurs in `scalars`.
    func first(in scalars: [UInt32]) -> String? {
        phrases.first { Self.occurs($0.scalars, in: scalars) }?.text
    }

    /// For each place of `scalars`, whether a phrase of the set covers it (longest phrase first).
    func covered(in scalars: [UInt32]) -> [Bool] {
        var mask = [Bool](repeating: false, count: scalars.count)
        for phrase in longestFirst where phrase.count <= scalars.count {
            var start = 0
            while start + phrase.count <= scalars.count {
                if scalars[start] == phrase[0], scalars[start..<start + phrase.count].elementsEqual(phrase) {
                    for place in start..<start + phrase.count { mask[place] = true }
                    start += phrase.count
                } else {
                    start += 1
                }
            }
        }
        return mask
    }

    private static func occurs(_ phrase: [UInt32], in scalars: [UInt32]) -> Bool {
        guard let head = phrase.first, phrase.count <= scalars.count else { return false }
        for start in 0...(scalars.count - phrase.count) where scalars[start] == head {
            if scalars[start..<start + phrase.count].elementsEqual(phrase) { return true }
        }
        return false
    }
}
