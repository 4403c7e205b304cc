import Foundation
import OmbudConfig
import OmbudCore
import Testing

/// Configurations and templates that were accepted and then hung, crashed or misjudged: each is a
/// clear error from `ombud check` and at load, naming the file, the line where there is one, the
/// key and the fix.
@Suite struct BadConfigurationTests {
    struct Mutation: CustomTestStringConvertible, Sendable {
        var file: String
        var find: String
        var replace: String
        var code: String
        var key: String?
        var testDescription: String { "\(file): \(replace.prefix(50)) → \(code)" }
    }

    static let mutations: [Mutation] = [
        Mutation(file: "config/ombud.yaml", find: "politeness: { delay_ms: 0, max_per_host: 4 }", replace: "politeness: { delay_ms: 0, max_per_host: 0 }",
                 code: "config.bad_crawl", key: "sources[0].politeness.max_per_host"),
        Mutation(file: "config/ombud.yaml", find: "politeness: { delay_ms: 0, max_per_host: 4 }", replace: "politeness: { delay_ms: 0, max_per_host: -1 }",
                 code: "config.bad_crawl", key: "sources[0].politeness.max_per_host"),
        Mutation(file: "config/ombud.yaml", find: "politeness: { delay_ms: 0, max_per_host: 4 }", replace: "politeness: { delay_ms: -5, max_per_host: 4 }",
                 code: "config.bad_crawl", key: "sources[0].politeness.delay_ms"),
        Mutation(file: "config/lexicon/triage.yaml", find: "threshold: 1.5", replace: "threshold: .nan", code: "config.bad_number", key: "threshold"),
        Mutation(file: "config/lexicon/triage.yaml", find: "    weight: 2.0", replace: "    weight: .nan", code: "config.bad_number", key: nil),
        Mutation(file: "config/lexicon/triage.yaml", find: "threshold: 1.5", replace: "threshold: -.inf", code: "config.bad_number", key: "threshold"),
        Mutation(file: "config/lexicon/triage.yaml", find: "threshold: 1.5", replace: "threshold: 0", code: "lexicon.bad_number", key: "threshold"),
        Mutation(file: "config/lexicon/bank.yaml", find: "weight: -0.5", replace: "weight: 2", code: "lexicon.bad_number", key: "negation.weight"),
        Mutation(file: "config/lexicon/triage.yaml", find: "major_complainants: 5", replace: "major_complainants: -1", code: "lexicon.bad_number",
                 key: "severity.major_complainants"),
        Mutation(file: "config/ombud.yaml", find: "min_severity: major, template: emergency", replace: "min_severity: 1e3, template: emergency",
                 code: "drafting.unknown_severity", key: "drafting.choices[0].min_severity"),
        Mutation(file: "config/lint.yaml", find: "max_length: { default: 600,", replace: "max_length: { default: -86400,",
                 code: "lint.bad_length", key: "max_length.default"),
        Mutation(file: "config/ombud.yaml", find: "flag_cuts: {}", replace: "flag_cuts: {safety: 1.35, repeat: 0.35}",
                 code: "config.bad_value", key: "triage_model.flag_cuts.safety"),
        Mutation(file: "config/ombud.yaml", find: "flag_cuts: {}", replace: "flag_cuts: {safty: 0.35, repeat: 0.35}",
                 code: "config.bad_value", key: "triage_model.flag_cuts.safty"),
        Mutation(file: "config/grouping.yaml", find: "window_hours: 72 ", replace: "window_hours: -72 ", code: "grouping.invalid", key: "window_hours"),
        Mutation(file: "Templates/replies/zh-CN/default.mustache", find: "{{> replies/zh-CN/_closing}}", replace: "{{> replies/zh-CN/_closng}}",
                 code: "template.missing_partial", key: nil),
        Mutation(file: "Templates/replies/zh-CN/default.mustache", find: "{{department}}", replace: "{{departmnet}}",
                 code: "template.unknown_variable", key: nil),
        Mutation(file: "Templates/web/queue.mustache", find: "<main>", replace: "<main>{{> web/queue}}",
                 code: "template.recursive_partial", key: nil),
        Mutation(file: "Templates/replies/zh-CN/_closing.mustache", find: "", replace: "{{> replies/zh-CN/default}}",
                 code: "template.recursive_partial", key: nil),
        Mutation(file: "Templates/replies/zh-CN/default.mustache", find: "{{#has_issues}}", replace: "{{#has_issues}}{{#issues}}",
                 code: "template.unparsable", key: nil),
    ]

    @Test(arguments: mutations)
    func aBadValueIsAClearErrorNotACrashOrAHang(mutation: Mutation) throws {
        let copy = try ConfigFileTests.projectCopy("ombud-bad")
        defer { try? FileManager.default.removeItem(at: copy) }
        let url = copy.appendingPathComponent(mutation.file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(mutation.find.isEmpty || text.contains(mutation.find), "the shipped file changed: \(mutation.find)")
        let changed = mutation.find.isEmpty ? mutation.replace + text : text.replacingOccurrences(of: mutation.find, with: mutation.replace)
        try changed.write(to: url, atomically: true, encoding: .utf8)
        let started = ContinuousClock.now
        let problems = Workspace.check(root: copy)
        // A hang never ends; a debug build checking the whole project (model included) while the
        // rest of the suite runs on two cores takes several seconds, so the bound is generous.
        #expect(ContinuousClock.now - started < .seconds(60))
        let found = try #require(problems.first { $0.code.rawValue == mutation.code }, "\(problems)")
        #expect(found.context["file"]?.hasSuffix(mutation.file) == true, "\(found)")
        if let key = mutation.key { #expect(found.context["key"] == key) }
        #expect(found.context["line"] != nil, "\(found)")
        #expect(found.fix?.isEmpty == false)
        #expect(throws: OmbudError.self) { _ = try Workspace.load(root: copy) }
    }

    /// A thousand nested sections crashed `check`, and a few hundred took over 20 s to parse.
    @Test func deeplyNestedSectionsAreRefusedAtOnce() throws {
        let copy = try ConfigFileTests.projectCopy("ombud-deep")
        defer { try? FileManager.default.removeItem(at: copy) }
        let url = copy.appendingPathComponent("Templates/web/message.mustache")
        let deep = String(repeating: "{{#a}}", count: 1000) + "x" + String(repeating: "{{/a}}", count: 1000)
        try (try String(contentsOf: url, encoding: .utf8) + deep).write(to: url, atomically: true, encoding: .utf8)
        let started = ContinuousClock.now
        let problems = Workspace.check(root: copy)
        // A hang never ends; a debug build checking the whole project (model included) while the
        // rest of the suite runs on two cores takes several seconds, so the bound is generous.
        #expect(ContinuousClock.now - started < .seconds(60))
        #expect(problems.map(\.code.rawValue) == ["template.too_deep"] && problems.first?.context["line"] != nil)
    }

    /// One broken profile used to hide every profile: "use one of: ," with nothing listed.
    @Test func aBadSiteProfileIsNamedAndTheOthersStillLoad() throws {
        let copy = try ConfigFileTests.projectCopy("ombud-sites")
        defer { try? FileManager.default.removeItem(at: copy) }
        let url = copy.appendingPathComponent("config/sites/mybb18.yaml")
        try (try String(contentsOf: url, encoding: .utf8) + "\nfavourite_colour: blue\n").write(to: url, atomically: true, encoding: .utf8)
        let problems = Workspace.check(root: copy)
        #expect(problems.map(\.code.rawValue) == ["config.unknown_key"])
        #expect(problems.first?.context["file"]?.hasSuffix("config/sites/mybb18.yaml") == true, "\(problems)")
        #expect(problems.first?.context["key"] == "favourite_colour" && problems.first?.context["line"] != nil)
    }

    @Test func aKeyGivesItsLine() {
        let yaml = "a: 1\nsources:\n  - name: x\n    politeness:\n      max_per_host: 0\n  - name: y\n"
        #expect(ConfigFile.line(of: "sources[0].politeness.max_per_host", in: yaml) == 5)
        #expect(ConfigFile.line(of: "sources[1].name", in: yaml) == 6)
        #expect(ConfigFile.line(of: "a", in: yaml) == 1)
        #expect(ConfigFile.line(of: "nowhere.at.all", in: yaml) == nil)
    }
}
