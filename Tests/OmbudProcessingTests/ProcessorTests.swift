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

    @Test func peersOfTheSameCategoryMakeACaseHot() throws {
        let outcome = processor.group(GroupingBatch(now: start, pending: judged([posts[4]]), cases: [], sent: []))
        let subject = try #require(outcome.cases.first)
        let alone = processor.refresh(RefreshBatch(cases: [subject], peers: [], threadStates: [:], posts: [posts[4].key: posts[4]]))
        #expect(alone.cases.first?.severity == .general)
        let peer = CasePeer(id: "other", category: subject.category, firstSeen: start, complainants: ["x", "y"])
        let queries = processor.peerQueries(for: [subject, subject])
        #expect(queries.count == 1 && queries[0].category == subject.category && queries[0].window == 30 * 86_400)
        let graded = processor.refresh(RefreshBatch(cases: [subject], peers: [peer], threadStates: [:], posts: [posts[4].key: posts[4]]))
        #expect(graded.cases.first?.severity == .hot)
        #expect(graded.deadlines.map(\.caseID) == [subject.id])
        #expect(graded.drafts.map(\.caseID) == [subject.id])
    }
}
