import Foundation
import Hummingbird
import OmbudConfig
import OmbudApp
import OmbudCore
import OmbudWeb

/// The bundled sample forum: Discuz! X3 pages from `demo/forum/`, served on 127.0.0.1.
///
/// The pages are written as of a reference time (`demo/forum/forum.yaml`); every time printed in
/// them is shifted so that the reference time is the moment the forum started, so deadlines in
/// the demo are live. While it runs, posts arrive on the timeline of `demo/forum/live.yaml` and
/// replies can be posted to it (``DemoForumLive``).
public struct DemoForum: Sendable {
    /// The folder holding the pages.
    public let folder: URL
    /// The instant the pages were written as of.
    public let referenceNow: Date
    /// The forum's time zone.
    public let timeZone: TimeZone
    /// Posts that arrived or were posted since the forum started.
    public let live: DemoForumLive
    let clock: any OmbudCore.Clock
    /// How far the pages' times are moved: the reference time becomes the start, in whole minutes.
    private let shift: TimeInterval
    /// The markup of one post with `@@NAME@@` slots, for posts that arrive while the forum runs.
    let postTemplate: String

    private static let stamp = try! TextPattern(#"(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{2}))?"#)

    /// The manifest `demo/forum/forum.yaml`.
    struct Manifest: Codable {
        var referenceNow: String
        var timeZone: String
        enum CodingKeys: String, CodingKey {
            case referenceNow = "reference_now"
            case timeZone = "time_zone"
        }
    }

    /// Loads the forum in `folder`; `live` nil has only replies arrive. Throws ``OmbudError`` naming
    /// the manifest when it is unusable.
    public init(folder: URL, clock: any OmbudCore.Clock, manifest: (referenceNow: String, timeZone: String), live: DemoForumLive? = nil) throws {
        guard let zone = TimeZone(identifier: manifest.timeZone) else {
            throw OmbudError(code: .demoBadManifest, message: "unknown time zone \(manifest.timeZone)",
                             context: ["file": folder.appendingPathComponent("forum.yaml").relativePath, "key": "time_zone"],
                             fix: "use an IANA name such as Asia/Shanghai")
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        guard let reference = formatter.date(from: manifest.referenceNow) else {
            throw OmbudError(code: .demoBadManifest, message: "reference_now is not yyyy-MM-dd HH:mm",
                             context: ["file": folder.appendingPathComponent("forum.yaml").relativePath, "key": "reference_now"],
                             fix: "write it like 2026-11-18 11:30")
        }
        let template = folder.appendingPathComponent("post.html.template")
        guard let postTemplate = try? String(contentsOf: template, encoding: .utf8) else {
            throw OmbudError(code: .demoMissingTemplate, message: "the sample forum's post markup is missing",
                             context: ["file": template.relativePath], fix: "run python3 demo/make-forum.py, or restore demo/forum/ from the repository")
        }
        self.postTemplate = postTemplate
        self.folder = folder
        self.referenceNow = reference
        self.timeZone = zone
        self.clock = clock
        self.shift = (clock.now.timeIntervalSince(reference) / 60).rounded(.down) * 60
        self.live = live ?? DemoForumLive(script: .init(posts: []), startedAt: clock.now)
    }

    /// Loads the forum in `folder`, reading its manifest `forum.yaml` and its timeline `live.yaml`.
    public static func load(folder: URL, clock: any OmbudCore.Clock) throws -> DemoForum {
        let manifest = try ConfigFile.load(Manifest.self, from: folder.appendingPathComponent("forum.yaml"))
        return try DemoForum(folder: folder, clock: clock, manifest: (manifest.referenceNow, manifest.timeZone),
                             live: try DemoForumLive.load(folder: folder, startedAt: clock.now))
    }

    /// The page at `path` (`forum-2-1.html`) with its times shifted and the live posts added, and
    /// its ETag; nil when there is no such page.
    ///
    /// The ETag is the page's: it changes when its file changes or a post arrives.
    public func page(_ path: String) -> (html: String, etag: String)? {
        let name = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard !name.isEmpty, !name.contains(".."), !name.contains("/"), name.hasSuffix(".html") || name == "robots.txt",
              let stored = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { return nil }
        let html = name == "robots.txt" ? stored : addingLive(live.posts(at: clock.now), to: shiftTimes(in: stored), name: name)
        return (html, "\"\(String(FNV1a.digest(html), radix: 16))\"")
    }

    /// Whether the forum has the page `name`.
    func pageExists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path)
    }

    /// Rewrites every `yyyy-M-d[ HH:mm]` so the reference time becomes the forum's start (whole minutes).
    func shiftTimes(in html: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var result = ""
        var cursor = html.startIndex
        for match in Self.stamp.matches(in: html) {
            let start = html.index(html.startIndex, offsetBy: match.offset)
            let end = html.index(start, offsetBy: match.length)
            result += html[cursor..<start]
            cursor = end
            let numbers = match.groups.map { $0.flatMap { Int($0) } }
            var parts = DateComponents(year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers[3] ?? 12, minute: numbers[4] ?? 0)
            parts.second = 0
            guard let date = calendar.date(from: parts) else {
                result += match.text
                continue
            }
            let moved = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date.addingTimeInterval(shift))
            result += String(format: "%04d-%d-%d", moved.year!, moved.month!, moved.day!)
            if numbers[3] != nil { result += String(format: " %02d:%02d", moved.hour!, moved.minute!) }
        }
        result += html[cursor...]
        return result
    }

    /// Routes serving every page and taking replies (`POST /forum.php?mod=post&action=reply&tid=…`);
    /// anything else is 404.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { _, _ in Response(status: .found, headers: [.location: "/forum.html"]) }
        router.post("/forum.php") { request, _ in try await self.replyRoute(request) }
        router.get("**") { request, _ -> Response in
            guard let page = self.page(request.uri.path) else { return Response(status: .notFound) }
            if request.headers[.ifNoneMatch] == page.etag {
                return Response(status: .notModified, headers: [.eTag: page.etag])
            }
            let type = request.uri.path.hasSuffix(".txt") ? "text/plain; charset=utf-8" : "text/html; charset=utf-8"
            return Response(status: .ok, headers: [.contentType: type, .eTag: page.etag],
                            body: .init(byteBuffer: ByteBuffer(string: page.html)))
        }
        return router
    }
}
