import Foundation
import OmbudApproval
import OmbudCore
import OmbudDeadlines
import OmbudDrafting
import OmbudGrouping
import OmbudTriage

/// Everything staff tune, read from a project folder and checked: `config/` and `Templates/`.
///
/// Loading stops at the first problem and throws it as ``OmbudError`` naming the file, the key
/// and the fix; ``check(root:)`` collects every problem instead, for `ombud check`.
public struct Workspace: Sendable {
    /// The project folder holding `config/` and `Templates/`.
    public let root: URL
    /// `config/ombud.yaml`.
    public internal(set) var configuration: OmbudConfiguration
    /// `config/sites/*.yaml`, by profile name.
    public let sites: [String: SiteProfile]
    /// The file each site profile was read from, by profile name (`config/sites/phpbb3.yaml`).
    public let siteFiles: [String: String]
    /// Triage with the default lexicon, `config/lexicon/triage.yaml` (the property-management set).
    public internal(set) var triage: Triage
    /// Every lexicon in `config/lexicon/`, compiled, by file name (`triage`, `retail`).
    public internal(set) var lexicons: [String: Triage]

    /// The name of the default lexicon.
    public static let defaultLexicon = "triage"

    /// The lexicon named `name` (a file name in `config/lexicon/`), compiled.
    ///
    /// Throws ``OmbudError`` `config.unknown_lexicon` naming `key` (the option or YAML key the name
    /// came from) and the lexicons there are.
    public func lexicon(named name: String, key: String) throws -> Triage {
        guard let triage = lexicons[name] else {
            throw OmbudError(code: .configUnknownLexicon, message: "no lexicon is named '\(name)'", context: ["key": key],
                             fix: "use one of: \(lexicons.keys.sorted().joined(separator: ", ")), or add config/lexicon/\(name).yaml")
        }
        return triage
    }

    /// This workspace with `sources` in place of the configured ones (to replay a labeled corpus
    /// as forums of its own); everything else as loaded.
    public func replacingSources(_ sources: [OmbudConfiguration.Source]) -> Workspace {
        var copy = self
        copy.configuration.sources = sources
        return copy
    }

    /// The triage a source uses: its `lexicon:`, else the default.
    public func triage(for source: String) -> Triage {
        configuration.sources.first { $0.name == source }?.lexicon.flatMap { lexicons[$0] } ?? triage
    }
    /// `config/grouping.yaml`.
    public let grouping: GroupingRules
    /// A grouper compiled from ``grouping`` once at load, holding no case: copy it to group.
    public let grouper: Grouper
    /// The drafter, from `Templates/` and `config/lint.yaml`.
    public let drafter: Drafter
    /// The reply clock, from the calendar and deadline policy.
    public let deadlines: DeadlineClock
    /// Template sources by name (`replies/zh-CN/default`).
    public let templates: [String: String]
    /// Who may approve which reply, from `approval:`.
    public let approval: ApprovalPolicy
    /// The dashboard's words, from `Templates/web/words.yaml`.
    public let words: DashboardWords

    /// The default configuration file, relative to the root.
    public static let configurationPath = "config/ombud.yaml"

    /// Loads and checks everything under `root`; with `model` false the triage model file is not
    /// read (the rules judge alone: how `ombud learn` starts when the model is missing or damaged).
    public static func load(root: URL, model: Bool = true) throws -> Workspace {
        var problems: [OmbudError] = []
        let workspace = load(root: root, model: model, problems: &problems)
        if let first = located(problems, root: root).first { throw first }
        guard let workspace else {
            throw OmbudError(code: .configIncomplete, message: "the configuration could not be loaded",
                             context: ["file": root.appendingPathComponent("config").relativePath], fix: "run ombud check")
        }
        return workspace
    }

    /// Every problem found under `root`; empty when all is well.
    public static func check(root: URL) -> [OmbudError] {
        var problems: [OmbudError] = []
        _ = load(root: root, problems: &problems)
        return located(problems, root: root)
    }

    /// `problems`, each naming a key of a YAML file given the line of that key where it has none.
    public static func located(_ problems: [OmbudError], root: URL) -> [OmbudError] {
        var texts: [String: String?] = [:]
        return problems.map { problem in
            guard problem.context["line"] == nil, let file = problem.context["file"], let key = problem.context["key"],
                  file.hasSuffix(".yaml") || file.hasSuffix(".yml") else { return problem }
            if texts[file] == nil {
                let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : root.appendingPathComponent(file)
                texts[file] = try? String(contentsOf: url, encoding: .utf8)
            }
            guard let text = texts[file] ?? nil, let line = ConfigFile.line(of: key, in: text) else { return problem }
            var located = problem
            located.context["line"] = "\(line)"
            return located
        }
    }

    private static func load(root: URL, model readModel: Bool = true, problems: inout [OmbudError]) -> Workspace? {
        func attempt<T>(_ file: String?, _ body: () throws -> T) -> T? {
            do { return try body() } catch let error as OmbudError {
                var error = error
                if let file, error.context["file"] == nil { error.context["file"] = file }
                problems.append(error)
            } catch {
                problems.append(OmbudError(code: .configUnexpected, message: "\(error)", context: file.map { ["file": $0] } ?? [:]))
            }
            return nil
        }
        /// Problems a cross-check found in `path`, each named with the file.
        func report(_ found: [OmbudError], in path: String) {
            problems += found.map { problem in
                var located = problem
                if located.context["file"] == nil { located.context["file"] = path }
                return located
            }
        }
        let file = { (path: String) in root.appendingPathComponent(path) }
        let configuration = attempt(configurationPath) { try ConfigFile.load(OmbudConfiguration.self, from: file(configurationPath)) }
        var siteProblems: [OmbudError] = []
        let sites = attempt("config/sites") { try loadSites(in: file("config/sites"), problems: &siteProblems) } ?? [:]
        problems += siteProblems
        var lexicons: [String: Triage] = [:]
        for url in (attempt("config/lexicon") { try yamlFiles(in: file("config/lexicon")) } ?? []) {
            let name = url.deletingPathExtension().lastPathComponent
            let path = "config/lexicon/\(url.lastPathComponent)"
            if let lexicon = attempt(path, { try ConfigFile.load(Lexicon.self, from: url) }),
               let compiled = attempt(path, { try Triage(lexicon: lexicon) }) {
                lexicons[name] = compiled
            }
        }
        if let settings = configuration?.triageModel {
            lexicons = withModel(settings, lexicons: lexicons, root: root, read: readModel, problems: &problems)
        }
        let triage = lexicons[defaultLexicon]
        if triage == nil, !problems.contains(where: { $0.context["file"]?.hasPrefix("config/lexicon/\(defaultLexicon)") == true }) {
            problems.append(OmbudError(code: .configMissingLexicon, message: "the default lexicon is missing",
                                       context: ["file": "config/lexicon/\(defaultLexicon).yaml"], fix: "restore it from the repository"))
        }
        let grouping = attempt("config/grouping.yaml") { try ConfigFile.load(GroupingRules.self, from: file("config/grouping.yaml")) }
        let grouper = grouping.flatMap { rules in attempt("config/grouping.yaml") { try Grouper(rules: rules) } }
        let lint = attempt("config/lint.yaml") { try ConfigFile.load(LintRules.self, from: file("config/lint.yaml")) }
        let linter = lint.flatMap { rules in attempt("config/lint.yaml") { try Linter(rules: rules) } }
        let templates = attempt("Templates") { try loadTemplates(in: file("Templates")) } ?? [:]
        // A template that includes itself or nests too deep crashes or stalls its first render:
        // with any such problem nothing is rendered, and the workspace does not load.
        let templateProblems = TemplateStructure.problems(in: templates)
        problems += templateProblems
        let words = attempt(DashboardWords.path) { try ConfigFile.load(DashboardWords.self, from: file(DashboardWords.path)) }
        problems += words?.problems(templates: templates) ?? []

        guard let configuration else { return nil }
        for problem in checkSources(configuration, sites: sites.mapValues(\.profile)) { problems.append(problem) }
        let calendar = attempt(configurationPath) { try WorkingCalendar(settings: configuration.calendar) }
        let calendarsByCategory = attempt(configurationPath) { try Self.departmentCalendars(configuration) }
        let deadlines = calendar.flatMap { calendar in
            calendarsByCategory.flatMap { byCategory in
                attempt(configurationPath) {
                    try DeadlineClock(policy: configuration.deadlines, calendar: calendar, escalation: configuration.escalation ?? .standard,
                                      calendarsByCategory: byCategory)
                }
            }
        }
        let drafter = templateProblems.isEmpty ? linter.flatMap { linter in
            attempt(configurationPath) { try Drafter(templates: templates, rules: configuration.drafting, linter: linter) }
        } : nil
        report(checkNotifiers(configuration) + checkChoices(configuration, templates: templates) + checkChannels(configuration)
               + checkPosters(configuration), in: configurationPath)
        for (index, source) in configuration.sources.enumerated() {
            if let name = source.lexicon, lexicons[name] == nil {
                problems.append(OmbudError(code: .configUnknownLexicon, message: "no lexicon is named '\(name)'",
                                           context: ["file": configurationPath, "key": "sources[\(index)].lexicon"],
                                           fix: "use one of: \(lexicons.keys.sorted().joined(separator: ", ")), or add config/lexicon/\(name).yaml"))
            }
        }
        if !lexicons.isEmpty {
            let categories = Set(lexicons.values.flatMap { $0.lexicon.categories.map(\.id) })
            report(checkDepartments(configuration, categories: categories), in: configurationPath)
            let raised = Set(lexicons.values.flatMap { $0.lexicon.rules.compactMap(\.issue) })
            for issue in (configuration.drafting.measures ?? [:]).keys.sorted() where !raised.contains(issue) {
                problems.append(OmbudError(code: .configUnknownIssue, message: "a measure is given for '\(issue)', which no lexicon rule raises",
                                           context: ["file": configurationPath, "key": "drafting.measures.\(issue)"],
                                           fix: "use an issue: label from config/lexicon/triage.yaml, or remove it"))
            }
        }
        if let drafter, !lexicons.isEmpty {
            let categories = Set(lexicons.values.flatMap { $0.lexicon.categories.map(\.id) }).sorted()
            problems += TemplateCheck.problems(drafter: drafter, templates: templates, categories: categories)
        }
        let approval = attempt(configurationPath) { try ApprovalPolicy(rules: configuration.approval ?? ApprovalRules()) }
        guard let triage, let grouping, let grouper, let drafter, let deadlines, let approval, let words else { return nil }
        return Workspace(root: root, configuration: configuration, sites: sites.mapValues(\.profile), siteFiles: sites.mapValues(\.file), triage: triage, lexicons: lexicons, grouping: grouping,
                         grouper: grouper, drafter: drafter, deadlines: deadlines, templates: templates, approval: approval, words: words)
    }

    /// Every profile in `folder` that loads; each one that does not is a problem of its own, so
    /// one bad file never hides the others.
    private static func loadSites(in folder: URL, problems: inout [OmbudError]) throws -> [String: (profile: SiteProfile, file: String)] {
        var sites: [String: (profile: SiteProfile, file: String)] = [:]
        for url in try yamlFiles(in: folder) {
            let profile: SiteProfile
            do {
                profile = try ConfigFile.load(SiteProfile.self, from: url)
            } catch var error as OmbudError {
                if error.context["file"] == nil { error.context["file"] = url.relativePath }
                problems.append(error)
                continue
            }
            guard !profile.name.trimmingCharacters(in: .whitespaces).isEmpty else {
                problems.append(OmbudError(code: .configBadValue, message: "the profile has no name", context: ["file": url.relativePath, "key": "name"],
                                           fix: "name it as sources name it in config/ombud.yaml, for example \(url.deletingPathExtension().lastPathComponent)"))
                continue
            }
            guard sites[profile.name] == nil else {
                problems.append(OmbudError(code: .configDuplicateSite, message: "two site profiles are named \(profile.name)",
                                           context: ["file": url.relativePath, "key": "name"], fix: "give each profile its own name"))
                continue
            }
            sites[profile.name] = (profile, "config/sites/\(url.lastPathComponent)")
        }
        return sites
    }

    private static func yamlFiles(in folder: URL) throws -> [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw OmbudError(code: .configMissingFolder, message: "the folder is missing", context: ["file": folder.relativePath],
                             fix: "restore it from the repository")
        }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { folder.appendingPathComponent($0) }
    }

    private static func loadTemplates(in folder: URL) throws -> [String: String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else {
            throw OmbudError(code: .configMissingFolder, message: "the Templates folder is missing",
                             context: ["file": folder.relativePath], fix: "restore Templates/ from the repository")
        }
        var templates: [String: String] = [:]
        for case let path as String in enumerator where path.hasSuffix(".mustache") {
            let url = folder.appendingPathComponent(path)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw OmbudError(code: .templateUnreadable, message: "cannot read the template as UTF-8",
                                 context: ["file": url.relativePath], fix: "save it as UTF-8")
            }
            templates[String(path.dropLast(".mustache".count))] = text
        }
        return templates
    }

    private static func checkSources(_ configuration: OmbudConfiguration, sites: [String: SiteProfile]) -> [OmbudError] {
        var problems: [OmbudError] = []
        var names = Set<String>()
        for (index, source) in configuration.sources.enumerated() {
            let key = "sources[\(index)]"
            func problem(_ code: OmbudError.Code, _ message: String, _ field: String, _ fix: String) {
                problems.append(OmbudError(code: code, message: message, context: ["file": configurationPath, "key": "\(key).\(field)"], fix: fix))
            }
            if !names.insert(source.name).inserted { problem(.configDuplicateSource, "two sources are named \(source.name)", "name", "rename one") }
            if source.name.isEmpty || source.name.contains(where: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
                problem(.configBadSourceName, "'\(source.name)' is not a usable name", "name", "use letters, digits, - and _")
            }
            if sites[source.site] == nil {
                problem(.configUnknownSite, "no site profile is named '\(source.site)'", "site",
                        sites.isEmpty ? "no site profile loaded: fix the profiles' errors above, or add config/sites/\(source.site).yaml"
                            : "use one of: \(sites.keys.sorted().joined(separator: ", ")), or add config/sites/\(source.site).yaml")
            }
            if let url = URL(string: source.baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil {} else {
                problem(.configBadUrl, "'\(source.baseURL)' is not an http(s) URL", "base_url", "write it like https://bbs.example.com/")
            }
            if TimeZone(identifier: source.timeZone) == nil {
                problem(.configBadTimeZone, "unknown time zone '\(source.timeZone)'", "time_zone", "use an IANA name such as Asia/Shanghai")
            }
            if source.boards.isEmpty { problem(.configNoBoards, "the source lists no boards", "boards", "add at least one board") }
            if let most = source.politeness?.maxPerHost, most < 1 {
                problem(.configBadCrawl, "\(most) requests at a time would never fetch anything", "politeness.max_per_host",
                        "write 1 (the polite default) or more")
            }
            if let delay = source.politeness?.delayMilliseconds, delay < 0 {
                problem(.configBadCrawl, "a delay of \(delay) ms is negative", "politeness.delay_ms", "write 0 or more milliseconds")
            }
            do { try source.effectiveSchedule.validate(key: "\(key).schedule") } catch var error as OmbudError {
                error.context["file"] = configurationPath
                problems.append(error)
            } catch {}
            if let login = source.login {
                for (field, value) in login.fields.sorted(by: { $0.key < $1.key }) {
                    for name in OmbudConfiguration.LoginRecipe.variables(in: value) where ProcessInfo.processInfo.environment[name] == nil {
                        problems.append(OmbudError(code: .configMissingSecret, message: "the environment variable \(name) is not set",
                                                   context: ["file": configurationPath, "key": "\(key).login.fields.\(field)"],
                                                   fix: "export \(name)=… before running ombud"))
                    }
                }
            }
        }
        let crawl = configuration.crawl
        let positives: [(String, Double)] = [("timeout_seconds", Double(crawl.timeoutSeconds)), ("max_per_host", Double(crawl.maxPerHost)),
            ("connect_timeout_seconds", Double(crawl.connectTimeoutSeconds)), ("max_body_bytes", Double(crawl.maxBodyBytes)),
            ("max_pages", Double(crawl.maxPages)), ("concurrency", Double(crawl.concurrency)), ("breaker_failures", Double(crawl.breakerFailures)),
            ("first_crawl_days", crawl.firstCrawlDays)]
        let nonNegatives: [(String, Double)] = [("delay_ms", Double(crawl.delayMilliseconds)), ("retries", Double(crawl.retries)),
            ("backoff_ms", Double(crawl.backoffMilliseconds)), ("max_redirects", Double(crawl.maxRedirects)),
            ("low_speed_bytes", Double(crawl.lowSpeedBytes)), ("low_speed_seconds", Double(crawl.lowSpeedSeconds)),
            ("breaker_cooldown_seconds", Double(crawl.breakerCooldownSeconds))]
        for (key, value) in positives where value <= 0 {
            problems.append(OmbudError(code: .configBadCrawl, message: "crawl.\(key) must be above 0",
                                       context: ["file": configurationPath, "key": "crawl.\(key)"], fix: "write a positive number"))
        }
        for (key, value) in nonNegatives where value < 0 {
            problems.append(OmbudError(code: .configBadCrawl, message: "crawl.\(key) must not be negative",
                                       context: ["file": configurationPath, "key": "crawl.\(key)"], fix: "write 0 or more"))
        }
        if !(1...65535).contains(configuration.web.port) {
            problems.append(OmbudError(code: .configBadPort, message: "port \(configuration.web.port) is out of range",
                                       context: ["file": configurationPath, "key": "web.port"], fix: "use a port from 1 to 65535"))
        }
        return problems
    }
}
