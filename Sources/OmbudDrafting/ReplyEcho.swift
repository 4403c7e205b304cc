/// Recognises our own reply when the crawler reads it back from a thread.
///
/// Forums re-wrap text, collapse blank lines, turn quotes into entities and sometimes append a
/// signature, so the test is not equality: the post must contain at least `threshold` of the
/// reply's character trigrams, counted over letters and digits only (punctuation, spaces and
/// case ignored). A reply shorter than three such characters never matches anything.
public struct ReplyEcho: Sendable {
    /// The share of the reply's trigrams the post must contain (default 0.8).
    public var threshold: Double

    /// Creates a matcher.
    public init(threshold: Double = 0.8) {
        self.threshold = threshold
    }

    /// Whether `post` is `reply` as the forum shows it.
    public func matches(reply: String, post: String) -> Bool {
        let wanted = Self.trigrams(reply)
        guard !wanted.isEmpty else { return false }
        let seen = Self.trigrams(post)
        let found = wanted.reduce(0) { $0 + (seen.contains($1) ? 1 : 0) }
        return Double(found) >= threshold * Double(wanted.count)
    }

    /// The distinct trigrams of the letters and digits of `text`, lower-cased.
    static func trigrams(_ text: String) -> Set<String> {
        let characters = text.lowercased().filter { $0.isLetter || $0.isNumber }
        guard characters.count >= 3 else { return [] }
        var result = Set<String>()
        var window = characters.startIndex
        var end = characters.index(window, offsetBy: 3)
        while true {
            result.insert(String(characters[window..<end]))
            guard end < characters.endIndex else { break }
            window = characters.index(after: window)
            end = characters.index(after: end)
        }
        return result
    }
}
