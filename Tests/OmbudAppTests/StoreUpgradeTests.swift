import Foundation
import Logging
import OmbudApp
import OmbudCore
import OmbudTesting
import Testing

/// A store made by the version before the candidate index was kept in the store is upgraded and
/// processed without losing a case, and later posts still find its cases.
@Suite struct StoreUpgradeTests {
    static let fixture = TestProject.repository.appendingPathComponent("Tests/OmbudAppTests/Fixtures/demo-store-v8.sqlite")

    @Test func anOlderStoreIsRegroupedAndItsCasesAreFoundAgain() throws {
        let project = try TestProject()
        defer { project.remove() }
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: project.database).deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixture, to: URL(fileURLWithPath: project.database))
        let runtime = try Runtime.open(root: project.root, database: project.database, clock: FixedClock(DemoForumTime.reference),
                                       logger: Logger(label: "test"))
        let before = try runtime.store.cases()
        #expect(before.count == 6)
        #expect(try Set(runtime.store.casesToRegroup(limit: 100).map(\.id)) == Set(before.map(\.id)), "every older case is marked")

        try runtime.pipeline.process()
        #expect(try runtime.store.casesToRegroup(limit: 100).isEmpty)
        let loaded = try runtime.store.casesForGrouping(ids: Set(before.map(\.id)))
        #expect(loaded.count == 6 && loaded.allSatisfy { $0.state != nil })
        #expect(try runtime.store.cases().map(\.members) == before.map(\.members), "no member moved")

        // A copy of a stored complaint posted in another thread soon after finds its case and its original.
        let original = try #require(try runtime.store.posts([PostKey(source: "demo", id: "1060")]).values.first)
        let copy = Post(source: "demo", id: "9060", threadID: "906", threadTitle: "路灯", board: "2", floor: 1, author: "新邻居", authorID: "9906",
                        postedAt: original.postedAt.addingTimeInterval(300), text: original.text, url: "http://127.0.0.1/thread-906-1-1.html")
        _ = try runtime.store.save(posts: [copy])
        try runtime.pipeline.process()
        let assessment = try #require(try runtime.store.assessments([copy.key])[copy.key])
        #expect(assessment.isComplaint && assessment.flags.contains(.repeat), "the repost is found through the rebuilt sketches")
        let subject = try #require(try runtime.store.storedCase(id: "demo-1060"))
        #expect(subject.members.map(\.post) == [original.key, copy.key], "the copy joins the stored case through the rebuilt index")
    }
}
