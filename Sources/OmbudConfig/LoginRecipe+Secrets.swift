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
            (name, try OmbudConfiguration.resolvingSecrets(in: value, key: "login.fields.\(name)", code: .loginMissingSecret,
                                                           environment: environment))
        }
    }
}

extension OmbudConfiguration {
    /// `value` with every `${NAME}` replaced from `environment`: how tokens and passwords stay out
    /// of the configuration files.
    ///
    /// Throws ``OmbudError`` `code` naming `key` and the variable (never a value) when one is unset.
    public static func resolvingSecrets(in value: String, key: String, code: OmbudError.Code,
                                        environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        var resolved = value
        for variable in LoginRecipe.variables(in: value) {
            guard let secret = environment[variable] else {
                throw OmbudError(code: code, message: "the environment variable \(variable) is not set", context: ["key": key],
                                 fix: "export \(variable)=… before running ombud")
            }
            resolved = resolved.replacingOccurrences(of: "${\(variable)}", with: secret)
        }
        return resolved
    }
}
