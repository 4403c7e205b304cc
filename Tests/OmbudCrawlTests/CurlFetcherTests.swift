import Foundation
import Hummingbird
import Logging
import OmbudApp
import OmbudCore
import OmbudCrawl
import Testing

/// libcurl against a real HTTP server on 127.0.0.1.
@Suite struct CurlFetcherTests {
    static func server() async throws -> HTTPServer {
        let router = Router()
        router.get("/ok") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "<p>你好</p>")))
        }
        router.get("/gbk") { _, _ -> Response in
            let bytes = "<p>电梯坏了</p>".data(using: String.Encoding(rawValue: 0x8000_0632))!
            return Response(status: .ok, headers: [.contentType: "text/html; charset=GBK"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.get("/big") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: 0x41, count: 300_000))) }
        router.get("/moved") { _, _ in Response(status: .found, headers: [.location: "/ok"]) }
        router.get("/agent") { request, _ in request.headers[.userAgent] ?? "" }
        return try await HTTPServer.start(router, host: "127.0.0.1", port: 0, logger: Logger(label: "test"))
    }

    let fetcher = CurlFetcher(settings: .init(userAgent: "Ombud-test/1 (+https://example.invalid)", timeoutSeconds: 5, maxBodyBytes: 100_000))

    @Test func fetchesBodiesStatusesAndHeaders() async throws {
        let server = try await Self.server()
        defer { Task { await server.stop() } }
        let base = "http://127.0.0.1:\(server.port)"
        let ok = try await fetcher.fetch("\(base)/ok")
        #expect(ok.status == 200)
        #expect(String(decoding: ok.body, as: UTF8.self) == "<p>你好</p>")
        #expect(ok.charset == "utf-8")
        #expect(try await fetcher.fetch("\(base)/nowhere").status == 404)
        let moved = try await fetcher.fetch("\(base)/moved")
        #expect(moved.status == 200 && moved.url == "\(base)/ok")
        #expect(String(decoding: try await fetcher.fetch("\(base)/agent").body, as: UTF8.self) == "Ombud-test/1 (+https://example.invalid)")
        let gbk = try await fetcher.fetch("\(base)/gbk")
        #expect(gbk.charset == "gbk")
        #expect(String(data: Data(gbk.body), encoding: String.Encoding(rawValue: 0x8000_0632)) == "<p>电梯坏了</p>")
        await server.stop()
    }

    @Test func aBodyOverTheCapIsDroppedWithAReason() async throws {
        let server = try await Self.server()
        let url = "http://127.0.0.1:\(server.port)/big"
        await #expect {
            try await fetcher.fetch(url)
        } throws: { error in
            (error as? OmbudError)?.code == "fetch.too_large" && (error as? OmbudError)?.context["url"] == url
        }
        await server.stop()
    }

    @Test func anUnreachableHostIsATransportError() async throws {
        // Port 1 on loopback: nothing listens there.
        await #expect {
            try await fetcher.fetch("http://127.0.0.1:1/")
        } throws: { ($0 as? OmbudError)?.code == "fetch.transport" }
    }
}
