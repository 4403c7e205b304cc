import OmbudCore

/// Turns a post and its thread context into the sparse features the learned model reads.
///
/// Pure and cheap (one pass over the text, no allocation per n-gram). Text is normalised first:
/// ASCII lower-cased, full-width forms folded to ASCII, Traditional Chinese characters read as
/// Simplified (``SimplifiedFold``: 電梯 and 电梯 are one feature), every digit read as `0` (unit and
/// building numbers differ, their role does not), runs of white space as one space, control
/// characters dropped; at most `maxScalars` are read. Features, each a 64-bit key:
/// - character 1-, 2- and 3-grams (Chinese has no spaces; this also catches word pieces in English);
/// - English words of two letters or more (`w|leak`);
/// - the thread context (`ctx|reply`, `ctx|complaint_thread`, …);
/// - for a reply in a thread already judged a complaint, every n-gram again as `T|…`, so the
///   model learns what agreement, "me too" and signing look like there, apart from elsewhere.
public struct ModelFeatures: Sendable {
    /// The most characters of a post read.
    public static let maxScalars = 1_500

    /// A feature vector: the context features (value 1 each), then every text feature as often as
    /// it occurs, each occurrence worth `1/√n` for `n` occurrences in all. Unsorted: prediction sums
    /// weights as it goes; ``merged`` gives liblinear's form (distinct keys ascending, counts summed).
    public struct Vector: Sendable, Hashable {
        /// The feature keys, in the order met (a key may repeat).
        public var keys: [UInt64]
        /// The value of each entry of `keys`.
        public var values: [Double]

        /// Distinct keys ascending, each with its values summed (for training).
        public var merged: Vector {
            var pairs = Array(zip(keys, values))
            pairs.sort { $0.0 < $1.0 }
            var result = Vector(keys: [], values: [])
            for (key, value) in pairs {
                if result.keys.last == key { result.values[result.values.count - 1] += value } else {
                    result.keys.append(key)
                    result.values.append(value)
                }
            }
            return result
        }
    }

    /// The thread-context features, keyed by small numbers no text feature uses.
    public enum Context: UInt64, CaseIterable, Sendable {
        /// The post is a reply, not the opening post.
        case reply = 1
        /// The post opens its thread.
        case opening = 2
        /// Something earlier in the thread (the opening or a reply) was judged a complaint.
        case complaintThread = 3
        /// One of our official accounts posted earlier in the thread.
        case afterOfficial = 4
        /// The post is short (under 12 characters after normalisation).
        case short = 5
        /// An earlier post of the thread was flagged collective (a petition, a joint action).
        case collectiveThread = 6
        /// An earlier post of the thread was flagged safety (someone at risk).
        case safetyThread = 7
        /// An earlier post of the thread threatened or reported media or hotline exposure.
        case mediaThread = 8
        /// An earlier post of the thread threatened legal action.
        case legalThread = 9
        /// A reply by the thread's opener (an update, a "still not fixed", thanks that close it).
        case byOpener = 10
        /// A reply by someone whose earlier post in the thread was judged a complaint.
        case complainedBefore = 11
        /// The post right after one of our official accounts' (it answers our answer).
        case justAfterOfficial = 12

        /// The feature's name (`ctx|reply`).
        public var name: String {
            switch self {
            case .reply: "ctx|reply"
            case .opening: "ctx|opening"
            case .complaintThread: "ctx|complaint_thread"
            case .afterOfficial: "ctx|after_official"
            case .short: "ctx|short"
            case .collectiveThread: "ctx|collective_thread"
            case .safetyThread: "ctx|safety_thread"
            case .mediaThread: "ctx|media_thread"
            case .legalThread: "ctx|legal_thread"
            case .byOpener: "ctx|by_opener"
            case .complainedBefore: "ctx|complained_before"
            case .justAfterOfficial: "ctx|just_after_official"
            }
        }
    }

    private static let threadBit: UInt64 = 1 << 63
    private static let wordBits: UInt64 = (1 << 62) | (1 << 61)
    private static let wordMask: UInt64 = (1 << 61) - 1

    /// Creates the featuriser.
    public init() {}

    /// The features of `text` read in `context`.
    public func vector(_ text: String, context: Set<Context>) -> Vector {
        let scalars = Self.normalised(text)
        var keys: [UInt64] = []
        keys.reserveCapacity(scalars.count * 4 + 8)
        var a: UInt64 = 0, b: UInt64 = 0
        for scalar in scalars {
            let c = UInt64(scalar)
            keys.append(c)
            if b != 0 { keys.append(b << 21 | c) }
            if a != 0 && b != 0 { keys.append(a << 42 | b << 21 | c) }
            a = b
            b = c
        }
        // English words: runs of ASCII letters.
        var word = FNV1a()
        var length = 0
        for scalar in scalars + [0x20] {
            if scalar >= 0x61 && scalar <= 0x7A {
                word.add(UInt64(scalar))
                length += 1
            } else {
                if length >= 2 { keys.append(Self.wordBits | (word.value & Self.wordMask)) }
                word = FNV1a()
                length = 0
            }
        }
        var context = context
        if scalars.count < 12 { context.insert(.short) }
        if context.contains(.reply) && context.contains(.complaintThread) {
            keys += keys.map { $0 | Self.threadBit }
        }
        let value = keys.isEmpty ? 0 : 1 / Double(keys.count).squareRoot()
        let contextKeys = context.map(\.rawValue).sorted()
        return Vector(keys: contextKeys + keys,
                      values: [Double](repeating: 1, count: contextKeys.count) + [Double](repeating: value, count: keys.count))
    }

    /// The key of a feature name written by ``name(of:)`` (for loading a model file); nil for a
    /// name no feature can have.
    public static func key(named name: String) -> UInt64? {
        if let context = Context.allCases.first(where: { $0.name == name }) { return context.rawValue }
        // Prefixes are compared by scalars: a joiner or combining mark after "|" would fold into
        // its character and hide the prefix from a Character comparison.
        let all = Array(name.unicodeScalars)
        if all.count > 2, all[1] == "|", all[0] == "T" || all[0] == "w" {
            let rest = String(String.UnicodeScalarView(all.dropFirst(2)))
            if all[0] == "T" { return key(named: rest).map { $0 | threadBit } }
            return wordBits | (FNV1a.digest(scalarsOf: rest) & wordMask)
        }
        let scalars = all.map { UInt64($0.value) }
        guard (1...3).contains(scalars.count), !scalars.contains(where: { $0 < 0x20 }) else { return nil }
        return scalars.reduce(0) { $0 << 21 | $1 }
    }

    /// A readable name for `key`; English words need `words` (their keys are hashes).
    public static func name(of key: UInt64, words: [UInt64: String] = [:]) -> String {
        if key & threadBit != 0 { return "T|" + name(of: key & ~threadBit, words: words) }
        if let context = Context(rawValue: key) { return context.name }
        if key & wordBits == wordBits { return words[key].map { "w|" + $0 } ?? "w|#\(key & wordMask)" }
        var scalars: [Unicode.Scalar] = []
        var rest = key
        while rest != 0 {
            scalars.insert(Unicode.Scalar(UInt32(rest & 0x1F_FFFF)) ?? "?", at: 0)
            rest >>= 21
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The English words of `text` by their keys (to name them in a model file).
    public static func words(in text: String) -> [UInt64: String] {
        var result: [UInt64: String] = [:]
        var current = ""
        for scalar in normalised(text) + [0x20] {
            if scalar >= 0x61 && scalar <= 0x7A {
                current.unicodeScalars.append(Unicode.Scalar(scalar)!)
            } else {
                if current.count >= 2, let key = key(named: "w|" + current) { result[key] = current }
                current = ""
            }
        }
        return result
    }

    /// The normalised scalars of `text` (see the type's summary); `foldingScripts: false` leaves
    /// Traditional characters as they are.
    static func normalised(_ text: String, foldingScripts: Bool = true) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(min(text.unicodeScalars.count, maxScalars))
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            guard result.count < maxScalars else { break }
            var value = scalar.value
            if value >= 0xFF01 && value <= 0xFF5E { value -= 0xFEE0 }   // full-width ASCII
            if value == 0x3000 { value = 0x20 }                       // ideographic space
            if value >= 0x41 && value <= 0x5A { value += 0x20 }
            if value >= 0x30 && value <= 0x39 { value = 0x30 }
            if foldingScripts && value >= 0x3400 { value = SimplifiedFold.fold(value) }
            if value == 0x20 || value == 0x09 || value == 0x0A || value == 0x0D || value == 0xA0 {
                if !lastWasSpace { result.append(0x20) }
                lastWasSpace = true
                continue
            }
            if value < 0x20 || (value >= 0x7F && value < 0xA0) || (value >= 0xFE00 && value <= 0xFE0F) || value == 0x200B { continue }
            result.append(value)
            lastWasSpace = false
        }
        if result.last == 0x20 { result.removeLast() }
        return result
    }
}
