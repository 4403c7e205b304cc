import Foundation

/// A parsed robots.txt (RFC 9309): which paths a crawler may fetch and how long to wait between requests.
///
/// The group whose user-agent line names our product token (case-insensitive) applies, else the
/// `*` group, else nothing is disallowed. The longest matching Allow/Disallow pattern decides (Allow
/// wins a tie); `*` matches any run of characters and a final `$` anchors the end.
public struct RobotsRules: Sendable, Hashable {
    struct Group: Sendable, Hashable {
        var agents: [String]
        var rules: [(allow: Bool, pattern: String)]
        var crawlDelay: Double?

        static func == (lhs: Group, rhs: Group) -> Bool {
            lhs.agents == rhs.agents && lhs.crawlDelay == rhs.crawlDelay
                && lhs.rules.map { "\($0.allow)\($0.pattern)" } == rhs.rules.map { "\($0.allow)\($0.pattern)" }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(agents)
            hasher.combine(rules.map { "\($0.allow)\($0.pattern)" })
        }
    }

    private let groups: [Group]

    /// Rules that allow everything (no robots.txt, or a 4xx for it).
    public static let allowAll = RobotsRules(groups: [])

    private init(groups: [Group]) { self.groups = groups }

    /// Parses robots.txt text; unknown lines are ignored, as the standard says.
    public init(parsing text: String) {
        var groups: [Group] = []
        var current: Group?
        var lastWasAgent = false
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let field = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch field {
            case "user-agent":
                if !lastWasAgent {
                    if let current { groups.append(current) }
                    current = Group(agents: [], rules: [], crawlDelay: nil)
                }
                current?.agents.append(value.lowercased())
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                guard !value.isEmpty else { continue }  // "Disallow:" with no path allows everything
                current?.rules.append((field == "allow", value))
            case "crawl-delay":
                lastWasAgent = false
                current?.crawlDelay = Double(value)
            default:
                continue
            }
        }
        if let current { groups.append(current) }
        self.groups = groups
    }

    private func group(for agent: String) -> Group? {
        let token = agent.lowercased()
        let named = groups.filter { group in group.agents.contains { $0 != "*" && token.contains($0) } }
        return named.first ?? groups.first { $0.agents.contains("*") }
    }

    /// Whether `agent` (our product token, `ombud`) may fetch `url`.
    public func allows(_ url: String, agent: String) -> Bool {
        guard let group = group(for: agent) else { return true }
        let path = Self.pathAndQuery(url)
        var best: (length: Int, allow: Bool)?
        for rule in group.rules where Self.matches(rule.pattern, path) {
            let length = rule.pattern.count
            if best == nil || length > best!.length || (length == best!.length && rule.allow) { best = (length, rule.allow) }
        }
        return best?.allow ?? true
    }

    /// The Crawl-delay for `agent`, in seconds, if the file sets one.
    public func crawlDelay(for agent: String) -> Double? {
        group(for: agent)?.crawlDelay
    }

    static func pathAndQuery(_ url: String) -> String {
        guard let components = URLComponents(string: url) else { return "/" }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return components.percentEncodedQuery.map { "\(path)?\($0)" } ?? path
    }

    /// Matches a robots pattern (`*` wildcard, `$` end anchor) against the start of `path`, in
    /// time proportional to the product of their lengths (robots.txt is input we do not control).
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var pattern = Array(pattern)
        let anchored = pattern.last == "$"
        if anchored { pattern.removeLast() }
        let text = Array(path)
        // reachable[j]: the pattern so far can end just before text[j].
        var reachable = [Bool](repeating: false, count: text.count + 1)
        reachable[0] = true
        for symbol in pattern {
            var next = [Bool](repeating: false, count: text.count + 1)
            if symbol == "*" {
                var seen = false
                for j in 0...text.count {
                    seen = seen || reachable[j]
                    next[j] = seen
                }
            } else {
                for j in 0..<text.count where reachable[j] && text[j] == symbol { next[j + 1] = true }
            }
            reachable = next
            if !reachable.contains(true) { return false }
        }
        return anchored ? reachable[text.count] : reachable.contains(true)
    }
}
