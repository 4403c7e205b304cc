import Foundation
import OmbudCore
import OmbudCrawl
import OmbudNotify
import OmbudTesting
import Testing

@Suite struct WebhookNotifierTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    let due = Date(timeIntervalSince1970: 1_790_000_000)
    let url = "https://oapi.dingtalk.com/robot/send?access_token=SECRET123"

    func notice(reached offset: TimeInterval = -3_600) -> Notice {
        Notice(caseID: "demo-1001", step: "warning", roles: ["supervisor"], people: ["张主管", "13800138000"],
               reachedAt: due.addingTimeInterval(offset), dueAt: due, severity: .major, category: "设施设备", complainants: 6,
               excerpt: "3号楼电梯又坏了，老人被困二十分钟", link: "https://ombud.example.com/#case-demo-1001")
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func eachKindHasTheBodyItsReceiverExpects() throws {
        let now = due.addingTimeInterval(-3_600)
        func body(_ kind: NotifierSettings.Kind) throws -> [String: Any] {
            try json(WebhookNotifier(name: "n", kind: kind, url: url, fetcher: FakeFetcher(), timeZone: Self.zone).body(for: notice(), now: now))
        }
        let dingtalk = try body(.dingtalk)
        #expect(dingtalk["msgtype"] as? String == "text")
        let content = try #require((dingtalk["text"] as? [String: Any])?["content"] as? String)
        #expect(content.contains("demo-1001") && content.contains("warning") && content.contains("剩余 1小时0分") && content.contains("张主管"))
        #expect((dingtalk["at"] as? [String: Any])?["atMobiles"] as? [String] == ["13800138000"])
        let wecom = try body(.wecom)
        #expect((wecom["text"] as? [String: Any])?["mentioned_mobile_list"] as? [String] == ["13800138000"])
        #expect((try body(.slack)["text"] as? String)?.contains("https://ombud.example.com/#case-demo-1001") == true)
        let generic = try body(.webhook)
        #expect(generic["case"] as? String == "demo-1001" && generic["breach"] as? Bool == false && generic["complainants"] as? Int == 6)
    }

    @Test func aBreachSaysHowLateItIs() {
        let text = notice(reached: 0).text(now: due.addingTimeInterval(5_400), timeZone: Self.zone)
        #expect(text.contains("已超时 1小时30分") && notice(reached: 0).isBreach)
    }

    @Test func aRefusalIsAnErrorThatKeepsTheTokenSecret() async throws {
        let refusing = WebhookNotifier(name: "ops", kind: .dingtalk, url: url, fetcher: FakeFetcher(body: #"{"errcode":310000,"errmsg":"keywords not in content"}"#),
                                       timeZone: Self.zone)
        let unreachable = WebhookNotifier(name: "ops", kind: .slack, url: url, fetcher: FakeFetcher.unreachable(), timeZone: Self.zone)
        let failing = WebhookNotifier(name: "ops", kind: .webhook, url: url, fetcher: FakeFetcher(status: 500), timeZone: Self.zone)
        for (notifier, code) in [(refusing, "notify.rejected"), (unreachable, "notify.unreachable"), (failing, "notify.rejected")] {
            do {
                try await notifier.send(notice(), now: due)
                Issue.record("\(notifier.kind) should have failed")
            } catch let error as OmbudError {
                #expect(error.code.rawValue == code)
                #expect(error.context["host"] == "oapi.dingtalk.com" && error.context["notifier"] == "ops")
                #expect(!error.description.contains("SECRET123"))
            }
        }
    }

    @Test func aDeliveryPostsJSON() async throws {
        let fetcher = FakeFetcher(body: #"{"errcode":0,"errmsg":"ok"}"#)
        try await WebhookNotifier(name: "ops", kind: .dingtalk, url: url, fetcher: fetcher, timeZone: Self.zone).send(notice(), now: due)
        let request = try #require(fetcher.requests.first)
        #expect(request.url == url && request.headers["Content-Type"]?.hasPrefix("application/json") == true)
        #expect(try json(request.body ?? "")["msgtype"] as? String == "text")
    }

    @Test func rolesDecideWhoHearsWhat() {
        let heads = WebhookNotifier(name: "heads", kind: .slack, url: url, roles: ["department_head"], fetcher: FakeFetcher(), timeZone: Self.zone)
        #expect(heads.serves(["supervisor", "department_head"]) && !heads.serves(["owner"]))
        #expect(WebhookNotifier(name: "all", kind: .slack, url: url, fetcher: FakeFetcher(), timeZone: Self.zone).serves(["owner"]))
    }
}
