import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import OmbudCore
import ServiceLifecycle

/// A Hummingbird application running in the background, with the port it actually bound.
///
/// Used for the dashboard, the demo forum and tests: bind port 0 to get a free port. Stopping
/// is graceful (in-flight requests finish); with `stopOnSignals` Ctrl-C or SIGTERM stops it too.
/// A connection that sends nothing for ``idleTimeout`` is closed, half-sent headers and stalled
/// bodies included, and at most ``maximumConnections`` are open at once (more wait to be accepted).
public struct HTTPServer: Sendable {
    /// How long a connection may send nothing, mid-request or between requests.
    public static let idleTimeout: TimeAmount = .seconds(20)
    /// The most connections served at once.
    public static let maximumConnections = 256

    /// The bound port.
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// Starts serving `router` on `host:port` and returns once the socket is bound.
    ///
    /// Throws ``OmbudError`` `web.bind` when the address cannot be bound.
    public static func start<Context: RequestContext>(_ router: Router<Context>, host: String, port: Int, stopOnSignals: Bool = false,
                                                      idleTimeout: TimeAmount = idleTimeout, logger: Logger) async throws -> HTTPServer
    where Context.Source == ApplicationRequestContextSource {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(router: router, server: .http1(configuration: .init(idleTimeout: idleTimeout)),
                                      configuration: .init(address: .hostname(host, port: port), serverName: "Ombud",
                                                           availableConnectionsDelegate: MaximumAvailableConnections(maximumConnections)),
                                      onServerRunning: { channel in
                                          continuation.yield(channel.localAddress?.port ?? port)
                                          continuation.finish()
                                      }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [application],
                                                      gracefulShutdownSignals: stopOnSignals ? [.sigint, .sigterm] : [],
                                                      logger: logger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = stream.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            let reason: String
            do { try await task.value; reason = "the server stopped" } catch { reason = "\(error)" }
            throw OmbudError(code: .webBind, message: "cannot listen on \(host):\(port): \(reason)",
                             context: ["address": "\(host):\(port)"], fix: "choose another port or stop what is using it")
        }
        return HTTPServer(port: bound, group: group, task: task)
    }

    /// Waits until the server stops.
    public func wait() async throws {
        try await task.value
    }

    /// Stops the server gracefully and waits for it.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}
