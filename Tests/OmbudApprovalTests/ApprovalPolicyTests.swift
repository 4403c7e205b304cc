import Foundation
import OmbudApproval
import OmbudCore
import Testing

@Suite struct ApprovalPolicyTests {
    let policy = try! ApprovalPolicy()
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func person(_ name: String, _ role: Account.Role) -> Account {
        Account(name: name, role: role, passwordHash: "x", createdAt: now)
    }

    func subject(_ severity: Severity, flags: Set<Flag> = []) -> Case {
        Case(id: "c", category: "facilities", members: [], issues: [], flags: flags, severity: severity)
    }

    func draft(editedBy editor: String? = nil, findings: [LintFinding] = []) -> Draft {
        var draft = Draft(caseID: "c", thread: ThreadRef(source: "s", threadID: "1"), template: "t", language: "zh-CN", text: "您好", findings: findings)
        if let editor { draft.review = Draft.Review(lastEditor: editor) }
        return draft
    }

    func code(_ verdict: ApprovalPolicy.Verdict) -> String? {
        if case .refused(let code, _) = verdict { return code.rawValue }
        return nil
    }

    @Test func staffApproveOrdinaryCases() {
        #expect(policy.verdict(approving: draft(), of: subject(.general), by: person("a", .staff)) == .allowed)
        #expect(policy.verdict(approving: draft(editedBy: "a"), of: subject(.hot), by: person("a", .staff)) == .allowed)  // four-eyes from major
    }

    @Test func majorCasesNeedASupervisorAndFourEyes() {
        #expect(code(policy.verdict(approving: draft(), of: subject(.major), by: person("a", .staff))) == "approval.supervisor_needed")
        #expect(policy.verdict(approving: draft(editedBy: "a"), of: subject(.major), by: person("b", .supervisor)) == .allowed)
        #expect(code(policy.verdict(approving: draft(editedBy: "b"), of: subject(.major), by: person("b", .supervisor))) == "approval.four_eyes")
        #expect(policy.verdict(approving: draft(), of: subject(.major), by: person("c", .admin)) == .allowed)
    }

    @Test func mediaAndLegalThreatsAreTheSpokespersonsAlone() {
        for flag in [Flag.mediaThreat, .legalThreat] {
            #expect(code(policy.verdict(approving: draft(), of: subject(.hot, flags: [flag]), by: person("c", .admin))) == "approval.spokesperson_only")
            #expect(code(policy.verdict(approving: draft(), of: subject(.hot, flags: [flag]), by: person("b", .supervisor))) == "approval.spokesperson_only")
            #expect(policy.verdict(approving: draft(), of: subject(.hot, flags: [flag]), by: person("p", .spokesperson)) == .allowed)
        }
    }

    @Test func lintErrorsDisabledAccountsAndDoneDraftsAreRefused() {
        let forbidden = LintFinding(rule: "forbidden.blame", level: .error, matched: "公司规定", offset: 3, message: "禁语", suggestion: "先致歉")
        #expect(code(policy.verdict(approving: draft(findings: [forbidden]), of: subject(.general), by: person("a", .admin))) == "approval.lint")
        var disabled = person("a", .admin)
        disabled.disabled = true
        #expect(code(policy.verdict(approving: draft(), of: subject(.general), by: disabled)) == "approval.disabled")
        var approved = draft()
        approved.review = Draft.Review(approvedBy: "b")
        #expect(code(policy.verdict(approving: approved, of: subject(.general), by: person("a", .staff))) == "approval.already")
        var dismissed = subject(.general)
        dismissed.status = .notComplaint
        #expect(code(policy.verdict(approving: draft(), of: dismissed, by: person("a", .staff))) == "approval.not_a_complaint")
    }

    @Test func rulesAreConfigurableAndChecked() throws {
        let relaxed = try ApprovalPolicy(rules: ApprovalRules(spokespersonFlags: ["media_threat"], supervisorFrom: "hot", fourEyesFrom: "none"))
        #expect(relaxed.verdict(approving: draft(), of: subject(.hot, flags: [.legalThreat]), by: person("b", .supervisor)) == .allowed)
        #expect(code(relaxed.verdict(approving: draft(), of: subject(.hot), by: person("a", .staff))) == "approval.supervisor_needed")
        #expect(relaxed.verdict(approving: draft(editedBy: "b"), of: subject(.major), by: person("b", .supervisor)) == .allowed)
        #expect { try ApprovalPolicy(rules: ApprovalRules(spokespersonFlags: ["press"])) } throws: {
            ($0 as? OmbudError)?.context["key"] == "approval.spokesperson_flags"
        }
        #expect { try ApprovalPolicy(rules: ApprovalRules(fourEyesFrom: "huge")) } throws: {
            ($0 as? OmbudError)?.context["key"] == "approval.four_eyes_from"
        }
    }
}
