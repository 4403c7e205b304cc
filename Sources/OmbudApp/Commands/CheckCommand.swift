import ArgumentParser
import Foundation

/// `ombud check`: validate configuration, site profiles and templates.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate config/ombud.yaml, site profiles, lexicons and templates; exit non-zero on any problem.")

    @OptionGroup var project: ProjectOptions

    func run() async throws {
        let root = URL(fileURLWithPath: project.root)
        let problems = ProjectCheck.problems(root: root)
        for problem in problems { printError(problem) }
        guard problems.isEmpty else {
            print("\(problems.count) problem\(problems.count == 1 ? "" : "s") found.")
            throw ExitCode.failure
        }
        print("configuration, site profiles, lexicons and templates are valid.")
    }
}
