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

    func subject(_ posts: [Post], category: String = "facilities", severity: Severity = .general, issues: [String]) -> Case {
        Case(id: "s-\(posts[0].id)", category: category, members: posts.map {
            CaseMember(post: $0.key, thread: ThreadRef(source: $0.source, threadID: $0.threadID), authorID: $0.authorID, authorName: $0.author,
                       postedAt: $0.postedAt, role: .report, reasons: [])
        }, issues: issues, flags: [], severity: severity)
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
        #expect(drafter.drafts(for: subject(chinese, category: "emergency", issues: ["停水"]), posts: posts(chinese))[0].template
            == "replies/zh-CN/emergency")
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
