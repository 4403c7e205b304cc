import Foundation
import OmbudCore
import OmbudExtract

/// The fixture pages and what the profile tests share.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A fixture page's bytes, by its path under Fixtures/.
    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(path)))
    }

    /// The extractor for a shipped profile.
    static func extractor(_ site: String) -> any PageExtractor {
        try! PageExtractors.make(DiscuzProfileTests.workspace.sites[site]!)
    }

    /// Times as of the fixtures' "now": 2026-11-18 11:30 in Shanghai.
    static let times = PostTimeParser(timeZone: TimeZone(identifier: "Asia/Shanghai")!, reference: DeadlineTime.at("2026-11-18 11:30"))
}
