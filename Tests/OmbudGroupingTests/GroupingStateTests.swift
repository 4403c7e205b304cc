import Foundation
import OmbudCore
import OmbudGrouping
import Testing

@Suite struct GroupingStateTests {
    let triage = Project.workspace.triage

    func state() throws -> GroupingState {
        var grouper = try Grouper(rules: Project.workspace.grouping)
        let post = Post(source: "forum", id: "1", threadID: "10", threadTitle: "3号楼电梯又坏了", board: "2", floor: 1, author: "a", authorID: "a",
                        postedAt: Date(timeIntervalSince1970: 1_763_420_000), text: "今天早上3号楼2单元电梯坏了，老人被困二十分钟，物业电话没人接。", url: "")
        let assigned = grouper.assign(post, triage.assess(post))
        let assignment = try #require(assigned)
        return try #require(grouper.state(of: assignment.caseID))
    }

    @Test func aStateReadsBackAsItWasWritten() throws {
        let state = try state()
        #expect(GroupingState(encoded: state.encoded()) == state)
    }

    @Test func damagedOrForeignBytesAreNotRead() throws {
        let bytes = try state().encoded()
        #expect(GroupingState(encoded: []) == nil)
        #expect(GroupingState(encoded: Array(bytes.dropLast())) == nil)
        #expect(GroupingState(encoded: bytes + [0]) == nil)
        var otherVersion = bytes
        otherVersion[0] = 99
        #expect(GroupingState(encoded: otherVersion) == nil)
        var hugeCount = bytes
        for position in 10..<18 { hugeCount[position] = 0xFF }
        #expect(GroupingState(encoded: hugeCount) == nil)
    }
}
