import OmbudCore

/// The error codes this module raises (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `lint.bad_level`: level must be error or warning, not '…' (raised in Linter.swift).
    public static let lintBadLevel = Self(rawValue: "lint.bad_level")
    /// `lint.bad_length`: a reply cannot be limited to … characters (raised in Linter.swift).
    public static let lintBadLength = Self(rawValue: "lint.bad_length")
    /// `lint.empty_rule`: rule has neither phrases nor patterns (raised in Linter.swift).
    public static let lintEmptyRule = Self(rawValue: "lint.empty_rule")
}
