import Foundation

/// A compiled regular expression from configuration, with matches reported in characters.
///
/// Wraps `NSRegularExpression`, which is immutable once compiled and safe to share between
/// threads. Offsets are counted in `Character`s so they line up with what people see.
public struct TextPattern: @unchecked Sendable, Hashable {
    /// The source text of the expression, as written in configuration.
    public let source: String
    private let regex: NSRegularExpression
    /// For the commonest configured form, `literal(\d+)` (`post_(\d+)`, `uid=(\d+)`): the literal,
    /// so ``extract(from:)`` can answer without the regular-expression engine.
    private let digitsAfter: String?
    /// Character sets a text must meet for the expression to match (``requiredSets(_:caseInsensitive:)``).
    private let required: [Set<UInt32>]

    /// Compiles `source`; throws ``OmbudError`` `pattern.invalid` naming the expression.
    public init(_ source: String, caseInsensitive: Bool = false) throws {
        do {
            regex = try NSRegularExpression(pattern: source, options: caseInsensitive ? [.caseInsensitive] : [])
        } catch {
            throw OmbudError(code: .patternInvalid, message: "not a valid regular expression",
                             context: ["pattern": source], fix: "check brackets and escape special characters with a backslash")
        }
        self.source = source
        required = Self.requiredSets(source, caseInsensitive: caseInsensitive)
        let special = CharacterSet(charactersIn: "\\()[]{}.*+?^$|")
        if !caseInsensitive, source.hasSuffix("(\\d+)") {
            let literal = String(source.dropLast(5))
            digitsAfter = literal.unicodeScalars.contains(where: special.contains) ? nil : literal
        } else {
            digitsAfter = nil
        }
    }

    /// How many capture groups the expression has.
    public var captureGroupCount: Int? { regex.numberOfCaptureGroups }

    /// One match: the whole matched text, its capture groups and where it starts.
    public struct Match: Sendable, Hashable {
        /// The whole match.
        public var text: String
        /// Capture groups in order; a group that did not take part is nil.
        public var groups: [String?]
        /// Character offset of the match in the searched text.
        public var offset: Int
        /// Length of the match in characters.
        public var length: Int
    }

    /// Whether a text made of the scalar values `present` can match at all: false when it lacks
    /// every character some part of every match must begin with. A cheap test before ``matches(in:)``.
    public func mayMatch(_ present: Set<UInt32>) -> Bool {
        required.allSatisfy { !$0.isDisjoint(with: present) }
    }

    /// Every non-overlapping match in `text`.
    public func matches(in text: String) -> [Match] {
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match(from: $0, in: ns) }
    }

    /// The first match, if any.
    public func firstMatch(in text: String) -> Match? {
        let ns = text as NSString
        return regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)).map { match(from: $0, in: ns) }
    }

    private func match(from result: NSTextCheckingResult, in ns: NSString) -> Match {
        let whole = ns.substring(with: result.range)
        let groups: [String?] = (0..<max(0, result.numberOfRanges - 1)).map { index in
            let range = result.range(at: index + 1)
            return range.location == NSNotFound ? nil : ns.substring(with: range)
        }
        return Match(text: whole, groups: groups, offset: ns.substring(to: result.range.location).count, length: whole.count)
    }

    /// Every match in `text` as its groups: index 0 the whole match, then each capture group (nil
    /// when it did not take part). No character offsets are counted: the fast form for hot loops.
    public func groups(in text: String) -> [[String?]] {
        // Substrings are cut from a UTF-16 copy: cutting them from `text as NSString` walked the
        // Swift string from its start for every group.
        let utf16 = Array(text.utf16)
        return regex.matches(in: text, range: NSRange(location: 0, length: utf16.count)).map { result in
            (0..<result.numberOfRanges).map { index in
                let range = result.range(at: index)
                guard range.location != NSNotFound else { return nil }
                return String(decoding: utf16[range.location..<range.location + range.length], as: UTF16.self)
            }
        }
    }

    /// The first capture group of the first match, or the whole match when there is no group.
    public func extract(from text: String) -> String? {
        if let literal = digitsAfter { return Self.digits(after: Array(literal.utf8), in: Array(text.utf8)) }
        guard let match = firstMatch(in: text) else { return nil }
        return match.groups.first.flatMap { $0 } ?? match.text
    }

    /// The first run of ASCII digits that directly follows `literal` in `text` (bytes of UTF-8).
    private static func digits(after literal: [UInt8], in text: [UInt8]) -> String? {
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        var start = 0
        while start + literal.count < text.count {
            if text[start..<start + literal.count].elementsEqual(literal), isDigit(text[start + literal.count]) {
                let from = start + literal.count
                var end = from
                while end < text.count, isDigit(text[end]) { end += 1 }
                return String(decoding: text[from..<end], as: UTF8.self)
            }
            start += 1
        }
        return nil
    }

    /// Whether the expression matches anywhere in `text`.
    public func isMatch(_ text: String) -> Bool { firstMatch(in: text) != nil }

    /// Compares by source text.
    /// (The fast path of `literal(\d+)` patterns is derived from it.)
    public static func == (lhs: TextPattern, rhs: TextPattern) -> Bool { lhs.source == rhs.source }

    /// Hashes the source text.
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

