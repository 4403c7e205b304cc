import Foundation
import OmbudCore

/// A deterministic stream of varied complaint posts about known events, for the grouping benchmark.
///
/// Each event is one thing going wrong at one place (a building, sometimes a unit) at one time;
/// it is told by 1–8 people in different words over the next day and a half: the building is
/// written 3号楼, 3栋, 3幢 or 三号楼, the day as 18号, 昨天 or not at all, the wording drawn from
/// many frames, fillers and tails. The event id travels with each post as the truth.
struct SyntheticComplaints: Sequence, IteratorProtocol {
    /// One post and the event it is about.
    struct Item {
        var post: Post
        var event: Int
    }

    private var random: SplitMix
    private var pending: [Item] = []
    private var nextEvent = 0
    private var clock: Date
    /// Mean seconds between the starts of two events.
    private let eventSpacing: Double

    /// A stream whose events start `eventSpacing` seconds apart on average from `start`.
    init(seed: UInt64, start: Date = Date(timeIntervalSince1970: 1_790_000_000), eventSpacing: Double = 240) {
        random = SplitMix(seed: seed)
        clock = start
        self.eventSpacing = eventSpacing
    }

    mutating func next() -> Item? {
        // Keep the posts of events that have started in time order: open events until the
        // earliest pending post is older than the next event's start.
        while pending.isEmpty || pending[0].post.postedAt > clock {
            openEvent()
        }
        return pending.removeFirst()
    }

    private static let troubles: [(facility: [String], problems: [String])] = [
        (["电梯", "客梯", "电梯"], ["困人了", "停运了", "坏了", "一直异响", "门夹人", "突然下坠"]),
        (["水管", "管道", "水管"], ["漏水了", "爆了", "渗水", "一直滴水"]),
        (["自来水", "水龙头的水"], ["停水了", "发黄", "断水了", "没水了"]),
        (["电", "供电"], ["停电了", "又断电了", "没电了"]),
        (["门禁", "单元门禁"], ["坏了", "刷卡没反应", "关不上"]),
        (["地下车库", "地库", "车库"], ["积水了", "漏水了", "进水了", "灯全灭了"]),
        (["路灯", "楼下路灯"], ["不亮了", "坏了一排", "全黑了"]),
        (["垃圾房", "垃圾桶"], ["没人清运", "臭气熏天", "满了没人管"]),
        (["暖气", "供暖"], ["不热", "停了", "时有时无"]),
        (["水泵", "排水泵"], ["坏了", "不工作了", "一直在响"]),
        (["监控", "摄像头"], ["坏了", "全是黑屏", "被拆了"]),
        (["燃气", "煤气"], ["有味道", "停了", "漏气了"]),
    ]
    private static let durations = ["", "两天了", "三天了", "一个星期了", "好几天了", "半个月了", "从早上到现在", "整整一晚上"]
    private static let tails = [
        "物业电话一直没人接", "报修好几次都没人来", "物业到底管不管", "太不负责了", "再不修就打12345投诉",
        "老人孩子都受影响", "要求尽快处理", "已经第三次了", "交了物业费就这服务", "保安说不归他管", "维修师傅说要等配件",
        "客服只会说已登记", "邻居们都很生气", "晚上根本睡不着", "上班都迟到了", "请物业给个说法", "问了前台也说不清楚",
    ]
    /// Every post ends in words that make it a complaint to triage: the stream is of complaints.
    private static let closers = ["物业不作为", "强烈投诉", "服务太差了", "没人管", "太过分了", "物业不管不问", "物业到底管不管"]
    private static let openers = ["", "无语了，", "又来了，", "大家注意，", "我真的服了，", "求助：", "吐槽一下，", "请问物业，"]
    private static let numerals = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    private mutating func openEvent() {
        let event = nextEvent
        nextEvent += 1
        clock = clock.addingTimeInterval(random.exponential(mean: eventSpacing))
        let trouble = Self.troubles[random.below(Self.troubles.count)]
        let problem = trouble.problems[random.below(trouble.problems.count)]
        let building = 1 + random.below(1_500)
        let unit = random.below(3) == 0 ? 1 + random.below(6) : nil
        let day = Calendar(identifier: .gregorian).component(.day, from: clock)
        let count = 1 + Swift.min(7, Int(random.exponential(mean: 1.6)))
        for teller in 0..<count {
            let at = clock.addingTimeInterval(teller == 0 ? 0 : random.uniform(60, 36 * 3600))
            var place: String
            switch random.below(10) {
            case 0...3: place = "\(building)号楼"
            case 4...5: place = "\(building)栋"
            case 6: place = "\(building)幢"
            case 7 where building < 100: place = Self.chinese(building) + "号楼"
            case 8: place = "\(building)号楼"
            default: place = "\(building)号楼"
            }
            if let unit, random.below(2) == 0 { place += "\(unit)单元" }
            let facility = trouble.facility[random.below(trouble.facility.count)]
            let when: String
            switch random.below(5) {
            case 0: when = "\(day)号"
            case 1: when = Calendar(identifier: .gregorian).isDate(at, inSameDayAs: clock) ? "今天" : "昨天"
            default: when = ""
            }
            let duration = Self.durations[random.below(Self.durations.count)]
            let tail = Self.tails[random.below(Self.tails.count)]
            let tail2 = Self.tails[random.below(Self.tails.count)]
            let opener = Self.openers[random.below(Self.openers.count)]
            var text: String
            switch random.below(6) {
            case 0: text = "\(opener)\(place)\(facility)\(problem)，\(duration.isEmpty ? "" : duration + "，")\(tail)！"
            case 1: text = "\(opener)\(when)\(place)的\(facility)又\(problem)，\(tail)，\(tail2)。"
            case 2: text = "我家在\(place)，\(facility)\(problem)\(duration)，\(tail)。"
            case 3: text = "\(place)\(facility)怎么又\(problem)？\(when)到现在\(tail)，\(tail2)"
            case 4: text = "\(opener)再说一遍：\(place)\(facility)\(problem)！\(tail)。"
            default: text = "同一个问题，\(place)\(facility)\(problem)\(duration)，\(tail2)，\(tail)"
            }
            text += Self.closers[random.below(Self.closers.count)] + "！"
            let id = "e\(event)-\(teller)"
            let post = Post(source: "bench", id: id, threadID: id, threadTitle: "", board: "1", floor: 1, author: "u\(random.below(1_000_000))",
                            authorID: "u\(random.below(1_000_000))", postedAt: at, text: text, url: "")
            let item = Item(post: post, event: event)
            let position = pending.firstIndex { $0.post.postedAt > at } ?? pending.count
            pending.insert(item, at: position)
        }
    }

    private static func chinese(_ number: Int) -> String {
        if number < 10 { return numerals[number] }
        let tens = number / 10, ones = number % 10
        return (tens == 1 ? "" : numerals[tens]) + "十" + (ones == 0 ? "" : numerals[ones])
    }
}

/// A small deterministic random source (splitmix64), the same on every machine.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A number in low..<high.
    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * Double(next() >> 11) / Double(1 << 53) }

    /// An exponentially distributed number with the given mean.
    mutating func exponential(mean: Double) -> Double { -mean * log(1 - uniform(0, 1)) }
}
