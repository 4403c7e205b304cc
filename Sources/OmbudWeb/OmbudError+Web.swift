import OmbudCore

/// The error codes this module raises (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `action.bad_form`: the form lacks its thread (raised in Dashboard.swift).
    public static let actionBadForm = Self(rawValue: "action.bad_form")
}
