import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import Logging
import OmbudApp
import Testing

/// Connections that send part of a request and then nothing: half-sent headers stayed open for
/// minutes, and a body declared 100 KB with 6 bytes sent was never answered.
@Suite struct HTTPServerTimeoutTests {
    /// Connects to 127.0.0.1:`port`, sends `bytes`, and returns how long the server took to close
    /// the connection (nil if it was still open after `limit` seconds).
    func secondsUntilClosed(port: Int, sending bytes: String, limit: Int = 60) -> Double? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        var timeout = timeval(tv_sec: limit, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let start = ContinuousClock.now
        func elapsed() -> Double {
            let gone = ContinuousClock.now - start
            return Double(gone.components.seconds) + Double(gone.components.attoseconds) / 1e18
        }
        _ = bytes.withCString { send(socket, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count == 0 { return elapsed() }   // closed by the server
            if count < 0 { return errno == ECONNRESET ? elapsed() : nil }
        }
    }

    @Test func aConnectionThatStopsSendingIsClosed() async throws {
        let router = Router()
        router.post("/form") { request, _ -> String in
            var request = request
            return String(buffer: try await request.collectBody(upTo: 1 << 20))
        }
        let server = try await HTTPServer.start(router, host: "127.0.0.1", port: 0, idleTimeout: .seconds(1), logger: Logger(label: "test"))
        defer { Task { await server.stop() } }
        // A 1-second idle limit against a 10-second bound: room for a busy CI machine, and still under
        // the server's default idle limit (20 s), so a limit not passed on would show.
        let headers = secondsUntilClosed(port: server.port, sending: "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        #expect(headers.map { $0 < 10 } == true, "half-sent headers: \(String(describing: headers))")
        let body = secondsUntilClosed(port: server.port,
                                      sending: "POST /form HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\nabcdef")
        #expect(body.map { $0 < 10 } == true, "a stalled body: \(String(describing: body))")
        await server.stop()
    }
}
