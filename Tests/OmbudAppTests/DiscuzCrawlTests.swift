import Foundation
import Hummingbird
import Logging
import OmbudApp
import OmbudCore
import OmbudDemo
import OmbudTesting
import Testing

/// Pages rendered by real Discuz! installs (Fixtures/real/discuz: X3.4 in GBK, X3.5 in UTF-8),
/// served again on 127.0.0.1 with the `Content-Type` they were sent with, and crawled end to end
/// with the shipped `discuz-x3` profile: board, every thread, every page of a thread.
@Suite struct DiscuzCrawlTests {
    static let folder = TestProject.repository.appendingPathComponent("Tests/OmbudExtractTests/Fixtures/real/discuz")

    /// The saved pages of one install, keyed by the query or path they were saved from.
    struct Site: Sendable, CustomTestStringConvertible {
        var prefix: String
        var charset: String
        /// The host:port the pages were rendered for (their `<base href>` and links).
        var renderedHost: String
        var rewritten: Bool
        /// Serve the pages without their `<meta>` charset: the `Content-Type` header alone must do.
        var withoutMeta = false
        var testDescription: String { "\(prefix)\(rewritten ? " (rewritten URLs)" : "")\(withoutMeta ? " (charset in the header only)" : "")" }

        func file(path: String, query: [String: String]) -> String? {
            if rewritten {
                return switch path {
                case "/forum-2-1.html": "rw-forum"
                case "/thread-1-1-1.html": "rw-thread-A-p1"
                case "/thread-1-2-1.html": "rw-thread-A-p2"
                // Page 3 of thread A and threads B and C were saved with the default URLs only.
                default: nil
                }
            }
            guard path == "/forum.php" else { return nil }
            switch (query["mod"], query["fid"], query["tid"], query["page"]) {
            case ("forumdisplay", "2", nil, nil), ("forumdisplay", "2", nil, "1"?): return "forum"
            case ("viewthread", nil, "1", nil), ("viewthread", nil, "1", "1"?): return "thread-A-p1"
            case ("viewthread", nil, "1", "2"?): return "thread-A-p2"
            case ("viewthread", nil, "1", "3"?): return "thread-A-p3"
            case ("viewthread", nil, "2", _): return "thread-B"
            case ("viewthread", nil, "3", _): return "thread-C"
            default: return nil
            }
        }
    }

    static let sites = [
        Site(prefix: "dzx34-gbk-", charset: "gbk", renderedHost: "127.0.0.1:8124", rewritten: false),
        Site(prefix: "dzx34-gbk-", charset: "gbk", renderedHost: "127.0.0.1:8124", rewritten: false, withoutMeta: true),
        Site(prefix: "dzx35-utf8-", charset: "utf-8", renderedHost: "127.0.0.1:8125", rewritten: false),
        Site(prefix: "dzx34-gbk-", charset: "gbk", renderedHost: "127.0.0.1:8124", rewritten: true),
        Site(prefix: "dzx35-utf8-", charset: "utf-8", renderedHost: "127.0.0.1:8125", rewritten: true),
    ]

    @Test(arguments: sites)
    func aDiscuzForumIsCrawledWholeInItsCharset(site: Site) async throws {
        let router = Router()
        let port = ServedPort()
        router.get("**") { request, _ -> Response in
            var query: [String: String] = [:]
            for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
            guard let name = site.file(path: request.uri.path, query: query),
                  var bytes = FileManager.default.contents(atPath: Self.folder.appendingPathComponent(site.prefix + name + ".html").path) else {
                return Response(status: .notFound)
            }
            // The pages name the host they were rendered on (`<base href>`, absolute links): point them
            // here. Host and port are ASCII, the same bytes in GBK and UTF-8.
            bytes = Self.replacing(Data(site.renderedHost.utf8), with: Data("127.0.0.1:\(port.value)".utf8), in: bytes)
            if site.withoutMeta {
                bytes = Self.replacing(Data(#"<meta http-equiv="Content-Type" content="text/html; charset=gbk" />"#.utf8), with: Data(), in: bytes)
            }
            return Response(status: .ok, headers: [.contentType: "text/html; charset=\(site.charset)"],
                            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        let server = try await HTTPServer.start(router, host: "127.0.0.1", port: 0, logger: Logger(label: "discuz"))
        port.value = server.port
        let project = try TestProject()
        defer { project.remove() }
        try project.configure {
            $0.sources[0].baseURL = "http://127.0.0.1:\(server.port)/"
            $0.sources[0].site = "discuz-x3"
            $0.sources[0].timeZone = "Asia/Shanghai"
            $0.sources[0].boards = [.init(id: "2", name: "物业投诉与建议",
                                          path: site.rewritten ? "forum-2-1.html" : "forum.php?mod=forumdisplay&fid=2")]
            // Threads B and C were last active in 2025: a first crawl reaches back to them only with a
            // window that long (the default leaves them out and says so, as the rewritten case shows).
            if !site.rewritten { $0.crawl.firstCrawlDays = 800 }
        }
        // The moment the pages were saved (2026-12-05 12:57 in Shanghai); the two posts shown as
        // "3 天前" and "2 小时前" are read from their absolute `title`, not from this clock.
        let report: Pipeline.SourceReport
        let runtime: Runtime
        do {
            runtime = try Runtime.open(root: project.root, database: project.database, clock: FixedClock(Self.at("2026-12-05 12:57:06")),
                                       logger: Logger(label: "test"))
            report = try await runtime.pipeline.crawl(try #require(runtime.workspace.configuration.sources.first))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()

        let posts = try runtime.store.postsWithoutAssessment()
        let threadA = posts.filter { $0.threadID == "1" }.sorted { $0.floor < $1.floor }
        if site.rewritten {
            // Only thread A's first two pages were saved with rewritten URLs: its third is a named error;
            // B and C are older than the first crawl's window and are counted, not fetched.
            #expect(threadA.map(\.floor) == Array(1...20), "\(report.errors)")
            #expect(report.errors.count == 1 && report.errors[0].contains("127.0.0.1:\(server.port)/thread-1-3-1.html"), "\(report.errors)")
            #expect(report.threadsTooOld == 2 && posts.count == 20)
        } else {
            #expect(report.errors.isEmpty, "\(report.errors)")
            #expect(report.newPosts == 31 && posts.count == 31 && report.threadsTooOld == 0)
            #expect(threadA.map(\.floor) == Array(1...25))
            #expect(Set(posts.map(\.threadID)) == ["1", "2", "3"])
            // The relative times, from their titles.
            #expect(threadA[23].postedAt == Self.at("2026-12-02 12:36:26") && threadA[23].author == "业主老王")
            #expect(threadA[24].postedAt == Self.at("2026-12-05 10:51:39") && threadA[24].author == "李阿姨")
        }
        #expect(threadA.first?.threadTitle == "3号楼电梯又坏了！物业到底管不管？")
        #expect(threadA.first?.postedAt == Self.at("2025-03-03 08:15:27") && threadA.first?.author == "业主老王")
        // Traditional Chinese decoded from GBK bytes as well as from UTF-8.
        #expect(threadA[3].author == "陈小姐" && threadA[3].text.hasPrefix("電梯按鈕也壞了好幾個"))
        #expect(threadA[4].text.hasPrefix("Same here in buildin"))
    }

    /// `2025-03-03 08:15:27`, as the sites show it (Asia/Shanghai).
    static func at(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text.replacingOccurrences(of: " ", with: "T") + "+08:00")!
    }

    static func replacing(_ old: Data, with new: Data, in data: Data) -> Data {
        var result = Data(), rest = data[...]
        while let range = rest.range(of: old) {
            result += rest[..<range.lowerBound] + new
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// The server's port, known only once it listens; the router reads it per request.
    final class ServedPort: @unchecked Sendable {
        private let lock = NSLock()
        private var port = 0
        var value: Int {
            get { lock.withLock { port } }
            set { lock.withLock { port = newValue } }
        }
    }
}
