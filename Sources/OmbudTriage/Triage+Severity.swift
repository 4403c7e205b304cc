import OmbudCore

extension Triage {
    /// The severity of a whole case (domain.md §4), with the reasons, recomputed from its members.
    ///
    /// - major: a collective complaint, or at least `major_complainants` distinct complainants;
    /// - hot: a media or legal threat, a safety risk, or at least `hot_complainants` distinct complainants;
    /// - important: the same problem raised again after handling (`repeat`);
    /// - general: everything else.
    public func severity(of subject: Case) -> (Severity, [Reason]) {
        let thresholds = lexicon.severity
        let complainants = subject.complainants.count
        var grades: [(Severity, Reason)] = []
        func grade(_ severity: Severity, _ rule: String, _ matched: String, _ note: String) {
            grades.append((severity, Reason(rule: rule, matched: matched, offset: 0, weight: 0, note: note)))
        }
        if subject.flags.contains(.collective) {
            grade(.major, "severity.collective", Flag.collective.rawValue, "a collective complaint is major")
        }
        if complainants >= thresholds.majorComplainants {
            grade(.major, "severity.complainants", "\(complainants)", "\(complainants) complainants ≥ \(thresholds.majorComplainants)")
        } else if complainants >= thresholds.hotComplainants {
            grade(.hot, "severity.complainants", "\(complainants)", "\(complainants) complainants ≥ \(thresholds.hotComplainants)")
        }
        for flag in [Flag.mediaThreat, .legalThreat] where subject.flags.contains(flag) {
            grade(.hot, "severity.\(flag.rawValue)", flag.rawValue, "a media or legal threat is at least hot")
        }
        if subject.flags.contains(.safety) {
            grade(.hot, "severity.safety", Flag.safety.rawValue, "someone's safety is at stake: at least hot")
        }
        if subject.flags.contains(.repeat) {
            grade(.important, "severity.repeat", Flag.repeat.rawValue, "raised again after handling")
        }
        guard let top = grades.map(\.0).max() else { return (.general, []) }
        return (top, grades.filter { $0.0 == top }.map(\.1))
    }
}
