import Foundation
import OmbudConfig
import Testing

/// The dashboard's words: every word in every language, every {{t.key}} defined.
@Suite struct DashboardWordsTests {
    let words = DashboardWords(languages: ["zh-CN", "en"], words: [
        "approve": ["zh-CN": "批准", "en": "Approve"],
        "reject": ["zh-CN": "退回"],
        "save": ["zh-CN": "保存", "en": "Save", "fr": "Enregistrer"],
    ])

    @Test func aMissingWordingAnUnknownLanguageAndAnUnknownKeyAreNamed() {
        let problems = words.problems(templates: ["web/case": "<button>{{t.approve}}</button><button>{{ t.sumbit }}</button>{{t.sumbit}}",
                                                  "replies/zh-CN/default": "{{t.nothing_checked_here}}"])
        #expect(problems.map(\.code.rawValue) == ["words.missing", "words.unknown_language", "words.unknown"])
        #expect(problems[0].context["key"] == "words.reject.en" && problems[0].context["file"] == "Templates/web/words.yaml")
        #expect(problems[1].context["key"] == "words.save.fr")
        #expect(problems[2].context["file"] == "Templates/web/case.mustache" && problems[2].context["key"] == "sumbit")
        #expect(words.byLanguage["en"] == ["approve": "Approve", "save": "Save"])
    }

    @Test func theRepositorysWordsAreComplete() throws {
        let workspace = try Workspace.load(root: ConfigFileTests.root)
        #expect(workspace.words.problems(templates: workspace.templates).isEmpty)
        #expect(workspace.words.languages == ["zh-CN", "en"])
    }
}
