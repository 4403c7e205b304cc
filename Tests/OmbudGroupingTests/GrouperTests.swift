import Foundation
import OmbudCore
import OmbudGrouping
import Testing

@Suite struct GrouperTests {
    let triage = Project.workspace.triage
    let start = Date(timeIntervalSince1970: 1_763_420_000)

    func post(_ id: String, thread: String, floor: Int = 1, author: String, title: String = "", _ text: String, minutes: Double = 0,
              source: String = "forum") -> Post {
        Post(source: source, id: id, threadID: thread, threadTitle: title, board: "2", floor: floor, author: author, authorID: author,
             postedAt: start.addingTimeInterval(minutes * 60), text: text, url: "")
    }

    func assign(_ grouper: inout Grouper, _ post: Post) -> Grouper.Assignment? {
        grouper.assign(post, triage.assess(post))
    }

    @Test func theSameEventToldTwiceIsOneCase() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let first = try #require(assign(&grouper, post("1", thread: "10", author: "a", title: "3号楼电梯又坏了",
                                                       "今天早上3号楼2单元电梯坏了，老人被困二十分钟，物业电话没人接。")))
        let second = try #require(assign(&grouper, post("2", thread: "11", author: "b", title: "3栋电梯困人",
                                                        "我妈妈在3号楼电梯里被困了半小时，打物业电话都没人接，电梯故障太多次了。", minutes: 15)))
        #expect(first.opened)
        #expect(second.caseID == first.caseID)
        #expect(second.role == .report)
        let subject = try #require(grouper.caseWithID(first.caseID))
        #expect(subject.complainants.count == 2)
        #expect(subject.threads.count == 2)
        #expect(subject.members[1].reasons.contains { $0.matched == "building:3" })
    }

    @Test func differentPlacesAreDifferentCases() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let leak = try #require(assign(&grouper, post("1", thread: "10", author: "a", "5号楼地下车库漏水一周了没人修，太差了。")))
        let lift = try #require(assign(&grouper, post("2", thread: "11", author: "b", "8号楼电梯坏了三天了，没人来修，太差了。", minutes: 5)))
        #expect(leak.caseID != lift.caseID)
        #expect(lift.opened)
    }

    @Test func aCrossPostedCopyIsARepost() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let text = "今天早上7点40分，3号楼2单元的电梯又坏了，我家老人被困在电梯里二十多分钟，打物业电话一直没人接。"
        let original = try #require(assign(&grouper, post("1", thread: "10", author: "a", text)))
        let copy = try #require(assign(&grouper, post("9", thread: "77", author: "z", text, minutes: 30, source: "other-forum")))
        #expect(copy.caseID == original.caseID)
        #expect(copy.role == .repost)
        #expect(grouper.caseWithID(original.caseID)?.sources == ["forum", "other-forum"])
    }

    @Test func followUpsAddHeatAndOnlyComplaintsAddComplainants() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let origin = try #require(assign(&grouper, post("1", thread: "10", author: "a", "7号楼停水两天了，物业一句解释都没有。")))
        for (index, text) in ["+1", "同样", "我家也是，7号楼一滴水都没有", "顶"].enumerated() {
            let reply = post("\(index + 2)", thread: "10", floor: index + 2, author: "r\(index)", text, minutes: Double(index + 1))
            var assessment = triage.assess(reply)
            // Read in its thread, the me-too that adds the writer's own flat is a complaint (labeling.md).
            assessment.isComplaint = text.contains("我家也是")
            let assignment = grouper.assign(reply, assessment)
            let joined = try #require(assignment)
            #expect(joined.caseID == origin.caseID)
            #expect(joined.role == .followUp)
        }
        let subject = try #require(grouper.caseWithID(origin.caseID))
        #expect(subject.heat == 4)
        // Bare bumps add heat, not complainants: "3+ people" counts people who complained.
        #expect(subject.complainants == ["a", "r2"])
        // Chat that is neither a complaint nor a follow-up stays out.
        #expect(assign(&grouper, post("20", thread: "10", floor: 9, author: "x", "楼上几点去买菜？", minutes: 9)) == nil)
    }

    @Test func aReplyRaisingANewIssueStaysWithItsThreadAsAnAside() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let water = try #require(assign(&grouper, post("1", thread: "10", author: "a", "7号楼停水两天了，物业一句解释都没有。")))
        let fees = try #require(assign(&grouper, post("2", thread: "10", floor: 2, author: "b",
                                                      "还有物业费涨了30%，公摊电费多收120元，要求公开账目！", minutes: 3)))
        // No other case takes it: it stays with its thread's case as an aside, which neither makes
        // the case found by its issues nor counts its author among the case's complainants.
        #expect(!fees.opened && fees.caseID == water.caseID && fees.role == .aside)
        let subject = try #require(grouper.caseWithID(water.caseID))
        #expect(subject.members.last?.reasons.first?.rule == "grouping.same_thread")
        #expect(subject.complainants == ["a"])
        let feeIssues = triage.assess(post("x", thread: "x", author: "x", "物业费涨了30%，公摊电费多收120元")).issues
        #expect(!feeIssues.isEmpty && subject.issues.allSatisfy { !feeIssues.contains($0) })
        // A fee complaint in another thread is not the water case.
        let elsewhere = try #require(assign(&grouper, post("3", thread: "11", author: "c", "物业费凭什么涨30%？公摊电费也多收，要求公开账目。",
                                                           minutes: 30)))
        #expect(elsewhere.caseID != water.caseID)
    }

    @Test func aReplyInAFeeThreadDoesNotChainTheFeeCaseToAnotherEvent() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let fees = try #require(assign(&grouper, post("1", thread: "10", author: "a", title: "物业费涨价联名",
                                                      "物业费从1.8涨到2.5，没开业主大会，要求公开账目，大家联名反对！")))
        // A same-thread reply that mentions a building's elevator in passing joins the fee case by its thread …
        let aside = try #require(assign(&grouper, post("2", thread: "10", floor: 2, author: "b",
                                                       "我们7号楼2单元电梯口也贴了涨价通知，物业费凭什么涨？", minutes: 60)))
        #expect(aside.caseID == fees.caseID)
        // … but does not make the fee case what the next 7号楼 elevator event is filed under.
        let entrapment = try #require(assign(&grouper, post("3", thread: "11", author: "c", title: "7号楼电梯困人",
                                                            "7号楼2单元电梯困人了，我家老人被关在里面二十分钟，警铃没人应！", minutes: 90)))
        #expect(entrapment.caseID != fees.caseID)
        #expect(entrapment.opened)
        // The core each case shows is what its own posts were about.
        #expect(grouper.caseWithID(fees.caseID)?.core?.contains("building:7") == false)
        #expect(grouper.caseWithID(entrapment.caseID)?.core?.contains("building:7") == true)
    }

    @Test func differentProblemsWeeksApartAreTwoEvents() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let lift = try #require(assign(&grouper, post("1", thread: "10", author: "a", "7号楼2单元电梯坏了三天了，物业一直不来修。")))
        // The case stays alive: replies every day in its thread.
        for day in 1...15 {
            _ = assign(&grouper, post("r\(day)", thread: "10", floor: day + 1, author: "r\(day)", "+1", minutes: Double(day) * 1_440))
        }
        let days = 15.5 * 1_440
        let leak = try #require(assign(&grouper, post("2", thread: "12", author: "d", "7号楼2单元电梯门口漏水，地上全是积水，物业也不管。", minutes: days)))
        #expect(leak.caseID != lift.caseID, "another problem of the same building two weeks on is another event")
        let again = try #require(assign(&grouper, post("3", thread: "13", author: "e", "7号楼2单元电梯又坏了，还是没人来修。", minutes: days + 5)))
        #expect(again.caseID == lift.caseID, "the same problem still joins its case")
    }

    @Test func restoringThenAssigningAgainChangesNothing() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let first = post("1", thread: "10", author: "a", "3号楼电梯坏了，被困了，没人管！")
        let assignment = try #require(assign(&grouper, first))
        var restored = try Grouper(rules: Project.workspace.grouping)
        restored.restore(try #require(grouper.caseWithID(assignment.caseID)), posts: [first.key: first])
        let again = try #require(assign(&restored, first))
        #expect(again.caseID == assignment.caseID && again.role == .origin && !again.opened)
        #expect(restored.caseWithID(assignment.caseID)?.members.count == 1)
        // …and a new report of the same event still finds the restored case through its index.
        let next = try #require(assign(&restored, post("2", thread: "12", author: "b", "3号楼的电梯又困人了，物业不管。", minutes: 20)))
        #expect(next.caseID == assignment.caseID)
    }

    @Test func postsOutsideTheWindowOpenANewCase() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let first = try #require(assign(&grouper, post("1", thread: "10", author: "a", "3号楼电梯坏了，被困了，没人管！")))
        let weekLater = try #require(assign(&grouper, post("2", thread: "12", author: "b", "3号楼电梯今天又把人困在里面了，还是没人管！",
                                                           minutes: 7 * 24 * 60)))
        #expect(weekLater.caseID != first.caseID)
    }

    @Test func anUnansweredCaseRaisedAgainAfterTheWindowKeepsItsEvent() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let text = "15幢公共立管漏水，楼下1402卫生间天花板一直在滴水，物业说等配件，到现在都没人来修。"
        let first = try #require(assign(&grouper, post("1", thread: "10", author: "a", text)))
        let day = 24.0 * 60
        // Ten days later, never answered: someone else reposts it word for word in a new thread.
        let repost = try #require(assign(&grouper, post("2", thread: "20", author: "c", "【重发】" + text, minutes: 10 * day)))
        #expect(repost.caseID == first.caseID && repost.role == .repost)
        #expect(grouper.caseWithID(first.caseID)?.members.last?.reasons.contains { $0.rule == "grouping.still_open" } == true)
        // Ten days after that, in other words, its first writer on the same leak: still the same event.
        let still = try #require(assign(&grouper, post("3", thread: "21", author: "a", "15幢的立管还在漏水，楼下天花板都泡塌了，到底修不修？",
                                                       minutes: 20 * day)))
        #expect(still.caseID == first.caseID && still.role == .report)
        // Days on, someone who never complained in it, on a leak of the same building in other words: another incident.
        let other = try #require(assign(&grouper, post("4", thread: "22", author: "b", "15幢地下车库漏水，车顶上全是水渍，物业说不归他们管。",
                                                       minutes: 25 * day)))
        #expect(other.opened)
        // Its writer on a leak in another building: not this case, whoever writes it.
        let elsewhere = try #require(assign(&grouper, post("5", thread: "23", author: "a", "8幢楼道也漏水了，墙皮掉了一地，物业还是拖着不修。",
                                                           minutes: 26 * day)))
        #expect(elsewhere.caseID != first.caseID)
        // Past repeat_days (30) since the case was last raised, even the same words start afresh.
        let late = try #require(assign(&grouper, post("6", thread: "24", author: "a", text, minutes: 51 * day)))
        #expect(late.opened)
        #expect(grouper.caseWithID(first.caseID)?.status == .open && grouper.caseWithID(first.caseID)?.members.count == 3)
    }

    @Test func aLateReplyInTheCasesOwnThreadFollowsTheThreadsRules() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let first = try #require(assign(&grouper, post("1", thread: "10", author: "a", "15幢公共立管漏水，楼下天花板一直在滴水，到现在都没人来修。")))
        // A week later its writer, in its thread, adds another problem: an aside of the case, which
        // does not make the case one about lifts.
        let reply = try #require(assign(&grouper, post("2", thread: "10", floor: 2, author: "a", "漏水还是没人修，现在15幢的电梯也坏了，困了人都没人管。",
                                                       minutes: 7 * 24 * 60)))
        #expect(reply.caseID == first.caseID && reply.role == .aside)
    }

    @Test func aComplaintAfterTheCaseWasAnsweredReopensItAsARepeat() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let first = try #require(assign(&grouper, post("1", thread: "10", author: "a", "5号楼地下车库漏水一周了没人修，太差了。")))
        let answered = start.addingTimeInterval(3_600)
        grouper.markReplied(first.caseID, at: answered)
        // A bare "+1" in the answered thread is only heat: the case stays answered.
        let plusOne = try #require(assign(&grouper, post("4", thread: "10", floor: 2, author: "d", "+1", minutes: 61)))
        #expect(plusOne.caseID == first.caseID && plusOne.role == .followUp)
        #expect(grouper.caseWithID(first.caseID)?.status == .replied)
        // Two days later, another thread: the same leak again (二次投诉). The case is open again,
        // flagged repeat, its clock running from the new post; the first answer no longer counts.
        let again = try #require(assign(&grouper, post("2", thread: "11", author: "b", "5号楼地下车库又漏水了，上次修完根本没用，太差了。",
                                                       minutes: 2 * 24 * 60)))
        #expect(!again.opened && again.caseID == first.caseID)
        let subject = try #require(grouper.caseWithID(first.caseID))
        #expect(subject.status == .open && subject.flags.contains(.repeat))
        #expect(subject.reopenedAt == start.addingTimeInterval(2 * 24 * 3_600) && subject.clockStart == subject.reopenedAt)
        #expect(subject.answeredAt == nil)
        #expect(subject.members.last?.reasons.contains { $0.rule == "grouping.repeat" && $0.matched == first.caseID } == true)
        #expect(triage.severity(of: subject).0 >= .important)
        // Answered again, then "still leaking" in its own thread: reopened again, not a new case.
        grouper.markReplied(first.caseID, at: start.addingTimeInterval(3 * 24 * 3_600))
        #expect(grouper.caseWithID(first.caseID)?.answeredAt == start.addingTimeInterval(3 * 24 * 3_600))
        let inThread = try #require(assign(&grouper, post("3", thread: "10", floor: 3, author: "c", "物业回复了但还是漏水，没人来修！",
                                                          minutes: 4 * 24 * 60)))
        #expect(!inThread.opened && inThread.caseID == first.caseID)
        #expect(grouper.caseWithID(first.caseID)?.status == .open)
    }

    @Test func onlyTheSameProblemWrittenAfterTheAnswerReopensACase() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let first = try #require(assign(&grouper, post("1", thread: "10", author: "a", "5号楼地下车库漏水一周了没人修，太差了。")))
        grouper.markReplied(first.caseID, at: start.addingTimeInterval(3_600))
        // Another problem in the answered thread, even told with "still": a case of its own.
        let stillBroken = post("2", thread: "10", floor: 2, author: "b", "5号楼的电梯还是坏的，天天爬楼，物业不管。", minutes: 120)
        var other = triage.assess(stillBroken)
        other.flags.insert(.repeat)
        let assignment = grouper.assign(stillBroken, other)
        let elevator = try #require(assignment)
        #expect(elevator.caseID != first.caseID)
        #expect(grouper.caseWithID(first.caseID)?.status == .replied)
        // A complaint written before the answer, crawled late, joins the case the answer already
        // answered: neither a case of its own nor a reopening.
        let late = try #require(assign(&grouper, post("3", thread: "10", floor: 3, author: "c", "5号楼地下车库漏水，我的车也泡了，太差了。", minutes: 30)))
        #expect(late.caseID == first.caseID && late.role == .report && !late.opened)
        #expect(grouper.caseWithID(first.caseID)?.status == .replied && grouper.caseWithID(first.caseID)?.reopenedAt == nil)
        #expect(grouper.caseWithID(first.caseID)?.complainants.contains("c") == true)
    }

    @Test func anAsidesFlagsStillCountForItsCase() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let water = try #require(assign(&grouper, post("1", thread: "10", author: "a", "7号楼停水两天了，物业一句解释都没有。")))
        let fire = try #require(assign(&grouper, post("2", thread: "10", floor: 2, author: "b", "地下车库冒烟了，有人被困在里面！快来人！", minutes: 3)))
        #expect(fire.caseID == water.caseID && fire.role == .aside)
        // Someone at risk told in passing makes the case major, not a case nobody sees.
        let subject = try #require(grouper.caseWithID(water.caseID))
        #expect(subject.flags.contains(.safety) && triage.severity(of: subject).0 == .major)
    }
}

/// How posts written differently meet: normalisation, canonical specifics, dates, conflicts, the index.
@Suite struct GrouperSpecificsTests {
    let triage = Project.workspace.triage
    /// 2026-11-19 10:00 in Shanghai.
    let start = Date(timeIntervalSince1970: 1_763_517_600)

    func post(_ id: String, author: String, _ text: String, minutes: Double = 0, source: String = "forum") -> Post {
        Post(source: source, id: id, threadID: "t" + id, threadTitle: "", board: "2", floor: 1, author: author, authorID: author,
             postedAt: start.addingTimeInterval(minutes * 60), text: text, url: "")
    }

    func assign(_ grouper: inout Grouper, _ post: Post) throws -> Grouper.Assignment {
        let assignment = grouper.assign(post, triage.assess(post))
        return try #require(assignment)
    }

    @Test func buildingsWrittenFourWaysAreOneBuilding() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let first = try assign(&grouper, post("1", author: "a", "11号楼电梯停了两天了，老人下不了楼，物业不管"))
        let second = try assign(&grouper, post("2", author: "b", "十一栋电梯还是停着，被困在家，物业说在等配件", minutes: 10))
        let third = try assign(&grouper, post("3", author: "c", "11號樓電梯壞了兩天，物業不管，老人下不了樓", minutes: 20))
        #expect(second.caseID == first.caseID && third.caseID == first.caseID)
        let members = try #require(grouper.caseWithID(first.caseID)).members
        #expect(members[1].reasons.contains { $0.rule == "grouping.shared_specific" && $0.matched == "building:11" })
        #expect(members[2].reasons.contains { $0.matched == "building:11" })
        #expect(grouper.caseWithID(first.caseID)?.places == ["11号楼"])
    }

    @Test func eighteenthAndYesterdayAreTheSameDay() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        // Posted on the 19th: 18号 and 昨天 both name 11-18.
        let first = try assign(&grouper, post("1", author: "a", "18号晚上南门的停车杆坏了，车都出不去，保安也不管"))
        // (Both blame the guards: whether a barrier nobody mans is facilities or service is the
        // model's call, and not what this test is about.)
        let second = try assign(&grouper, post("2", author: "b", "昨天晚上南门道闸一直不抬杆，排了半小时队，保安也不管", minutes: 30))
        #expect(second.caseID == first.caseID)
        let reasons = try #require(grouper.caseWithID(first.caseID)?.members.dropFirst().first).reasons
        #expect(reasons.contains { $0.matched == "date:11-18" })
        #expect(reasons.contains { $0.matched == "spot:南门" })
        // The case keeps where and when, as the posts wrote them, for the reply.
        let subject = try #require(grouper.caseWithID(first.caseID))
        #expect(subject.places == ["南门"] && subject.dates == ["11-18"])
    }

    @Test func anotherBuildingIsAnotherCaseEvenWithTheSameProblem() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let three = try assign(&grouper, post("1", author: "a", "3号楼电梯又困人了，物业电话没人接，太危险了"))
        let five = try assign(&grouper, post("2", author: "b", "5号楼电梯又困人了，物业电话没人接，太危险了", minutes: 5))
        #expect(five.opened && five.caseID != three.caseID)
    }

    @Test func aCopyInTraditionalOnAnotherForumIsARepost() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let original = try assign(&grouper, post("1", author: "a", "7号楼已经停水两天了，物业一句解释都没有，也不提前通知，我要投诉！"))
        let copy = try assign(&grouper, post("9", author: "z", "7號樓已經停水兩天了，物業一句解釋都沒有，也不提前通知，我要投訴！", minutes: 40,
                                             source: "other-forum"))
        #expect(copy.caseID == original.caseID && copy.role == .repost)
    }

    @Test func thePostIsComparedWithABoundedNumberOfCases() throws {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let facilities = ["电梯", "水泵", "门禁", "水管", "路灯", "监控"]
        // 2,000 buildings with the same kinds of trouble: 2,000 cases that all share facilities and issues.
        for index in 0..<2_000 {
            let text = "\(index + 1)号楼\(facilities[index % facilities.count])坏了，物业没人管，投诉！"
            _ = try assign(&grouper, post("p\(index)", author: "u\(index)", text, minutes: Double(index) / 10))
        }
        #expect(grouper.caseCount == 2_000)
        let late = try assign(&grouper, post("last", author: "x", "1999号楼电梯坏了，物业没人管，投诉！", minutes: 201))
        #expect(late.compared <= Grouper.scoredLimit)
        #expect(late.caseID == "forum-p1998")
    }

    @Test func badSettingsNameTheKey() throws {
        var rules = Project.workspace.grouping
        rules.minhash = .init(permutations: 64, bands: 10)
        #expect { try Grouper(rules: rules) } throws: { ($0 as? OmbudError)?.context["key"] == "minhash" }
        rules = Project.workspace.grouping
        rules.specifics.append(.init(kind: "facility", phrases: ["电梯"], weight: 0.1, daysBefore: ["昨天": 1]))
        #expect { try Grouper(rules: rules) } throws: { ($0 as? OmbudError)?.context["key"]?.hasSuffix(".days_before") == true }
        rules = Project.workspace.grouping
        rules.specifics.append(.init(kind: "room", patterns: [#"(\d)\1室"#], weight: 0.1))
        #expect { try Grouper(rules: rules) } throws: { ($0 as? OmbudError)?.message.contains("backreference") == true }
        rules = Project.workspace.grouping
        rules.timeZone = "Mars/Olympus"
        #expect { try Grouper(rules: rules) } throws: { ($0 as? OmbudError)?.context["key"] == "time_zone" }
    }
}
