import ArgumentParser
import Foundation
import OmbudCore

/// The `ombud` command line without the demo; the executable adds `demo` and runs it with
/// ``runAsyncCommand(_:)``.
public struct OmbudCommand: AsyncParsableCommand {
    /// The command's configuration: name, abstract, the project's subcommands.
    public static let configuration = configuration(adding: [])

    /// The configuration with `extra` subcommands listed first: the executable adds `demo`
    /// (`OmbudDemo`), which this module cannot name.
    public static func configuration(adding extra: [any ParsableCommand.Type]) -> CommandConfiguration {
        CommandConfiguration(
            commandName: "ombud",
            abstract: "Watches forums for complaints, groups them into cases and drafts replies for people to approve.",
            subcommands: extra + [ServeCommand.self, CrawlCommand.self, ProcessCommand.self, StatusCommand.self, DropCommand.self, ExtractCommand.self, ProfileCommand.self,
                                  CheckCommand.self, TriageCommand.self, EvalCommand.self, LearnCommand.self, SLACommand.self,
                                  EscalateCommand.self, UserCommand.self])
    }

    /// Creates the command (ArgumentParser needs it).
    public init() {}
}

/// Options every subcommand shares: `--root`, `--log-level`, `--now`.
public struct ProjectOptions: ParsableArguments {
    /// The project folder.
    @Option(name: .long, help: "The project folder holding config/ and Templates/.")
    public var root: String = "."

    /// The log level's name.
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    public var logLevel: String = "warning"

    /// `--now`: the time to run as, if given.
    @Option(name: .long, help: ArgumentHelp("Run as if it were this time (ISO 8601, e.g. 2026-11-18T11:30:00+08:00), time passing on from there: to replay saved pages or serve a forum as of another day.",
                                            valueName: "time"))
    public var now: String?

    /// Options with their defaults (ArgumentParser needs it).
    public init() {}

    /// The clock every stage reads: the system's, or one started at `--now`. Throws
    /// `options.bad_time` for a `--now` that is not ISO 8601.
    public func clock() throws -> any OmbudCore.Clock {
        guard let now else { return SystemClock() }
        return ShiftedClock(startingAt: try Self.instant(now, key: "--now"))
    }

    /// Parses an ISO 8601 time given for option `key`; throws `options.bad_time` naming it.
    static func instant(_ text: String, key: String) throws -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else {
            throw OmbudError(code: .optionsBadTime, message: "'\(text)' is not an ISO 8601 time", context: ["key": key],
                             fix: "write it like 2026-11-18T11:30:00+08:00")
        }
        return date
    }
}

/// Parses the process's arguments with `root` and runs the chosen subcommand, async ones
/// included; exits with its status. (ArgumentParser's own `main()` takes its synchronous path
/// when called from another module and prints help instead of running async subcommands.)
public func runAsyncCommand<Root: ParsableCommand>(_ root: Root.Type) async {
    do {
        var command = try root.parseAsRoot()
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    } catch {
        root.exit(withError: error)
    }
}
