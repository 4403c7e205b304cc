import OmbudCore

/// What grouping knows of one case beyond the case itself: the specifics its posts named, the
/// 3-grams and MinHash bands of its exemplar posts, how it was written.
///
/// Kept in the store beside the case, so a pass loads the few cases the index offers without
/// reading or re-analysing their posts. ``encoded()`` gives compact bytes;
/// ``init(encoded:)`` returns nil for bytes it cannot read (another version, damage), and the
/// caller rebuilds the state from the case's posts (``Grouper/restore(_:posts:)``).
public struct GroupingState: Sendable, Hashable {
    /// Hashes of every specific the case's posts named, sorted.
    var specifics: [UInt64]
    /// A bit per kind its posts named.
    var kindMask: UInt64
    /// One `kind:value` named for each kind, by the kind's position in the rules (for explanations).
    var nameOfKind: [Int: String]
    /// The 3-grams of its exemplar posts (the first and the newest few).
    var exemplars: [[UInt64]]
    /// The MinHash bands of its exemplar posts: what finds near copies of its recent posts.
    var bands: [UInt64]
    /// How its first post was written.
    var writing: GroupingText.Writing?

    /// The format's version: bytes of another version are not read.
    static let version: UInt8 = 1

    /// The state as bytes for the store.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = [Self.version, writing.map(Self.code) ?? 0xFF]
        func put(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        func put(_ values: [UInt64]) {
            put(UInt64(values.count))
            for value in values { put(value) }
        }
        put(kindMask)
        put(specifics)
        put(UInt64(nameOfKind.count))
        for (kind, name) in nameOfKind.sorted(by: { $0.key < $1.key }) {
            put(UInt64(kind))
            let bytes = Array(name.utf8)
            put(UInt64(bytes.count))
            out.append(contentsOf: bytes)
        }
        put(UInt64(exemplars.count))
        for exemplar in exemplars { put(exemplar) }
        put(bands)
        return out
    }

    /// Reads bytes made by ``encoded()``; nil when they are of another version or damaged.
    public init?(encoded bytes: [UInt8]) {
        var position = 2
        func take() -> UInt64? {
            guard position + 8 <= bytes.count else { return nil }
            var value: UInt64 = 0
            for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[position + index]) }
            position += 8
            return value
        }
        func takeCount() -> Int? {
            // No list can hold more entries than there are bytes left.
            guard let count = take(), count <= UInt64(bytes.count - position) else { return nil }
            return Int(count)
        }
        func takeList() -> [UInt64]? {
            guard let count = takeCount() else { return nil }
            var values: [UInt64] = []
            values.reserveCapacity(count)
            for _ in 0..<count {
                guard let value = take() else { return nil }
                values.append(value)
            }
            return values
        }
        guard bytes.count >= 2, bytes[0] == Self.version else { return nil }
        writing = bytes[1] == 0xFF ? nil : Self.writing(bytes[1])
        guard bytes[1] == 0xFF || writing != nil, let mask = take(), let specifics = takeList(), let names = takeCount() else { return nil }
        kindMask = mask
        self.specifics = specifics
        nameOfKind = [:]
        for _ in 0..<names {
            guard let kind = take(), kind < 1 << 20, let length = takeCount(), position + length <= bytes.count else { return nil }
            nameOfKind[Int(kind)] = String(decoding: bytes[position..<(position + length)], as: UTF8.self)
            position += length
        }
        guard let count = takeCount() else { return nil }
        exemplars = []
        for _ in 0..<count {
            guard let exemplar = takeList() else { return nil }
            exemplars.append(exemplar)
        }
        guard let bands = takeList(), position == bytes.count else { return nil }
        self.bands = bands
    }

    init(specifics: [UInt64], kindMask: UInt64, nameOfKind: [Int: String], exemplars: [[UInt64]], bands: [UInt64],
         writing: GroupingText.Writing?) {
        self.specifics = specifics
        self.kindMask = kindMask
        self.nameOfKind = nameOfKind
        self.exemplars = exemplars
        self.bands = bands
        self.writing = writing
    }

    private static func code(_ writing: GroupingText.Writing) -> UInt8 {
        switch writing {
        case .simplified: 0
        case .traditional: 1
        case .latin: 2
        }
    }

    private static func writing(_ code: UInt8) -> GroupingText.Writing? {
        switch code {
        case 0: .simplified
        case 1: .traditional
        case 2: .latin
        default: nil
        }
    }
}
