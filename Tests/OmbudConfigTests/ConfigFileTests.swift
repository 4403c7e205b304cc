import Foundation
import OmbudConfig
import OmbudCore
import Testing

@Suite struct ConfigFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Sample: Codable, Equatable {
        var name: String
        var limits: Limits
        var items: [Item]?
        struct Limits: Codable, Equatable {
            var delayMS: Int
            enum CodingKeys: String, CodingKey { case delayMS = "delay_ms" }
        }
        struct Item: Codable, Equatable { var id: String }
    }

    func error(_ yaml: String) -> OmbudError? {
        do {
            _ = try ConfigFile.decode(Sample.self, yaml: yaml, file: "config/sample.yaml")
            return nil
        } catch {
            return error as? OmbudError
        }
    }

    @Test func aGoodFileDecodes() throws {
        let value = try ConfigFile.decode(Sample.self, yaml: "name: a\nlimits: {delay_ms: 5}\nitems: [{id: x}]\n", file: "f.yaml")
        #expect(value == Sample(name: "a", limits: .init(delayMS: 5), items: [.init(id: "x")]))
    }

    @Test func anUnknownKeyNamesFileKeyPathAndLine() throws {
        let found = try #require(error("name: a\nlimits:\n  delay_ms: 5\nitems:\n  - id: x\n  - id: y\n    colour: red\n"))
        #expect(found.code.rawValue == "config.unknown_key")
        #expect(found.context["file"] == "config/sample.yaml")
        #expect(found.context["key"] == "items[1].colour")
        #expect(found.context["line"] == "7")
        #expect(found.fix?.contains("id") == true)
    }

    @Test func aMisspelledRequiredKeyGetsADidYouMean() throws {
        let found = try #require(error("name: a\nlimits: {delay_msec: 5}\n"))
        #expect(found.code.rawValue == "config.missing_key")
        #expect(found.context["key"] == "limits.delay_ms")
        #expect(found.fix == "rename 'delay_msec' to 'delay_ms'")
    }

    @Test func aWrongTypeSaysWhatIsExpected() throws {
        let found = try #require(error("name: a\nlimits: {delay_ms: soon}\n"))
        #expect(found.code.rawValue == "config.bad_type")
        #expect(found.context["key"] == "limits.delay_ms")
        #expect(found.message.contains("whole number"))
    }

    @Test func brokenYAMLNamesTheLine() throws {
        let found = try #require(error("name: a\nlimits: {delay_ms: 5\n"))
        #expect(found.code.rawValue == "config.yaml_syntax")
        #expect(found.context["line"] != nil)
    }

    @Test func theShippedConfigurationIsValid() {
        // What `ombud check` runs: configuration, lexicon, grouping, lint, and every template rendered and linted.
        #expect(Workspace.check(root: Self.root) == [])
    }

    @Test func anUnknownLexiconIsNamed() throws {
        let copy = try Self.projectCopy("ombud-lexicon")
        defer { try? FileManager.default.removeItem(at: copy) }
        let configuration = copy.appendingPathComponent("config/ombud.yaml")
        try String(contentsOf: configuration, encoding: .utf8).replacingOccurrences(of: "    site: discuz-x3 ", with: "    lexicon: shoes\n    site: discuz-x3 ")
            .write(to: configuration, atomically: true, encoding: .utf8)
        let problems = Workspace.check(root: copy)
        #expect(problems.map(\.code.rawValue) == ["config.unknown_lexicon"])
        #expect(problems.first?.context["key"] == "sources[0].lexicon" && problems.first?.fix?.contains("retail") == true)
    }

    @Test func aForbiddenPhraseInATemplateFailsTheCheck() throws {
        let copy = try Self.projectCopy("ombud-check")
        defer { try? FileManager.default.removeItem(at: copy) }
        let template = copy.appendingPathComponent("Templates/replies/zh-CN/fees.mustache")
        try (String(contentsOf: template, encoding: .utf8) + "这不关我们的事。\n").write(to: template, atomically: true, encoding: .utf8)
        let problems = Workspace.check(root: copy)
        #expect(problems.count == 1)
        #expect(problems.first?.code.rawValue == "template.lint")
        #expect(problems.first?.context["file"] == "Templates/replies/zh-CN/fees.mustache")
        #expect(problems.first?.context["rule"] == "forbidden.buck_passing")
    }

    @Test func aBadGroupingSettingNamesTheFileAndTheKey() throws {
        let copy = try Self.projectCopy("ombud-grouping")
        defer { try? FileManager.default.removeItem(at: copy) }
        let grouping = copy.appendingPathComponent("config/grouping.yaml")
        try String(contentsOf: grouping, encoding: .utf8).replacingOccurrences(of: "minhash: {permutations: 64, bands: 16}",
                                                                               with: "minhash: {permutations: 64, bands: 12}")
            .write(to: grouping, atomically: true, encoding: .utf8)
        let problems = Workspace.check(root: copy)
        #expect(problems.map(\.code.rawValue) == ["grouping.invalid"])
        #expect(problems.first?.context["file"] == "config/grouping.yaml" && problems.first?.context["key"] == "minhash")
        #expect(problems.first?.fix?.contains("bands: 16") == true)
    }

    @Test func badNotifiersNameTheKey() throws {
        let copy = try Self.projectCopy("ombud-notifiers")
        defer { try? FileManager.default.removeItem(at: copy) }
        let configuration = copy.appendingPathComponent("config/ombud.yaml")
        try String(contentsOf: configuration, encoding: .utf8)
            .replacingOccurrences(of: "  - { name: log, kind: log }", with: """
              - { name: log, kind: log }
              - { name: 群, kind: dingtalk, url: "oapi.dingtalk.com/robot" }
              - { name: 经理, kind: slack, url: "${SLACK_URL}", roles: [ceo] }
            """)
            .write(to: configuration, atomically: true, encoding: .utf8)
        let problems = Workspace.check(root: copy)
        #expect(problems.map(\.code.rawValue) == ["notifier.bad_url", "notifier.unknown_role"])
        #expect(problems.map { $0.context["key"] ?? "" } == ["notifiers[1].url", "notifiers[2].roles"])
        #expect(problems.allSatisfy { $0.context["file"] == "config/ombud.yaml" })
    }

    @Test func anUnknownChannelOrChoiceSourceIsNamed() throws {
        let copy = try Self.projectCopy("ombud-channels")
        defer { try? FileManager.default.removeItem(at: copy) }
        let configuration = copy.appendingPathComponent("config/ombud.yaml")
        try String(contentsOf: configuration, encoding: .utf8)
            .replacingOccurrences(of: "    site: discuz-x3 ", with: "    channel: weibo\n    site: discuz-x3 ")
            .replacingOccurrences(of: "    - { category: fees, template: fees }", with: "    - { category: fees, source: tieba, template: fees }")
            .write(to: configuration, atomically: true, encoding: .utf8)
        let problems = Workspace.check(root: copy)
        #expect(Set(problems.map(\.code.rawValue)) == ["deadlines.unknown_channel", "drafting.unknown_source"])
        #expect(problems.contains { $0.context["key"] == "sources[0].channel" && $0.fix?.contains("deadlines.channels.weibo") == true })
    }

    @Test func departmentsAreChecked() throws {
        let copy = try Self.projectCopy("ombud-departments")
        defer { try? FileManager.default.removeItem(at: copy) }
        let configuration = copy.appendingPathComponent("config/ombud.yaml")
        try (String(contentsOf: configuration, encoding: .utf8) + """

            departments:
              - { name: 工程部, categories: [emergency, plumbing], people: { owner: 工程值班 } }
              - { name: 安保部, categories: [emergency], calendar: { time_zone: Asia/Shanghai, working_days: [mon], start: "00:00", end: "24:00" } }

            """).write(to: configuration, atomically: true, encoding: .utf8)
        let workspace = try Workspace.load(root: Self.root)
        #expect(workspace.peopleByCategory.isEmpty)
        let problems = Workspace.check(root: copy)
        #expect(problems.map(\.code.rawValue) == ["department.unknown_category", "department.shared_category"])
        #expect(problems.map { $0.context["key"] ?? "" } == ["departments[0].categories", "departments[1].categories"])
    }

    @Test func anIncompletePosterIsNamed() throws {
        let copy = try Self.projectCopy("ombud-poster")
        defer { try? FileManager.default.removeItem(at: copy) }
        let configuration = copy.appendingPathComponent("config/ombud.yaml")
        try String(contentsOf: configuration, encoding: .utf8)
            .replacingOccurrences(of: "    site: discuz-x3 ",
                                  with: "    poster: { kind: form, url: \"reply?tid={thread}\", fields: { message: hi }, link: \"href=thread\" }\n    site: discuz-x3 ")
            .write(to: configuration, atomically: true, encoding: .utf8)
        let problems = Workspace.check(root: copy)
        #expect(problems.map { $0.context["key"] ?? "" }
                == ["sources[0].poster.fields", "sources[0].poster.success", "sources[0].poster.link", "sources[0].login"])
        #expect(problems.map(\.code.rawValue) == ["poster.incomplete", "poster.incomplete", "poster.bad_link", "poster.incomplete"])
    }

    /// A throwaway copy of `config/` and `Templates/` to break on purpose.
    static func projectCopy(_ name: String) throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for folder in ["config", "Templates"] {
            try FileManager.default.copyItem(at: root.appendingPathComponent(folder), to: copy.appendingPathComponent(folder))
        }
        return copy
    }
}