import Foundation
import OmbudConfig
import OmbudCore
import OmbudExtract

/// What `ombud check` checks: everything ``Workspace`` loads, plus every site profile's XPaths.
public enum ProjectCheck {
    /// Every problem under `root`; empty when configuration, profiles, lexicons and templates are valid.
    public static func problems(root: URL) -> [OmbudError] {
        var problems = Workspace.check(root: root)
        guard problems.isEmpty, let workspace = try? Workspace.load(root: root) else { return problems }
        for profile in workspace.sites.values.sorted(by: { $0.name < $1.name }) {
            do {
                _ = try PageExtractors.make(profile)
            } catch var error as OmbudError {
                if error.context["file"] == nil { error.context["file"] = workspace.siteFiles[profile.name] }
                problems += Workspace.located([error], root: root)
            } catch {
                problems.append(OmbudError(code: .siteUnexpected, message: "\(error)", context: ["site": profile.name]))
            }
        }
        return problems
    }
}
