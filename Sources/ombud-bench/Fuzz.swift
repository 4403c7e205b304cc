import Foundation
import OmbudApp
import OmbudConfig
import OmbudCore
import OmbudExtract

/// `ombud-bench fuzz`: mutated forum pages through every site profile, and mutated configurations
/// and templates through the checks `ombud check` and every command run at load.
///
/// What it counts as a failure: a crash (the process dies: `scripts/fuzz.sh` reports it), a page
/// or check taking over 10 s, a *silent partial page* (a mutation that keeps every post, such as
/// deep nesting or stray bytes in text, read without error but with fewer posts than the page
/// holds and no skipped post to say why), and a configuration problem that names no file or fix.
enum Fuzz {
    /// A page the mutations start from: a fixture and the profile it was saved for.
    struct Seed {
        var profile: String
        var kind: PageKind
        var path: String
        var bytes: [UInt8]
        var posts: Int
    }

    static let slow: TimeInterval = 10

    /// Seconds gone since `start`, on the monotonic clock (never the wall clock).
    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func run(root: URL, pages: Int, configs: Int, seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let workspace = try Workspace.load(root: root)
        let extractors = try workspace.sites.mapValues { try PageExtractors.make($0) }
        let seeds = try Self.seeds(root: root, extractors: extractors)
        print("fuzz: \(seeds.count) seed pages from \(Set(seeds.map(\.profile)).count) profiles; \(pages) mutated pages; \(configs) mutated configurations")

        var extractions = 0, refused = 0, silent: [String] = [], slowPages: [String] = []
        for index in 0..<pages {
            let seed = seeds[index % seeds.count]
            let (bytes, keepsPosts, name) = mutate(seed, &random)
            for (profile, extractor) in extractors.sorted(by: { $0.key < $1.key }) where profile == seed.profile || profile == "generic" {
                let start = ContinuousClock.now
                let outcome = extract(bytes, seed: seed, with: extractor)
                let seconds = Self.seconds(since: start)
                extractions += 1
                if seconds > slow { slowPages.append("\(seed.path) \(name) via \(profile): \(String(format: "%.1f", seconds)) s") }
                switch outcome {
                case .refused:
                    refused += 1
                case .read(let posts, let skipped):
                    if keepsPosts, profile == seed.profile, posts + skipped < seed.posts {
                        silent.append("\(seed.path) \(name) via \(profile): \(posts) posts + \(skipped) skipped of \(seed.posts)")
                    }
                }
            }
        }
        print("pages: \(pages) mutated, \(extractions) extractions, \(refused) refused with an error, 0 crashes, "
              + "\(slowPages.count) over \(Int(slow)) s, \(silent.count) silent partial pages")
        for line in (slowPages + silent).prefix(20) { print("  \(line)") }

        let files = try configurationFiles(root: root)
        var rejected = 0, accepted = 0, unnamed: [String] = [], slowChecks: [String] = [], stillValid: [String] = []
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ombud-fuzz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for index in 0..<configs {
            let file = files[index % files.count]
            let original = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let (text, name) = file.hasSuffix(".mustache") ? mutateTemplate(original, file: file, &random) : mutateYAML(original, &random)
            let copy = scratch.appendingPathComponent("\(index)")
            try overlay(root: root, into: copy, replacing: file, with: text)
            let start = ContinuousClock.now
            let problems = ProjectCheck.problems(root: copy)
            let seconds = Self.seconds(since: start)
            if seconds > slow { slowChecks.append("\(file) \(name): \(String(format: "%.1f", seconds)) s") }
            if problems.isEmpty {
                accepted += 1
                if name.hasPrefix("a number") || name.hasPrefix("a value") { stillValid.append("\(file) \(name)") }
            } else {
                rejected += 1
            }
            for problem in problems where problem.context["file"] == nil || problem.fix?.isEmpty != false {
                unnamed.append("\(file) \(name): \(problem.code.rawValue) \(problem.message)")
            }
            try? FileManager.default.removeItem(at: copy)
        }
        print("configurations: \(configs) mutated, \(rejected) refused with errors, \(accepted) still valid, 0 crashes, "
              + "\(slowChecks.count) over \(Int(slow)) s, \(unnamed.count) errors without a file or a fix")
        for line in (slowChecks + unnamed).prefix(20) { print("  \(line)") }
        // Values changed and still accepted: worth a look, as a value in range may still be unwise.
        if !stillValid.isEmpty { print("  values changed and still accepted: \(stillValid.prefix(12).joined(separator: "; "))") }
    }

    enum Outcome {
        case read(posts: Int, skipped: Int)
        case refused
    }

    static func extract(_ bytes: [UInt8], seed: Seed, with extractor: any PageExtractor) -> Outcome {
        let url = "http://127.0.0.1/" + (seed.path as NSString).lastPathComponent
        do {
            switch seed.kind {
            case .board:
                let page = try extractor.board(bytes, charset: nil, pageURL: url, source: "fuzz", board: "2")
                return .read(posts: page.threads.count, skipped: 0)
            case .thread:
                let times = PostTimeParser(timeZone: TimeZone(identifier: "Asia/Shanghai")!, reference: Date(timeIntervalSince1970: 1_795_000_000))
                let page = try extractor.thread(bytes, charset: nil, pageURL: url, source: "fuzz", board: "2", threadID: nil, times: times)
                return .read(posts: page.posts.count, skipped: page.skipped.count)
            }
        } catch {
            return .refused
        }
    }

    /// The fixture pages under demo/ and Tests/, each with the profile it was saved for and the
    /// posts (or board rows) that profile reads from it unchanged.
    static func seeds(root: URL, extractors: [String: any PageExtractor]) throws -> [Seed] {
        var found: [(String, PageKind, String)] = []
        let forum = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("demo/forum").path).sorted()
        for name in forum where name.hasSuffix(".html") && name != "forum.html" {
            found.append(("discuz-x3", name.hasPrefix("forum-") ? .board : .thread, "demo/forum/\(name)"))
        }
        let fixtures = "Tests/OmbudExtractTests/Fixtures"
        found += [("phpbb3", .thread, "\(fixtures)/phpbb/viewtopic.html"), ("phpbb3", .thread, "\(fixtures)/phpbb/viewtopic-2.html"),
                  ("phpbb3", .board, "\(fixtures)/phpbb/viewforum.html"), ("mybb18", .thread, "\(fixtures)/mybb/showthread.html"),
                  ("mybb18", .board, "\(fixtures)/mybb/forumdisplay.html"), ("flaskbb", .thread, "\(fixtures)/flaskbb/topic.html"),
                  ("flaskbb", .board, "\(fixtures)/flaskbb/forum.html"), ("discourse", .thread, "\(fixtures)/discourse/t-5.json"),
                  ("discourse", .thread, "\(fixtures)/discourse/t-7.json"), ("discourse", .board, "\(fixtures)/discourse/latest.json")]
        return try found.compactMap { profile, kind, path in
            guard let extractor = extractors[profile] else { return nil }
            let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
            var seed = Seed(profile: profile, kind: kind, path: path, bytes: bytes, posts: 0)
            guard case .read(let posts, let skipped) = extract(bytes, seed: seed, with: extractor) else { return nil }
            seed.posts = posts + skipped
            return seed
        }
    }

    /// A mutated copy of the seed, whether the mutation keeps every post, and its name.
    static func mutate(_ seed: Seed, _ random: inout SplitMix) -> ([UInt8], Bool, String) {
        var bytes = seed.bytes
        let json = seed.path.hasSuffix(".json")
        // Where text starts: just after a '>' that is not followed by '<' (HTML), or after ': "' (JSON).
        func textStart() -> Int? {
            for _ in 0..<64 {
                let at = random.below(bytes.count - 1) + 1
                if json ? (at >= 2 && bytes[at - 1] == 0x22 && bytes[at - 2] == 0x3A) : (bytes[at - 1] == 0x3E && bytes[at] != 0x3C) { return at }
            }
            return nil
        }
        switch random.below(json ? 4 : 8) {
        case 0:
            bytes = Array(bytes.prefix(random.below(bytes.count)))
            return (bytes, false, "truncated")
        case 1:
            for _ in 0..<(1 + random.below(8)) { bytes[random.below(bytes.count)] = UInt8(random.below(256)) }
            return (bytes, false, "bytes flipped")
        case 2:
            let start = random.below(bytes.count), length = min(bytes.count - start, random.below(2000))
            bytes.insert(contentsOf: bytes[start..<(start + length)], at: random.below(bytes.count))
            return (bytes, false, "a span repeated")
        case 3:
            guard let at = textStart() else { return (bytes, false, "unchanged") }
            // Bytes no charset decodes, in a post's text.
            bytes.insert(contentsOf: [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82], at: at)
            return (bytes, !json, "invalid bytes in text")
        case 4, 5:
            guard let at = textStart() else { return (bytes, false, "unchanged") }
            let depth = [50, 255, 300, 1000, 3000, 5000][random.below(6)]
            bytes.insert(contentsOf: Array((String(repeating: "<span>", count: depth) + "嵌套" + String(repeating: "</span>", count: depth)).utf8), at: at)
            return (bytes, true, "\(depth) nested elements in text")
        case 6:
            guard let at = textStart() else { return (bytes, false, "unchanged") }
            bytes.insert(contentsOf: Array("<!-- <div class=\"post\"> --><![CDATA[x]]>".utf8), at: at)
            return (bytes, true, "a comment in text")
        default:
            let start = random.below(bytes.count), length = min(bytes.count - start, random.below(400))
            bytes.removeSubrange(start..<(start + length))
            return (bytes, false, "a span removed")
        }
    }

    /// The YAML files and templates a person edits.
    static func configurationFiles(root: URL) throws -> [String] {
        var files: [String] = []
        for folder in ["config", "Templates"] {
            guard let walker = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path) else { continue }
            for case let path as String in walker where path.hasSuffix(".yaml") || path.hasSuffix(".mustache") {
                files.append("\(folder)/\(path)")
            }
        }
        return files.sorted()
    }

    static func mutateYAML(_ text: String, _ random: inout SplitMix) -> (String, String) {
        var lines = text.components(separatedBy: "\n")
        let at = random.below(max(lines.count, 1))
        switch random.below(7) {
        case 0:
            let values = ["-1", "0", "-86400", ".nan", ".inf", "-.inf", "1e308", "99999999999999999999", "abc", "[]", "{}", "~"]
            let value = values[random.below(values.count)]
            for offset in 0..<lines.count {
                let index = (at + offset) % lines.count
                if let range = lines[index].range(of: #"(?<=: )-?[0-9][0-9.]*"#, options: .regularExpression) {
                    lines[index].replaceSubrange(range, with: value)
                    return (lines.joined(separator: "\n"), "a number became \(value)")
                }
            }
            return (text, "unchanged")
        case 1:
            lines.remove(at: at)
            return (lines.joined(separator: "\n"), "line \(at + 1) deleted")
        case 2:
            lines.insert(lines[at], at: at)
            return (lines.joined(separator: "\n"), "line \(at + 1) repeated")
        case 3:
            let indent = String(lines[at].prefix { $0 == " " })
            lines.insert(indent + "bogus_key: 1", at: at)
            return (lines.joined(separator: "\n"), "an unknown key at line \(at + 1)")
        case 4:
            lines[at] = "  " + lines[at]
            return (lines.joined(separator: "\n"), "line \(at + 1) indented")
        case 5:
            return (String(text.prefix(random.below(max(text.count, 1)))), "truncated")
        default:
            if let range = lines[at].range(of: #"(?<=: ).+$"#, options: .regularExpression) {
                lines[at].replaceSubrange(range, with: "\"\"")
                return (lines.joined(separator: "\n"), "a value at line \(at + 1) emptied")
            }
            return (text, "unchanged")
        }
    }

    static func mutateTemplate(_ text: String, file: String, _ random: inout SplitMix) -> (String, String) {
        let name = String(file.dropFirst("Templates/".count).dropLast(".mustache".count))
        let family = name.split(separator: "/").first.map(String.init) ?? ""
        let characters = Array(text)
        let at = random.below(max(characters.count, 1))
        func inserting(_ piece: String) -> String { String(characters[..<at]) + piece + String(characters[at...]) }
        switch random.below(7) {
        case 0: return (inserting("{{> \(name)}}"), "includes itself")
        case 1:
            let depth = [20, 100, 500, 1000][random.below(4)]
            return (inserting(String(repeating: "{{#a}}", count: depth) + "x" + String(repeating: "{{/a}}", count: depth)), "\(depth) nested sections")
        case 2: return (inserting("{{#unclosed}}"), "an unclosed section")
        case 3: return (inserting("{{nosuch_variable}}"), "an unknown variable")
        case 4: return (inserting("{{> \(family)/nowhere}}"), "a missing partial")
        case 5: return (text.replacingOccurrences(of: "}}", with: "}", options: [], range: text.range(of: "}}")), "a tag left open")
        default: return (inserting("{{"), "a stray {{")
        }
    }

    /// `into` as a copy of `root`'s config/ and Templates/ made of links, but for `file`, written out.
    static func overlay(root: URL, into copy: URL, replacing file: String, with text: String) throws {
        let manager = FileManager.default
        for folder in ["config", "Templates"] {
            try manager.createDirectory(at: copy.appendingPathComponent(folder), withIntermediateDirectories: true)
            guard let walker = manager.enumerator(atPath: root.appendingPathComponent(folder).path) else { continue }
            for case let path as String in walker {
                let source = root.appendingPathComponent(folder).appendingPathComponent(path)
                let target = copy.appendingPathComponent(folder).appendingPathComponent(path)
                var isFolder: ObjCBool = false
                manager.fileExists(atPath: source.path, isDirectory: &isFolder)
                if isFolder.boolValue {
                    try manager.createDirectory(at: target, withIntermediateDirectories: true)
                } else if "\(folder)/\(path)" == file {
                    try text.write(to: target, atomically: false, encoding: .utf8)
                } else {
                    try manager.createSymbolicLink(at: target, withDestinationURL: source.standardizedFileURL.absoluteURL)
                }
            }
        }
    }
}
