import ArgumentParser
import Foundation
import OmbudConfig
import OmbudCore
import OmbudCrawl
import OmbudExtract
import Yams

/// `ombud profile suggest`: a site profile proposed from a forum's board page and thread page.
struct ProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Write site profiles for new forums.",
        subcommands: [Suggest.self])

    /// `ombud profile suggest --thread PAGE [--board PAGE] [--name NAME] [--write]`.
    struct Suggest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "suggest",
            abstract: "Propose a site profile from a thread page and a board page (saved files or URLs), show what it reads from both, and write it with --write.")

        @OptionGroup var project: ProjectOptions

        @Option(help: "A thread page with several posts: a saved file or an http(s) URL.")
        var thread: String

        @Option(help: "The thread page's address, when --thread is a file (its links and thread id are read from it).")
        var threadURL: String?

        @Option(help: "A board page listing threads: a saved file or an http(s) URL (needed to write the profile).")
        var board: String?

        @Option(help: "The board page's address, when --board is a file.")
        var boardURL: String?

        @Option(help: "The forum's time zone (default: the calendar's).")
        var timeZone: String?

        @Option(help: "The profile's name, for config/sites/NAME.yaml and sources' site:.")
        var name = "suggested"

        @ArgumentParser.Flag(help: "Write config/sites/NAME.yaml (refused if it exists).")
        var write = false

        func run() async throws {
            try await exitOnUserError {
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    throw OmbudError(code: .configBadValue, message: "'\(name)' cannot name a profile", context: ["key": "--name"],
                                     fix: "use letters, digits, - and _, for example myforum")
                }
                let root = URL(fileURLWithPath: project.root)
                let workspace = try Workspace.load(root: root)
                let clock = try project.clock()
                let zoneName = timeZone ?? workspace.configuration.calendar.timeZone
                guard let zone = TimeZone(identifier: zoneName) else {
                    throw OmbudError(code: .extractBadTimeZone, message: "unknown time zone '\(zoneName)'", context: ["key": "--time-zone"],
                                     fix: "use an IANA name such as Asia/Shanghai")
                }
                let fetcher = try FetcherFactory.make(workspace.configuration, clock: clock)
                func load(_ place: String, url given: String?) async throws -> (bytes: [UInt8], url: String) {
                    if place.hasPrefix("http://") || place.hasPrefix("https://") {
                        let response = try await fetcher.fetch(FetchRequest(url: place))
                        guard response.status == 200 else {
                            throw OmbudError(code: .fetchStatus, message: "the page answered HTTP \(response.status)", context: ["url": place],
                                             fix: "open it in a browser; save it and pass the file if it needs a login")
                        }
                        return (response.body, place)
                    }
                    guard let data = FileManager.default.contents(atPath: place) else {
                        throw OmbudError(code: .extractUnreadable, message: "cannot read the page", context: ["file": place], fix: "check the path")
                    }
                    return ([UInt8](data), given ?? URL(fileURLWithPath: place).absoluteString)
                }
                let threadPage = try await load(thread, url: threadURL)
                var boardPage: (bytes: [UInt8], url: String)?
                if let board { boardPage = try await load(board, url: boardURL) }
                let times = PostTimeParser(timeZone: zone, reference: clock.now)
                let threadDocument = try HTMLDocument(bytes: threadPage.bytes, url: threadPage.url)
                let boardDocument = try boardPage.map { try HTMLDocument(bytes: $0.bytes, url: $0.url) }
                let suggestion = try ProfileSuggester().suggest(thread: threadDocument, threadURL: threadPage.url, board: boardDocument,
                                                                boardURL: boardPage?.url, times: times)
                for note in suggestion.notes { print("# \(note)") }
                guard let threadRules = suggestion.thread else {
                    throw OmbudError(code: .extractUnreadable, message: "no profile can be proposed from this thread page", context: ["url": threadPage.url],
                                     fix: "pass a thread page with at least two posts, or write the profile by hand (docs/SITE-PROFILES.md)")
                }
                let boardRules = suggestion.board ?? SiteProfile.BoardRules(threads: "//FILL-IN", link: ".//a", threadID: FieldRule(["@id"]))
                let profile = SiteProfile(name: name, software: "suggested by ombud profile suggest", board: boardRules, thread: threadRules)
                let yaml = try YAMLEncoder().encode(profile)
                print(yaml)
                // What the proposed profile reads from the two pages, as the crawler would (without
                // board rules, the thread rules alone: the placeholder is refused as a rule).
                var readable = profile
                if suggestion.board == nil { readable.board = SiteProfile.BoardRules(threads: "//*[false()]", link: ".//a", threadID: FieldRule(["@id"])) }
                let extractor = try SiteExtractor(profile: readable)
                let read = try extractor.thread(threadDocument, pageURL: threadPage.url, source: "suggest", board: "", threadID: nil, times: times)
                print("# the thread page: thread \(read.threadID), \(read.posts.count) posts; next page: \(read.nextPage ?? "none")")
                let formatter = ISO8601DateFormatter()
                formatter.timeZone = zone
                for post in read.posts.prefix(5) {
                    print("#   \(post.id)  \(post.author)  \(formatter.string(from: post.postedAt))  \(post.text.prefix(40).replacingOccurrences(of: "\n", with: " "))")
                }
                if read.posts.count > 5 { print("#   … and \(read.posts.count - 5) more (ombud extract --site \(name) shows them all once written)") }
                for problem in read.skipped { print("#   skipped: \(problem)") }
                if let boardDocument, let boardPage, suggestion.board != nil {
                    let rows = try extractor.board(boardDocument, pageURL: boardPage.url, source: "suggest", board: "")
                    print("# the board page: \(rows.threads.count) threads; next page: \(rows.nextPage ?? "none")")
                    for row in rows.threads.prefix(5) { print("#   \(row.id)  \(row.replyCount.map(String.init) ?? "-") replies  \(row.title.prefix(40))") }
                    if rows.threads.count > 5 { print("#   … and \(rows.threads.count - 5) more") }
                }
                guard write else {
                    print("# check the posts, authors and times above; then run again with --write to save config/sites/\(name).yaml")
                    return
                }
                guard suggestion.board != nil else {
                    if let boardPage {
                        throw OmbudError(code: .extractUnreadable, message: "no thread rows were found on the board page, and a profile needs board rules",
                                         context: ["url": boardPage.url],
                                         fix: "pass another board page with --board, or save the thread rules printed above with a board: section written by hand (docs/SITE-PROFILES.md, the board keys)")
                    }
                    throw OmbudError(code: .extractUnreadable, message: "a profile needs board rules too", context: ["key": "--board"],
                                     fix: "pass a board page with --board")
                }
                let target = root.appendingPathComponent("config/sites/\(name).yaml")
                guard !FileManager.default.fileExists(atPath: target.path) else {
                    throw OmbudError(code: .configFileExists, message: "config/sites/\(name).yaml exists", context: ["file": "config/sites/\(name).yaml"],
                                     fix: "choose another --name, or remove the file")
                }
                try ("# Suggested by `ombud profile suggest` from \(threadPage.url) and \(boardPage?.url ?? "-"); check it with ombud extract.\n" + yaml)
                    .write(to: target, atomically: true, encoding: .utf8)
                print("# wrote config/sites/\(name).yaml; point a source at it with site: \(name), then run ombud check")
            }
        }
    }
}
