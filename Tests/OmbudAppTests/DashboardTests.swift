import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import OmbudApp
import OmbudCore
import OmbudDemo
import OmbudTesting
import OmbudCrawl
import OmbudPosting
import Hummingbird
import OmbudStore
import Testing

/// The dashboard over HTTP on 127.0.0.1: logging in, sessions, CSRF, and every action checked on
/// the server.
@Suite(.serialized) struct DashboardTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-dashboard-\(UUID().uuidString)")
    let logger = Logger(label: "test")

    /// A logged-in browser: its own cookie jar, and the CSRF token of its last page.
    struct Browser {
        let base: String
        let jar: String
        let client: CurlClient

        func get(_ path: String) async throws -> (Int, String) {
            let response = try await client.fetch(FetchRequest(url: base + path, cookieJar: jar))
            return (response.status, String(decoding: response.body, as: UTF8.self))
        }

        func post(_ path: String, _ form: [(String, String)]) async throws -> (Int, String) {
            let response = try await client.fetch(FetchRequest(url: base + path, form: form, cookieJar: jar))
            return (response.status, String(decoding: response.body, as: UTF8.self))
        }

        func csrf() async throws -> String {
            let (_, page) = try await get("/")
            guard let range = page.range(of: #"name="csrf" value="([0-9a-f]{64})""#, options: .regularExpression) else { return "" }
            return String(page[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
        }
    }

    func start() async throws -> (DemoSession, HTTPServer, [Account.Role: String]) {
        let session = try await DemoSession.start(root: DemoTests.root, forumPort: 0, database: folder.appendingPathComponent("d.sqlite").path,
                                                  clock: FixedClock(DemoForumTime.reference), logger: logger)
        await session.forum.stop()
        let server = try await session.dashboard(host: "127.0.0.1", port: 0)
        let passwords = Dictionary(uniqueKeysWithValues: try session.demoAccounts().map { ($0.account.role, $0.password) })
        return (session, server, passwords)
    }

    func browser(_ server: HTTPServer, _ name: String) throws -> Browser {
        Browser(base: "http://127.0.0.1:\(server.port)", jar: folder.appendingPathComponent("\(name)-\(UUID().uuidString).jar").path,
                client: try CurlClient(settings: .init(userAgent: "test"), clock: FixedClock(DemoForumTime.reference)))
    }

    @Test func everyPageButLoginNeedsASession() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (_, server, passwords) = try await start()
        defer { Task { await server.stop() } }
        let stranger = try browser(server, "stranger")
        let (status, page) = try await stranger.get("/")
        #expect(status == 200 && page.contains("action=\"/login\""))               // redirected to the login form
        #expect(try await stranger.get("/api/summary").0 == 401)
        #expect(try await stranger.get("/healthz").0 == 200)
        var probe = URLRequest(url: URL(string: stranger.base + "/healthz")!)
        probe.httpMethod = "HEAD"
        #expect((try await URLSession.shared.data(for: probe).1 as? HTTPURLResponse)?.statusCode == 200)
        // Every answer carries nosniff and a referrer policy: pages, JSON, redirects, /healthz, 404s.
        for path in ["/healthz", "/login", "/", "/api/summary", "/no-such-page", "/lang/en?back=/"] {
            var plain = URLRequest(url: URL(string: stranger.base + path)!)
            plain.httpShouldHandleCookies = false
            let headers = try #require(try await URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)
                .data(for: plain).1 as? HTTPURLResponse)
            #expect(headers.value(forHTTPHeaderField: "X-Content-Type-Options") == "nosniff", "\(path)")
            #expect(headers.value(forHTTPHeaderField: "Referrer-Policy") == "same-origin", "\(path)")
            #expect(headers.value(forHTTPHeaderField: "Strict-Transport-Security") == nil, "\(path): plain http has no HSTS")
        }
        // An action without a session changes nothing and lands on the login form.
        let (_, answer) = try await stranger.post("/cases/demo-1040/approve", [("source", "demo"), ("thread", "104")])
        #expect(answer.contains("action=\"/login\""))
        // A wrong password is refused without saying which half was wrong.
        let (wrong, refusal) = try await stranger.post("/login", [("name", "demo-staff"), ("password", "nope")])
        #expect(wrong == 401 && refusal.contains("用户名或密码错误"))
        let (ok, cases) = try await stranger.post("/login", [("name", "demo-staff"), ("password", passwords[.staff]!)])
        #expect(ok == 200 && cases.contains("case-demo-1001") && cases.contains("demo-staff (staff)"))
        await server.stop()
    }

    @Test func pagesSpeakTheReadersLanguage() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (_, server, passwords) = try await start()
        defer { Task { await server.stop() } }
        let client = try CurlClient(settings: .init(userAgent: "test"), clock: FixedClock(DemoForumTime.reference))
        let base = "http://127.0.0.1:\(server.port)"
        // Chinese by default; English when the browser asks for it first; zh-TW readers get Chinese.
        let login = { (language: String) async throws -> String in
            String(decoding: try await client.fetch(FetchRequest(url: base + "/login", headers: ["Accept-Language": language])).body, as: UTF8.self)
        }
        let plain = try await login("")
        #expect(plain.contains(#"<html lang="zh-CN">"#) && plain.contains("登录"))
        let english = try await login("en-GB,en;q=0.9,zh-CN;q=0.5")
        #expect(english.contains(#"<html lang="en">"#) && english.contains("Log in"))
        let taiwanese = try await login("fr;q=1, zh-TW;q=0.8, en;q=0.5")
        #expect(taiwanese.contains("用户名"))
        // A choice made with the header link sticks (cookie) over Accept-Language, and brings the reader back.
        let reader = try browser(server, "reader")
        _ = try await reader.post("/login", [("name", "demo-staff"), ("password", passwords[.staff]!)])
        let (_, chinese) = try await reader.get("/cases/demo-1060")
        #expect(chinese.contains("批准") && chinese.contains(#"href="/lang/en?back=/cases/demo-1060""#))
        #expect(chinese.contains("事件要素: "), "the case page shows what the case is about (its core)")
        let (_, chosen) = try await reader.get("/lang/en?back=%2Fcases%2Fdemo-1060")
        #expect(chosen.contains(#"<html lang="en">"#) && chosen.contains("Approve") && chosen.contains("case-demo-1060"))
        #expect(chosen.contains("what it is about: "))
        #expect(try await reader.get("/").1.contains("time left"))
        // Only this site's paths are places to go back to; an unknown language is not a choice.
        for back in ["%2F%2Fevil.example%2F", "/%09/evil.example", "/%5C/evil.example", "%2F%0D%0A%2Fevil.example", "/%E3%80%80/evil.example",
                     "https://evil.example/", "%2F%2F%2Fevil.example", "/%20/evil.example"] {
            let away = try await client.fetch(FetchRequest(url: base + "/lang/en?back=" + back))
            #expect(away.url == base + "/login", "\(back)")  // went to / (then, without a session, to the login form), not away
        }
        #expect(try await reader.get("/lang/xx").0 == 404)
        await server.stop()
    }

    @Test func loginIsThrottledAfterFiveFailures() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (_, server, passwords) = try await start()
        defer { Task { await server.stop() } }
        let guesser = try browser(server, "guesser")
        for attempt in 0..<5 { _ = try await guesser.post("/login", [("name", "demo-admin"), ("password", "guess\(attempt)")]) }
        let (status, page) = try await guesser.post("/login", [("name", "demo-admin"), ("password", passwords[.admin]!)])
        #expect(status == 429 && page.contains("登录失败次数过多"))
        await server.stop()
    }

    @Test func formsNeedTheirCSRFTokenAndRulesAreCheckedOnTheServer() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (session, server, passwords) = try await start()
        defer { Task { await server.stop() } }
        let staff = try browser(server, "staff")
        _ = try await staff.post("/login", [("name", "demo-staff"), ("password", passwords[.staff]!)])
        let thread = [("source", "demo"), ("thread", "104")]
        // Without the token: refused, nothing changes.
        let (forged, _) = try await staff.post("/cases/demo-1040/approve", thread + [("csrf", "0000")])
        #expect(forged == 403)
        let token = try await staff.csrf()
        #expect(token.count == 64)
        // The fee case is major: staff may not approve it, whatever the page offered.
        let (refused, reason) = try await staff.post("/cases/demo-1040/approve", thread + [("csrf", token)])
        #expect(refused == 403 && reason.contains("supervisor") && reason.contains("approval.supervisor_needed"))
        // An edit with a forbidden phrase is saved, and the page shows the finding.
        let original = try #require(try session.store.draft(caseID: "demo-1040", thread: ThreadRef(source: "demo", threadID: "104")))
        let (edited, page) = try await staff.post("/cases/demo-1040/edit", thread + [("csrf", token), ("text", original.text + "\n这是公司规定。")])
        #expect(edited == 200 && page.contains("forbidden.blame"))
        // A supervisor fixes it; another supervisor (four-eyes) … here the admin approves.
        let supervisor = try browser(server, "supervisor")
        _ = try await supervisor.post("/login", [("name", "demo-supervisor"), ("password", passwords[.supervisor]!)])
        _ = try await supervisor.post("/cases/demo-1040/edit", thread + [("csrf", try await supervisor.csrf()), ("text", original.text)])
        let (selfApproval, _) = try await supervisor.post("/cases/demo-1040/approve", thread + [("csrf", try await supervisor.csrf())])
        #expect(selfApproval == 403)
        let admin = try browser(server, "admin")
        _ = try await admin.post("/login", [("name", "demo-admin"), ("password", passwords[.admin]!)])
        let (approved, after) = try await admin.post("/cases/demo-1040/approve", thread + [("csrf", try await admin.csrf())])
        #expect(approved == 200 && after.contains(#"<b>已批准</b> 批准人 <span class="approver">demo-admin</span>"#))
        #expect(try session.store.audit(caseID: "demo-1040", limit: 10).map(\.actor) == ["demo-admin", "demo-supervisor", "demo-staff"])
        // Logging out ends the session.
        _ = try await admin.post("/logout", [("csrf", try await admin.csrf())])
        #expect(try await admin.get("/").1.contains("action=\"/login\""))
        await server.stop()
    }

    @Test func theQueueFiltersAndTheCasePageActs() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (session, server, passwords) = try await start()
        defer { Task { await server.stop() } }
        let spokesperson = try browser(server, "spokesperson")
        _ = try await spokesperson.post("/login", [("name", "demo-spokesperson"), ("password", passwords[.spokesperson]!)])
        // The queue: open cases by time left, filtered on request.
        let (_, queue) = try await spokesperson.get("/")
        #expect(queue.contains("/cases/demo-1001") && queue.contains("/cases/demo-1050") && !queue.contains("/cases/demo-1030"))
        let (_, majors) = try await spokesperson.get("/?severity=major")
        #expect(queue.contains("/cases/demo-1060") && majors.contains("/cases/demo-1001") && !majors.contains("/cases/demo-1060"))
        // The spokesperson's queue: the cases flagged for the press or the courts, and only those.
        let (_, press) = try await spokesperson.get("/?flag=spokesperson")
        #expect(press.contains("/cases/demo-1001") && press.contains("/cases/demo-1050") && !press.contains("/cases/demo-1040")
                && !press.contains("/cases/demo-1060"))
        #expect(press.contains("媒体曝光") && press.contains(#"<option value="spokesperson" selected>发言人队列</option>"#))
        let (_, collective) = try await spokesperson.get("/?flag=collective")
        #expect(collective.contains("/cases/demo-1040") && !collective.contains("/cases/demo-1050"))
        let (_, answered) = try await spokesperson.get("/?status=replied")
        #expect(answered.contains("/cases/demo-1030") && !answered.contains("/cases/demo-1001"))
        #expect(try await spokesperson.get("/cases/demo-9999").0 == 404)
        // The media threat: approved by the spokesperson and posted by hand; the clock runs until the crawler sees it.
        let thread = [("source", "demo"), ("thread", "105")]
        let token = try await spokesperson.csrf()
        #expect(try await spokesperson.post("/cases/demo-1050/posted", thread + [("csrf", token), ("url", "https://forum/p/1")]).0 == 403)
        _ = try await spokesperson.post("/cases/demo-1050/approve", thread + [("csrf", token)])
        let (_, posted) = try await spokesperson.post("/cases/demo-1050/posted", thread + [("csrf", token), ("url", "http://127.0.0.1/thread-105-1-1.html#pid2")])
        #expect(posted.contains("draft.posted"))
        #expect(posted.contains("尚未在帖子中看到"))
        let sentCase = try #require(try session.store.storedCase(id: "demo-1050"))
        #expect(sentCase.status == .open && sentCase.replySentAt != nil && sentCase.answeredAt == nil)
        #expect(try await spokesperson.get("/").1.contains("尚未在帖子中看到"))
        #expect(try await spokesperson.post("/cases/demo-1050/posted", thread + [("csrf", token), ("url", "http://127.0.0.1/2")]).0 == 403)
        // The crawler cannot see it (a moderation queue, say): a person who sees it confirms it; the clock stops then.
        let link = [("csrf", token), ("url", "http://127.0.0.1/thread-105-1-1.html#pid9")]
        let (_, seen) = try await spokesperson.post("/cases/demo-1050/seen", thread + link)
        #expect(seen.contains("已在帖子中看到") && seen.contains("http://127.0.0.1/thread-105-1-1.html#pid9"))
        let seenCase = try #require(try session.store.storedCase(id: "demo-1050"))
        #expect(seenCase.status == .replied && seenCase.answeredAt != nil && seenCase.replySentAt == nil)
        #expect(try session.store.deadlines()["demo-1050"]?.answeredAt == seenCase.answeredAt)
        #expect(try await spokesperson.post("/cases/demo-1050/seen", thread + link).0 == 403)  // once
        // Reassign, split and merge back, dismiss — each through its form, each in the log.
        _ = try await spokesperson.post("/cases/demo-1060/reassign", [("csrf", token), ("owner", "demo-staff")])
        #expect(try session.store.storedCase(id: "demo-1060")?.owner == "demo-staff")
        let lift = try #require(try session.store.storedCase(id: "demo-1001"))
        let crossPost = lift.members.filter { $0.thread.threadID == "201" }.map { ("post", "\($0.post.source)/\($0.post.id)") }
        // An action the desk does not know is no route at all: never taken for another one.
        let casesBefore = try session.store.cases().count
        #expect(try await spokesperson.post("/cases/demo-1001/frobnicate", [("csrf", token)] + crossPost).0 == 404)
        #expect(try session.store.cases().count == casesBefore)
        let (_, splitPage) = try await spokesperson.post("/cases/demo-1001/split", [("csrf", token)] + crossPost)
        let newCase = try #require(try session.store.cases().first { $0.id != lift.id && $0.threads.map(\.threadID) == ["201"] })
        #expect(splitPage.contains("case-\(newCase.id)"))
        _ = try await spokesperson.post("/cases/demo-1001/merge", [("csrf", token), ("others", newCase.id)])
        #expect(try session.store.storedCase(id: "demo-1001")?.members.count == lift.members.count)
        _ = try await spokesperson.post("/cases/demo-1090/dismiss", [("csrf", token), ("reason", "一个问题，不是投诉")])
        #expect(try session.store.storedCase(id: "demo-1090")?.status == .notComplaint)
        let (_, audit) = try await spokesperson.get("/audit")
        for action in ["draft.approve", "draft.posted", "draft.confirmed", "case.reassign", "case.split", "case.merge", "case.not_complaint"] {
            #expect(audit.contains(action), "\(action) missing from the audit page")
        }
        await server.stop()
    }

    @Test func anApprovedReplyIsPostedThroughTheDiscourseAPI() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let received = Bodies()
        let router = Router()
        router.post("/posts.json") { request, _ -> Response in
            guard request.headers[.init("Api-Key")!] == "secret-key" else { return Response(status: .forbidden) }
            received.add(String(buffer: try await request.body.collect(upTo: 1 << 20)))
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"id": 7, "post_number": 3, "topic_slug": "fees"}"#)))
        }
        let forum = try await HTTPServer.start(router, host: "127.0.0.1", port: 0, logger: logger)
        defer { Task { await forum.stop() } }
        let (session, server, _) = try await start()
        await server.stop()
        let poster = DiscoursePoster(baseURL: "http://127.0.0.1:\(forum.port)", apiKey: "secret-key", username: "support",
                                     fetcher: try CurlClient(settings: .init(userAgent: "test"), clock: FixedClock(DemoForumTime.reference)))
        let desk = ApprovalDesk(pipeline: session.pipeline, posters: ["demo": poster])
        let thread = ThreadRef(source: "demo", threadID: "105")
        let spokesperson = Account(name: "p", role: .spokesperson, passwordHash: "x", createdAt: DemoForumTime.reference)
        // Nothing reaches a forum without a named person's approval.
        await #expect { _ = try await desk.post(caseID: "demo-1050", thread: thread, by: spokesperson) } throws: {
            ($0 as? OmbudError)?.code.rawValue == "action.not_approved"
        }
        #expect(received.count == 0)
        _ = try desk.approve(caseID: "demo-1050", thread: thread, by: spokesperson)
        let sent = try await desk.post(caseID: "demo-1050", thread: thread, by: spokesperson)
        #expect(sent.status == .open && sent.replySentAt != nil)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(received.all[0].utf8)) as? [String: Any])
        #expect(body["topic_id"] as? Int == 105 && (body["raw"] as? String)?.isEmpty == false)
        #expect(try session.store.draft(caseID: "demo-1050", thread: thread)?.review?.postedURL == "http://127.0.0.1:\(forum.port)/t/fees/105/3")
        // Posted once: a second press is refused and sends nothing.
        await #expect { _ = try await desk.post(caseID: "demo-1050", thread: thread, by: spokesperson) } throws: {
            ($0 as? OmbudError)?.code.rawValue == "action.already_posted"
        }
        #expect(received.count == 1)
        await forum.stop()
    }
}

/// Stops URLSession following redirects, so a test sees the redirect's own headers.
final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest) async -> URLRequest? { nil }
}
