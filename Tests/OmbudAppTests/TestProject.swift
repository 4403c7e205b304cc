import Foundation
import Hummingbird
import Logging
import OmbudApp
import OmbudCore
import OmbudDemo

/// A copy of the repository's config/ and Templates/ in a temporary folder, with the demo source
/// pointed at a forum the test serves.
struct TestProject {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let root: URL
    var database: String { root.appendingPathComponent("var/ombud.sqlite").path }

    /// Copies the project; `sourceExtra` replaces the demo source's `politeness` line (and may add
    /// keys such as `login:`), as YAML indented for a list item's body. Point it at a forum with ``point(to:)``.
    init(sourceExtra: String = "    politeness: { delay_ms: 0, max_per_host: 4 }") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-project-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for item in ["config", "Templates", "demo"] {
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        let configuration = root.appendingPathComponent("config/ombud.yaml")
        let text = try String(contentsOf: configuration, encoding: .utf8)
            .replacingOccurrences(of: "    politeness: { delay_ms: 0, max_per_host: 4 }   # our own sample forum on this machine\n",
                                  with: sourceExtra + "\n")
        try text.write(to: configuration, atomically: true, encoding: .utf8)
    }

    /// Points the demo source at `url`.
    func point(to url: String) throws {
        let configuration = root.appendingPathComponent("config/ombud.yaml")
        let text = try String(contentsOf: configuration, encoding: .utf8)
            .replacingOccurrences(of: "    base_url: http://127.0.0.1:8081/\n", with: "    base_url: \(url)\n")
        try text.write(to: configuration, atomically: true, encoding: .utf8)
    }

    /// The sample forum's pages in this copy, to change between crawls.
    var forumFolder: URL { root.appendingPathComponent("demo/forum") }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// Serves the sample forum with times fixed (no shifting), so pages change only when their files do.
struct FixedForum {
    let forum: DemoForum
    let server: HTTPServer

    static func start(folder: URL, router: ((DemoForum) -> Router<BasicRequestContext>)? = nil) async throws -> FixedForum {
        let forum = try DemoForum(folder: folder, clock: FixedClock(DemoForumTime.reference),
                                  manifest: (referenceNow: "2026-11-18 11:30", timeZone: "Asia/Shanghai"))
        let server = try await HTTPServer.start(router?(forum) ?? forum.router(), host: "127.0.0.1", port: 0, logger: Logger(label: "forum"))
        return FixedForum(forum: forum, server: server)
    }

    var url: String { "http://127.0.0.1:\(server.port)/" }
}

/// The sample forum's own "now" (its pages are dated around it); every test that reads the
/// forum runs on a clock set to it, in process or through `--now` for a child `ombud`.
enum DemoForumTime {
    /// The reference as `--now` takes it.
    static let iso = "2026-11-18T11:30:00+08:00"
    static let reference: Date = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: "2026-11-18 11:30")!
    }()
}
