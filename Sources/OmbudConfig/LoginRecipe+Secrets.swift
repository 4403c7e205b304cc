import Foundation
import OmbudCore

extension OmbudConfiguration.LoginRecipe {
    private static let reference = try! TextPattern(#"\$\{([A-Za-z_][A-Za-z0-9_]*)\}"#)

    /// The environment variables a value names as `${NAME}`.
    public static func variables(in value: String) -> [String] {
        reference.matches(in: value).compactMap { $0.groups.first ?? nil }
    }

    /// The form fields with every `${NAME}` replaced from `environment`.
    ///
    /// Throws ``OmbudError`` `login.missing_secret` naming the variable (never its value).
    public func resolvedFields(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [(String, String)] {
        try fields.sorted { $0.key < $1.key }.map { name, value in
            var resolved = value
            for variable in Self.variables(in: value) {
                guard let secret = environment[variable] else {
                    throw OmbudError(code: "login.missing_secret", message: "the environment variable \(variable) is not set",
                                     context: ["key": "login.fields.\(name)"], fix: "export \(variable)=… before running ombud")
                }
                resolved = resolved.replacingOccurrences(of: "${\(variable)}", with: secret)
            }
            return (name, resolved)
        }
    }
}
