import Foundation
import OmbudCore
import OmbudTriage
import Testing

@Suite struct TriageTests {
    let triage = Project.workspace.triage

    @Test(arguments: [
        "3号楼电梯又坏了，困了人，物业电话一直没人接！",
        "5号楼地下车库漏水一周了，报修了两次都没人来修。",
        "物业乱收费，公摊电费每户多收了120元，要求公开账目。",
        "如果再不修电梯，我们就去12345投诉。",
        "The gym has been closed for weeks without notice. Unacceptable.",
        "7號樓已經停水兩天了，物業一句解釋都沒有，我要投訴！",
    ])
    func complaintsAreComplaints(text: String) {
        let verdict = triage.assess(text: text)
        #expect(verdict.isComplaint, "score \(verdict.score): \(verdict.reasons.map(\.rule))")
    }

    @Test(arguments: [
        "不是投诉，只是问一下今晚停电检修几点开始",
        "已经不漏水了，没有问题",
        "谢谢物业及时修好了电梯",
        "出售九成新婴儿推车，低价转让",
        "周末有人一起在中心花园打羽毛球吗",
        "请问门禁卡在哪里办理？",
    ])
    func nonComplaintsAreNot(text: String) {
        let verdict = triage.assess(text: text)
        #expect(!verdict.isComplaint, "score \(verdict.score): \(verdict.reasons.map(\.rule))")
    }

    /// labeling.md: advice to someone else to call a hotline is no threat and not the adviser's
    /// complaint; one's own or a group's plan to complain is.
    @Test(arguments: [
        ("楼主可以打12378，银行业的消费者投诉热线，比打行里的客服管用。", true),
        ("建议直接打12345投诉，有工单号后面好追踪。", true),
        ("录音和聊天记录都保存好，12315和当地市场监管局都可以投诉。", true),
        ("You can file it with the ombudsman, they take those seriously.", true),
        ("我们可以一起去市场监管局投诉，人多才有用。", false),
        ("大家可以一起去12345投诉。", false),
        ("如果再不修电梯，我们就去12345投诉。", false),
        ("I will file a complaint with the ombudsman tomorrow.", false),
    ])
    func adviceOnWhereToComplainCountsAgainstAComplaint(text: String, advice: Bool) {
        let verdict = triage.assess(text: text)
        #expect(verdict.reasons.contains { $0.rule == "counter.advice" } == advice, "\(verdict.reasons.map(\.rule))")
        if advice { #expect(!verdict.isComplaint, "score \(verdict.score): \(verdict.reasons.map(\.rule))") }
    }

    /// `flag_cuts`: a flag's own cut stands in for `flag_cut` for that flag only.
    @Test func aFlagsOwnCutStandsInForTheCommonOne() throws {
        let model = try #require(triage.model)
        let text = "3号楼的路灯坏了一个星期了，晚上黑漆漆的，物业一直没人来修"
        func flags(_ settings: ModelSettings) -> Set<Flag> {
            triage.withModel(model, settings: settings, taxonomy: "triage").assess(text: text).flags
        }
        // No model flag at a cut of 1; every model flag at 0.
        let none = flags(ModelSettings(file: "m", rulesWeight: 1, cut: 0.55, flagCut: 1))
        let safetyOnly = flags(ModelSettings(file: "m", rulesWeight: 1, cut: 0.55, flagCut: 1, flagCuts: ["safety": 0]))
        #expect(!none.contains(.safety) && safetyOnly.contains(.safety))
        #expect(safetyOnly.subtracting(none) == [.safety], "only the flag with its own cut")
        let settings = ModelSettings(flagCut: 0.45, flagCuts: ["repeat": 0.35])
        #expect(settings.cut(for: "repeat") == 0.35 && settings.cut(for: "safety") == 0.45 && settings.unknownFlagCut == nil)
        #expect(ModelSettings(flagCuts: ["safty": 0.3]).unknownFlagCut == "safty")
    }

    @Test func aNamedRootCauseLeadsTheRulesCategoriesOverTheSymptom() {
        // The leak and the pipe vote facilities; nobody coming for 25 days is the cause: service.
        let rules = Project.workspace.triage.withModel(nil, settings: ModelSettings(), taxonomy: "triage")
        let slow = rules.assess(text: "15幢公共立管漏水，水管一直滴水，到今天25天了还没人来修")
        #expect(slow.categories.first == "service", "\(slow.categories) \(slow.reasons.map(\.rule))")
        #expect(slow.categories.contains("facilities"))
        #expect(slow.reasons.contains { $0.rule == "service.no_response" })
        // The symptom alone stays facilities.
        #expect(rules.assess(text: "15幢公共立管漏水，水管一直滴水").categories.first == "facilities")
    }

    @Test func negationIsExplainedNotSilent() throws {
        let verdict = triage.assess(text: "不是投诉")
        let reason = try #require(verdict.reasons.first { $0.rule == "complaint.explicit" })
        #expect(reason.weight == 0 && verdict.score == 0, "不是 only cancels the phrase")
        #expect(reason.note.contains("不是"))
        // A complaint phrase said to be over (已经不) leans against a complaint by negation.weight.
        let over = try #require(triage.assess(text: "已经不漏水了").reasons.first { $0.note.contains("已经不") })
        #expect(over.weight == triage.lexicon.negation.weight && over.weight < 0)
        // A denied counter phrase adds nothing either way (were thanks negatable, 不用谢谢); a positive
        // weight is refused.
        var lexicon = triage.lexicon
        let thanks = try #require(lexicon.rules.firstIndex { $0.id == "counter.thanks" })
        lexicon.rules[thanks].negatable = true
        let denied = try #require(try Triage(lexicon: lexicon).assess(text: "不用谢谢").reasons.first { $0.rule == "counter.thanks" })
        #expect(denied.weight == 0 && denied.note.contains("不用"))
        lexicon.negation.weight = 0.5
        expectRefused(lexicon, code: "lexicon.bad_number", key: "negation.weight")
        lexicon.negation.weight = nil
        #expect(try Triage(lexicon: lexicon).assess(text: "已经不漏水了").score == 0, "no weight: the match only cancels")
    }

    @Test func flagsCategoriesAndIssuesCarryTheirSpans() throws {
        let text = "3号楼电梯困人，再不解决就找电视台曝光，我们20户业主联名起诉"
        let verdict = triage.assess(text: text)
        #expect(verdict.flags == [.safety, .mediaThreat, .collective, .legalThreat])
        // The rules lead with emergency (people trapped now); with the model in force the leading
        // category is a weighed vote (category_rules_weight), and the independent writers file
        // entrapments under facilities about as often, so only its presence is the rules' to say.
        #expect(verdict.categories.contains("emergency"))
        #expect(triage.withModel(nil, settings: ModelSettings(), taxonomy: "triage").assess(text: text).categories.first == "emergency")
        #expect(verdict.issues.contains("电梯困人"))
        let media = try #require(verdict.reasons.first { $0.rule == "flag.media" })
        #expect(String(Array(text)[media.offset..<media.offset + media.matched.count]) == media.matched)
    }

    func subject(authors: [String], flags: Set<Flag>) -> Case {
        Case(id: "c", category: "facilities", members: authors.enumerated().map { index, author in
            CaseMember(post: PostKey(source: "s", id: "\(index)"), thread: ThreadRef(source: "s", threadID: "1"), authorID: author,
                       authorName: author, postedAt: Date(timeIntervalSince1970: 0), role: .report, reasons: [])
        }, issues: [], flags: flags)
    }

    @Test func severityFollowsTheManual() {
        #expect(triage.severity(of: subject(authors: ["a"], flags: [])).0 == .general)
        #expect(triage.severity(of: subject(authors: ["a"], flags: [.repeat])).0 == .important)
        #expect(triage.severity(of: subject(authors: ["a", "b", "c"], flags: [])).0 == .hot)
        #expect(triage.severity(of: subject(authors: ["a"], flags: [.mediaThreat])).0 == .hot)
        #expect(triage.severity(of: subject(authors: ["a"], flags: [.legalThreat])).0 == .hot)
        #expect(triage.severity(of: subject(authors: ["a"], flags: [.safety])).0 == .major, "people at risk now")
        #expect(triage.severity(of: subject(authors: ["a"], flags: [.collective])).0 == .hot, "a collective action forming")
        #expect(triage.severity(of: subject(authors: ["a", "b", "c", "d", "e"], flags: [.collective])).0 == .major)
        #expect(triage.severity(of: subject(authors: ["a", "b", "c", "d", "e"], flags: [])).0 == .hot,
                "five people each complaining on their own: 3+ of the same type, not a collective complaint")
        #expect(triage.severity(of: subject(authors: ["a", "a", "a", "a", "a"], flags: [])).0 == .general)
        let (severity, reasons) = triage.severity(of: subject(authors: ["a", "b", "c", "d", "e"], flags: [.collective, .mediaThreat]))
        #expect(severity == .major)
        #expect(reasons.map(\.rule) == ["severity.collective_complainants"])
    }

    @Test func proximityDecidesWhetherARuleFires() {
        #expect(triage.assess(text: "3号楼电梯坏了，物业不管").reasons.contains { $0.rule == "complaint.not_managing" })
        #expect(!triage.assess(text: "不管怎样，周末的活动照常举行").reasons.contains { $0.rule == "complaint.not_managing" })
    }

    @Test func issuesCarryTheirSpans() throws {
        let text = "7号楼停水两天了，电梯也坏了"
        let verdict = triage.assess(text: text)
        #expect(verdict.issues == verdict.issueSpans.map(\.note))
        let water = try #require(verdict.issueSpans.first { $0.note == "停水" })
        #expect(String(Array(text)[water.offset..<water.offset + water.matched.count]) == water.matched)
        #expect(verdict.issueSpans.contains { $0.note == "电梯故障" })
    }

    @Test func exposureThatHappenedMakesTheCaseMajor() throws {
        let verdict = triage.assess(text: "停水四天了，今天已经有记者来小区了解情况")
        #expect(verdict.flags.contains(.mediaThreat) && verdict.caseSeverity == .major)
        var subject = subject(authors: ["a"], flags: verdict.flags)
        subject.severityFloor = verdict.caseSeverity
        let (severity, reasons) = triage.severity(of: subject)
        #expect(severity == .major && reasons.contains { $0.rule == "severity.case_severity" })
        #expect(triage.assess(text: "再不来水就找记者曝光").caseSeverity == nil)  // a threat is not yet exposure
    }

    @Test func peopleAtRiskNowMakeTheCaseMajor() {
        for text in ["3号楼电梯困人了，里面有老人，按警铃没人应", "地库B2冒烟了，有股焦味", "Someone is trapped in the lift at Block 3"] {
            let verdict = triage.assess(text: text)
            #expect(verdict.flags.contains(.safety), "\(text)")
            #expect(triage.severity(of: subject(authors: ["a"], flags: verdict.flags)).0 == .major, "\(text)")
        }
    }

    @Test func threeComplainantsOfOneProblemWithinAMonthMakeItHot() throws {
        var lonely = subject(authors: ["a"], flags: [])
        lonely.issues = ["漏水"]
        var peer = subject(authors: ["b", "c"], flags: [])
        peer.id = "other"
        peer.issues = ["停水", "漏水"]
        let (severity, reasons) = triage.severity(of: lonely, peers: [lonely.peer, peer.peer])
        #expect(severity == .hot)
        #expect(reasons.map(\.rule) == ["severity.same_problem"] && reasons.first?.matched == "漏水")
        peer.category = "fees"
        #expect(triage.severity(of: lonely, peers: [peer.peer]).0 == .hot, "the problem counts, not the category")
        peer.category = lonely.category
        peer.issues = ["电梯故障"]
        #expect(triage.severity(of: lonely, peers: [lonely.peer, peer.peer]).0 == .general,
                "the same category is not the same problem: a busy board's every case would be hot")
        peer.issues = ["漏水"]
        for index in peer.members.indices { peer.members[index].postedAt = lonely.firstSeen.addingTimeInterval(31 * 86_400) }
        #expect(triage.severity(of: lonely, peers: [peer.peer]).0 == .general, "not within a month")
        lonely.issues = []
        #expect(triage.severity(of: lonely, peers: [peer.peer]).0 == .general)
    }

    @Test func casesSharingOnlyABroadIssueAreNotTheSameProblem() throws {
        #expect(triage.lexicon.severity.broadIssues?.contains("服务态度") == true)
        var lonely = subject(authors: ["a"], flags: [])
        lonely.issues = ["服务态度"]
        var peer = subject(authors: ["b", "c"], flags: [])
        peer.id = "other"
        peer.issues = ["服务态度"]
        #expect(triage.severity(of: lonely, peers: [lonely.peer, peer.peer]).0 == .general,
                "rude staff in three threads are three complaints of a kind, not one fault")
        lonely.issues = ["服务态度", "漏水"]
        peer.issues = ["服务态度", "漏水"]
        let (severity, reasons) = triage.severity(of: lonely, peers: [lonely.peer, peer.peer])
        #expect(severity == .hot && reasons.first?.matched == "漏水", "a fault shared beside a broad issue still counts, and only it is named")
        #expect(triage.sameProblemIssues(of: lonely.issues) == ["漏水"])

        var lexicon = triage.lexicon
        lexicon.severity.broadIssues = ["服务态度", "态度问题"]
        expectRefused(lexicon, code: "lexicon.unknown_issue", key: "severity.broad_issues[1]")
        // Where every issue is that broad (retail, bank, car), the count across cases is off.
        lexicon = triage.lexicon
        lexicon.severity.sameTypeComplainants = 0
        let off = try Triage(lexicon: lexicon)
        lonely.issues = ["漏水"]
        peer.issues = ["漏水"]
        #expect(off.severity(of: lonely, peers: [lonely.peer, peer.peer]).0 == .general)
        lexicon.severity.sameTypeComplainants = -1
        expectRefused(lexicon, code: "lexicon.bad_number", key: "severity.same_type_complainants")
        #expect(Project.workspace.lexicons["car"]?.lexicon.severity.sameTypeComplainants == 0)
    }

    @Test func importantCustomersAreFlaggedWithTheReason() {
        func post(author: String, posts: Int?) -> Post {
            Post(source: "s", id: "1", threadID: "1", threadTitle: "物业费", board: "b", floor: 1, author: author, authorID: "9",
                 postedAt: Date(timeIntervalSince1970: 0), text: "物业费乱收费，要求公开账目", url: "", authorPosts: posts)
        }
        let listed = triage.assess(post(author: "业委会老何", posts: nil))
        #expect(listed.flags.contains(.importantCustomer) && listed.reasons.contains { $0.rule == "important_customer.listed" })
        let activist = triage.assess(post(author: "someone", posts: 800))
        #expect(activist.flags.contains(.importantCustomer) && activist.reasons.contains { $0.rule == "important_customer.activist" })
        #expect(!triage.assess(post(author: "someone", posts: 12)).flags.contains(.importantCustomer))
        #expect(!triage.assess(post(author: "someone", posts: nil)).flags.contains(.importantCustomer))
    }

    @Test func aBadLexiconNamesTheRule() throws {
        var lexicon = triage.lexicon
        lexicon.rules.append(.init(id: "x.bad", phrases: ["坏"], weight: 1, category: "nonsense"))
        #expect {
            try Triage(lexicon: lexicon)
        } throws: { error in
            let error = error as? OmbudError
            return error?.code.rawValue == "lexicon.unknown_category" && error?.context["rule"] == "x.bad"
        }
        var causeless = triage.lexicon
        causeless.rules.append(.init(id: "x.cause", phrases: ["没人来"], weight: 1))
        causeless.rules[causeless.rules.count - 1].cause = true
        #expect {
            try Triage(lexicon: causeless)
        } throws: { error in
            (error as? OmbudError)?.code.rawValue == "lexicon.cause_without_category" && (error as? OmbudError)?.context["rule"] == "x.cause"
        }
    }

    /// Expects `lexicon` to be refused at load with `code`, naming `key`.
    func expectRefused(_ lexicon: Lexicon, code: String, key: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sourceLocation: sourceLocation) {
            try Triage(lexicon: lexicon)
        } throws: { error in
            let error = error as? OmbudError
            return error?.code.rawValue == code && error?.context["key"] == key
        }
    }
}
