import Foundation
import OmbudCore
import OmbudCrawl
import OmbudExtract
import Testing

/// libcurl's multi interface against a misbehaving server on 127.0.0.1.
@Suite struct CurlClientTests {
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    static func server() throws -> TestServer {
        try TestServer { request in
            switch request.path {
            case "/ok": .html("<p>你好</p>", headers: ["ETag": "\"v1\""])
            case "/cached": request.headers["if-none-match"] == "\"v1\"" ? .respond(status: 304) : .html("fresh", headers: ["ETag": "\"v1\""])
            case "/gbk": .respond(status: 200, headers: ["Content-Type": "text/html; charset=GBK"],
                                  body: [UInt8]("<p>电梯坏了</p>".data(using: gb18030)!))
            case "/big": .respond(status: 200, body: [UInt8](repeating: 0x41, count: 300_000))
            case "/moved": .respond(status: 302, headers: ["Location": "/ok"])
            case "/loop": .respond(status: 302, headers: ["Location": "/loop"])
            case "/agent": .html(request.headers["user-agent"] ?? "")
            case "/reset": .reset
            case "/slow": .slow(body: [UInt8](repeating: 0x42, count: 4000), chunks: 40, delay: 0.25)
            case "/pause": .slow(body: Array("done".utf8), chunks: 1, delay: 0.5)
            case "/login": request.method == "POST" && request.body == "user=%E5%BC%A0%20%E4%B8%89&pass=p%26w"
                ? .html("welcome", headers: ["Set-Cookie": "sid=s3cret; Path=/"]) : .html("denied", status: 403)
            case "/members": request.headers["cookie"]?.contains("sid=s3cret") == true ? .html("members only") : .html("please log in")
            default: .respond(status: 404)
            }
        }
    }

    let client = try! CurlClient(settings: .init(userAgent: "Ombud-test/1 (+https://example.invalid)", timeoutSeconds: 5,
                                                 lowSpeedBytesPerSecond: 1000, lowSpeedSeconds: 1, maxBodyBytes: 100_000, maxRedirects: 3), clock: TestTime.clock)

    @Test func fetchesBodiesStatusesHeadersAndRedirects() async throws {
        let server = try Self.server()
        let ok = try await client.fetch("\(server.url)/ok")
        #expect(ok.status == 200 && String(decoding: ok.body, as: UTF8.self) == "<p>你好</p>")
        #expect(ok.charset == "utf-8" && ok.headers["etag"] == "\"v1\"")
        #expect(try await client.fetch("\(server.url)/nowhere").status == 404)
        let moved = try await client.fetch("\(server.url)/moved")
        #expect(moved.status == 200 && moved.url == "\(server.url)/ok")
        #expect(String(decoding: try await client.fetch("\(server.url)/agent").body, as: UTF8.self) == "Ombud-test/1 (+https://example.invalid)")
        let gbk = try await client.fetch("\(server.url)/gbk")
        #expect(gbk.charset == "gbk" && String(data: Data(gbk.body), encoding: Self.gb18030) == "<p>电梯坏了</p>")
        #expect(try await client.fetch(FetchRequest(url: "\(server.url)/cached", headers: ["If-None-Match": "\"v1\""])).status == 304)
    }

    @Test(arguments: [("/big", "fetch.too_large"), ("/loop", "fetch.redirect_loop"), ("/reset", "fetch.connection"),
                      ("/slow", "fetch.timeout")])
    func failuresAreNamed(path: String, code: String) async throws {
        let server = try Self.server()
        let url = "\(server.url)\(path)"
        await #expect {
            try await client.fetch(url)
        } throws: { error in
            (error as? OmbudError)?.code.rawValue == code && (error as? OmbudError)?.context["url"] == url
        }
    }

    @Test func nothingListeningIsUnreachable() async {
        await #expect {
            try await client.fetch("http://127.0.0.1:1/")
        } throws: { ($0 as? OmbudError)?.code.rawValue == "fetch.unreachable" }
    }

    @Test func transfersRunConcurrently() async throws {
        let server = try Self.server()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<6 { group.addTask { try await client.fetch("\(server.url)/pause").status } }
            for try await status in group { #expect(status == 200) }
        }
        // Each answer comes half a second after its request: one at a time, the requests would
        // reach the server at least half a second apart; at once, they all arrive before the first answer.
        let arrivals = server.requests(to: "/pause").map(\.at)
        #expect(arrivals.count == 6)
        #expect(arrivals.max()! - arrivals.min()! < .milliseconds(450))
    }

    @Test func formsPostAndCookiesPersistInTheJar() async throws {
        let server = try Self.server()
        let jar = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-jar-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: jar) }
        #expect(String(decoding: try await client.fetch(FetchRequest(url: "\(server.url)/members", cookieJar: jar)).body, as: UTF8.self) == "please log in")
        let login = try await client.fetch(FetchRequest(url: "\(server.url)/login", form: [("user", "张 三"), ("pass", "p&w")], cookieJar: jar))
        #expect(login.status == 200)
        #expect(String(decoding: try await client.fetch(FetchRequest(url: "\(server.url)/members", cookieJar: jar)).body, as: UTF8.self) == "members only")
        // A new client reads the jar the first one wrote.
        let other = try CurlClient(settings: .init(userAgent: "t"), clock: TestTime.clock)
        #expect(String(decoding: try await other.fetch(FetchRequest(url: "\(server.url)/members", cookieJar: jar)).body, as: UTF8.self) == "members only")
    }
}

/// Pages in Big5 and GBK, fetched and parsed as the crawler does, and a proxy.
@Suite struct EncodingAndProxyTests {
    @Test func big5AndGBKPagesComeOutAsUnicode() async throws {
        let big5 = String.Encoding(rawValue: 0x8000_0A03)
        let gbk = String.Encoding(rawValue: 0x8000_0632)
        let server = try TestServer { request in
            switch request.path {
            case "/big5":  // no charset in the header: the <meta> says Big5
                .respond(status: 200, headers: ["Content-Type": "text/html"],
                         body: [UInt8]("<html><head><meta charset=\"big5\"></head><body><td class=\"t_f\">電梯壞了三天，物業不管！</td></body></html>".data(using: big5)!))
            case "/gbk":
                .respond(status: 200, headers: ["Content-Type": "text/html; charset=gbk"],
                         body: [UInt8]("<html><body><td class=\"t_f\">电梯坏了三天，物业不管！</td></body></html>".data(using: gbk)!))
            default: .respond(status: 404)
            }
        }
        let client = try CurlClient(settings: .init(userAgent: "t"), clock: TestTime.clock)
        for (path, expected) in [("/big5", "電梯壞了三天，物業不管！"), ("/gbk", "电梯坏了三天，物业不管！")] {
            let response = try await client.fetch("\(server.url)\(path)")
            let document = try HTMLDocument(bytes: response.body, url: response.url, charset: response.charset)
            #expect(try document.text("//td[@class='t_f']") == expected)
        }
    }

    @Test func aConfiguredProxyCarriesTheRequests() async throws {
        let proxy = try TestServer { _ in .html("via proxy") }
        let client = try CurlClient(settings: .init(userAgent: "t", proxy: proxy.url), clock: TestTime.clock)
        let response = try await client.fetch("http://forum.example.invalid/forum-2-1.html")
        #expect(String(decoding: response.body, as: UTF8.self) == "via proxy")
        #expect(proxy.requests.first?.path == "http://forum.example.invalid/forum-2-1.html")
    }
}
