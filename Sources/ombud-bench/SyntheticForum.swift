import Foundation
import OmbudCore

/// A deterministic forum history for the pipeline benchmark: a tenth of its posts are complaints
/// (``SyntheticComplaints``, each opening its own thread), the rest everyday talk in threads of
/// ten (a question or notice and nine replies), spread over `days` days.
struct SyntheticForum {
    /// When the history begins.
    static let start = Date(timeIntervalSince1970: 1_790_000_000)
    private static let openings = ["请问", "有没有人知道", "周末", "小区门口", "分享一下", "求推荐", "出租", "转让", "提醒大家", "问一下"]
    private static let subjects = ["新开的超市", "快递柜", "游泳馆", "装修师傅", "车位", "儿童滑板车", "跑步群", "二手冰箱", "宠物医院",
                                   "菜市场", "公交线路", "幼儿园报名", "健身房", "花园里的樱花"]
    private static let endings = ["几点关门", "怎么样", "在哪里", "有人一起吗", "价格多少", "好不好", "谢谢", "求联系方式", "已经开了", "挺方便的"]
    private static let replies = ["谢谢分享", "顶一下", "同问", "已私信", "周六上午开门", "在东门旁边", "挺好的，推荐", "我也想知道",
                                  "价格还可以", "我上次去过，不错", "感谢楼主", "收到", "好的", "路过看看", "一起一起"]

    /// `posts` posts over `days` days, in time order, from `seed`.
    static func history(posts: Int, days: Double, seed: UInt64) -> [Post] {
        let span = days * 86_400
        let complaintCount = posts / 10
        // About 2.4 posts per event: events spaced so the complaints fill the span.
        var stream = SyntheticComplaints(seed: seed, start: start, eventSpacing: span / (Double(complaintCount) / 2.4))
        var all: [Post] = []
        all.reserveCapacity(posts)
        for _ in 0..<complaintCount {
            guard let item = stream.next() else { break }
            all.append(item.post)
        }
        var random = SplitMix(seed: seed ^ 0x5EED)
        var thread = 0
        while all.count < posts {
            let opened = start.addingTimeInterval(random.uniform(0, span))
            all += chatter(thread: thread, opened: opened, count: min(10, posts - all.count), random: &random)
            thread += 1
        }
        return all.sorted { ($0.postedAt, $0.id) < ($1.postedAt, $1.id) }
    }

    /// `count` new posts after `after`: a tenth complaints in new threads, the rest replies to
    /// recent talk threads and new talk threads.
    static func fresh(count: Int, after: Date, seed: UInt64, recentThreads: [String]) -> [Post] {
        var stream = SyntheticComplaints(seed: seed, start: after, eventSpacing: 60)
        var random = SplitMix(seed: seed ^ 0xF4E5)
        var posts: [Post] = []
        for _ in 0..<(count / 10) {
            guard let post = stream.next()?.post else { break }
            posts.append(renamed(post, "n\(seed)-"))
        }
        var thread = 0
        while posts.count < count {
            if !recentThreads.isEmpty, random.below(2) == 0 {
                let id = recentThreads[random.below(recentThreads.count)]
                posts.append(Post(source: "bench", id: "n\(seed)-r\(posts.count)", threadID: id, threadTitle: "", board: "2", floor: 11 + posts.count,
                                  author: "u\(random.below(1_000_000))", authorID: "a\(random.below(1_000_000))",
                                  postedAt: after.addingTimeInterval(random.uniform(0, 600)), text: replies[random.below(replies.count)], url: ""))
            } else {
                posts += chatter(thread: thread, opened: after.addingTimeInterval(random.uniform(0, 600)), count: 1, random: &random)
                    .map { renamed($0, "n\(seed)-") }
                thread += 1
            }
        }
        return posts
    }

    /// `post` with `prefix` before its id and its thread's, so new posts never meet the history's.
    private static func renamed(_ post: Post, _ prefix: String) -> Post {
        Post(source: post.source, id: prefix + post.id, threadID: prefix + post.threadID, threadTitle: post.threadTitle, board: post.board,
             floor: post.floor, author: post.author, authorID: post.authorID, postedAt: post.postedAt, text: post.text, url: post.url)
    }

    private static func chatter(thread: Int, opened: Date, count: Int, random: inout SplitMix) -> [Post] {
        let id = "t\(thread)"
        let title = openings[random.below(openings.count)] + subjects[random.below(subjects.count)] + endings[random.below(endings.count)]
        var posts: [Post] = []
        var at = opened
        for floor in 1...max(1, count) {
            let text = floor == 1 ? title + "，\(random.below(30) + 1)号那天看到的。" : replies[random.below(replies.count)]
            posts.append(Post(source: "bench", id: "\(id)-\(floor)", threadID: id, threadTitle: title, board: "2", floor: floor,
                              author: "u\(random.below(1_000_000))", authorID: "a\(random.below(1_000_000))", postedAt: at, text: text, url: ""))
            at = at.addingTimeInterval(random.uniform(30, 3_600))
        }
        return posts
    }
}
