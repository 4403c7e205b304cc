import Foundation
import OmbudCore
import OmbudGrouping
import OmbudProcessing
import OmbudTriage
import Testing

@Suite struct ProcessorTests {
    let workspace = Project.workspace
    let start = Date(timeIntervalSince1970: 1_763_420_000)

    var processor: Processor {
        var rules = ProcessingRules(triage: workspace.triage, triageBySource: [:], grouper: workspace.grouper, drafter: workspace.drafter,
                                    categoryNames: [:], deadlines: workspace.deadlines, channels: [:], officialAccounts: ["forum": ["物业客服"]])
        rules.repostSketchShared = 4
        return Processor(rules: rules)
    }

    func post(_ id: String, thread: String, floor: Int = 1, author: String, _ text: String, minutes: Double = 0) -> Post {
        Post(source: "forum", id: id, threadID: thread, threadTitle: "", board: "2", floor: floor, author: author, authorID: author,
             postedAt: start.addingTimeInterval(minutes * 60), text: text, url: "https://forum.example/t/\(thread)#\(id)")
    }

    /// Complaints about three events, told in six threads over a day.
    var posts: [Post] {
        [post("1", thread: "10", author: "a", "今天早上3号楼2单元电梯坏了，老人被困二十分钟，物业电话没人接。"),
         post("2", thread: "11", author: "b", "5号楼地下车库漏水一周了没人修，物业太差了。", minutes: 20),
         post("3", thread: "12", author: "c", "我妈妈在3号楼电梯里被困了半小时，打物业电话都没人接，电梯故障太多次了。", minutes: 45),
         post("4", thread: "13", author: "d", "5号楼车库又漏水了，车都泡了，物业不管不问。", minutes: 300),
         post("5", thread: "14", author: "e", "8号楼门禁坏了三天，外人随便进出，物业到底管不管？", minutes: 600),
         post("6", thread: "15", author: "f", "3号楼电梯今天又困人了，物业什么时候修好？", minutes: 900)]
    }

    func judged(_ posts: [Post]) -> [(post: Post, assessment: Assessment)] {
        posts.map { ($0, workspace.triage.assess($0)) }
    }

    func partition(_ cases: some Sequence<Case>) -> Set<Set<String>> {
        Set(cases.map { Set($0.members.map(\.post.id)) })
    }

    @Test func groupingPassByPassThroughTheIndexEqualsGroupingAllAtOnce() throws {
        let all = judged(posts)
        let once = processor.group(GroupingBatch(now: start, pending: all, cases: [], sent: []))

        var shelf = CaseShelf()
        for slice in [Array(all[0..<2]), Array(all[2..<4]), Array(all[4...])] {
            let lookup = processor.lookup(for: slice)
            let outcome = processor.group(GroupingBatch(now: start, pending: slice, cases: shelf.load(lookup), sent: []))
            #expect(outcome.rebuilt.isEmpty)
            shelf.apply(outcome)
        }
        #expect(partition(shelf.cases.values) == partition(once.cases))
        #expect(partition(once.cases).contains(["1", "3", "6"]))
        #expect(partition(once.cases).contains(["2", "4"]))
    }

    @Test func aStateRebuiltFromPostsIsTheStateGroupingKept() throws {
        let outcome = processor.group(GroupingBatch(now: start, pending: judged(posts), cases: [], sent: []))
        let byKey = Dictionary(uniqueKeysWithValues: posts.map { ($0.key, $0) })
        let rebuilt = processor.rebuild(outcome.cases, posts: byKey)
        #expect(rebuilt.rebuilt == Set(outcome.cases.map(\.id)))
        for subject in outcome.cases {
            #expect(rebuilt.states[subject.id] == outcome.states[subject.id])
        }
        #expect(Set(rebuilt.index) == Set(outcome.index))
        // Members long enough to be repeated are sketched alike, so that later reposts find them.
        #expect(rebuilt.sketches == outcome.sketches)
        #expect(Set(rebuilt.sketches.keys) == Set(posts.filter { $0.text.count >= 24 }.map(\.key)))
    }

    @Test func aCaseWithoutAReadableStateIsRebuiltFromItsPosts() throws {
        let first = processor.group(GroupingBatch(now: start, pending: judged(Array(posts[0..<1])), cases: [], sent: []))
        let stored = try #require(first.cases.first)
        let later = judged([posts[2]])
        let outcome = processor.group(GroupingBatch(now: start, pending: later, cases: [(stored, nil)],
                                                   posts: [posts[0].key: posts[0]], sent: []))
        #expect(outcome.rebuilt == [stored.id])
        #expect(outcome.cases.map(\.id) == [stored.id])
        #expect(outcome.cases.first?.members.count == 2)
    }

    @Test func anOfficialPostIsOursAndAnswersTheCaseOfItsThread() throws {
        let complaint = posts[0]
        let answer = post("9", thread: "10", floor: 2, author: "物业客服", "您好，维修师傅已经到3号楼处理，请稍候。", minutes: 30)
        let verdicts = processor.judge(TriageBatch(fresh: [complaint, answer], threads: [ThreadRef(source: "forum", threadID: "10"): [(complaint, nil), (answer, nil)]],
                                                   earlier: [], sent: []))
        let ours = try #require(verdicts.first { $0.post == answer.key })
        #expect(ours.isOurs && !ours.isComplaint)
        let pending = zip([complaint, answer], [verdicts[0], ours]).map { (post: $0.0, assessment: $0.1) }
        let outcome = processor.group(GroupingBatch(now: start, pending: pending, cases: [], sent: []))
        let subject = try #require(outcome.cases.first)
        #expect(subject.status == .replied)
        #expect(subject.answeredAt == answer.postedAt)
        #expect(outcome.grouped == [complaint.key, answer.key])
    }

    @Test func anAnswerAnswersOnlyWhatWasPostedBeforeItWhateverTheBatch() throws {
        let thread = ThreadRef(source: "forum", threadID: "10")
        let history = [posts[0],
                       post("9", thread: "10", floor: 2, author: "物业客服", "您好，维修师傅已经到3号楼处理，请稍候。", minutes: 30),
                       post("8", thread: "10", floor: 3, author: "g", "3号楼电梯又坏了，还是没修好，今天我家老人又被困在里面二十分钟。", minutes: 24 * 60)]
        let verdicts = processor.judge(TriageBatch(fresh: history, threads: [thread: history.map { ($0, nil) }], earlier: [], sent: []))
        let judged = history.map { post in (post: post, assessment: verdicts.first { $0.post == post.key }!) }
        func summary(_ cases: some Sequence<Case>) -> Set<String> {
            Set(cases.map {
                "\($0.members.map(\.post.id).sorted()) \($0.status) \($0.answeredAt.map { "\($0)" } ?? "-") \($0.reopenedAt.map { "\($0)" } ?? "-") \($0.flags.map(\.rawValue).sorted())"
            })
        }
        // All at once, the answer taken in its place between the two complaints …
        let once = processor.group(GroupingBatch(now: start, pending: judged.reversed(), cases: [], sent: []))
        // … and as three crawls found them.
        var shelf = CaseShelf()
        for post in judged {
            let outcome = processor.group(GroupingBatch(now: post.post.postedAt, pending: [post], cases: shelf.load(processor.lookup(for: [post])), sent: []))
            shelf.apply(outcome)
        }
        #expect(summary(once.cases) == summary(shelf.cases.values))
        let first = try #require(once.cases.first { $0.members.contains { $0.post.id == "1" } })
        let again = try #require(once.cases.first { $0.members.contains { $0.post.id == "8" } })
        #expect(again.id == first.id && again.flags.contains(.repeat), "the problem came back after the answer (二次投诉): the case reopens")
        #expect(again.status == .open && again.reopenedAt == history[2].postedAt)
    }

    @Test func aRepostInTheSameBatchIsFoundWhicheverThreadSortsFirst() throws {
        // Thread "9" holds the original, thread "10" (which sorts before it by name) the copy.
        let original = post("40", thread: "9", author: "h", "5号楼地下车库漏水一周了没人修，车位上全是积水，物业太差了，到底管不管？")
        let copy = post("41", thread: "10", author: "h", original.text, minutes: 120)
        let threads = [ThreadRef(source: "forum", threadID: "9"): [(post: original, assessment: Assessment?.none)],
                       ThreadRef(source: "forum", threadID: "10"): [(post: copy, assessment: Assessment?.none)]]
        let verdicts = processor.judge(TriageBatch(fresh: [copy, original], threads: threads, earlier: [], sent: []))
        #expect(verdicts.first { $0.post == copy.key }?.flags.contains(.repeat) == true)
        #expect(verdicts.first { $0.post == original.key }?.flags.contains(.repeat) == false)
    }

    @Test func aRepostOfAnEarlierComplaintIsFoundAmongTheCandidatesGiven() throws {
        let original = posts[0]
        let copy = post("20", thread: "30", author: "z", original.text, minutes: 120)
        let candidate = RepostEntry(post: original.key, thread: ThreadRef(source: "forum", threadID: "10"), postedAt: original.postedAt,
                                    text: original.text)
        #expect(processor.repostKeys(for: [copy])[copy.key]?.isEmpty == false)
        let thread = [ThreadRef(source: "forum", threadID: "30"): [(post: copy, assessment: Assessment?.none)]]
        let withOriginal = processor.judge(TriageBatch(fresh: [copy], threads: thread, earlier: [candidate], sent: []))
        let without = processor.judge(TriageBatch(fresh: [copy], threads: thread, earlier: [], sent: []))
        #expect(withOriginal.first?.flags.contains(.repeat) == true)
        #expect(without.first?.flags.contains(.repeat) == false)
    }

    @Test func aDraftIsInItsThreadsLanguageAndNamesItsThreadsPlace() throws {
        // The thread opens in Chinese with a question; the case's one complaint is an English reply.
        let question = post("30", thread: "40", author: "q", "请问8号楼的电梯今天能用了吗？")
        let english = post("31", thread: "40", floor: 2, author: "m",
                           "The lift in block 8 trapped my helper for 40 minutes this morning and nobody answered the alarm. Terrible.", minutes: 5)
        let outcome = processor.group(GroupingBatch(now: start, pending: judged([english]), cases: [], sent: []))
        let subject = try #require(outcome.cases.first)
        let thread = ThreadRef(source: "forum", threadID: "40")
        let refreshed = processor.refresh(RefreshBatch(cases: [subject], peers: [], threadStates: [:], posts: [english.key: english],
                                                       openings: [thread: question]))
        let draft = try #require(refreshed.drafts.first)
        #expect(draft.language == "zh-CN" && draft.text.hasPrefix("m您好"))
        #expect(draft.text.contains("您反映的8号楼（"), "the place once, as the Chinese opening wrote it: \(draft.text)")
        let alone = processor.refresh(RefreshBatch(cases: [subject], peers: [], threadStates: [:], posts: [english.key: english]))
        #expect(alone.drafts.first?.language == "en")
    }

    @Test func peersOfTheSameProblemMakeACaseHot() throws {
        let outcome = processor.group(GroupingBatch(now: start, pending: judged([posts[4]]), cases: [], sent: []))
        let subject = try #require(outcome.cases.first)
        let alone = processor.refresh(RefreshBatch(cases: [subject], peers: [], threadStates: [:], posts: [posts[4].key: posts[4]]))
        #expect(alone.cases.first?.severity == .general)
        let issue = try #require(subject.issues.first)
        let peer = CasePeer(id: "other", category: "fees", firstSeen: start, complainants: ["x", "y"], issues: [issue])
        let queries = processor.peerQueries(for: [subject, subject])
        #expect(queries.map(\.issue) == subject.issues && queries.allSatisfy { $0.window == 30 * 86_400 })
        let graded = processor.refresh(RefreshBatch(cases: [subject], peers: [peer], threadStates: [:], posts: [posts[4].key: posts[4]]))
        #expect(graded.cases.first?.severity == .hot)
        #expect(graded.regrade == ["other"], "the general peer belongs to the pattern: graded again")
        var hotPeer = peer
        hotPeer.severity = .hot
        #expect(processor.refresh(RefreshBatch(cases: [subject], peers: [hotPeer], threadStates: [:], posts: [posts[4].key: posts[4]])).regrade.isEmpty,
                "a peer already hot has nothing to gain")
        #expect(graded.deadlines.map(\.caseID) == [subject.id])
        #expect(graded.drafts.map(\.caseID) == [subject.id])
        // A broad issue (服务态度: a kind of complaint, not one fault) is no same problem.
        var broad = subject
        broad.issues = ["服务态度"]
        #expect(processor.peerQueries(for: [broad]).isEmpty, "no peers are asked for a broad issue")
        let rude = CasePeer(id: "rude", category: "service", firstSeen: start, complainants: ["x", "y"], issues: ["服务态度"])
        let apart = processor.refresh(RefreshBatch(cases: [broad], peers: [rude], threadStates: [:], posts: [posts[4].key: posts[4]]))
        #expect(apart.cases.first?.severity == .general && apart.regrade.isEmpty)
    }
}
