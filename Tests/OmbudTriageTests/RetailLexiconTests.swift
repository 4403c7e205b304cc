import OmbudCore
import OmbudTriage
import Testing

/// The retail / e-commerce lexicon (config/lexicon/retail.yaml), chosen per source with `lexicon: retail`.
@Suite struct RetailLexiconTests {
    let triage = Project.workspace.lexicons["retail"]!

    @Test(arguments: [
        ("买的吹风机用了三天就坏了，客服一直不回，要求退款", "product_quality", [Flag]()),
        ("快递一周了还没到，物流不动，再不处理就去黑猫投诉", "delivery", [.mediaThreat]),
        ("七天无理由也不给退，售后推来推去，我要去12315", "after_sales", [.mediaThreat]),
        ("双十一先涨后降，虚假折扣，大家一起维权", "pricing", [.collective]),
        ("充电宝充着充着起火了，差点烧了房子，要求赔偿", "product_quality", [.safety]),
        ("The parcel never arrived and nobody answers. I want a refund.", "delivery", []),
    ])
    func complaintsGetTheirCategoryAndFlags(text: String, category: String, flags: [Flag]) {
        // The lexicon's own reading leads with the category; with the learned model beside it
        // (which may weigh another, as people do: a refund for a parcel that never came) the
        // category stays among the verdict's two leading ones.
        let rules = triage.withModel(nil, settings: ModelSettings(), taxonomy: "retail").assess(text: text)
        #expect(rules.isComplaint, "\(rules.reasons.map(\.rule))")
        #expect(rules.primaryCategory == category, "\(rules.categories)")
        #expect(Set(flags).isSubset(of: rules.flags))
        let verdict = triage.assess(text: text)
        #expect(verdict.isComplaint, "\(verdict.reasons.map(\.rule))")
        #expect(verdict.categories.prefix(2).contains(category), "\(verdict.categories)")
        #expect(Set(flags).isSubset(of: verdict.flags))
    }

    @Test(arguments: ["衣服质量很好，已经回购第三次了，五星好评", "请问这款有没有黑色的？", "不是投诉，只是问一下什么时候发货", "已经退款到账了，谢谢客服"])
    func nonComplaintsAreNot(text: String) {
        #expect(!triage.assess(text: text).isComplaint)
    }

    @Test func sourcesChooseTheirLexicon() {
        #expect(Project.workspace.triage(for: "demo").lexicon.categories.map(\.id).contains("facilities"))
        #expect(Project.workspace.triage(for: "no-such-source").lexicon == Project.workspace.triage.lexicon)
    }
}
