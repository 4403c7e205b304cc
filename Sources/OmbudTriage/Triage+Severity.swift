import OmbudCore

extension Triage {
    /// The issues of `issues` that name one kind of fault, the ones "the same problem" across
    /// cases is counted by: all but the lexicon's `broad_issues`.
    public func sameProblemIssues(of issues: [String]) -> Set<String> {
        Set(issues).subtracting(lexicon.severity.broadIssues ?? [])
    }

    /// The severity of a whole case (domain.md §4), with the reasons, recomputed from its members.
    ///
    /// - major: people at risk now (`safety`, by a rule or the model: labeling.md's "a safety
    ///   emergency"; a missed emergency costs more than a false alarm), a post's least severity
    ///   (a rule's `case_severity`: exposure that already happened; a collective complaint that
    ///   says it speaks for `major_complainants` households or more), or a collective complaint (`collective`) of at least
    ///   `major_complainants` distinct complainants (domain.md: 5+ people);
    /// - hot: a media or legal threat, a collective action forming (`collective`), or at least
    ///   `hot_complainants` distinct complainants, each on their own (3+ complaints of the same
    ///   type from different people);
    /// - important: the same problem raised again after handling (`repeat`);
    /// - general: everything else.
    /// `peers` are the other cases known (any status): with them, `same_type_complainants`
    /// different people about **the same problem** within `same_type_days` make each such case hot.
    /// The same problem is the same kind of fault (labeling.md): cases that share an issue (漏水,
    /// 电梯困人, 物业费上涨), not merely a category, which would make nearly every case of a busy
    /// board hot; the lexicon's `broad_issues` (服务态度, 收费争议) name kinds of complaint, not
    /// faults, and never count. A case that raised no issue has no "same problem" to count.
    public func severity(of subject: Case, peers: [CasePeer] = []) -> (Severity, [Reason]) {
        let thresholds = lexicon.severity
        let complainants = subject.complainants.count
        var grades: [(Severity, Reason)] = []
        func grade(_ severity: Severity, _ rule: String, _ matched: String, _ note: String) {
            grades.append((severity, Reason(rule: rule, matched: matched, offset: 0, weight: 0, note: note)))
        }
        if let floor = subject.severityFloor {
            grade(floor, "severity.case_severity", floor.rawValue,
                  "a post of the case calls for at least \(floor.rawValue) (people at risk now, exposure that already happened, or a collective speaking for many households)")
        }
        let sameType = thresholds.sameTypeComplainants ?? 3
        if sameType > 0 {
            let window = Double(thresholds.sameTypeDays ?? 30) * 86_400
            let issues = sameProblemIssues(of: subject.issues)
            let related = peers.filter {
                $0.id != subject.id && !$0.issues.isDisjoint(with: issues) && abs($0.firstSeen.timeIntervalSince(subject.firstSeen)) <= window
            }
            let people = related.reduce(subject.complainants) { $0.union($1.complainants) }
            if !related.isEmpty, people.count >= sameType {
                let shared = subject.issues.filter { issue in issues.contains(issue) && related.contains { $0.issues.contains(issue) } }
                grade(.hot, "severity.same_problem", shared.joined(separator: "、"),
                      "\(people.count) complainants about \(shared.joined(separator: ", ")) in \(related.count + 1) cases within \(thresholds.sameTypeDays ?? 30) days")
            }
        }
        if subject.flags.contains(.collective) {
            grade(.hot, "severity.collective", Flag.collective.rawValue, "a collective action is forming: at least hot (major from \(thresholds.majorComplainants) households)")
        }
        if complainants >= thresholds.majorComplainants, subject.flags.contains(.collective) {
            grade(.major, "severity.collective_complainants", "\(complainants)",
                  "a collective complaint of \(complainants) complainants ≥ \(thresholds.majorComplainants)")
        } else if complainants >= thresholds.hotComplainants {
            grade(.hot, "severity.complainants", "\(complainants)", "\(complainants) complainants ≥ \(thresholds.hotComplainants)")
        }
        for flag in [Flag.mediaThreat, .legalThreat] where subject.flags.contains(flag) {
            grade(.hot, "severity.\(flag.rawValue)", flag.rawValue, "a media or legal threat is at least hot")
        }
        if subject.flags.contains(.safety) {
            grade(.major, "severity.safety", Flag.safety.rawValue, "people at risk now (a safety emergency): major")
        }
        if subject.flags.contains(.repeat) {
            grade(.important, "severity.repeat", Flag.repeat.rawValue, "raised again after handling")
        }
        guard let top = grades.map(\.0).max() else { return (.general, []) }
        return (top, grades.filter { $0.0 == top }.map(\.1))
    }
}
