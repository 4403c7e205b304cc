import Foundation
import OmbudConfig
import OmbudCore
import OmbudExtract
import Testing

/// Every shipped profile against pages saved from live forums of its software (Fixtures/real,
/// see its README): the posts, authors and times a person read off each page, all of them.
@Suite struct RealPagesTests {
    struct Page: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var software: String
        var profile: String
        var kind: String
        var url: String
        var timeZone: String
        var testDescription: String { file }

        enum CodingKeys: String, CodingKey {
            case file, software, profile, kind, url
            case timeZone = "time_zone"
        }
    }

    struct ExpectedPost: Decodable {
        var author: String
        var time: String
        var timeTitle: String?
        var timeDatetime: String?
        var bodyStart: String

        enum CodingKeys: String, CodingKey {
            case author, time
            case timeTitle = "time_title"
            case timeDatetime = "time_datetime"
            case bodyStart = "body_start"
        }
    }

    struct ExpectedBoard: Decodable {
        struct Row: Decodable {
            var title: String
            var url: String
        }
        var threads: [Row]
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/real")
    static let pages: [Page] = (try? JSONDecoder().decode([Page].self, from: Data(contentsOf: folder.appendingPathComponent("pages.json")))) ?? []
    /// The thread pages served as HTML (not an API's JSON), which the suggester reads.
    static let htmlThreads = pages.filter { $0.kind == "thread" && !$0.file.hasSuffix(".json") }
    /// The pages whose software has a shipped profile: each must be read right, all of it.
    static let covered = pages.filter { DiscuzProfileTests.workspace.sites[$0.profile] != nil }

    /// What a profile read from a page, against what a person read.
    struct Score: CustomStringConvertible {
        var expected = 0, found = 0, authors = 0, times = 0, bodies = 0
        /// Posts, authors and times; a body may rightly differ at its start, where a quote of another post is left out.
        var allRight: Bool { found == expected && authors == expected && times == expected }
        var description: String { "\(found)/\(expected) posts, \(authors) authors, \(times) times, \(bodies) bodies right" }
    }

    /// `05/02/24 06:50 PM`, as Invision's English titles print times: month first, two-digit year
    /// (read here, for the expected values; the profiles read the `datetime` attribute).
    static func usShortDate(_ text: String, zone: TimeZone) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "MM/dd/yy hh:mm a"
        return formatter.date(from: collapse(text))
    }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func score(_ page: Page, profile given: SiteProfile? = nil) throws -> (Score, [String]) {
        let profile = try given ?? #require(DiscuzProfileTests.workspace.sites[page.profile])
        let extractor = try PageExtractors.make(profile)
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(page.file)))
        let expectedURL = folder.appendingPathComponent(page.file).deletingPathExtension().appendingPathExtension("expected.json")
        var score = Score()
        var misses: [String] = []
        if page.kind == "board" {
            let expected = try JSONDecoder().decode(ExpectedBoard.self, from: Data(contentsOf: expectedURL)).threads
            let board = try extractor.board(bytes, charset: nil, pageURL: page.url, source: "real", board: "1")
            score.expected = expected.count
            score.found = min(board.threads.count, expected.count)
            for (row, thread) in zip(expected, board.threads) {
                let same = collapse(row.title) == collapse(thread.title) && row.url == thread.url
                if same { score.authors += 1; score.times += 1; score.bodies += 1 } else { misses.append("row '\(row.title)' read as '\(thread.title)' \(thread.url)") }
            }
            return (score, misses)
        }
        let zone = try #require(TimeZone(identifier: page.timeZone))
        let expected = try JSONDecoder().decode([ExpectedPost].self, from: Data(contentsOf: expectedURL))
        // Relative times on these pages always come with the absolute one in an attribute.
        let times = PostTimeParser(timeZone: zone, reference: Date(timeIntervalSince1970: 1_795_000_000))
        let thread = try extractor.thread(bytes, charset: nil, pageURL: page.url, source: "real", board: "1", threadID: nil, times: times)
        score.expected = expected.count
        score.found = thread.posts.count
        for (want, post) in zip(expected, thread.posts) {
            if collapse(want.author) == collapse(post.author) { score.authors += 1 } else { misses.append("author '\(want.author)' read as '\(post.author)'") }
            // To the minute where the page gives one we can read; else (a two-digit year in the title,
            // say) to the day the page prints.
            let shown = want.timeDatetime ?? want.timeTitle ?? want.time
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            if let instant = times.parse(shown) ?? Self.usShortDate(shown, zone: zone),
               Int(instant.timeIntervalSince1970 / 60) == Int(post.postedAt.timeIntervalSince1970 / 60) {
                score.times += 1
            } else if times.parse(shown) == nil, let day = times.parse(want.time), calendar.isDate(day, inSameDayAs: post.postedAt) {
                score.times += 1
            } else {
                misses.append("time '\(shown)' read as \(post.postedAt)")
            }
            let start = String(collapse(want.bodyStart).prefix(12)), text = collapse(post.text)
            if text.contains(start) || collapse(want.bodyStart).hasPrefix(String(text.prefix(12))) { score.bodies += 1 } else {
                misses.append("body '\(want.bodyStart)' read as '\(text.prefix(40))'")
            }
        }
        misses += thread.skipped.map { "skipped: \($0)" }
        return (score, misses)
    }

    @Test(arguments: covered)
    func aShippedProfileReadsItsSoftwaresRealPages(page: Page) throws {
        let (score, misses) = try Self.score(page)
        #expect(score.allRight, "\(page.file) via \(page.profile): \(score); \(misses.prefix(6))")
    }

    /// `ombud profile suggest` as a new user would use it, with no profile: the suggestion from each
    /// real thread page alone, scored against what a person read off it.
    @Test func suggestedProfilesReadTheRealPages() throws {
        var lines = ["software | page | suggested profile reads: posts | authors | times"]
        var right = 0
        for page in Self.htmlThreads {
            let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(page.file)))
            let document = try HTMLDocument(bytes: bytes, url: page.url)
            let times = PostTimeParser(timeZone: TimeZone(identifier: page.timeZone)!, reference: Date(timeIntervalSince1970: 1_795_000_000))
            let suggestion = try ProfileSuggester().suggest(thread: document, threadURL: page.url, board: nil, boardURL: nil, times: times)
            guard let thread = suggestion.thread else {
                lines.append("\(page.software) | \(page.file) | none: \(suggestion.notes.last ?? "")")
                continue
            }
            let placeholder = SiteProfile.BoardRules(threads: "//nothing", link: ".//a", threadID: FieldRule(["@id"]))
            let profile = SiteProfile(name: "suggested", software: page.software, board: placeholder, thread: thread)
            guard let (score, _) = try? Self.score(page, profile: profile) else {
                lines.append("\(page.software) | \(page.file) | refused")
                continue
            }
            if score.allRight { right += 1 }
            lines.append("\(page.software) | \(page.file) | \(score.found)/\(score.expected) | \(score.authors) | \(score.times)")
        }
        print(lines.joined(separator: "\n"))
        print("suggested profiles right on \(right) of \(Self.htmlThreads.count) real thread pages")
        #expect(right >= 50, "the suggestion read \(right) pages right; it read 50 of 52 when this floor was set")
    }

    /// `ombud profile suggest` given a board page too: the suggested board rules against the rows
    /// a person read off each real board page (title and link), with a thread page of the same forum.
    @Test func suggestedBoardRulesReadTheRealBoards() throws {
        var lines = ["board page | suggested rows right"]
        var right = 0
        let boards = Self.pages.filter { $0.kind == "board" && !$0.file.hasSuffix(".json") }
        for page in boards {
            let folder = (page.file as NSString).deletingLastPathComponent
            let thread = try #require(Self.htmlThreads.first { ($0.file as NSString).deletingLastPathComponent == folder && $0.profile == page.profile })
            let threadDocument = try HTMLDocument(bytes: [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(thread.file))), url: thread.url)
            let boardDocument = try HTMLDocument(bytes: [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(page.file))), url: page.url)
            let times = PostTimeParser(timeZone: TimeZone(identifier: page.timeZone)!, reference: Date(timeIntervalSince1970: 1_795_000_000))
            let suggestion = try ProfileSuggester().suggest(thread: threadDocument, threadURL: thread.url, board: boardDocument, boardURL: page.url, times: times)
            guard let board = suggestion.board, let rules = suggestion.thread else {
                lines.append("\(page.file) | none: \(suggestion.notes.filter { $0.hasPrefix("board") })")
                continue
            }
            let (score, misses) = try Self.score(page, profile: SiteProfile(name: "suggested", software: page.software, board: board, thread: rules))
            if score.allRight { right += 1 }
            lines.append("\(page.file) | \(score.authors)/\(score.expected) \(misses.prefix(2))")
        }
        print(lines.joined(separator: "\n"))
        // 7 of 7 when this floor was set.
        #expect(right >= 7, "suggested board rules read \(right) of \(boards.count) real boards right")
    }

    /// The table for the record: software × pages × posts, authors, times (`swift test --filter realPagesTable`).
    @Test func realPagesTable() throws {
        var lines = ["software | page | profile | posts | authors | times | bodies"]
        for page in Self.pages {
            guard DiscuzProfileTests.workspace.sites[page.profile] != nil else {
                lines.append("\(page.software) | \(page.file) | none yet | - | - | - | -")
                continue
            }
            let score = (try? Self.score(page))?.0 ?? Score()
            lines.append("\(page.software) | \(page.file) | \(page.profile) | \(score.found)/\(score.expected) | \(score.authors) | \(score.times) | \(score.bodies)")
        }
        print(lines.joined(separator: "\n"))
        #expect(Self.pages.count >= 25)
    }
}
