import Foundation
import OmbudCore

extension Triage {
    /// This triage with a learned model beside its rules; `taxonomy` names the lexicon's
    /// categories in the model (`triage` for the property set, `retail`, …).
    public func withModel(_ model: TriageModel?, settings: ModelSettings, taxonomy: String) -> Triage {
        var copy = self
        copy.model = model
        copy.modelSettings = settings
        copy.taxonomy = taxonomy
        return copy
    }

    /// The verdict on `text` read in its thread's `context`: the rules, the thread-context rules
    /// and the model, combined as ``ModelSettings`` says; every reason and the model's share kept.
    public func assess(text: String, context: ThreadContext = .opening, post: PostKey = PostKey(source: "-", id: "-")) -> Assessment {
        let read = rulesAssessment(text: text, post: post)
        var assessment = read.assessment, forced = read.forced
        let lowered = read.lowered, values = read.scalars
        var bump = false
        if let rules = lexicon.context {
            bump = values.count <= 40 && !zip(values, bumps.covered(in: values)).contains { Self.isWordScalar($0) && !$1 }
            if bump {
                assessment.reasons.append(Reason(rule: "context.bump", matched: text, offset: 0, weight: 0,
                                                 note: "a bump with nothing added: not a complaint"))
            } else if !context.isOpening && context.complaintThread,
                      applyAgreement(rules, lowered: lowered, values: values, context: context, to: &assessment), forced == nil {
                forced = .complaint   // signing or joining is a complaint by definition (labeling.md)
            }
        }
        var combined = 0.0
        if let model {
            let prediction = model.predict(text, context: context.featureSet, lexicon: taxonomy)
            // The rules' score adds to the model's log-odds: strong rules outweigh a doubtful model,
            // and a post no rule knows is the model's alone.
            let odds = log(max(prediction.probability, 1e-9) / max(1 - prediction.probability, 1e-9))
            combined = 1 / (1 + exp(-(odds + modelSettings.rulesWeight * assessment.score)))
            let flags = prediction.flags.filter { $0.value >= modelSettings.cut(for: $0.key) }
            for (id, probability) in flags.sorted(by: { $0.key < $1.key }) {
                guard let flag = Flag(rawValue: id), !assessment.flags.contains(flag) else { continue }
                assessment.flags.insert(flag)
                assessment.reasons.append(Reason(rule: "model.flag", matched: id, offset: 0, weight: 0,
                                                 note: "the model: flag \(id) at \(ModelShare.percent(probability))"))
            }
            if let category = Self.category(model: prediction.categoryShares, rules: assessment.categories, thread: context.threadCategoryShares,
                                            isReply: !context.isOpening, settings: modelSettings) {
                assessment.categories.removeAll { $0 == category }
                assessment.categories.insert(category, at: 0)
            }
            assessment.model = ModelShare(version: model.version, probability: prediction.probability, combined: combined,
                                          features: prediction.features, flags: flags, category: prediction.category,
                                          categoryProbability: prediction.categoryProbability)
        }
        switch forced {
        case .complaint?: assessment.isComplaint = true
        case .notComplaint?: assessment.isComplaint = false
        case nil: assessment.isComplaint = !bump && (model == nil ? assessment.score >= lexicon.threshold : combined >= modelSettings.cut)
        }
        if assessment.isComplaint, let original = context.repostOf {
            assessment.flags.insert(.repeat)
            assessment.reasons.append(Reason(rule: "context.repost", matched: original, offset: 0, weight: 0,
                                             note: "repeats post \(original) of another thread near-verbatim: flag repeat"))
        }
        if assessment.isComplaint, context.afterOfficial, !assessment.flags.contains(.repeat),
           let cue = repeatCues.first(in: values) {
            assessment.flags.insert(.repeat)
            assessment.reasons.append(Reason(rule: "context.repeat", matched: cue, offset: 0, weight: 0,
                                             note: "again or still, after our answer in the thread: flag repeat"))
        }
        if assessment.isComplaint, !assessment.flags.contains(.repeat), let cue = countedRepeatCues.first(in: values) {
            assessment.flags.insert(.repeat)
            assessment.reasons.append(Reason(rule: "context.counted_repeat", matched: cue, offset: 0, weight: 0,
                                             note: "reported again (counted, reposted or back after handling): flag repeat"))
        }
        if assessment.isComplaint, assessment.flags.contains(.collective), (assessment.caseSeverity ?? .general) < .major,
           let (count, matched) = collectiveCount(in: read.lowered), count >= lexicon.severity.majorComplainants {
            assessment.caseSeverity = .major
            assessment.reasons.append(Reason(rule: "context.collective_count", matched: matched, offset: 0, weight: 0,
                                             note: "a collective complaint speaking for \(count) households or people: major from \(lexicon.severity.majorComplainants)"))
        }
        if assessment.isComplaint && assessment.categories.isEmpty, let inherited = context.threadCategories.first {
            assessment.categories = [inherited]
            assessment.reasons.append(Reason(rule: "context.thread_category", matched: inherited, offset: 0, weight: 0,
                                             note: "names no category: takes its thread's, \(inherited)"))
        }
        return assessment
    }

    /// Agreement or signing in a complaint thread: adds `agreement_weight` when the reply says
    /// something of its own (or signs), and `collective` when it signs or joins. Returns whether
    /// the reply signs or joins.
    private func applyAgreement(_ rules: Lexicon.ContextRules, lowered: String, values: [UInt32], context: ThreadContext,
                                to assessment: inout Assessment) -> Bool {
        var signing = self.signing.first(in: values)
        if signing == nil, context.threadFlags.contains(.collective),
           let household = householdPatterns.lazy.compactMap({ $0.firstMatch(in: lowered) }).first {
            signing = household.text
        }
        let agreement = self.agreement.first(in: values)
        guard let cue = signing ?? agreement else { return false }
        let ownWords = zip(values, cues.covered(in: values)).filter { Self.isWordScalar($0) && !$1 }.count
        guard signing != nil || ownWords >= rules.ownWords else { return false }
        assessment.score += rules.agreementWeight
        let kind = signing != nil ? "signs or joins" : "agrees and adds their own case"
        assessment.reasons.append(Reason(rule: signing != nil ? "context.signing" : "context.agreement", matched: cue, offset: 0,
                                         weight: rules.agreementWeight, note: "in a complaint thread, \(kind)"))
        if signing != nil, !assessment.flags.contains(.collective) {
            assessment.flags.insert(.collective)
        }
        return signing != nil
    }

    /// The largest number of households or people the text says a collective complaint speaks
    /// for (``Lexicon/ContextRules/collectiveCounts``), with the words that say it.
    func collectiveCount(in lowered: String) -> (Int, String)? {
        collectiveCountPatterns.flatMap { $0.matches(in: lowered) }
            .compactMap { match in match.groups.first.flatMap { $0 }.flatMap { ChineseNumeral.value(of: $0) }.map { ($0, match.text) } }
            .max { $0.0 < $1.0 }
    }

    /// Letters, digits and CJK ideographs: what counts as saying something.
    static func isWordScalar(_ value: UInt32) -> Bool {
        switch value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x3400...0x4DBF, 0x4E00...0x9FFF: return true
        case 0...0x7F, 0x3000...0x303F, 0xFF00...0xFF0F, 0xFF1A...0xFF20: return false   // ASCII and CJK punctuation
        default: return Unicode.Scalar(value).map { $0.properties.isAlphabetic || $0.properties.numericType != nil } ?? false
        }
    }

    /// The leading category: the model's shares, the rules' strongest categories (their order)
    /// weighed by `category_rules_weight`, and for a reply the share of its thread's earlier
    /// complaints that led with each category, by `category_thread_weight`; nil when none has a vote.
    static func category(model: [String: Double], rules: [String], thread: [String: Double], isReply: Bool,
                         settings: ModelSettings) -> String? {
        var votes = model.mapValues { $0 * (1 - settings.categoryRulesWeight) }
        for (rank, category) in rules.enumerated() { votes[category, default: 0] += settings.categoryRulesWeight / Double(rank + 1) }
        if isReply { for (category, share) in thread { votes[category, default: 0] += settings.categoryThreadWeight * share } }
        return votes.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

}
