import Foundation
import Logging
import OmbudApp
import OmbudCore
import OmbudStore

/// Times processing passes over stores of different histories: a pass with nothing new and a
/// pass with 100 new posts, with peak memory, each store size in its own process.
///
/// A store is prepared once (posts saved in 60 slices, each processed by the real pipeline, so
/// cases, drafts, deadlines and the candidate index are what a forum's lifetime leaves) and
/// kept in the folder given; each measurement runs on a fresh copy of it.
enum PipelineBench {
    /// What one measurement found, printed by the child as one JSON line.
    struct Figures: Codable {
        var posts: Int
        var complaints: Int
        var cases: Int
        var idleMilliseconds: [Double]
        var freshMilliseconds: [Double]
        var casesAfter: Int
        var peakMegabytes: Double
    }

    /// What the measurement needs to know of a prepared history without reading it.
    struct Sidecar: Codable {
        var newest: Date
        var recentThreads: [String]
    }

    static let days = 30.0
    static let seed: UInt64 = 20_261_203

    /// The parent: prepares and measures each size in child processes, then prints the comparison.
    static func run(root: URL, sizes: [Int], folder: URL, executable: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var results: [(Int, Figures)] = []
        for size in sizes {
            let path = folder.appendingPathComponent("pipeline-\(size).sqlite").path
            if !FileManager.default.fileExists(atPath: path + ".done") {
                print("pipeline bench: preparing a store of \(size) posts over \(Int(days)) days (once; kept in \(folder.relativePath))")
                let started = Date()
                _ = try child(executable, ["pipeline-prepare", "--root", root.path, "--posts", "\(size)", "--store", path])
                _ = FileManager.default.createFile(atPath: path + ".done", contents: Data())
                print(String(format: "pipeline bench: prepared in %.0f s", Date().timeIntervalSince(started)))
            }
            let output = try child(executable, ["pipeline-measure", "--root", root.path, "--store", path])
            guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
                  let figures = try? JSONDecoder().decode(Figures.self, from: Data(line.utf8)) else {
                throw OmbudError(code: .benchMeasure, message: "the measurement printed no figures", context: ["store": path],
                                 fix: "run ombud-bench pipeline-measure --store \(path) to see why")
            }
            results.append((size, figures))
        }
        print("pipeline bench: one pass of `ombud process` (one core, release build)")
        print("  stored posts | complaints |   cases | nothing new: median ms | 100 new posts: median ms (max) | peak RSS MB")
        for (size, figures) in results {
            print(String(format: "  %12d | %10d | %7d | %22.1f | %22.1f (%.1f) | %11.0f", size, figures.complaints, figures.cases,
                         median(figures.idleMilliseconds), median(figures.freshMilliseconds), figures.freshMilliseconds.max() ?? 0,
                         figures.peakMegabytes))
        }
        if let small = results.first?.1, let large = results.last?.1, results.count > 1 {
            print(String(format: "  ratio largest/smallest history: nothing new %.2fx, 100 new posts %.2fx, peak RSS %.2fx",
                         median(large.idleMilliseconds) / max(0.001, median(small.idleMilliseconds)),
                         median(large.freshMilliseconds) / max(0.001, median(small.freshMilliseconds)), large.peakMegabytes / max(1, small.peakMegabytes)))
            let idle = median(large.idleMilliseconds), fresh = median(large.freshMilliseconds)
            print(String(format: "  targets at %d posts: nothing new %.1f ms (≤ 50: %@), 100 new %.1f ms (≤ 1000: %@), peak %.0f MB (≤ 200: %@)",
                         results.last!.0, idle, idle <= 50 ? "met" : "NOT met", fresh, fresh <= 1000 ? "met" : "NOT met", large.peakMegabytes,
                         large.peakMegabytes <= 200 ? "met" : "NOT met"))
        }
    }

    /// The child that builds a store's history through the real pipeline.
    static func prepare(root: URL, posts: Int, path: String) throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let history = SyntheticForum.history(posts: posts, days: days, seed: seed)
        let end = history.last?.postedAt ?? SyntheticForum.start
        let runtime = try Runtime.open(root: root, database: path, clock: FixedClock(end), logger: quiet)
        // The 200 talk threads with the latest posts, for the new posts' replies.
        var recent: [String] = []
        var seen = Set<String>()
        for post in history.reversed() where post.board == "2" && recent.count < 200 && seen.insert(post.threadID).inserted {
            recent.append(post.threadID)
        }
        let sidecar = Sidecar(newest: end, recentThreads: recent)
        try JSONEncoder().encode(sidecar).write(to: URL(fileURLWithPath: path + ".json"))
        let slices = 60
        let size = (history.count + slices - 1) / slices
        for (number, start) in stride(from: 0, to: history.count, by: size).enumerated() {
            _ = try runtime.store.save(posts: Array(history[start..<min(history.count, start + size)]))
            try runtime.pipeline.process()
            if number % 10 == 9 { print("  \(min(history.count, start + size)) posts processed") }
        }
    }

    /// The child that measures passes on a copy of a prepared store and prints ``Figures`` as JSON.
    static func measure(root: URL, path: String) throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-pipeline-bench-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
        }
        let store = try SQLiteStore(path: copy)
        let before = try store.counts()
        let sidecar = try JSONDecoder().decode(Sidecar.self, from: Data(contentsOf: URL(fileURLWithPath: path + ".json")))
        let newest = sidecar.newest
        let runtime = try Runtime.open(root: root, database: copy, clock: FixedClock(newest.addingTimeInterval(900)), logger: quiet)
        // The first pass after opening pays for reading the model and warming SQLite's cache; it is not counted.
        try runtime.pipeline.process()
        var idle: [Double] = []
        for _ in 0..<5 { idle.append(try timed { try runtime.pipeline.process() }) }
        var fresh: [Double] = []
        let recent = sidecar.recentThreads
        for round in 0..<3 {
            let posts = SyntheticForum.fresh(count: 100, after: newest.addingTimeInterval(Double(round) * 700), seed: seed &+ UInt64(round),
                                             recentThreads: recent)
            _ = try store.save(posts: posts)
            fresh.append(try timed { try runtime.pipeline.process() })
        }
        let after = try store.counts()
        let figures = Figures(posts: before.posts, complaints: before.complaints, cases: before.cases, idleMilliseconds: idle,
                              freshMilliseconds: fresh, casesAfter: after.cases, peakMegabytes: GroupingBench.peakResidentMegabytes())
        print(String(decoding: try JSONEncoder().encode(figures), as: UTF8.self))
    }

    private static var quiet: Logger {
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        return logger
    }

    private static func timed(_ body: () throws -> Void) rethrows -> Double {
        let started = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// Runs this executable with `arguments`, passing its output through; returns what it printed.
    private static func child(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var output = Data()
        // The child's progress lines pass through as they come; its figures (a JSON line) are returned.
        var pending = Data()
        while case let chunk = pipe.fileHandleForReading.availableData, !chunk.isEmpty {
            output.append(chunk)
            pending.append(chunk)
            while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<end], as: UTF8.self)
                pending = Data(pending[(end + 1)...])
                if !line.hasPrefix("{") { print(line) }
            }
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OmbudError(code: .benchChild, message: "\(arguments[0]) exited with \(process.terminationStatus)", context: [:],
                             fix: "run ombud-bench \(arguments.joined(separator: " ")) to see why")
        }
        return String(decoding: output, as: UTF8.self)
    }
}
