import OmbudCore

/// The error codes this module raises (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `grouping.invalid`: must be at least 1 (raised in Grouper.swift).
    public static let groupingInvalid = Self(rawValue: "grouping.invalid")
}
