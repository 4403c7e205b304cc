import Foundation
import OmbudConfig

/// The repository's own configuration, loaded once.
enum Project {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let workspace: Workspace = try! Workspace.load(root: root)
}
