import Foundation
import Glibc
import Hummingbird
import Logging
import OmbudApp
import OmbudCore
import OmbudDemo
import OmbudTesting
import OmbudStore
import Testing

/// Forums that need a login, and forums that serve GBK.
@Suite(.serialized) struct LoginAndCharsetTests {
    let logger = Logger(label: "test")

    /// Counts logins and hands out sessions that expire after `views` pages.
    final class Sessions: @unchecked Sendable {
        private let lock = NSLock()
        private var remaining: [String: Int] = [:]
        private(set) var logins = 0
        let views: Int
        init(views: Int) { self.views = views }
        func open() -> String { lock.withLock { logins += 1; let token = "t\(logins)"; remaining[token] = views; return token } }
        func use(_ cookie: String?) -> Bool {
            return lock.withLock {
                guard let token = cookie?.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
                    .first(where: { $0.hasPrefix("auth=") })?.dropFirst(5), let left = remaining[String(token)], left > 0 else { return false }
                remaining[String(token)] = left - 1
                return true
            }
        }
    }

    func walledRouter(_ forum: DemoForum, sessions: Sessions) -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/member.php") { request, _ -> Response in
            let form = String(buffer: try await request.body.collect(upTo: 1 << 16))
            guard form == "password=s3cret-pass&username=alice" else { return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "登录失败"))) }
            return Response(status: .ok, headers: [.setCookie: "auth=\(sessions.open()); Path=/", .contentType: "text/html; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "<p>欢迎您回来，alice</p>")))
        }
        router.get("**") { request, _ -> Response in
            guard let page = forum.page(request.uri.path) else { return Response(status: .notFound) }
            if request.uri.path != "/robots.txt", !sessions.use(request.headers[.cookie]) {
                return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: "<div class=\"alert_error\">您需要登录后才可以继续本操作</div>")))
            }
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page.html)))
        }
        return router
    }

    @Test func aLoginWallIsPassedAndAnExpiredSessionRenewed() async throws {
        setenv("OMBUD_TEST_USER", "alice", 1)
        setenv("OMBUD_TEST_PASS", "s3cret-pass", 1)
        let project = try TestProject {
            $0.sources[0].politeness = .init(delayMilliseconds: 0, maxPerHost: 2)
            $0.sources[0].login = .init(url: "member.php?mod=logging&action=login",
                                        fields: ["username": "${OMBUD_TEST_USER}", "password": "${OMBUD_TEST_PASS}"],
                                        success: "欢迎您回来", loggedOut: "您需要登录后才可以")
        }
        defer { project.remove() }
        let sessions = Sessions(views: 7)
        let forum = try await FixedForum.start(folder: project.forumFolder) { walledRouter($0, sessions: sessions) }
        try project.point(to: forum.url)
        let runtime = try Runtime.open(root: project.root, database: project.database, clock: FixedClock(DemoForumTime.reference), logger: logger)
        let report = try await runtime.pipeline.crawl(try #require(runtime.workspace.configuration.sources.first))
        await forum.server.stop()
        #expect(report.errors == [])
        #expect(report.newPosts == 30)
        #expect(sessions.logins >= 3)  // 18 pages on sessions of 7 views
        // The password reached the forum and nowhere else.
        for file in try FileManager.default.contentsOfDirectory(atPath: project.root.appendingPathComponent("var").path) {
            let path = project.root.appendingPathComponent("var/\(file)").path
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            #expect(data.range(of: Data("s3cret-pass".utf8)) == nil, "the password is in \(file)")
        }
    }

    @Test func aWrongPasswordFailsClearly() async throws {
        setenv("OMBUD_TEST_WRONG", "nope", 1)
        let project = try TestProject {
            $0.sources[0].login = .init(url: "member.php?mod=logging&action=login", fields: ["username": "alice", "password": "${OMBUD_TEST_WRONG}"],
                                        success: "欢迎您回来")
        }
        defer { project.remove() }
        let forum = try await FixedForum.start(folder: project.forumFolder) { walledRouter($0, sessions: Sessions(views: 100)) }
        try project.point(to: forum.url)
        let runtime = try Runtime.open(root: project.root, database: project.database, clock: FixedClock(DemoForumTime.reference), logger: logger)
        await #expect {
            try await runtime.pipeline.crawl(try #require(runtime.workspace.configuration.sources.first))
        } throws: { error in
            let error = error as? OmbudError
            return error?.code.rawValue == "login.failed" && error?.description.contains("nope") == false
        }
        await forum.server.stop()
    }

    @Test func gbkForumsAreReadCorrectly() async throws {
        let project = try TestProject()
        defer { project.remove() }
        let gb18030 = String.Encoding(rawValue: 0x8000_0632)
        // Board 2 and its threads say GBK in the header; board 36's pages only in their <meta>.
        let forum = try await FixedForum.start(folder: project.forumFolder) { forum in
            let router = Router()
            router.get("**") { request, _ -> Response in
                guard let page = forum.page(request.uri.path) else { return Response(status: .notFound) }
                let inHeader = !request.uri.path.contains("36") && !request.uri.path.contains("thread-2")
                let html = page.html.replacingOccurrences(of: "charset=utf-8", with: "charset=gbk")
                return Response(status: .ok, headers: [.contentType: inHeader ? "text/html; charset=GBK" : "text/html"],
                                body: .init(byteBuffer: ByteBuffer(bytes: [UInt8](html.data(using: gb18030)!))))
            }
            return router
        }
        try project.point(to: forum.url)
        let runtime = try Runtime.open(root: project.root, database: project.database, clock: FixedClock(DemoForumTime.reference), logger: logger)
        let report = try await runtime.pipeline.crawl(try #require(runtime.workspace.configuration.sources.first))
        await forum.server.stop()
        #expect(report.errors == [] && report.newPosts == 30)
        let posts = try runtime.store.posts([PostKey(source: "demo", id: "1001"), PostKey(source: "demo", id: "2010")])
        #expect(posts[PostKey(source: "demo", id: "1001")]?.threadTitle == "3号楼电梯又坏了，困了人！")
        #expect(posts[PostKey(source: "demo", id: "2010")]?.text.hasPrefix("今天早上7点40分，3号楼2单元的电梯又坏了") == true)
    }
}
