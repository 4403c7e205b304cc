import Foundation
import OmbudCore

/// What grouping reads in a post: the specifics it names (`building:3`, `facility:电梯`,
/// `date:11-18`), its character 3-grams and their MinHash bands, how it is written, and whether
/// it is a bare follow-up. The grouping rules' specifics, compiled once.
struct PostAnalyzer: Sendable {
    /// The kinds of specific, in the rules' order (a specific's `kind` is its position here).
    let finders: [SpecificFinder]
    /// Every phrase and day word of every kind: (finder, the value it names, or days before the post).
    private let phrases: PhraseTable<PhraseHit>
    /// Every pattern of every kind as one alternation, so a post is searched once; for each
    /// pattern, its kind and where its groups start in the alternation.
    private let patterns: TextPattern?
    private let alternatives: [(finder: Int, start: Int, groups: Int)]
    private let followUpPhrases: [String]
    private let followUpLength: Int
    private let minHasher: MinHasher
    private let calendar: Calendar

    /// What finding a phrase means.
    private enum PhraseHit: Sendable {
        case value(finder: Int, name: String, spelling: String)
        case daysBefore(finder: Int, days: Int)
    }

    /// Checks and compiles the specifics, MinHash settings and time zone of `rules`. Throws
    /// ``OmbudError`` `grouping.invalid` naming the key and the fix.
    init(rules: GroupingRules) throws {
        func invalid(_ key: String, _ message: String, _ fix: String) -> OmbudError {
            OmbudError(code: .groupingInvalid, message: message, context: ["key": key], fix: fix)
        }
        let settings = rules.minhash ?? GroupingRules.MinHashSettings()
        guard settings.permutations > 0, settings.bands > 0, settings.permutations % settings.bands == 0 else {
            throw invalid("minhash", "bands (\(settings.bands)) must divide permutations (\(settings.permutations))",
                          "use for example permutations: 64 and bands: 16")
        }
        let zoneName = rules.timeZone ?? "Asia/Shanghai"
        guard let zone = TimeZone(identifier: zoneName) else {
            throw invalid("time_zone", "unknown time zone '\(zoneName)'", "use an IANA name such as Asia/Shanghai or Asia/Taipei")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
        minHasher = MinHasher(permutations: settings.permutations, bands: settings.bands)
        finders = try rules.specifics.enumerated().map { position, specific in
            try SpecificFinder(specific, key: "specifics[\(position)]")
        }
        followUpPhrases = rules.followUps.phrases.map(GroupingText.normalize)
        followUpLength = rules.followUps.maxLength
        var phrases = PhraseTable<PhraseHit>()
        for (position, finder) in finders.enumerated() {
            for phrase in finder.phrases {
                for spelling in phrase.spellings { phrases.add(spelling, .value(finder: position, name: phrase.name, spelling: spelling)) }
            }
            for (word, days) in finder.daysBefore { phrases.add(word, .daysBefore(finder: position, days: days)) }
        }
        self.phrases = phrases
        var alternatives: [(finder: Int, start: Int, groups: Int)] = []
        var sources: [String] = []
        for (position, finder) in finders.enumerated() {
            for pattern in finder.patterns {
                let groups = pattern.captureGroupCount ?? 0
                alternatives.append((position, sources.count + alternatives.reduce(0) { $0 + $1.groups } + 1, groups))
                sources.append("(" + pattern.source + ")")
            }
        }
        self.alternatives = alternatives
        patterns = sources.isEmpty ? nil : try TextPattern(sources.joined(separator: "|"), caseInsensitive: true)
    }

    /// Whether `post` is a bare follow-up ("+1", "顶", "同问"): it opens with a follow-up phrase,
    /// or is short and holds one.
    func isFollowUp(_ post: Post) -> Bool {
        let text = GroupingText.normalize(post.text).trimmingCharacters(in: .whitespacesAndNewlines)
        if followUpPhrases.contains(where: { text.hasPrefix($0) }) { return true }
        return text.count <= followUpLength && followUpPhrases.contains { text.contains($0) }
    }

    /// The features of `post` (an opening post is read with its thread's title).
    func features(of post: Post) -> PostFeatures {
        let (text, scalars, writing) = GroupingText.normalizeAndDetect(post.isOpening && !post.threadTitle.isEmpty
                                                                       ? post.threadTitle + "\n" + post.text : post.text)
        var named: [String: (weight: Double, kind: Int, surface: String)] = [:]
        for groups in patterns?.groups(in: text) ?? [] {
            guard let alternative = alternatives.first(where: { groups[$0.start] != nil }), let match = groups[alternative.start] else { continue }
            let captured = (0..<alternative.groups).compactMap { groups[alternative.start + 1 + $0] }
            let finder = finders[alternative.finder]
            if let value = finder.value(of: match, captured: captured, postedAt: post.postedAt, calendar: calendar) {
                named[finder.kind + ":" + value] = (finder.weight, alternative.finder, match.filter { !$0.isWhitespace })
            }
        }
        for hit in phrases.hits(in: scalars) {
            switch hit {
            case .value(let position, let name, let spelling):
                named[finders[position].kind + ":" + name] = (finders[position].weight, position, spelling)
            case .daysBefore(let position, let days):
                if let day = SpecificFinder.day(days, before: post.postedAt, calendar: calendar) {
                    named[finders[position].kind + ":" + day] = (finders[position].weight, position, day)
                }
            }
        }
        let shingles = PostFeatures.shingles(of: scalars)
        return PostFeatures(specifics: named, shingles: shingles, bands: minHasher.bandKeys(of: shingles), writing: writing)
    }
}
