import Foundation
import Logging
import OmbudApp
import OmbudCore
import OmbudCrawl
import OmbudStore
import OmbudWeb

/// Stores synthetic cases, serves the dashboard on 127.0.0.1, logs in, and has wrk load the queue
/// page; prints wrk's latency distribution and the p99 against the 50 ms target.
enum QueueBench {
    static func run(root: URL, cases: Int, connections: Int, seconds: Int) async throws {
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile) else {
            throw OmbudError(code: .benchNoWrk, message: "wrk is not installed", context: [:], fix: "sudo apt-get install -y wrk")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-queue-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let runtime = try Runtime.open(root: root, database: folder.appendingPathComponent("bench.sqlite").path, clock: SystemClock(), logger: logger)
        let started = Date()
        try seed(runtime, cases: cases)
        print("queue bench: \(cases) cases stored in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")

        let password = "bench-password-\(UUID().uuidString.prefix(8))"
        try runtime.store.save(account: try Accounts.make(name: "bench", role: "staff", password: password, now: Date()))
        let dashboard = try runtime.workspace.dashboard(pipeline: runtime.pipeline)
        let server = try await HTTPServer.start(dashboard.router(), host: "127.0.0.1", port: 0, logger: logger)
        defer { Task { await server.stop() } }
        let base = "http://127.0.0.1:\(server.port)"
        // The session cookie from the login's 303 (curl's own command shows the Set-Cookie header).
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-o", "/dev/null", "-D", "-", "--data-urlencode", "name=bench", "--data-urlencode", "password=\(password)", base + "/login"]
        let headers = Pipe()
        curl.standardOutput = headers
        try curl.run()
        let received = String(decoding: headers.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        guard let cookie = received.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("set-cookie:") })?
            .dropFirst("set-cookie:".count).split(separator: ";").first?.trimmingCharacters(in: .whitespaces) else {
            throw OmbudError(code: .benchLogin, message: "could not log in to the dashboard", context: [:], fix: "check that curl is installed")
        }
        let client = try CurlClient(settings: .init(userAgent: "ombud-bench"), clock: SystemClock())
        let page = try await client.fetch(FetchRequest(url: base + "/", headers: ["Cookie": cookie]))
        print("queue page: HTTP \(page.status), \(page.body.count / 1024) KB, the 200 most urgent of \(cases) cases")
        // One render that no cache serves (a filter nobody asked for yet): what a refresh costs.
        let before = Date()
        _ = try await client.fetch(FetchRequest(url: base + "/?status=all", headers: ["Cookie": cookie]))
        print(String(format: "an uncached queue render (all %d cases' 200 most urgent): %.1f ms", cases, Date().timeIntervalSince(before) * 1000))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = ["-t2", "-c\(connections)", "-d\(seconds)s", "--latency", "-H", "Cookie: \(cookie)", base + "/"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        print(output)
        await server.stop()
        guard let line = output.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("99%") }) else {
            throw OmbudError(code: .benchWrk, message: "wrk printed no 99th percentile", context: [:], fix: "run wrk by hand to see why")
        }
        let value = line.split(separator: " ").last.map(String.init) ?? ""
        let milliseconds = value.hasSuffix("ms") ? Double(value.dropLast(2)) : value.hasSuffix("us") ? Double(value.dropLast(2)).map { $0 / 1000 }
            : value.hasSuffix("s") ? Double(value.dropLast()).map { $0 * 1000 } : nil
        let p99 = milliseconds ?? .infinity
        print(String(format: "queue page p99 with %d cases, %d connections: %.1f ms (target at most 50 ms) [%@]", cases, connections, p99,
                     p99 <= 50 ? "met" : "NOT met"))
    }

    /// `cases` synthetic cases with a first post and a deadline each, varied in severity,
    /// category, flags and time, in batches.
    static func seed(_ runtime: Runtime, cases count: Int) throws {
        var random = SplitMix(seed: 7)
        let categories = ["facilities", "emergency", "fees", "service", "environment", "security"]
        let start = Date().addingTimeInterval(-3 * 86_400)
        for batch in stride(from: 0, to: count, by: 1_000) {
            var posts: [Post] = []
            var stored: [Case] = []
            for index in batch..<min(count, batch + 1_000) {
                let at = start.addingTimeInterval(Double(random.below(5 * 86_400)))
                let post = Post(source: "demo", id: "b\(index)", threadID: "t\(index)", threadTitle: "第\(index)号投诉", board: "2", floor: 1,
                                author: "业主\(index)", authorID: "u\(index)", postedAt: at,
                                text: "\(1 + random.below(40))号楼电梯又坏了，物业一直没人管，第\(index)次投诉", url: "https://bbs.example/t\(index)")
                posts.append(post)
                var subject = Case(id: "demo-b\(index)", category: categories[random.below(categories.count)], members: [
                    CaseMember(post: post.key, thread: ThreadRef(source: "demo", threadID: post.threadID), authorID: post.authorID,
                               authorName: post.author, postedAt: at, role: .origin, reasons: []),
                ], issues: ["电梯故障"], flags: random.below(10) == 0 ? [.mediaThreat] : [], severity: Severity.allCases[random.below(Severity.allCases.count)])
                if random.below(5) == 0 { subject.status = .replied }
                stored.append(subject)
            }
            _ = try runtime.store.save(posts: posts)
            try runtime.store.save(cases: stored)
            try runtime.store.save(deadlines: stored.map { runtime.workspace.deadlines.deadline(for: $0) })
        }
    }
}
