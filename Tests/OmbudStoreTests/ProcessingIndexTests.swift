import Foundation
import OmbudCore
import OmbudStore
import Testing

/// What a processing pass reads by key: the candidate index, grouping states, repost sketches,
/// peers, and the posts waiting to be judged.
@Suite struct ProcessingIndexTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-index-\(UUID().uuidString)")
    let start = Date(timeIntervalSince1970: 1_763_420_000)

    /// Stores one case per entry, each of one post in its own thread, `minutes` after the start.
    func store(_ cases: [(id: String, minutes: Double, author: String)], category: String = "facilities",
               issues: [String] = ["电梯故障"]) throws -> SQLiteStore {
        let store = try SQLiteStore(path: folder.appendingPathComponent("s.sqlite").path)
        for entry in cases {
            let post = Post(source: "forum", id: entry.id, threadID: "t\(entry.id)", threadTitle: "", board: "2", floor: 1, author: entry.author,
                            authorID: entry.author, postedAt: start.addingTimeInterval(entry.minutes * 60),
                            text: "第\(entry.id)号楼的电梯已经坏了三天了，物业一直没有派人来修理，太不负责任了", url: "")
            _ = try store.save(posts: [post])
            let member = CaseMember(post: post.key, thread: ThreadRef(source: "forum", threadID: post.threadID), authorID: entry.author,
                                    authorName: entry.author, postedAt: post.postedAt, role: .origin, reasons: [])
            try store.save(cases: [Case(id: "forum-\(entry.id)", category: category, members: [member], issues: issues, flags: [])])
        }
        return store
    }

    @Test func aKeyOffersItsNewestCasesAndABandOnlyRecentOnes() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try store((1...5).map { ("\($0)", Double($0) * 60, "u\($0)") })
        let entries = (1...5).flatMap { number -> [IndexEntry] in
            let seen = start.addingTimeInterval(Double(number) * 3600)
            return [IndexEntry(key: 7, isBand: false, caseID: "forum-\(number)", lastSeen: seen),
                    IndexEntry(key: UInt64.max - 1, isBand: true, caseID: "forum-\(number)", lastSeen: seen)]
        }
        try store.save(groupingStates: [:], index: entries, replacingIndexOf: [])
        var lookup = CaseLookup(perKey: 2, perBand: 4, bandsSince: start.addingTimeInterval(3.5 * 3600))
        lookup.keys = [7]
        #expect(try store.caseIDs(for: lookup) == ["forum-5", "forum-4"])
        lookup.keys = []
        lookup.bands = [UInt64.max - 1]
        #expect(try store.caseIDs(for: lookup) == ["forum-5", "forum-4"], "a band yields only cases seen since bandsSince")
        lookup.bands = []
        lookup.threads = [ThreadRef(source: "forum", threadID: "t3")]
        lookup.caseIDs = ["forum-1"]
        #expect(try store.caseIDs(for: lookup) == ["forum-3", "forum-1"])
        // A case re-indexed after a rebuild loses its old rows.
        try store.save(groupingStates: ["forum-5": [1, 2, 3]], index: [], replacingIndexOf: ["forum-5"])
        lookup = CaseLookup(perKey: 2, perBand: 4, bandsSince: .distantPast)
        lookup.keys = [7]
        #expect(try store.caseIDs(for: lookup) == ["forum-4", "forum-3"])
        let loaded = try store.casesForGrouping(ids: ["forum-5", "forum-4", "forum-99"])
        #expect(loaded.map(\.case.id) == ["forum-4", "forum-5"])
        #expect(loaded.map(\.state) == [nil, [1, 2, 3]])
    }

    @Test func mergedAndSplitCasesAreMarkedForRegrouping() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try store([("1", 0, "a"), ("2", 5, "b")])
        // A store made before grouping states were kept has every case marked; saving a state clears the mark.
        #expect(try store.casesToRegroup(limit: 10).isEmpty, "new cases are not marked: the pass that made them saved their states")
        try store.save(groupingStates: ["forum-1": [1], "forum-2": [2]], index: [IndexEntry(key: 1, isBand: false, caseID: "forum-2", lastSeen: start)],
                       replacingIndexOf: [])
        let merged = try store.merge(["forum-2"], into: "forum-1", by: "lead", at: start)
        #expect(try store.casesToRegroup(limit: 10).map(\.id) == ["forum-1"])
        var lookup = CaseLookup(perKey: 5, perBand: 4, bandsSince: .distantPast)
        lookup.keys = [1]
        #expect(try store.caseIDs(for: lookup).isEmpty, "the merged-away case leaves the index")
        try store.save(groupingStates: ["forum-1": [3]], index: [], replacingIndexOf: ["forum-1"])
        #expect(try store.casesToRegroup(limit: 10).isEmpty)
        let (remaining, split) = try store.split(merged.id, moving: [PostKey(source: "forum", id: "2")], by: "lead", at: start)
        #expect(Set(try store.casesToRegroup(limit: 10).map(\.id)) == [remaining.id, split.id])
    }

    @Test func repostCandidatesShareEnoughOfTheSketch() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try store([("1", 0, "a"), ("2", 5, "b"), ("3", 10, "c")])
        try store.save(repostSketches: [PostKey(source: "forum", id: "1"): [1, 2, 3, 4, 5, 6],
                                        PostKey(source: "forum", id: "2"): [1, 2, 90, 91, 92, 93],
                                        PostKey(source: "forum", id: "3"): [1, 2, 3, 4, 94, 95]])
        let new = PostKey(source: "forum", id: "9")
        let found = try store.repostCandidates(for: [new: [1, 2, 3, 4, 5]], perKey: 10, shared: 4, limit: 10)
        #expect(found.map(\.post.id) == ["1", "3"])
        #expect(found.first?.thread == ThreadRef(source: "forum", threadID: "t1"))
        #expect(try store.repostCandidates(for: [new: [1, 2, 3, 4, 5]], perKey: 10, shared: 4, limit: 1).map(\.post.id) == ["1"],
                "the one sharing most comes first")
        // Only the newest holders of a gram are counted: the older post, whose grams the newer one also holds, drops out.
        #expect(try store.repostCandidates(for: [new: [1, 2, 3, 4, 5]], perKey: 1, shared: 4, limit: 10).map(\.post.id) == ["3"])
    }

    @Test func peersAreTheNearestCasesOfTheSameProblemOnEachSide() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try store((1...6).map { ("\($0)", Double($0) * 60 * 24, "u\($0)") })
        let around = start.addingTimeInterval(3.5 * 86_400)
        let peers = try store.peers(issue: "电梯故障", around: around, within: 2 * 86_400, limit: 1)
        #expect(peers.map(\.id).sorted() == ["forum-3", "forum-4"])
        #expect(peers.first { $0.id == "forum-3" }?.complainants == ["u3"])
        #expect(peers.first { $0.id == "forum-3" }?.issues == ["电梯故障"])
        #expect(try store.peers(issue: "漏水", around: around, within: 30 * 86_400, limit: 10).isEmpty)
        #expect(try store.peers(issue: "电梯故障", around: around, within: 2 * 86_400, limit: 10).count == 4)
    }

    @Test func theIssueIndexFollowsEveryChangeOfACase() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try store([("1", 0, "u1"), ("2", 60, "u2")])
        var first = try #require(try store.cases().first { $0.id == "forum-1" })
        first.issues = ["漏水", "停水"]
        try store.save(cases: [first])
        #expect(try store.peers(issue: "电梯故障", around: start, within: 86_400, limit: 10).map(\.id) == ["forum-2"],
                "a case saved again with other issues leaves the old ones")
        #expect(try store.peers(issue: "停水", around: start, within: 86_400, limit: 10).map(\.id) == ["forum-1"])
        _ = try store.merge(["forum-1"], into: "forum-2", by: "tester", at: start)
        #expect(try store.peers(issue: "停水", around: start, within: 86_400, limit: 10).map(\.id) != ["forum-1"],
                "a case merged away is no one's peer")
    }

    @Test func postsWaitForJudgementUntilAssessed() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try store([("1", 0, "a"), ("2", 5, "b")])
        #expect(try store.postsWithoutAssessment().map(\.id) == ["1", "2"])
        try store.save(assessments: [Assessment(post: PostKey(source: "forum", id: "2"), isComplaint: false, score: 0, categories: [], flags: [],
                                                issues: [], reasons: [])])
        #expect(try store.postsWithoutAssessment().map(\.id) == ["1"])
        _ = try store.save(posts: try store.posts([PostKey(source: "forum", id: "2")]).values.map { $0 })
        #expect(try store.postsWithoutAssessment().map(\.id) == ["1"], "saving a known post again does not make it new")
    }
}
