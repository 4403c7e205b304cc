import ArgumentParser
import Foundation
import OmbudCore

/// `ombud drop --source NAME URL`: a person gives up on a page that keeps failing.
struct DropCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop",
        abstract: "Give up on a page that keeps failing (`ombud status` lists them): it is not fetched again until its board lists its thread as changed.")

    @OptionGroup var store: StoreOptions

    @Option(help: "The source the page belongs to.")
    var source: String

    @Argument(help: "The page's URL, as `ombud status` prints it.")
    var url: String

    func run() async throws {
        let runtime = try await store.open()
        try await exitOnUserError {
            guard runtime.workspace.configuration.sources.contains(where: { $0.name == source }) else {
                throw OmbudError(code: .configUnknownSource, message: "no source is named '\(source)'", context: ["source": source],
                                 fix: "use one of: \(runtime.workspace.configuration.sources.map(\.name).joined(separator: ", "))")
            }
            guard try runtime.store.drop(source: source, url: url) else {
                throw OmbudError(code: .frontierUnknownPage, message: "no page of \(source) waits at \(url)", context: ["source": source, "url": url],
                                 fix: "copy the URL from `ombud status`, which lists the failing pages")
            }
        }
        print("dropped \(url): it is fetched again only when its board lists its thread as changed")
    }
}
