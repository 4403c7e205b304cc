/// An error a user can act on: a stable code, what went wrong, where, and what to do.
///
/// Every C, network, file and configuration boundary maps its failures into this type once;
/// code above those boundaries passes it on unchanged.
public struct OmbudError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable machine-readable code such as `config.unknown_key` or `fetch.http_status`.
    public var code: Code
    /// What went wrong, in a sentence.
    public var message: String
    /// Where: file, key path, URL, source; shown as `key=value` pairs.
    public var context: [String: String]
    /// What the user should do about it.
    public var fix: String?

    /// Creates an error.
    public init(code: Code, message: String, context: [String: String] = [:], fix: String? = nil) {
        self.code = code
        self.message = message
        self.context = context
        self.fix = fix
    }

    /// `code: message (k=v, …). Fix: …`, the form printed to users.
    public var description: String {
        var text = "\(code): \(message)"
        if !context.isEmpty {
            text += " (" + context.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + ")"
        }
        if let fix { text += ". Fix: \(fix)" }
        return text
    }
}

extension OmbudError {
    /// A stable machine-readable error code, `domain.reason` (`config.unknown_key`).
    ///
    /// Each module declares the codes it raises as constants (`OmbudError.Code.configUnknownKey`
    /// in `OmbudError+Config.swift`), so a code is spelled once and a misspelt one does not
    /// compile; the text is what people and scripts see and never changes.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code as people and scripts see it.
        public let rawValue: String

        /// A code; declare it once, as a constant of the module that raises it.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The part before the dot: which stage raised it (`config`, `fetch`, `model`).
        public var domain: Substring { rawValue.prefix { $0 != "." } }

        public var description: String { rawValue }
    }

    /// Runs `body`, adding `context` (where the failure happened: file, key, rule) to any
    /// ``OmbudError`` it throws; keys the error already has are kept.
    public static func locating<T>(_ context: [String: String], _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as OmbudError {
            error.context.merge(context) { own, _ in own }
            throw error
        }
    }
}
