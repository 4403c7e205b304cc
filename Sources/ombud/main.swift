import ArgumentParser
import OmbudApp
import OmbudDemo

/// `ombud`: the project's commands, and `demo`.
struct Ombud: AsyncParsableCommand {
    static let configuration = OmbudCommand.configuration(adding: [DemoCommand.self])
}

await runAsyncCommand(Ombud.self)
