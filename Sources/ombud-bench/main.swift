import Foundation

// ombud-bench grouping [--root DIR] [--posts N] [--until-cases N] [--seed N] [--export FILE]
var options = GroupingBench.Options(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
var arguments = CommandLine.arguments.dropFirst()
guard arguments.first == "grouping" else {
    FileHandle.standardError.write(Data("usage: ombud-bench grouping [--root DIR] [--posts N] [--until-cases N] [--seed N] [--export FILE]\n".utf8))
    exit(2)
}
arguments = arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else {
        FileHandle.standardError.write(Data("ombud-bench: \(flag) needs a value\n".utf8))
        exit(2)
    }
    switch flag {
    case "--root": options.root = URL(fileURLWithPath: value)
    case "--posts": options.posts = Int(value) ?? options.posts
    case "--until-cases": options.untilCases = Int(value) ?? options.untilCases
    case "--seed": options.seed = UInt64(value) ?? options.seed
    case "--export": options.export = value
    default:
        FileHandle.standardError.write(Data("ombud-bench: unknown option \(flag)\n".utf8))
        exit(2)
    }
}
do {
    try GroupingBench.run(options)
} catch {
    FileHandle.standardError.write(Data("ombud-bench: \(error)\n".utf8))
    exit(1)
}
