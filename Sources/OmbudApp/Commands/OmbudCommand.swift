import ArgumentParser
import Foundation
import OmbudCore

/// The `ombud` command line; `@main` only calls `OmbudCommand.main()`.
public struct OmbudCommand: AsyncParsableCommand {
    /// The command's configuration: name, abstract, subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "ombud",
        abstract: "Watches forums for complaints, groups them into cases and drafts replies for people to approve.",
        subcommands: [DemoCommand.self, ServeCommand.self, CrawlCommand.self, ProcessCommand.self, StatusCommand.self, ExtractCommand.self, CheckCommand.self, TriageCommand.self, EvalCommand.self, LearnCommand.self, SLACommand.self,
                      EscalateCommand.self, UserCommand.self]
    )

    /// Creates the command (ArgumentParser needs it).
    public init() {}
}

/// Options every subcommand shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project folder holding config/ and Templates/.")
    var root: String = "."

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "warning"

    @Option(name: .long, help: ArgumentHelp("Run as if it were this time (ISO 8601, e.g. 2026-11-18T11:30:00+08:00), time passing on from there: to replay saved pages or serve a forum as of another day.",
                                            valueName: "time"))
    var now: String?

    /// The clock every stage reads: the system's, or one started at `--now`. Throws
    /// `options.bad_time` for a `--now` that is not ISO 8601.
    func clock() throws -> any OmbudCore.Clock {
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

extension OmbudCommand {
    /// Parses the process's arguments and runs the chosen subcommand; exits with its status.
    ///
    /// Called by the executable's `@main`. (ArgumentParser's own `main()` picks its synchronous
    /// overload when called from another module, which refuses async subcommands.)
    public static func runFromCommandLine() async {
        await runAsyncCommand(OmbudCommand.self)
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
