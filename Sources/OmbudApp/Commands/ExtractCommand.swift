import ArgumentParser
import Foundation
import OmbudConfig
import OmbudCore
import OmbudExtract

/// `ombud extract`: run a site profile over a saved page and print what it finds, as JSON.
///
/// This is how a profile for a new forum is written and tested: save a board page and a thread
/// page from the browser, then iterate on `config/sites/NAME.yaml` until the output is right.
struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the posts (or, with --board, the threads) of a saved page through a site profile, as JSON.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "The site profile's name (config/sites/NAME.yaml's name:).")
    var site: String

    @ArgumentParser.Flag(help: "Read the page as a board's thread list instead of a thread.")
    var board = false

    @Option(help: "The page's URL, to resolve links (default: file://…).")
    var url: String?

    @Option(help: "The charset, when the page does not say (default: from a BOM or <meta>, else UTF-8).")
    var charset: String?

    @Option(help: "The forum's time zone (default: the calendar's).")
    var timeZone: String?

    @Option(help: "When the page was saved, ISO 8601, for relative times like '3 小时前' (default: the file's modification time).")
    var fetchedAt: String?

    @Argument(help: "The saved HTML page.")
    var file: String

    func run() async throws {
        try await exitOnUserError {
            let workspace = try Workspace.load(root: URL(fileURLWithPath: project.root))
            guard let profile = workspace.sites[site] else {
                throw OmbudError(code: .configUnknownSite, message: "no site profile is named '\(site)'", context: ["key": "--site"],
                                 fix: "use one of: \(workspace.sites.keys.sorted().joined(separator: ", "))")
            }
            let fileURL = URL(fileURLWithPath: file)
            guard let data = FileManager.default.contents(atPath: fileURL.path) else {
                throw OmbudError(code: .extractUnreadable, message: "cannot read the page", context: ["file": file], fix: "check the path")
            }
            let zoneName = timeZone ?? workspace.configuration.calendar.timeZone
            guard let zone = TimeZone(identifier: zoneName) else {
                throw OmbudError(code: .extractBadTimeZone, message: "unknown time zone '\(zoneName)'", context: ["key": "--time-zone"],
                                 fix: "use an IANA name such as Asia/Shanghai")
            }
            let saved = try fetchedAt.map { try ProjectOptions.instant($0, key: "--fetched-at") } ?? (try? FileManager.default.attributesOfItem(atPath: fileURL.path)[.modificationDate] as? Date) ?? (try project.clock()).now
            let pageURL = url ?? fileURL.absoluteString
            let extractor = try PageExtractors.make(profile)
            if board {
                let page = try extractor.board([UInt8](data), charset: charset, pageURL: pageURL, source: "file", board: "")
                let times = PostTimeParser(timeZone: zone, reference: saved)
                try printJSON(page.threads.map { ThreadRow(id: $0.id, title: $0.title, url: $0.url, replies: $0.replyCount,
                                                           views: $0.viewCount, lastPost: $0.lastPost, lastPostAt: $0.lastPost.flatMap(times.parse)) })
                FileHandle.standardError.write(Data("next page: \(page.nextPage ?? "none")\n".utf8))
            } else {
                let page = try extractor.thread([UInt8](data), charset: charset, pageURL: pageURL, source: "file", board: "", threadID: nil,
                                                times: PostTimeParser(timeZone: zone, reference: saved))
                for problem in page.skipped { FileHandle.standardError.write(Data("skipped: \(problem)\n".utf8)) }
                FileHandle.standardError.write(Data("thread \(page.threadID), \(page.posts.count) posts; next page: \(page.nextPage ?? "none")\n".utf8))
                try printJSON(page.posts.map { PostRow(id: $0.id, floor: $0.floor, author: $0.author, authorID: $0.authorID,
                                                                postedAt: $0.postedAt, threadID: $0.threadID, title: $0.threadTitle, text: $0.text) })
            }
        }
    }

    struct PostRow: Encodable {
        var id: String
        var floor: Int
        var author: String
        var authorID: String
        var postedAt: Date
        var threadID: String
        var title: String
        var text: String
        enum CodingKeys: String, CodingKey {
            case id, floor, author, title, text
            case authorID = "author_id"
            case postedAt = "posted_at"
            case threadID = "thread_id"
        }
    }

    struct ThreadRow: Encodable {
        var id: String
        var title: String
        var url: String
        var replies: Int?
        var views: Int?
        var lastPost: String?
        /// The last post's time as read, in ISO 8601: what the first crawl's window compares.
        var lastPostAt: Date?
        enum CodingKeys: String, CodingKey {
            case id, title, url, replies, views
            case lastPost = "last_post"
            case lastPostAt = "last_post_at"
        }
    }
}
