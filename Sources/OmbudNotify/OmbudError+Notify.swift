import OmbudCore

/// The error codes this module raises (see ``OmbudError/Code``).
extension OmbudError.Code {
    /// `notify.rejected`: the … webhook answered HTTP … (raised in WebhookNotifier.swift).
    public static let notifyRejected = Self(rawValue: "notify.rejected")
    /// `notify.unreachable`: the … webhook could not be reached: … (raised in WebhookNotifier.swift).
    public static let notifyUnreachable = Self(rawValue: "notify.unreachable")
}
