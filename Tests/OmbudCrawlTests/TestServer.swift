import Foundation
import Glibc
import OmbudCore

/// A small HTTP/1.1 server on 127.0.0.1 that misbehaves on demand, and records every request.
///
/// Raw sockets, so that it can also reset connections and dribble bodies, which a framework
/// server will not do. One thread per connection; `Connection: close` after every response.
final class TestServer: @unchecked Sendable {
    enum Reply {
        case respond(status: Int, headers: [String: String] = [:], body: [UInt8] = [])
        /// Sends the headers, then the body in `chunks` pieces `delay` apart.
        case slow(body: [UInt8], chunks: Int, delay: TimeInterval)
        /// Closes the connection with a TCP reset before answering.
        case reset

        static func html(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> Reply {
            .respond(status: status, headers: ["Content-Type": "text/html; charset=utf-8"].merging(headers) { _, new in new },
                     body: Array(text.utf8))
        }
    }

    struct Request: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: String
        var at: ContinuousClock.Instant
    }

    let port: Int
    private let socket: Int32
    private let lock = NSLock()
    private var log: [Request] = []
    private let route: @Sendable (Request) -> Reply

    init(route: @escaping @Sendable (Request) -> Reply) throws {
        self.route = route
        let listener = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        guard bound == 0, listen(listener, 64) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        socket = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }

    var url: String { "http://127.0.0.1:\(port)" }

    var requests: [Request] { lock.withLock { log } }

    func requests(to path: String) -> [Request] { requests.filter { $0.path == path } }

    private func acceptLoop() {
        while true {
            let client = accept(socket, nil, nil)
            guard client >= 0 else { return }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        guard let request = read(client) else { return }
        lock.withLock { log.append(request) }
        switch route(request) {
        case .respond(let status, let headers, let body):
            write(client, head(status, headers, length: body.count) + body)
        case .slow(let body, let chunks, let delay):
            write(client, head(200, ["Content-Type": "text/html"], length: body.count))
            let size = max(1, body.count / max(1, chunks))
            var offset = 0
            while offset < body.count {
                Thread.sleep(forTimeInterval: delay)
                let end = min(body.count, offset + size)
                if !write(client, Array(body[offset..<end])) { return }
                offset = end
            }
        case .reset:
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        }
    }

    private func head(_ status: Int, _ headers: [String: String], length: Int) -> [UInt8] {
        var text = "HTTP/1.1 \(status) Status\r\nContent-Length: \(length)\r\nConnection: close\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return Array((text + "\r\n").utf8)
    }

    @discardableResult
    private func write(_ client: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return false }
            sent += count
        }
        return true
    }

    private func read(_ client: Int32) -> Request? {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            data += buffer[0..<count]
            guard let end = data.firstRange(of: Array("\r\n\r\n".utf8)) else { continue }
            let headText = String(decoding: data[..<end.lowerBound], as: UTF8.self)
            var lines = headText.components(separatedBy: "\r\n")
            let first = lines.removeFirst().split(separator: " ")
            var headers: [String: String] = [:]
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let length = Int(headers["content-length"] ?? "0") ?? 0
            var body = Array(data[end.upperBound...])
            while body.count < length {
                let more = recv(client, &buffer, buffer.count, 0)
                guard more > 0 else { break }
                body += buffer[0..<more]
            }
            return Request(method: first.first.map(String.init) ?? "", path: first.count > 1 ? String(first[1]) : "/",
                           headers: headers, body: String(decoding: body, as: UTF8.self), at: ContinuousClock.now)
        }
    }
}

/// The time the crawl tests run at: fixed, so no test depends on the day it runs.
enum TestTime {
    static let clock = FixedClock(Date(timeIntervalSince1970: 1_795_000_000))
}
