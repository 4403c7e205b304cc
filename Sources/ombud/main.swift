import OmbudApp

await OmbudCommand.runFromCommandLine()
