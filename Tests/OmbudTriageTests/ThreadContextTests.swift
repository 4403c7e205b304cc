import OmbudCore
@testable import OmbudTriage
import Testing

/// A reply read with its thread (labeling.md): bumps, agreement that adds the writer's own case,
/// signing, the thread's category; the rules alone (the shipped lexicon, no model).
@Suite struct ThreadContextTests {
    let triage = Project.workspace.triage.withModel(nil, settings: ModelSettings(), taxonomy: "triage")
    let complaintThread = ThreadContext.reply(complaintThread: true, categories: ["facilities"])

    @Test(arguments: ["顶", "顶顶顶！！", "+1", "UP", "mark 👍", "沙发"])
    func aBareBumpIsNeverAComplaint(text: String) {
        let verdict = triage.assess(text: text, context: complaintThread)
        #expect(!verdict.isComplaint)
        #expect(verdict.reasons.contains { $0.rule == "context.bump" })
    }

    @Test func agreementThatAddsTheWritersOwnCaseIsAComplaintInAComplaintThread() {
        let text = "我们11栋也一样，热水器都打不着火"
        let inThread = triage.assess(text: text, context: complaintThread)
        #expect(inThread.isComplaint)
        #expect(inThread.reasons.contains { $0.rule == "context.agreement" })
        #expect(inThread.primaryCategory == "facilities")
        // The same words in a thread nobody complained in add nothing.
        #expect(!triage.assess(text: text, context: .reply(complaintThread: false)).reasons.contains { $0.rule == "context.agreement" })
        // Agreement with nothing of one's own is a follow-up, not a complaint.
        #expect(!triage.assess(text: "同样", context: complaintThread).isComplaint)
    }

    @Test func signingIsACollectiveComplaint() {
        let verdict = triage.assess(text: "加我一个，东区7号", context: complaintThread)
        #expect(verdict.isComplaint && verdict.flags.contains(.collective))
        #expect(verdict.reasons.contains { $0.rule == "context.signing" })
    }

    @Test func theContextFollowsTheThread() {
        let complaint = Assessment(post: PostKey(source: "s", id: "1"), isComplaint: true, score: 3, categories: ["fees"], flags: [.legalThreat],
                                   issues: [], reasons: [])
        let after = ThreadContext.opening.adding(complaint, official: false)
        #expect(!after.isOpening && after.complaintThread && after.threadCategories == ["fees"] && after.threadFlags == [.legalThreat])
        let official = after.adding(Assessment(post: PostKey(source: "s", id: "2"), isComplaint: false, score: 0, categories: [], flags: [],
                                               issues: [], reasons: []), official: true)
        #expect(official.afterOfficial && official.complaintThread)
        // A reply's category leans on what the thread's complaints are mostly about.
        func led(_ id: String, _ category: String) -> Assessment {
            Assessment(post: PostKey(source: "s", id: id), isComplaint: true, score: 3, categories: [category], flags: [], issues: [], reasons: [])
        }
        let mostly = official.adding(led("3", "facilities"), official: false).adding(led("4", "facilities"), official: false)
            .adding(led("5", "facilities"), official: false)
        #expect(mostly.threadCategories == ["fees", "facilities"] && mostly.threadCategoryShares == ["fees": 0.25, "facilities": 0.75])
        let settings = ModelSettings()
        #expect(Triage.category(model: [:], rules: [], thread: mostly.threadCategoryShares, isReply: true, settings: settings) == "facilities")
        #expect(Triage.category(model: [:], rules: [], thread: mostly.threadCategoryShares, isReply: false, settings: settings) == nil)
    }

    @Test func theContextKnowsWhoOpenedWhoComplainedAndWhetherWeJustAnswered() {
        func post(_ id: String, complaint: Bool) -> Assessment {
            Assessment(post: PostKey(source: "s", id: id), isComplaint: complaint, score: 0, categories: complaint ? ["fees"] : [], flags: [],
                       issues: [], reasons: [])
        }
        func reading(_ author: String, after context: ThreadContext) -> ThreadContext {
            var next = context
            next.author = author
            return next
        }
        var context = reading("ann", after: .opening)
        #expect(!context.featureSet.contains(.byOpener), "the opening is not a reply by its opener")
        context = reading("bob", after: context.adding(post("1", complaint: true), official: false))
        context = reading("ann", after: context.adding(post("2", complaint: false), official: false))
        #expect(context.featureSet.isSuperset(of: [.byOpener, .complainedBefore]) && !context.featureSet.contains(.justAfterOfficial))
        context.author = "bob"
        #expect(context.featureSet.isDisjoint(with: [.byOpener, .complainedBefore]), "bob posted, but no complaint")
        context.author = "物业客服"
        context = reading("bob", after: context.adding(post("3", complaint: false), official: true))
        #expect(context.featureSet.contains(.justAfterOfficial))
        context = context.adding(post("4", complaint: true), official: false)
        #expect(!context.featureSet.contains(.justAfterOfficial) && context.complainants == ["ann", "bob"])
        // Without an author (a corpus without authors), no author feature is read.
        context.author = nil
        #expect(context.featureSet.isDisjoint(with: [.byOpener, .complainedBefore]))
    }

    @Test func aComplaintThatCountsItsReportsIsARepeatWithoutAnAnswerInTheThread() {
        // The earlier report was answered elsewhere: counting it, or saying it is posted again, is enough.
        for text in ["3栋电梯又坏了，这个月第三次了，每次都说修好了", "【重发】15幢立管漏水还没修，上次发帖物业说一周内处理", "The lift is broken for the third time this month and nobody came"] {
            let verdict = triage.assess(text: text)
            #expect(verdict.isComplaint && verdict.flags.contains(.repeat), "\(text)")
            #expect(verdict.reasons.contains { $0.rule == "context.counted_repeat" }, "\(text)")
        }
        // "Still" without an answer before it is not counted; a post that is no complaint is never a repeat.
        #expect(!triage.assess(text: "电梯还是很慢，物业太差了").flags.contains(.repeat))
        #expect(!triage.assess(text: "这是我第二次参加小区的跳蚤市场，很开心").flags.contains(.repeat))
    }

    @Test func aCollectiveThatSaysHowManyItSpeaksForSetsTheCasesLeastSeverity() {
        // A petition signed by 32 households is a collective complaint of 5+ (domain.md §4), however few post.
        for text in ["支持联名，我们8号楼32户都签了字。", "Count us in: 40 households of Block 3 signed against the fee rise."] {
            let verdict = triage.assess(text: text, context: complaintThread)
            #expect(verdict.isComplaint && verdict.flags.contains(.collective), "\(text)")
            #expect(verdict.caseSeverity == .major && verdict.reasons.contains { $0.rule == "context.collective_count" }, "\(text)")
        }
        // The count said as people write it: in Chinese numerals, as members of a group, as signatures.
        for (text, count) in [("联名信已经有三十多户签了，算我一个", "三十"), ("我们建了维权群，目前已经十几个人了，准备一起联名投诉", "十"),
                              ("我们现在有6家，都是这个网点的老人，准备一起联名投诉", "6"), ("Count us in, the petition has 60 signatures against the fee rise", "60")] {
            let verdict = triage.assess(text: text, context: complaintThread)
            #expect(verdict.flags.contains(.collective) && verdict.caseSeverity == .major, "\(text)")
            #expect(verdict.reasons.first { $0.rule == "context.collective_count" }?.matched.contains(count) == true, "\(text)")
        }
        // Fewer than major_complainants, or a number that counts something else, sets nothing.
        #expect(triage.assess(text: "加我一个，我们3户都签了", context: complaintThread).caseSeverity == nil)
        #expect(triage.assess(text: "加我一个，8号楼1单元，每户多收了120元", context: complaintThread).caseSeverity == nil)
        // A room number, a product's name, money, shops asked: numbers that count no one.
        for text in ["加我一个，我是3栋1202业主", "联名+1，我们都是奥迪Q5车主", "联名+1，总共3000人民币的押金没退", "联名+1，我问了5家，都说不管",
                     "加我一个，我家两个车位都涨了，一家三口都签了"] {
            #expect(triage.assess(text: text, context: complaintThread).caseSeverity == nil, "\(text)")
        }
        #expect(triage.assess(text: "联名信已经有一百零三户签了", context: complaintThread).reasons
            .first { $0.rule == "context.collective_count" }?.matched.contains("一百零三") == true)
    }

    @Test func aCollectiveCountPatternNeedsAGroupForTheNumber() throws {
        var lexicon = triage.lexicon
        lexicon.context?.collectiveCounts = ["\\d+户"]
        #expect {
            try Triage(lexicon: lexicon)
        } throws: { error in
            (error as? OmbudError)?.code.rawValue == "lexicon.bad_pattern" && (error as? OmbudError)?.context["key"] == "context.collective_counts"
        }
    }
}
