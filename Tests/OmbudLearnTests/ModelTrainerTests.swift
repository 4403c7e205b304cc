import Foundation
import OmbudCore
import OmbudLearn
@testable import OmbudTriage
import Testing

/// liblinear through OmbudLearn: a model learned from plain examples, read back from its file.
@Suite struct ModelTrainerTests {
    static func example(_ text: String, _ complaint: Bool, flags: Set<String> = [], category: String? = nil,
                        context: ThreadContext = .opening) -> ModelTrainer.Example {
        ModelTrainer.Example(text: text, context: context, isComplaint: complaint, flags: flags,
                             category: category.map { ("triage", $0) })
    }

    static let examples: [ModelTrainer.Example] = {
        let leaks = ["楼上漏水三天了没人来修", "地下室又漏水了，物业不管", "厨房天花板漏水，报修一周没人理", "卫生间漏水泡坏了地板", "车库漏水严重"]
        let fees = ["物业费又涨了凭什么", "停车费收了这么多年账在哪", "乱收费，电梯广告的钱去哪了", "水费多收了两倍", "收费不公示"]
        let fine = ["周末羽毛球活动报名", "出售婴儿车一辆九成新", "谢谢物业师傅帮忙搬家", "请问快递柜在哪里", "今天天气真好大家出去玩"]
        return leaks.map { example($0, true, category: "facilities") } + fees.map { example($0, true, flags: ["media_threat"], category: "fees") }
            + fine.map { example($0, false) }
    }()

    @Test func learnsComplaintsCategoriesAndFlags() throws {
        let model = try ModelTrainer(minCount: 1).train(Self.examples)
        #expect(model.heads.first == "complaint")
        #expect(model.heads.contains("flag:media_threat") && model.heads.contains("category:triage:fees"))
        let leak = model.predict("我家也漏水了", context: [.opening], lexicon: "triage")
        let sale = model.predict("出售自行车", context: [.opening], lexicon: "triage")
        #expect(leak.probability > sale.probability)
        #expect(leak.category == "facilities")
        #expect(model.predict("物业费凭什么涨", context: [.opening], lexicon: "triage").category == "fees")
        #expect(!leak.features.isEmpty && leak.features.contains { $0.feature.contains("漏") })
    }

    @Test func theSameDataGiveTheSameModelAndItsFileReadsBack() throws {
        let first = try ModelTrainer(minCount: 1).train(Self.examples)
        let second = try ModelTrainer(minCount: 1).train(Self.examples)
        #expect(first.version == second.version)
        let text = ModelFile.text(of: first)
        #expect(text == ModelFile.text(of: second))
        let read = try ModelFile.read(text, file: "m.model")
        #expect(read.version == first.version && read.heads == first.heads && read.featureCount == first.featureCount)
        let probe = "水管漏水没人修"
        let before = first.predict(probe, context: [.opening], lexicon: "triage").probability
        let after = read.predict(probe, context: [.opening], lexicon: "triage").probability
        // The weights were trained into their stored form: the file is the model that was scored.
        #expect(abs(before - after) < 1e-4)
    }

    @Test func weightsAreKeptToThreeDigitsAndNegligibleOnesAreDropped() {
        #expect(ModelFile.stored(0.0019) == 0 && ModelFile.stored(-0.0019) == 0 && ModelFile.stored(.nan) == 0)
        #expect(ModelFile.stored(0.012345) == Float("0.0123") && ModelFile.stored(-1.23456) == Float("-1.23"))
        #expect(ModelFile.stored(98.76) == Float("98.8") && ModelFile.stored(0.002) == Float("0.002"))
        #expect(ModelFile.number(ModelFile.stored(-0.76318)) == "-.763" && ModelFile.number(ModelFile.stored(1.0386)) == "1.04")
    }

    @Test func nothingOrOneClassIsRefused() throws {
        #expect(throws: OmbudError.self) { try ModelTrainer().train([]) }
        let error = try #require(throws: OmbudError.self) { try ModelTrainer().train([Self.example("漏水", true), Self.example("坏了", true)]) }
        #expect(error.code.rawValue == "learn.one_class")
    }

    @Test func aDamagedModelFileIsAClearError() throws {
        let text = ModelFile.text(of: try ModelTrainer(minCount: 1).train(Self.examples))
        let truncated = String(text.prefix(text.count / 2))
        let error = try #require(throws: OmbudError.self) { try ModelFile.read(truncated, file: "config/models/triage.model") }
        #expect(error.context["file"] == "config/models/triage.model" && error.context["line"] != nil)
        let wrong = try #require(throws: OmbudError.self) { try ModelFile.read("hello\n", file: "x") }
        #expect(wrong.code.rawValue == "model.format")
        // A model trained before Traditional text was read as Simplified is refused with the fix.
        let old = try #require(throws: OmbudError.self) { try ModelFile.read("ombud-triage-model 1\nversion v-1\n", file: "old.model") }
        #expect(old.code.rawValue == "model.format" && old.message.contains("format 1") && old.fix?.contains("make model") == true)
    }

    @Test func traditionalAndSimplifiedTextAreTheSameFeatures() {
        let features = ModelFeatures()
        let traditional = features.vector("電梯又壞了，管理處冇人理", context: [])
        let simplified = features.vector("电梯又坏了，管理处冇人理", context: [])
        #expect(traditional == simplified)
        // A character that is no Traditional form (Cantonese 冇) stays itself: it is not 没.
        #expect(features.vector("冇人理", context: []) != features.vector("没人理", context: []))
    }

    @Test func weightsLeftOffAFeatureLineAreZeroAndABadWeightIsNamed() throws {
        let header = "ombud-triage-model 2\nversion v-1\nheads complaint flag:safety category:triage:fees\nbias 0 -1 -2\nfeatures 2\n"
        let model = try ModelFile.read(header + "漏\t1.5\n水\t.5 0 2\n", file: "m.model")
        #expect(model.featureCount == 2)
        let written = ModelFile.text(of: model)
        #expect(written.contains("漏\t1.5\n") && written.contains("水\t.5 0 2\n"), "trailing zero weights are left off")
        #expect(try ModelFile.read(written, file: "m.model").predict("漏", context: [], lexicon: "triage").probability
                == model.predict("漏", context: [], lexicon: "triage").probability)
        let bad = try #require(throws: OmbudError.self) { try ModelFile.read(header + "漏\t1.5 x\n水\t1\n", file: "m.model") }
        #expect(bad.code.rawValue == "model.bad_number" && bad.context["line"] != nil)
        let tooMany = try #require(throws: OmbudError.self) { try ModelFile.read(header + "漏\t1 2 3 4\n水\t1\n", file: "m.model") }
        #expect(tooMany.code.rawValue == "model.bad_feature")
    }
}
