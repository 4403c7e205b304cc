import Foundation
import OmbudTriage
import Testing

/// Near-verbatim reposts across threads (labeling.md: repeat).
@Suite struct RepostIndexTests {
    let original = "3号楼2单元电梯又困人了，我妈在里面关了二十分钟，物业电话一直没人接，这已经是这个月第三次了！"

    @Test func aRepostInAnotherThreadIsFoundAndTheSameThreadIsNot() {
        var index = RepostIndex()
        index.add(id: "p1", thread: "t1", text: original, at: Date(timeIntervalSince1970: 100))
        let repost = "【转】3号楼2单元电梯又困人了,我妈在里面关了二十分钟，物业电话一直没人接，这已经是这个月第三次了!!大家帮顶"
        #expect(index.original(of: repost, thread: "t2", at: Date(timeIntervalSince1970: 200)) == "p1")
        #expect(index.original(of: repost, thread: "t1", at: Date(timeIntervalSince1970: 200)) == nil)
        // A post written before the one it resembles is not its repost, whatever order they arrive in.
        #expect(index.original(of: repost, thread: "t2", at: Date(timeIntervalSince1970: 50)) == nil)
    }

    @Test func anotherStoryOrAShortReplyIsNoRepost() {
        var index = RepostIndex()
        index.add(id: "p1", thread: "t1", text: original, at: Date(timeIntervalSince1970: 100))
        #expect(index.original(of: "5号楼的电梯今天也坏了，维修工说配件要等一周才能到，老人上下楼太难了", thread: "t2", at: Date(timeIntervalSince1970: 200)) == nil)
        #expect(index.original(of: "电梯又困人了", thread: "t2", at: Date(timeIntervalSince1970: 200)) == nil)
    }

    @Test func aRepostIsFlaggedRepeat() {
        let triage = Project.workspace.triage
        var context = ThreadContext.opening
        context.repostOf = "p1"
        let verdict = triage.assess(text: original, context: context)
        #expect(verdict.isComplaint && verdict.flags.contains(.repeat))
        #expect(verdict.reasons.contains { $0.rule == "context.repost" })
    }
}
