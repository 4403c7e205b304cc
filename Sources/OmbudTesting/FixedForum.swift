import Foundation
import Hummingbird
import Logging
import OmbudApp
import OmbudCore
import OmbudDemo

/// Serves the sample forum with times fixed (no shifting), so pages change only when their files do.
public struct FixedForum: Sendable {
    /// The forum.
    public let forum: DemoForum
    /// Its server on 127.0.0.1.
    public let server: HTTPServer

    /// Serves the forum of `folder` (through `router`, if given, to put a wall in front of it) on a free port.
    public static func start(folder: URL, router: ((DemoForum) -> Router<BasicRequestContext>)? = nil) async throws -> FixedForum {
        let forum = try DemoForum(folder: folder, clock: FixedClock(DemoForumTime.reference),
                                  manifest: (referenceNow: "2026-11-18 11:30", timeZone: "Asia/Shanghai"))
        let server = try await HTTPServer.start(router?(forum) ?? forum.router(), host: "127.0.0.1", port: 0, logger: Logger(label: "forum"))
        return FixedForum(forum: forum, server: server)
    }

    /// The forum's address.
    public var url: String { "http://127.0.0.1:\(server.port)/" }
}
