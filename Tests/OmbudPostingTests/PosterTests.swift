import Foundation
import OmbudCore
import OmbudCrawl
import OmbudPosting
import OmbudTesting
import Testing

@Suite struct PosterTests {
    let thread = ThreadRef(source: "community", threadID: "5")

    @Test func discourseGetsTheTopicTheTextAndTheKey() async throws {
        let fetcher = FakeFetcher(status: 200, body: #"{"id": 91, "post_number": 4, "topic_slug": "lift-broken"}"#)
        let poster = DiscoursePoster(baseURL: "https://community.example/", apiKey: "KEY", username: "support", fetcher: fetcher)
        let url = try await poster.post("您好，已安排维修。", in: thread)
        #expect(url == "https://community.example/t/lift-broken/5/4")
        let request = try #require(fetcher.requests.first)
        #expect(request.url == "https://community.example/posts.json")
        #expect(request.headers["Api-Key"] == "KEY" && request.headers["Api-Username"] == "support")
        let json = try #require(try JSONSerialization.jsonObject(with: Data((request.body ?? "").utf8)) as? [String: Any])
        #expect(json["topic_id"] as? Int == 5 && json["raw"] as? String == "您好，已安排维修。")
    }

    @Test func discourseRefusalsSayWhyAndWhatToDo() async throws {
        let poster = DiscoursePoster(baseURL: "https://community.example", apiKey: "KEY", username: "support",
                                     fetcher: FakeFetcher(status: 403, body: #"{"errors": ["You are not permitted to view the requested resource."]}"#))
        await #expect {
            _ = try await poster.post("x", in: thread)
        } throws: { error in
            let error = error as? OmbudError
            return error?.code.rawValue == "poster.rejected" && error?.message.contains("not permitted") == true && error?.fix?.contains("API key") == true
        }
        await #expect { _ = try await poster.post("x", in: ThreadRef(source: "community", threadID: "lift")) } throws: {
            ($0 as? OmbudError)?.code.rawValue == "poster.bad_thread"
        }
    }

    @Test func aFormPostFillsItsFieldsAndNeedsTheSuccessText() async throws {
        let confirmed = FakeFetcher(status: 200, body: "<p>回复发布成功</p>")
        let poster = FormPoster(baseURL: "http://bbs.example/", action: "forum.php?mod=post&action=reply&tid={thread}",
                                fields: ["message": "{text}", "replysubmit": "yes"], success: "回复发布成功", cookieJar: "/tmp/jar", fetcher: confirmed)
        _ = try await poster.post("您好", in: thread)
        let request = try #require(confirmed.requests.first)
        #expect(request.url == "http://bbs.example/forum.php?mod=post&action=reply&tid=5" && request.cookieJar == "/tmp/jar")
        #expect(request.form?.map { "\($0.0)=\($0.1)" } == ["message=您好", "replysubmit=yes"])
        let loggedOut = FormPoster(baseURL: "http://bbs.example/", action: "reply?tid={thread}", fields: ["message": "{text}"], success: "回复发布成功",
                                   cookieJar: "/tmp/jar", fetcher: FakeFetcher(status: 200, body: "请先登录"))
        await #expect { _ = try await loggedOut.post("您好", in: thread) } throws: { ($0 as? OmbudError)?.code.rawValue == "poster.rejected" }
    }
}
