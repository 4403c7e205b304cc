import Foundation
import OmbudCore

/// One kind of specific from `config/grouping.yaml`, compiled: finds its values in normalised text.
struct SpecificFinder: Sendable {
    let kind: String
    let weight: Double
    let exclusive: Bool
    /// Whether its values name where the event is (a reply repeats them).
    let isPlace: Bool
    /// Each phrase's spellings, and the first, which names it.
    let phrases: [(spellings: [String], name: String)]
    /// For kind `date`: words naming a day before the post.
    let daysBefore: [(word: String, days: Int)]
    /// The kind's compiled patterns (the grouper runs them all as one alternation).
    let patterns: [TextPattern]

    /// Compiles `specific`, found at `key` in the file; throws ``OmbudError`` `grouping.invalid` naming the key.
    init(_ specific: GroupingRules.Specific, key: String) throws {
        func invalid(_ suffix: String, _ message: String, _ fix: String) -> OmbudError {
            OmbudError(code: .groupingInvalid, message: message, context: ["key": key + suffix], fix: fix)
        }
        let kind = specific.kind.trimmingCharacters(in: .whitespaces)
        guard !kind.isEmpty, !kind.contains(":") else {
            throw invalid(".kind", "a kind needs a name without ':'", "name it, for example building, facility or date")
        }
        guard specific.weight >= 0, specific.weight <= 1 else {
            throw invalid(".weight", "weight \(specific.weight) is outside 0…1", "use a weight between 0 and 1 (a place is about 0.3)")
        }
        if specific.daysBefore != nil, kind != "date" {
            throw invalid(".days_before", "days_before is only read for kind date", "move it to the date kind or remove it")
        }
        guard !(specific.phrases ?? []).isEmpty || !(specific.patterns ?? []).isEmpty || !(specific.daysBefore ?? [:]).isEmpty else {
            throw invalid("", "the kind \(kind) has no phrases, patterns or days_before", "add at least one, or remove the kind")
        }
        self.kind = kind
        weight = specific.weight
        exclusive = specific.exclusive ?? false
        isPlace = specific.place ?? false
        phrases = try (specific.phrases ?? []).enumerated().map { position, phrase in
            let spellings = phrase.split(separator: "|").map { GroupingText.normalize(String($0)).trimmingCharacters(in: .whitespaces) }
            guard !spellings.isEmpty, !spellings.contains(where: \.isEmpty) else {
                throw invalid(".phrases[\(position)]", "an empty spelling in '\(phrase)'", "write spellings as 地下车库|地库|车库")
            }
            return (spellings, spellings[0])
        }
        let patterns = try (specific.patterns ?? []).enumerated().map { position, source in
            let pattern = try OmbudError.locating(["key": key + ".patterns[\(position)]"]) { try TextPattern(source, caseInsensitive: true) }
            if source.range(of: #"\\[1-9]|\\k<"#, options: .regularExpression) != nil {
                throw invalid(".patterns[\(position)]", "a backreference in '\(source)'",
                              "the patterns run together as one alternation, which renumbers groups: write the pattern without \\1 or \\k<name>")
            }
            if kind == "date", let groups = pattern.captureGroupCount, groups > 2 {
                throw invalid(".patterns[\(position)]", "a date pattern has \(groups) capture groups",
                              "capture the day, or the month and the day: (\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]")
            }
            return pattern
        }
        self.patterns = patterns
        daysBefore = (specific.daysBefore ?? [:]).map { (GroupingText.normalize($0.key), $0.value) }.sorted { $0.0 < $1.0 }
    }

    /// The value a match of one of this kind's patterns names: the first capture group (the whole
    /// match without spaces when there is none); for kind `date`, `MM-DD` read relative to `postedAt`.
    func value(of match: String, captured: [String], postedAt: Date, calendar: Calendar) -> String? {
        if kind == "date" { return date(captured, postedAt: postedAt, calendar: calendar) }
        return (captured.first ?? match).filter { !$0.isWhitespace }
    }

    /// `MM-DD` of the day `days` before `postedAt`.
    static func day(_ days: Int, before postedAt: Date, calendar: Calendar) -> String? {
        calendar.date(byAdding: .day, value: -days, to: postedAt).map { format($0, calendar) }
    }

    /// `MM-DD` of a captured day (the latest such day not after the post) or month and day.
    private func date(_ groups: [String], postedAt: Date, calendar: Calendar) -> String? {
        let numbers = groups.compactMap { Int($0) }
        let posted = calendar.dateComponents([.month, .day], from: postedAt)
        guard let postMonth = posted.month, let postDay = posted.day else { return nil }
        switch numbers.count {
        case 2 where (1...12).contains(numbers[0]) && (1...31).contains(numbers[1]):
            return String(format: "%02d-%02d", numbers[0], numbers[1])
        case 1 where (1...31).contains(numbers[0]):
            let month = numbers[0] <= postDay ? postMonth : (postMonth == 1 ? 12 : postMonth - 1)
            return String(format: "%02d-%02d", month, numbers[0])
        default:
            return nil
        }
    }

    private static func format(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.month, .day], from: date)
        return String(format: "%02d-%02d", parts.month ?? 0, parts.day ?? 0)
    }
}
