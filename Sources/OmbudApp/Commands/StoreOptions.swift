import ArgumentParser
import Foundation

/// The options of commands that work on a project's store: `--root`, `--log-level`, `--now`, `--database`.
struct StoreOptions: ParsableArguments {
    @OptionGroup var project: ProjectOptions

    @Option(help: "The SQLite file (default: storage.sqlite in config/ombud.yaml).")
    var database: String?

    /// The project's runtime; a configuration or store problem is printed and exits 1.
    func open() async throws -> Runtime {
        try await exitOnUserError {
            try Runtime.open(root: URL(fileURLWithPath: project.root), database: database, clock: try project.clock(),
                             logger: makeLogger(project.logLevel))
        }
    }
}
