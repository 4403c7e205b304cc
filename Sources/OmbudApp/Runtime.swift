import Foundation
import Logging
import OmbudConfig
import OmbudCore
import OmbudStore

/// Everything a command needs, opened from a project folder: configuration, store, pipeline.
public struct Runtime: Sendable {
    /// The configuration.
    public let workspace: Workspace
    /// The store.
    public let store: SQLiteStore
    /// The pipeline over them.
    public let pipeline: Pipeline

    /// Opens the project at `root`; `database` overrides `storage.sqlite`. Every stage reads the
    /// time from `clock` (the system clock in production, a fixed or shifted one in tests and replays).
    public static func open(root: URL, database: String? = nil, clock: any OmbudCore.Clock, logger: Logger) throws -> Runtime {
        let workspace = try Workspace.load(root: root)
        let path = database ?? root.appendingPathComponent(workspace.configuration.storage.sqlite).path
        let store = try SQLiteStore(path: path)
        let pipeline = Pipeline(workspace: workspace, store: store, fetcher: try FetcherFactory.make(workspace.configuration, clock: clock),
                                clock: clock, logger: logger,
                                cookieFolder: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("cookies"))
        return Runtime(workspace: workspace, store: store, pipeline: pipeline)
    }

    /// The configured sources named in `names` (all when empty). Throws `config.unknown_source`.
    public func sources(named names: [String]) throws -> [OmbudConfiguration.Source] {
        let all = workspace.configuration.sources
        guard !names.isEmpty else { return all }
        return try names.map { name in
            guard let source = all.first(where: { $0.name == name }) else {
                throw OmbudError(code: .configUnknownSource, message: "no source is named '\(name)'", context: ["key": "sources"],
                                 fix: "use one of: \(all.map(\.name).joined(separator: ", "))")
            }
            return source
        }
    }

    /// The escalator for this project: the configured notifiers (the log alone by default), the
    /// ladder and the dashboard's public address, on the pipeline's clock. Throws `notifier.missing_secret`.
    public func escalator(logger: Logger) throws -> Escalator {
        let configuration = workspace.configuration
        return Escalator(store: store, notifiers: try NotifierFactory.make(configuration, clock: pipeline.clock, logger: logger),
                         rules: configuration.escalation ?? .standard, clock: pipeline.clock, logger: logger,
                         categoryNames: workspace.categoryNames, publicURL: configuration.web.publicURL,
                         peopleByCategory: workspace.peopleByCategory)
    }
}
