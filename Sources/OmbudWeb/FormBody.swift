import Foundation

/// An `application/x-www-form-urlencoded` body, as the dashboard's forms (and forums' reply forms) send it.
public struct FormBody: Sendable {
    private var fields: [String: [String]] = [:]

    /// Parses `text`; `+` is a space, `%XX` a byte.
    public init(_ text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            fields[name, default: []].append(parts.count > 1 ? Self.decode(parts[1]) ?? "" : "")
        }
    }

    /// The first value of `name`, if sent.
    public subscript(_ name: String) -> String? { fields[name]?.first }

    /// Every value of `name` (checkboxes), in order.
    public func all(_ name: String) -> [String] { fields[name] ?? [] }

    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
