import ArgumentParser
import Foundation
import OmbudConfig
import OmbudCore
import OmbudExtract

/// `ombud check`: validate configuration, site profiles and templates.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate config/ombud.yaml, site profiles, lexicons and templates; exit non-zero on any problem.")

    @OptionGroup var project: ProjectOptions

    func run() async throws {
        let root = URL(fileURLWithPath: project.root)
        let problems = Self.problems(root: root)
        for problem in problems { printError(problem) }
        guard problems.isEmpty else {
            print("\(problems.count) problem\(problems.count == 1 ? "" : "s") found.")
            throw ExitCode.failure
        }
        print("configuration, site profiles, lexicons and templates are valid.")
    }

    /// Every problem under `root`, site profiles' XPaths included.
    static func problems(root: URL) -> [OmbudError] {
        var problems = Workspace.check(root: root)
        if problems.isEmpty, let workspace = try? Workspace.load(root: root) {
            for profile in workspace.sites.values.sorted(by: { $0.name < $1.name }) {
                do { _ = try SiteExtractor(profile: profile) } catch let error as OmbudError { problems.append(error) } catch {}
            }
        }
        return problems
    }
}
