import Foundation
import OmbudConfig
import OmbudCore
import OmbudExtract

/// `ombud-bench extract`: the real forum pages of `Fixtures/real` through their shipped profiles,
/// as the crawler reads them (charset, parse, every XPath of the profile, text, times), on one
/// core; prints MB/s for `bench/extract-bench.sh` to set beside lxml, selectolax and C libxml2.
enum ExtractBench {
    struct Page: Decodable {
        var file: String
        var profile: String
        var kind: String
        var url: String
    }

    static func run(root: URL, rounds: Int) throws {
        let workspace = try Workspace.load(root: root)
        let folder = root.appendingPathComponent("Tests/OmbudExtractTests/Fixtures/real")
        let pages = try JSONDecoder().decode([Page].self, from: Data(contentsOf: folder.appendingPathComponent("pages.json")))
        var work: [(extractor: any PageExtractor, bytes: [UInt8], url: String)] = []
        for page in pages where page.kind == "thread" {
            guard let profile = workspace.sites[page.profile], profile.format == nil || profile.format == .html else { continue }
            work.append((try PageExtractors.make(profile), [UInt8](try Data(contentsOf: folder.appendingPathComponent(page.file))), page.url))
        }
        let times = PostTimeParser(timeZone: TimeZone(identifier: "UTC")!, reference: Date(timeIntervalSince1970: 1_795_000_000))
        let bytes = work.reduce(0) { $0 + $1.bytes.count }
        var posts = 0
        for item in work {   // a warm-up round, and the posts it reads
            posts += try item.extractor.thread(item.bytes, charset: nil, pageURL: item.url, source: "b", board: "1", threadID: nil, times: times).posts.count
        }
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<rounds {
            for item in work {
                _ = try item.extractor.thread(item.bytes, charset: nil, pageURL: item.url, source: "b", board: "1", threadID: nil, times: times)
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let megabytes = Double(bytes * rounds) / 1_048_576
        print(String(format: "ombud: %d pages (%.1f MB, %d posts) × %d rounds in %.2f s: %.1f MB/s", work.count, Double(bytes) / 1_048_576,
                     posts, rounds, seconds, megabytes / seconds))
    }
}
