import Foundation
import OmbudConfig
import OmbudCore
import OmbudExtract
import Testing

/// The Discuz! X3 profile against the sample forum's pages (Discuz! X3 default-template markup).
@Suite struct DiscuzProfileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let workspace = try! Workspace.load(root: root)
    let extractor = try! SiteExtractor(profile: workspace.sites["discuz-x3"]!)
    let zone = TimeZone(identifier: "Asia/Shanghai")!
    let fetchedAt = DeadlineTime.at("2026-11-18 11:30")

    func page(_ name: String) throws -> HTMLDocument {
        let bytes = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent("demo/forum/\(name)")))
        return try HTMLDocument(bytes: bytes, url: "http://127.0.0.1/\(name)", charset: nil)
    }

    @Test func boardPageListsThreadsWithCountsAndTheNextPage() throws {
        let board = try extractor.board(page("forum-2-1.html"), pageURL: "http://127.0.0.1/forum-2-1.html", source: "demo", board: "2")
        #expect(board.threads.first?.id == "100")  // the sticky announcement
        let lift = try #require(board.threads.first { $0.id == "101" })
        #expect(lift.title == "3号楼电梯又坏了，困了人！")
        #expect(lift.url == "http://127.0.0.1/thread-101-1-1.html")
        #expect(lift.replyCount == 6)
        #expect(lift.viewCount == 523)
        #expect(board.nextPage == "http://127.0.0.1/forum-2-2.html")
        let last = try extractor.board(page("forum-2-2.html"), pageURL: "http://127.0.0.1/forum-2-2.html", source: "demo", board: "2")
        #expect(last.nextPage == nil)
        #expect(Set(board.threads.map(\.id)).isDisjoint(with: last.threads.map(\.id)))
    }

    @Test func threadPageGivesCleanPosts() throws {
        let thread = try extractor.thread(page("thread-101-1-1.html"), pageURL: "http://127.0.0.1/thread-101-1-1.html", source: "demo",
                                          board: "2", threadID: nil, times: PostTimeParser(timeZone: zone, reference: fetchedAt))
        #expect(thread.threadID == "101")
        #expect(thread.title == "3号楼电梯又坏了，困了人！")
        #expect(thread.skipped.isEmpty)
        #expect(thread.posts.map(\.id) == ["1001", "1002", "1003", "1004", "1010"])
        #expect(thread.posts.map(\.floor) == [1, 2, 3, 4, 5])
        let first = thread.posts[0]
        #expect(first.author == "张先生" && first.authorID == "1001" && first.authorPosts == 4)
        #expect(first.postedAt == DeadlineTime.at("2026-11-18 08:12"))
        // The edit notice is dropped, the image becomes [图片], the line break is kept.
        #expect(first.text == "今天早上7点40分，3号楼2单元的电梯又坏了，我家老人被困在电梯里二十多分钟，打物业电话一直没人接。\n这个月已经是第三次了，物业到底管不管？[图片]")
        // The quoted text belongs to the quoted post.
        #expect(thread.posts[3].text == "我家也是3号楼，天天提心吊胆")
        #expect(thread.nextPage == "http://127.0.0.1/thread-101-2-1.html")
    }

    @Test func aPostWithAnImpossibleTimeIsSkippedWithItsReasonNotMisdated() throws {
        let path = Self.root.appendingPathComponent("demo/forum/thread-101-1-1.html")
        let html = try String(contentsOf: path, encoding: .utf8)
            .replacingOccurrences(of: #"<span title="2026-11-18 08:12">3&nbsp;小时前</span>"#, with: "<span>2026年2月30日 25:61</span>")
        let thread = try extractor.thread(HTMLDocument(html: html, url: "http://127.0.0.1/thread-101-1-1.html"),
                                          pageURL: "http://127.0.0.1/thread-101-1-1.html", source: "demo", board: "2", threadID: nil,
                                          times: PostTimeParser(timeZone: zone, reference: fetchedAt))
        #expect(thread.posts.map(\.id) == ["1002", "1003", "1004", "1010"])
        #expect(thread.skipped == ["post 1001: '发表于 2026年2月30日 25:61' is not a readable or possible time"])
    }

    /// libxml2 alone stops at 256 levels and keeps what came before: 1 post of 5, silently.
    @Test(arguments: [300, 1900])
    func aDeeplyNestedPostBodyIsReadWhole(depth: Int) throws {
        let path = Self.root.appendingPathComponent("demo/forum/thread-101-1-1.html")
        let nested = String(repeating: "<div>", count: depth) + "楼上说得对" + String(repeating: "</div>", count: depth)
        let html = try String(contentsOf: path, encoding: .utf8)
            .replacingOccurrences(of: "这个月已经是第三次了，物业到底管不管？", with: "这个月已经是第三次了，物业到底管不管？" + nested)
        let thread = try extractor.thread(HTMLDocument(html: html, url: "http://127.0.0.1/thread-101-1-1.html"),
                                          pageURL: "http://127.0.0.1/thread-101-1-1.html", source: "demo", board: "2", threadID: nil,
                                          times: PostTimeParser(timeZone: zone, reference: fetchedAt))
        #expect(thread.posts.map(\.id) == ["1001", "1002", "1003", "1004", "1010"] && thread.skipped.isEmpty)
        #expect(thread.posts[0].text.contains("楼上说得对"))
    }

    @Test func aPageNestedDeeperThanTheLimitIsRefusedNotReadInPart() {
        let depth = HTMLDocument.maximumDepth + 10
        let html = "<html><body><div class='post'>一楼</div>" + String(repeating: "<div>", count: depth) + "x"
            + String(repeating: "</div>", count: depth) + "<div class='post'>二楼</div></body></html>"
        #expect {
            _ = try HTMLDocument(html: html, url: "http://127.0.0.1/deep.html")
        } throws: { error in
            (error as? OmbudError)?.code == .htmlTooDeep && (error as? OmbudError)?.context["url"] == "http://127.0.0.1/deep.html"
        }
    }

    @Test func laterPagesContinueTheFloors() throws {
        let thread = try extractor.thread(page("thread-101-2-1.html"), pageURL: "http://127.0.0.1/thread-101-2-1.html", source: "demo",
                                          board: "2", threadID: "101", times: PostTimeParser(timeZone: zone, reference: fetchedAt))
        #expect(thread.posts.map(\.floor) == [6, 7])
        #expect(thread.nextPage == nil)
    }

    @Test func scriptsStylesAndHiddenElementsAreNotText() throws {
        let document = try HTMLDocument(html: """
            <div id="m">前<script>alert(1)</script><style>p{}</style><span style="display: none">隐藏</span><p>段落</p><a href="x">链接</a><img alt="照片"></div>
            """)
        let node = try #require(try document.nodes("//div[@id='m']").first)
        #expect(node.postText() == "前\n段落\n链接照片")
    }

    @Test func fullWidthLettersAndDigitsBecomeHalfWidth() throws {
        let document = try HTMLDocument(html: "<div id='m'>＋１，３号楼ＡＢ座　电梯坏了！（１２３４５）</div>")
        let node = try #require(try document.nodes("//div[@id='m']").first)
        #expect(node.postText() == "+1，3号楼AB座 电梯坏了！（12345）")
    }

    @Test func gbkPagesDecodeFromTheHeaderOrTheMetaTag() throws {
        let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\"></head><body><p id='t'>电梯坏了，物业不管</p></body></html>"
        let bytes = try #require(html.data(using: String.Encoding(rawValue: 0x8000_0632)))
        #expect(try HTMLDocument(bytes: [UInt8](bytes), charset: "gbk").text("//p[@id='t']") == "电梯坏了，物业不管")
        #expect(try HTMLDocument(bytes: [UInt8](bytes), charset: nil).text("//p[@id='t']") == "电梯坏了，物业不管")
    }

    @Test func aBadXPathInAProfileNamesTheKey() {
        var profile = Self.workspace.sites["discuz-x3"]!
        profile.thread?.body = "//td[@id='x'"
        #expect {
            try SiteExtractor(profile: profile)
        } throws: { error in
            let error = error as? OmbudError
            return error?.code.rawValue == "xpath.invalid" && error?.context["key"] == "thread.body" && error?.context["site"] == "discuz-x3"
        }
    }

    @Test func theSuggestersPlaceholderIsNoRule() {
        var profile = Self.workspace.sites["discuz-x3"]!
        profile.board?.threads = "//FILL-IN"
        #expect {
            try SiteExtractor(profile: profile)
        } throws: { error in
            let error = error as? OmbudError
            return error?.code.rawValue == "xpath.invalid" && error?.context["key"] == "board.threads" && error?.message.contains("FILL-IN") == true
        }
    }

    @Test func emptyInputIsAnErrorNotACrash() {
        #expect {
            try HTMLDocument(bytes: [], url: "http://x/empty")
        } throws: { ($0 as? OmbudError)?.code.rawValue == "html.empty" && ($0 as? OmbudError)?.context["url"] == "http://x/empty" }
    }

    @Test func oversizedInputIsRefused() {
        #expect {
            try HTMLDocument(bytes: [UInt8](repeating: 0x20, count: HTMLDocument.maximumSize + 1), url: "http://x/")
        } throws: { ($0 as? OmbudError)?.code.rawValue == "html.too_large" }
    }
}

enum DeadlineTime {
    static func at(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }
}
