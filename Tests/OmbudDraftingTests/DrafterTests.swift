import Foundation
import OmbudCore
import OmbudDrafting
import Testing

@Suite struct DrafterTests {
    let drafter = Project.workspace.drafter

    func post(_ id: String, thread: String, author: String, _ text: String) -> Post {
        Post(source: "s", id: id, threadID: thread, threadTitle: "", board: "2", floor: 1, author: author, authorID: author,
             postedAt: Date(timeIntervalSince1970: 0), text: text, url: "")
    }

    func subject(_ posts: [Post], category: String = "facilities", severity: Severity = .general, issues: [String], flags: Set<Flag> = []) -> Case {
        Case(id: "s-\(posts[0].id)", category: category, members: posts.map {
            CaseMember(post: $0.key, thread: ThreadRef(source: $0.source, threadID: $0.threadID), authorID: $0.authorID, authorName: $0.author,
                       postedAt: $0.postedAt, role: .report, reasons: [])
        }, issues: issues, flags: flags, severity: severity)
    }

    @Test func oneCleanDraftPerThreadAnsweringEveryIssue() throws {
        let posts = [post("1", thread: "10", author: "张先生", "3号楼电梯坏了，被困了"), post("2", thread: "11", author: "李女士", "电梯困人没人管")]
        let drafts = drafter.drafts(for: subject(posts, issues: ["电梯故障", "电梯困人"]), posts: Dictionary(uniqueKeysWithValues: posts.map { ($0.key, $0) }))
        #expect(drafts.map(\.thread.threadID) == ["10", "11"])
        for draft in drafts {
            #expect(draft.isClean, "\(draft.findings)")
            #expect(draft.text.contains("电梯故障") && draft.text.contains("电梯困人"))
            #expect(draft.text.contains("s-1"))
            #expect(!draft.text.contains("{{"))
        }
        #expect(drafts[0].text.hasPrefix("张先生您好"))
        #expect(drafts[1].text.hasPrefix("李女士您好"))
    }

    @Test func templateFollowsCategorySeverityAndLanguage() {
        let chinese = [post("1", thread: "10", author: "a", "7号楼停水两天了")]
        let posts = { (list: [Post]) in Dictionary(uniqueKeysWithValues: list.map { ($0.key, $0) }) }
        #expect(drafter.drafts(for: subject(chinese, category: "emergency", severity: .major, issues: ["停水"], flags: [.safety]), posts: posts(chinese))[0]
            .template == "replies/zh-CN/emergency")
        #expect(drafter.drafts(for: subject(chinese, category: "emergency", issues: ["停水"]), posts: posts(chinese))[0].template
            == "replies/zh-CN/default", "an outage filed under emergency with no one at risk gets the plain reply")
        #expect(drafter.drafts(for: subject(chinese, category: "emergency", severity: .major, issues: ["停水"]), posts: posts(chinese))[0]
            .template == "replies/zh-CN/major")
        let traditional = [post("1", thread: "10", author: "a", "7號樓已經停水兩天了，物業一句解釋都沒有")]
        let tw = drafter.drafts(for: subject(traditional, issues: ["停水"]), posts: posts(traditional))[0]
        #expect(tw.language == "zh-TW" && tw.template == "replies/zh-TW/default")
        let english = [post("1", thread: "10", author: "Mark", "The gym has been closed for weeks without notice.")]
        let en = drafter.drafts(for: subject(english, severity: .major, issues: ["未提前通知"]), posts: posts(english))[0]
        #expect(en.language == "en" && en.template == "replies/en/major")
        #expect(en.text.hasPrefix("Dear Mark"))
        // Issue names, department and contact come from the translation; the lint checks the English name.
        #expect(en.text.contains("About the lack of notice: from now on"))
        #expect(!en.text.contains("未提前通知") && !en.text.contains("物业"))
        #expect(en.isClean, "\(en.findings)")
    }

    @Test func aDraftIsInItsThreadsLanguageAndNamesOnlyWhatItsThreadNamed() throws {
        // A Chinese thread whose only complaint in the case is an English reply: the thread reads Chinese.
        let opening = Post(source: "s", id: "1", threadID: "10", threadTitle: "3号楼电梯又困人", board: "2", floor: 1, author: "老王",
                           authorID: "w", postedAt: Date(timeIntervalSince1970: 0), text: "3号楼电梯今天又把人困住了，物业电话打不通", url: "")
        var reply = post("2", thread: "10", author: "Mark", "Same here, my helper was stuck in the lift in block 3 for 30 minutes.")
        reply.floor = 5
        let elsewhere = post("3", thread: "11", author: "李女士", "8号楼的电梯也坏了")
        var subject = subject([reply, elsewhere], issues: ["电梯困人"])
        subject.places = ["3号楼", "8号楼"]
        subject.dates = ["11-18"]
        let posts = [reply.key: reply, elsewhere.key: elsewhere]
        let mentions = [ThreadRef(source: "s", threadID: "10"): ThreadMentions(places: ["3号楼"], dates: []),
                        ThreadRef(source: "s", threadID: "11"): ThreadMentions(places: ["8号楼"], dates: ["11-18"])]
        let drafts = drafter.drafts(for: subject, posts: posts, openings: [ThreadRef(source: "s", threadID: "10"): opening], mentions: mentions)
        let first = try #require(drafts.first { $0.thread.threadID == "10" })
        #expect(first.language == "zh-CN" && first.text.hasPrefix("Mark您好"))
        #expect(first.text.contains("3号楼") && !first.text.contains("8号楼") && !first.text.contains("11月18日"))
        let second = try #require(drafts.first { $0.thread.threadID == "11" })
        #expect(second.text.contains("8号楼（11月18日）") && !second.text.contains("3号楼"))
        // Without the opening, the case's posts in the thread decide: the English reply.
        #expect(drafter.drafts(for: subject, posts: posts).first { $0.thread.threadID == "10" }?.language == "en")
    }

    @Test func aMeasureForAnIssueNoPostRaisedIsAnError() throws {
        let water = [post("1", thread: "10", author: "a", "7号楼停水两天了")]
        let subject = subject(water, issues: ["停水"])
        let draft = try #require(drafter.drafts(for: subject, posts: [water[0].key: water[0]]).first)
        #expect(!draft.findings.contains { $0.rule == "draft.foreign_measure" })
        let elevator = "已通知电梯维保单位今日到场全面检修"
        let edited = draft.text + "\n另外，" + elevator + "，检修期间在电梯口张贴告示，检修结论和维保记录会在本帖公示。"
        let finding = try #require(drafter.lint(edited, for: subject, language: "zh-CN").first { $0.rule == "draft.foreign_measure" })
        #expect(finding.level == .error && finding.message.contains("电梯故障"))
        #expect(String(Array(edited)[finding.offset...].prefix(elevator.count)) == elevator)
    }

    @Test func userTextIsNotHTMLEscapedInAForumReply() {
        let list = [post("1", thread: "10", author: "A&B <小区>", "电梯坏了")]
        let draft = drafter.drafts(for: subject(list, issues: []), posts: [list[0].key: list[0]])[0]
        #expect(draft.text.hasPrefix("A&B <小区>您好"))
    }

    @Test func lintFindsForbiddenPhrasesWithSpanAndSuggestion() throws {
        let text = "您好，这种问题属于开发商的事，我们保证明天修好。{{contact}}"
        let findings = drafter.linter.lint(text, issues: ["漏水"])
        let buck = try #require(findings.first { $0.rule == "forbidden.buck_passing" })
        #expect(buck.offset == 3 && buck.matched == "这种问题属于开发商的事")
        #expect(!buck.suggestion.isEmpty)
        #expect(findings.contains { $0.rule == "promise.absolute" && $0.matched == "保证" })
        #expect(findings.contains { $0.rule == "draft.placeholder" && $0.matched == "{{contact}}" })
        #expect(findings.contains { $0.rule == "draft.issue_not_covered" && $0.matched == "漏水" })
        #expect(findings.allSatisfy { $0.level == .error })
    }

    @Test func measuresAnswerEachIssue() {
        let list = [post("1", thread: "10", author: "a", "7号楼停水两天了")]
        let draft = drafter.drafts(for: subject(list, category: "emergency", issues: ["停水"]), posts: [list[0].key: list[0]])[0]
        #expect(draft.text.contains("关于“停水”：" + (drafter.rules.measures?["停水"] ?? "missing")))
    }

    @Test func theLengthLimitDependsOnTheLanguage() {
        let long = String(repeating: "a", count: 700)
        #expect(drafter.linter.lint(long, language: "zh-CN").contains { $0.rule == "draft.too_long" })
        #expect(!drafter.linter.lint(long, language: "en").contains { $0.rule == "draft.too_long" })
    }

    @Test func traditionalForbiddenPhrasesAreCaughtToo() {
        #expect(drafter.linter.lint("那不是我們部門的事").contains { $0.rule == "forbidden.buck_passing" })
    }

    @Test func languageGuess() {
        #expect(LanguageGuess.language(of: "电梯坏了，物业不管") == "zh-CN")
        #expect(LanguageGuess.language(of: "電梯壞了，物業不管，這個問題") == "zh-TW")
        #expect(LanguageGuess.language(of: "The elevator is broken") == "en")
        #expect(LanguageGuess.language(of: "將軍澳南線晚上四十分鐘先有一班") == "zh-TW", "Traditional forms beyond any short table")
        #expect(LanguageGuess.language(of: "有冇人知去邊度投訴巴士班次？等到傻") == "zh-TW")
        #expect(LanguageGuess.language(of: "佢哋冇嚟") == "zh-TW", "written Cantonese with no telling form: Hong Kong's Traditional")
        #expect(LanguageGuess.language(of: "电梯坏咗三日都冇人嚟修") == "zh-CN", "Cantonese written in Simplified stays Simplified")
        #expect(LanguageGuess.language(of: "退款申请 https://item.example.com/100012345.html 联系 help@shop.example.com") == "zh-CN",
                "a link or an address is not English words")
        #expect(LanguageGuess.language(of: "") == "en" && LanguageGuess.language(of: "+1 👍") == "en", "no Chinese at all: English")
        #expect(LanguageGuess.language(of: "PSA: the power bank sold by YouPin (自营) caught fire in my flat last night") == "en",
                "an English post naming a shop in Chinese is English")
        #expect(LanguageGuess.language(of: "买的iPhone充电器用了两天就坏了，客服让我找Apple") == "zh-CN")
    }

    @Test func theReplyNamesThePlaceAndTheDayInItsLanguage() throws {
        let chinese = [post("1", thread: "10", author: "王先生", "3号楼2单元电梯又坏了")]
        var subject = subject(chinese, issues: ["电梯故障"])
        subject.places = ["3号楼", "2单元"]
        subject.dates = ["11-18"]
        let zh = drafter.drafts(for: subject, posts: [chinese[0].key: chinese[0]])[0]
        #expect(zh.text.contains("您反映的3号楼2单元（11月18日）的情况我们已记录在案，案件编号 s-1。"), "\(zh.text)")
        #expect(zh.isClean, "\(zh.findings)")
        let traditional = [post("1", thread: "10", author: "陳先生", "3號樓電梯又壞了，物業一句解釋都沒有")]
        let tw = drafter.drafts(for: subject, posts: [traditional[0].key: traditional[0]])[0]
        #expect(tw.text.contains("您反映的3號樓2單元（11月18日）的情況"))
        // The zh-CN measure, written as in Taiwan.
        #expect(tw.text.contains("已通知電梯維保單位今日到場全面檢修") && !tw.text.contains("电梯"))
        let english = [post("1", thread: "10", author: "Mark", "The lift in building 3 is broken again and nobody answers.")]
        subject.places = ["building 3"]
        let en = drafter.drafts(for: subject, posts: [english[0].key: english[0]])[0]
        #expect(en.text.contains("what you reported at building 3 on 18 November as case s-1"))
        #expect(en.text.contains("the lift maintenance contractor is coming today"))
        #expect(en.isClean, "\(en.findings)")
    }

    @Test func anEmptyVariableBlocksTheDraft() {
        let nameless = [post("1", thread: "10", author: "", "电梯坏了")]
        let draft = drafter.drafts(for: subject(nameless, issues: []), posts: [nameless[0].key: nameless[0]])[0]
        #expect(draft.findings.contains { $0.rule == "draft.empty_variable" && $0.matched == "{{author}}" && $0.level == .error })
        #expect(!draft.isClean)
    }

    @Test func aChoiceCanDependOnTheSourceAndTheLanguage() throws {
        var rules = drafter.rules
        rules.choices.insert(.init(language: "en", source: "expat-forum", template: "fees"), at: 0)
        let custom = try Drafter(templates: Project.workspace.templates, rules: rules, linter: drafter.linter)
        let english = Post(source: "expat-forum", id: "1", threadID: "10", threadTitle: "", board: "2", floor: 1, author: "Mark", authorID: "m",
                           postedAt: Date(timeIntervalSince1970: 0), text: "The lift is broken again and nobody answers.", url: "")
        let other = Post(source: "s", id: "2", threadID: "11", threadTitle: "", board: "2", floor: 1, author: "Ann", authorID: "a",
                         postedAt: Date(timeIntervalSince1970: 0), text: "The lift is broken again and nobody answers.", url: "")
        let drafts = custom.drafts(for: subject([english, other], issues: []), posts: [english.key: english, other.key: other])
        #expect(drafts.map(\.template) == ["replies/en/fees", "replies/en/default"])
    }
}
