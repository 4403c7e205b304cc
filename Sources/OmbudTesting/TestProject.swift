import Foundation
import OmbudConfig
import Yams

/// A copy of the repository's config/, Templates/ and demo/ in a temporary folder, whose
/// configuration tests change as decoded values (``configure(_:)``), never as YAML text.
public struct TestProject: Sendable {
    /// The repository this copy is made from.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The copy.
    public let root: URL
    /// The copy's SQLite file.
    public var database: String { root.appendingPathComponent("var/ombud.sqlite").path }

    /// Copies the project, then applies `change` to its configuration.
    public init(_ change: (inout OmbudConfiguration) throws -> Void = { _ in }) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-project-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for item in ["config", "Templates", "demo"] {
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        try configure(change)
    }

    /// Decodes `config/ombud.yaml` as Ombud reads it, applies `change`, and writes it back.
    public func configure(_ change: (inout OmbudConfiguration) throws -> Void) throws {
        let file = root.appendingPathComponent(Workspace.configurationPath)
        var configuration = try ConfigFile.load(OmbudConfiguration.self, from: file)
        try change(&configuration)
        try YAMLEncoder().encode(configuration).write(to: file, atomically: true, encoding: .utf8)
    }

    /// Points the first source (the demo forum's) at `url`.
    public func point(to url: String) throws {
        try configure { $0.sources[0].baseURL = url }
    }

    /// The sample forum's pages in this copy, to change between crawls.
    public var forumFolder: URL { root.appendingPathComponent("demo/forum") }

    /// Removes the copy.
    public func remove() { try? FileManager.default.removeItem(at: root) }
}
