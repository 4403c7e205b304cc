import Foundation

/// An `application/x-www-form-urlencoded` body, as the dashboard's forms send it.
struct FormBody: Sendable {
    private var fields: [String: String] = [:]

    /// Parses `text`; `+` is a space, `%XX` a byte; a field given twice keeps its first value.
    init(_ text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
            if fields[name] == nil { fields[name] = value }
        }
    }

    /// The value of `name`, if sent.
    subscript(_ name: String) -> String? { fields[name] }

    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
