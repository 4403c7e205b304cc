import Foundation
import OmbudCore
import Testing

@Suite struct CaseTests {
    func member(_ id: String, author: String, thread: String, minute: Double, role: CaseMember.Role) -> CaseMember {
        CaseMember(post: PostKey(source: "s", id: id), thread: ThreadRef(source: "s", threadID: thread), authorID: author,
                   authorName: author, postedAt: Date(timeIntervalSince1970: minute * 60), role: role, reasons: [])
    }

    @Test func countsAreDerivedFromMembers() {
        let subject = Case(id: "s-1", category: "facilities", members: [
            member("1", author: "a", thread: "10", minute: 5, role: .origin),
            member("2", author: "b", thread: "10", minute: 9, role: .followUp),
            member("3", author: "a", thread: "11", minute: 2, role: .report),
            member("4", author: "c", thread: "10", minute: 20, role: .followUp),
        ], issues: ["电梯故障"], flags: [])
        #expect(subject.complainants == ["a", "b", "c"])
        #expect(subject.threads.map(\.threadID) == ["10", "11"])
        #expect(subject.heat == 2)
        #expect(subject.firstSeen == Date(timeIntervalSince1970: 120))
        #expect(subject.lastSeen == Date(timeIntervalSince1970: 1200))
    }

    @Test func deadlineTimeLeftGoesNegativeWhenOverdue() {
        let deadline = Deadline(caseID: "x", startsAt: Date(timeIntervalSince1970: 0), dueAt: Date(timeIntervalSince1970: 3600), policy: "p")
        #expect(deadline.timeLeft(at: Date(timeIntervalSince1970: 600)) == 3000)
        #expect(!deadline.isOverdue(at: Date(timeIntervalSince1970: 3600)))
        #expect(deadline.isOverdue(at: Date(timeIntervalSince1970: 3601)))
    }

    @Test func severitiesAreOrdered() {
        #expect(Severity.general < .important && Severity.important < .hot && Severity.hot < .major)
        #expect(Severity.allCases.max() == .major)
    }
}
